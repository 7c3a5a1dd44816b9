import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { addIngestOptions, ingestOptionsFrom } from '../../src/cli/ingest-options.js';
import { UserInputError } from '../../src/errors.js';

function parsed(args: string[]) {
  const command = addIngestOptions(new Command('x').exitOverride());
  command.parse(args, { from: 'user' });
  return ingestOptionsFrom(command.opts());
}

function errorOf(action: () => unknown): UserInputError {
  try {
    action();
  } catch (err) {
    if (err instanceof UserInputError) return err;
    throw err;
  }
  throw new Error('expected a UserInputError');
}

describe('shared ingest options', () => {
  it('has documented defaults', () => {
    expect(parsed([])).toEqual({ decimal: '.', onBadRow: 'fail', period: 'week', zeroAmount: 'purchase' });
  });

  it('turns every option into IngestOptions', () => {
    expect(
      parsed([
        '--delimiter', 'tab', '--decimal', ',', '--columns', 'customer=CustomerID, date=Invoice Date',
        '--date-format', 'M/D/YYYY H:mm', '--on-bad-row', 'skip', '--calibration-end', '2024-06-30', '--period', 'month',
        '--zero-amount', 'ignore',
      ]),
    ).toEqual({
      delimiter: '\t',
      decimal: ',',
      columns: { customer: 'CustomerID', date: 'Invoice Date' },
      dateFormat: 'M/D/YYYY H:mm',
      onBadRow: 'skip',
      calibrationEnd: '2024-06-30',
      period: 'month',
      zeroAmount: 'ignore',
    });
    expect(parsed(['--delimiter', ';']).delimiter).toBe(';');
    expect(parsed(['--delimiter', '\\t']).delimiter).toBe('\t');
  });

  it.each([
    [['--delimiter', '|'], '--delimiter'],
    [['--decimal', ';'], '--decimal'],
    [['--columns', 'client=CustomerID'], '--columns'],
    [['--columns', 'customer='], '--columns'],
    [['--date-format', 'DD.MM.YY'], '--date-format'],
    [['--on-bad-row', 'ignore'], '--on-bad-row'],
    [['--zero-amount', 'skip'], '--zero-amount'],
    [['--calibration-end', '2024-02-30'], '--calibration-end'],
    [['--calibration-end', '31.12.2024'], '--calibration-end'],
    [['--period', 'year'], '--period'],
  ])('rejects %j naming the option', (args, option) => {
    const error = errorOf(() => parsed(args));
    expect(error.location.field).toBe(option);
    expect(error.format()).toContain(option);
  });
});
