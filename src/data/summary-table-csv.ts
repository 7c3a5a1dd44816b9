/**
 * Reading a per-customer summary table instead of a purchase history: the CSV `summarize
 * --customers-out` writes (or a warehouse query that makes the same table), one row per customer
 * whose first purchase is on or before the calibration end:
 *
 *   customer_id,x,t_x,T,monetary_value,holdout_purchases,holdout_value,total_spend,gross_margin[,repeat_value,valued_repeats]
 *
 * Columns are found by name (ignoring case and surrounding spaces), in any order; customer_id, x,
 * t_x, T and monetary_value are required, the others optional (a column the table does not have is
 * unknown: no holdout purchases, no spend or margin). The table says nothing of its time unit and
 * calibration end, so the caller gives them (a scenario's data.period and data.calibrationEnd).
 *
 * Exactness: t_x and T are read to the day (the ingest measures them in whole days from the first
 * purchase day: days / days per period), so 6 decimals give back the ingest's numbers exactly.
 * monetary_value written to 6 decimals does not; with repeat_value (the value of the repeat
 * purchase days of positive value, before returns) and valued_repeats (how many there are), the
 * mean is repeat_value / valued_repeats, the ingest's own division (customer-summaries-from-ledger.ts).
 *
 * Streamed in 4 MiB chunks; memory grows with customers. Every problem stops the read with a
 * UserInputError naming the file, the line, the column (its number and name) and what is wrong:
 * malformed rows, numbers that are not numbers, and values no purchase history gives (t_x > T,
 * x < 0, x = 0 with t_x > 0, a negative mean value, a customer listed twice).
 */
import { isoDate, parseIsoDateString } from './calendar.js';
import { type CustomerSummaries, type Period, DAYS_PER_PERIOD } from './customer-summary.js';
import { withCapacity } from './growable-array.js';
import { shortened } from '../errors.js';
import { NamedColumnTable } from './named-column-table.js';

/** The columns of the table, in the order `summarize --customers-out` writes them. */
export const SUMMARY_TABLE_COLUMNS = [
  'customer_id',
  'x',
  't_x',
  'T',
  'monetary_value',
  'holdout_purchases',
  'holdout_value',
  'total_spend',
  'gross_margin',
  'repeat_value',
  'valued_repeats',
] as const;
export type SummaryTableColumn = (typeof SUMMARY_TABLE_COLUMNS)[number];

const REQUIRED: readonly SummaryTableColumn[] = ['customer_id', 'x', 't_x', 'T', 'monetary_value'];

/**
 * How far (in days) a time may be from a whole number of days: 6 decimals of a month (30.44 days)
 * are within 1.6e-5 days of it; anything farther was not measured in days from purchase days.
 */
const WHOLE_DAY_TOLERANCE = 1e-3;
/** How far monetary_value may be from repeat_value / valued_repeats: half a unit of the 6th decimal it is written to, and some. */
const MEAN_TOLERANCE = 1e-6;

export interface SummaryTableOptions {
  /** Time unit of t_x and T. */
  period: Period;
  /** Last day of the calibration period, YYYY-MM-DD. */
  calibrationEnd: string;
  /** Last day of the data after the calibration end (the holdout's end), YYYY-MM-DD, when the table's holdout columns count up to it. */
  holdoutEnd?: string;
  onWaiting?: (file: string) => void;
}

export interface SummaryTable {
  summaries: CustomerSummaries;
  /** The columns the file has, as SUMMARY_TABLE_COLUMNS names them. */
  columns: SummaryTableColumn[];
  /** Whether the mean repeat values are exact (repeat_value and valued_repeats given) rather than read to 6 decimals. */
  exactMonetaryValues: boolean;
}

const EXAMPLE = SUMMARY_TABLE_COLUMNS.slice(0, 9).join(',');

