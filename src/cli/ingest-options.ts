/**
 * The options every command that reads a purchase history shares (`summarize`, `fit`, `run`):
 * how to read the CSV and how to cut it into calibration and holdout periods.
 */
import { Option, type Command } from 'commander';
import { UserInputError } from '../errors.js';
import { parseColumnMapping } from '../data/column-mapping.js';
import { parseIsoDateString } from '../data/calendar.js';
import { compileDateFormat, DateFormatError } from '../data/date-format.js';
import type { IngestOptions } from '../data/ingest.js';
import type { Period } from '../data/customer-summary.js';

/** The raw values commander collects for the ingest options. */
export interface IngestOptionValues {
  delimiter?: string;
  decimal?: string;
  columns?: string;
  dateFormat?: string;
  onBadRow?: string;
  calibrationEnd?: string;
  period?: string;
  zeroAmount?: string;
}

/** Add the shared ingest options to a command. */
export function addIngestOptions(command: Command): Command {
  return command
    .addOption(new Option('--delimiter <char>', "field delimiter: ',' ';' or tab (default: detected from the header line)"))
    .addOption(new Option('--decimal <char>', "decimal separator of numbers: '.' or ','").default('.'))
    .addOption(new Option('--columns <mapping>', 'map roles to your column names, e.g. customer=CustomerID,date=InvoiceDate,amount=Total'))
    .addOption(new Option('--date-format <pattern>', 'date pattern when dates are not ISO 8601 or YYYYMMDD, e.g. DD.MM.YYYY or "M/D/YYYY H:mm"'))
    .addOption(new Option('--on-bad-row <action>', 'what to do with an unreadable row: fail (stop with its line number) or skip (skip and count)').default('fail'))
    .addOption(new Option('--calibration-end <date>', 'last day of the calibration period, YYYY-MM-DD; later purchases form the holdout (default: the last date in the file)'))
    .addOption(new Option('--period <unit>', 'time unit of t_x and T: day, week or month').default('week'))
    .addOption(new Option('--zero-amount <rule>', 'a row of amount 0: purchase (a purchase of value 0, e.g. paid with points) or ignore (not a purchase)').default('purchase'));
}

const DELIMITER_NAMES: Record<string, ',' | ';' | '\t'> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
};

/** Check the option values and turn them into IngestOptions; a bad value is a UserInputError naming the option. */
export function ingestOptionsFrom(values: IngestOptionValues): IngestOptions {
  const options: IngestOptions = {};
  if (values.delimiter !== undefined) {
    const delimiter = DELIMITER_NAMES[values.delimiter.toLowerCase()];
    if (delimiter === undefined) {
      throw new UserInputError(`'${values.delimiter}' is not a supported delimiter`, { field: '--delimiter' }, "Use ',' ';' or tab (written tab or \\t), or leave it out to detect it.");
    }
    options.delimiter = delimiter;
  }
  if (values.decimal !== undefined) {
    if (values.decimal !== '.' && values.decimal !== ',') {
      throw new UserInputError(`'${values.decimal}' is not a decimal separator`, { field: '--decimal' }, "Use '.' (1234.5) or ',' (1234,5).");
    }
    options.decimal = values.decimal;
  }
  if (values.columns !== undefined) options.columns = parseColumnMapping(values.columns, '--columns');
  if (values.dateFormat !== undefined) {
    try {
      compileDateFormat(values.dateFormat);
    } catch (err) {
      if (err instanceof DateFormatError) {
        throw new UserInputError(`'${values.dateFormat}': ${err.message}`, { field: '--date-format' }, 'Example: --date-format DD.MM.YYYY or --date-format "M/D/YYYY H:mm".');
      }
      throw err;
    }
    options.dateFormat = values.dateFormat;
  }
  if (values.onBadRow !== undefined) {
    if (values.onBadRow !== 'fail' && values.onBadRow !== 'skip') {
      throw new UserInputError(`'${values.onBadRow}' is not an action`, { field: '--on-bad-row' }, 'Use fail (stop at the first bad row) or skip (skip bad rows and count them).');
    }
    options.onBadRow = values.onBadRow;
  }
  if (values.calibrationEnd !== undefined) {
    if (Number.isNaN(parseIsoDateString(values.calibrationEnd))) {
      throw new UserInputError(`'${values.calibrationEnd}' is not a date`, { field: '--calibration-end' }, 'Give the last day of the calibration period as YYYY-MM-DD, e.g. --calibration-end 2024-12-31.');
    }
    options.calibrationEnd = values.calibrationEnd.trim();
  }
  if (values.period !== undefined) options.period = parsePeriodOption(values.period);
  if (values.zeroAmount !== undefined) options.zeroAmount = parseZeroAmountOption(values.zeroAmount);
  return options;
}

/** `--zero-amount`: a row of amount 0 is a purchase of value 0 (`purchase`) or not a purchase (`ignore`). */
export function parseZeroAmountOption(text: string): 'purchase' | 'ignore' {
  if (text === 'purchase' || text === 'ignore') return text;
  throw new UserInputError(`'${text}' is not a zero-amount rule`, { field: '--zero-amount' }, 'Use purchase (a row of amount 0 is a purchase of value 0) or ignore (it is not a purchase).');
}

/** The --period option (also `generate`'s): day, week or month. */
export function parsePeriodOption(text: string): Period {
  if (text === 'day' || text === 'week' || text === 'month') return text;
  throw new UserInputError(`'${text}' is not a period`, { field: '--period' }, 'Use day, week or month.');
}

/**
 * The `onWaiting` ingest option of a command: one line on `stderr` when the input gives no data
 * for 2 s (a FIFO nobody writes to yet), instead of waiting in silence.
 */
export function waitingNotice(stderr: { write(text: string): unknown }): (file: string) => void {
  return (file) => {
    stderr.write(`waiting for data on ${file}...\n`);
  };
}
