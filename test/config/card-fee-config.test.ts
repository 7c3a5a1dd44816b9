/** A points card fee below zero fails validation with file:line:column and the field (CLI: exit 2). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { FIXTURES, locatedProblemsOf as problemsOf } from './config-problems.js';

describe('points.cardFee is validated', () => {
  it.each([
    ['negative-card-fee.yaml', 'negative-card-fee.yaml:13:16: programs[0].points.cardFee: must not be negative, got -250'],
    [
      'card-fee-range-below-zero.yaml',
      'card-fee-range-below-zero.yaml:13:16: programs[0].points.cardFee: uniform(-50, 250) can take values outside the allowed range: the value must not fall below 0',
    ],
  ])('%s', async (file, expected) => {
    expect(await problemsOf(file)).toEqual([path.join(FIXTURES, expected)]);
  });
});

describe('loyalty-sim validate and run with a negative card fee', () => {
  const file = path.join(FIXTURES, 'negative-card-fee.yaml');
  const expected = `${file}:13:16: programs[0].points.cardFee: must not be negative, got -250`;

  it.each([['validate'], ['run']])('%s exits 2 with file:line:column and no stack trace', async (command) => {
    const result = await runCliInProcess(command === 'run' ? ['run', file, '--no-progress'] : ['validate', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(expected);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });
});