/** Growing per-customer columns. */
class Columns {
  size = 0;
  x = new Float64Array(1024);
  tx = new Float64Array(1024);
  T = new Float64Array(1024);
  monetaryValue = new Float64Array(1024);
  holdoutPurchases = new Float64Array(1024);
  holdoutValue = new Float64Array(1024);
  totalSpend = new Float64Array(1024);
  grossMargin = new Float64Array(1024);
  repeatValue = new Float64Array(1024);
  valuedRepeats = new Float64Array(1024);

  grow(): void {
    if (this.size < this.x.length) return;
    const capacity = this.x.length * 2;
    for (const key of ['x', 'tx', 'T', 'monetaryValue', 'holdoutPurchases', 'holdoutValue', 'totalSpend', 'grossMargin', 'repeatValue', 'valuedRepeats'] as const) {
      this[key] = withCapacity(this[key], capacity);
    }
  }
}

/** Read and check a per-customer summary table (see the file comment). */
export async function readSummaryTableCsv(file: string, options: SummaryTableOptions): Promise<SummaryTable> {
  const daysPerPeriod = DAYS_PER_PERIOD[options.period];
  const calibrationEndDay = parseIsoDateString(options.calibrationEnd);
  const reader = new NamedColumnTable(file, {
    columns: SUMMARY_TABLE_COLUMNS,
    required: REQUIRED,
    name: 'summary table',
    emptyHint: `Expected the header ${EXAMPLE} (as summarize --customers-out writes it) and one row per customer.`,
    numberExamples: '3, 1.428571 or -12.5',
    rowsName: 'customers',
  });
  const fail = reader.fail.bind(reader);
  const at = (column: SummaryTableColumn) => reader.fieldOf(column);
  const firstLine = new Map<string, number>();
  const ids: string[] = [];
  const table = new Columns();
  let maxTDays = 0;

  const checkHeader = (line: number): void => {
    if (reader.has('repeat_value') !== reader.has('valued_repeats')) {
      const missing = reader.has('repeat_value') ? 'valued_repeats' : 'repeat_value';
      fail(line, undefined, `missing column '${missing}': repeat_value and valued_repeats go together`, 'Give both (monetary_value = repeat_value / valued_repeats) or neither.');
    }
  };
  const numberAt = (line: number, column: SummaryTableColumn, blankIsUnknown = false): number => reader.numberAt(line, column, blankIsUnknown);
  const wholeCountAt = (line: number, column: SummaryTableColumn, what: string): number => reader.wholeCountAt(line, column, what);
  /** A time in periods, read to the day: the whole days it stands for. */
  const daysAt = (line: number, column: SummaryTableColumn): number => {
    const value = numberAt(line, column);
    if (value < 0) fail(line, at(column), `${value} is negative: times are counted from the customer's first purchase`);
    const days = Math.round(value * daysPerPeriod);
    if (Math.abs(value * daysPerPeriod - days) > WHOLE_DAY_TOLERANCE) {
      fail(line, at(column), `${value} ${options.period}s is not a whole number of days (${value * daysPerPeriod} days)`, `Times are measured in whole days between purchase days, in ${options.period}s of ${daysPerPeriod} days: is data.period the unit the table was made in?`);
    }
    return days;
  };

  const readRow = (line: number): void => {
    const id = reader.textAt('customer_id');
    if (id.trim() === '') fail(line, at('customer_id'), 'the customer id is blank', 'Every row needs the id of one customer.');
    const seen = firstLine.get(id);
    if (seen !== undefined) fail(line, at('customer_id'), `customer '${shortened(id)}' is listed twice (first on line ${seen})`, 'A summary table has one row per customer.');
    const x = wholeCountAt(line, 'x', 'a number of repeat purchases');
    const txDays = daysAt(line, 't_x');
    const TDays = daysAt(line, 'T');
    if (txDays > TDays) fail(line, at('t_x'), `t_x (${numberAt(line, 't_x')}) is after T (${numberAt(line, 'T')}): the last purchase cannot come after the calibration end`);
    if (x === 0 && txDays > 0) fail(line, at('t_x'), `t_x is ${numberAt(line, 't_x')} but x is 0: a customer without repeat purchases has t_x = 0`);
    if (x > 0 && txDays === 0) fail(line, at('t_x'), `t_x is 0 but x is ${x}: repeat purchases are on days after the first, so t_x is at least 1 day`);
    const mean = numberAt(line, 'monetary_value');
    if (mean < 0) fail(line, at('monetary_value'), `${mean} is negative: the mean value of repeat purchases of positive value is 0 or more`);

    table.grow();
    const k = table.size;
    table.x[k] = x;
    // The ingest's own division (customer-summaries-from-ledger.ts), so the numbers are its numbers.
    table.tx[k] = txDays / daysPerPeriod;
    table.T[k] = TDays / daysPerPeriod;
    table.monetaryValue[k] = mean;
    if (reader.has('repeat_value')) {
      const repeatValue = numberAt(line, 'repeat_value');
      const valued = wholeCountAt(line, 'valued_repeats', 'a number of repeat purchases');
      if (repeatValue < 0) fail(line, at('repeat_value'), `${repeatValue} is negative: repeat purchases of positive value sum to 0 or more`);
      if (valued > x) fail(line, at('valued_repeats'), `${valued} is more than the ${x} repeat purchases (x)`);
      if (valued === 0 && repeatValue !== 0) fail(line, at('repeat_value'), `${repeatValue} without repeat purchases of positive value (valued_repeats is 0)`);
      const exact = valued > 0 ? repeatValue / valued : 0;
      if (Math.abs(exact - mean) > MEAN_TOLERANCE * Math.max(1, Math.abs(exact))) {
        fail(line, at('monetary_value'), `${mean} is not repeat_value / valued_repeats (${repeatValue} / ${valued} = ${exact})`);
      }
      table.repeatValue[k] = repeatValue;
      table.valuedRepeats[k] = valued;
      table.monetaryValue[k] = exact;
    }
    table.holdoutPurchases[k] = reader.has('holdout_purchases') ? wholeCountAt(line, 'holdout_purchases', 'a number of purchases') : 0;
    table.holdoutValue[k] = reader.has('holdout_value') ? numberAt(line, 'holdout_value') : 0;
    table.totalSpend[k] = reader.has('total_spend') ? numberAt(line, 'total_spend') : NaN;
    table.grossMargin[k] = reader.has('gross_margin') ? numberAt(line, 'gross_margin', true) : NaN;
    table.size++;
    firstLine.set(id, line);
    ids.push(id);
    if (TDays > maxTDays) maxTDays = TDays;
  };

  await reader.read(readRow, { onHeader: checkHeader, ...(options.onWaiting ? { onWaiting: options.onWaiting } : {}) });

  const n = table.size;
  const exactMonetaryValues = reader.has('repeat_value');
  const summaries: CustomerSummaries = {
    period: options.period,
    // The first purchase day of the customers: the one with the longest T.
    calibrationStart: isoDate(calibrationEndDay - maxTDays),
    calibrationEnd: options.calibrationEnd,
    ids,
    x: table.x.slice(0, n),
    tx: table.tx.slice(0, n),
    T: table.T.slice(0, n),
    monetaryValue: table.monetaryValue.slice(0, n),
    totalSpend: table.totalSpend.slice(0, n),
    grossMargin: table.grossMargin.slice(0, n),
    holdoutPurchases: table.holdoutPurchases.slice(0, n),
    holdoutValue: table.holdoutValue.slice(0, n),
    ...(exactMonetaryValues ? { repeatValue: table.repeatValue.slice(0, n), valuedRepeats: table.valuedRepeats.slice(0, n) } : {}),
  };
  if (options.holdoutEnd !== undefined) summaries.holdoutEnd = options.holdoutEnd;
  const columns = SUMMARY_TABLE_COLUMNS.filter((column) => reader.has(column));
  return { summaries, columns, exactMonetaryValues };
}
