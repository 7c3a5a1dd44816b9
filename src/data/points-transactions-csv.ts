/**
 * Reading a program's points transactions CSV (`loyalty-sim breakage`): a header with
 * `customer_id`, `date` and `points` (any order, names matched ignoring case and surrounding
 * spaces, other columns ignored) and an optional `type` column (earn, redeem, expire, adjust).
 * One row per transaction, in any order.
 *
 * Sign rules: without a `type` column, positive points are earned and negative points redeemed.
 * With it, the type decides: `earn` adds the points, `redeem` and `expire` take them away whatever
 * their sign, and `adjust` adds or takes away as its sign says. A row of 0 points is read and has
 * no effect. Every problem stops the read with a UserInputError naming the file, the line and the
 * column.
 */
import { shortened, UserInputError } from '../errors.js';
import { readCsvRecords, smallCsvSetup } from './csv-file-reader.js';
import { CsvTokenizer, FieldQuoting, fieldText, type MalformedRecord } from './csv-tokenizer.js';
import { parseDecimalNumber } from './decimal-number.js';
import { describeIsoDateProblem, parseIsoDate } from './iso-date.js';
import { MAX_ROW_AMOUNT, MAX_ROW_AMOUNT_TEXT } from './money.js';

const DOT = 46;

/** What a transaction does to a customer's points. */
export type PointsTransactionKind = 'earn' | 'redeem' | 'expire' | 'adjust';
export const POINTS_TRANSACTION_KINDS: readonly PointsTransactionKind[] = ['earn', 'redeem', 'expire', 'adjust'];

/** One transaction: `points` is signed (positive adds to the customer's balance, negative takes away). */
export interface PointsTransaction {
  customerId: string;
  /** Day number of the date (src/data/calendar.ts). */
  day: number;
  points: number;
  kind: PointsTransactionKind;
}

/** The transactions of a file with the line each was read from (1-based; the header is line 1). */
export interface PointsTransactionsFile {
  file: string;
  transactions: PointsTransaction[];
  lines: number[];
}

const REQUIRED = ['customer_id', 'date', 'points'] as const;
const EXAMPLE = 'customer_id,date,points with rows like C1,2025-01-15,120 (earned) and C1,2025-03-02,-100 (redeemed)';

/** Read and check a points transactions CSV. */
export async function readPointsTransactionsCsv(file: string, options: { onWaiting?: (file: string) => void } = {}): Promise<PointsTransactionsFile> {
  const emptyHint = `Expected the header ${EXAMPLE}.`;
  let tokenizer!: CsvTokenizer;
  const setUp = smallCsvSetup(file, emptyHint, (created) => (tokenizer = created));
  const transactions: PointsTransaction[] = [];
  const lines: number[] = [];
  let header: string[] | null = null;
  let columns: { customer_id: number; date: number; points: number; type: number } | null = null;

  const fail = (line: number, column: number | undefined, message: string, hint?: string): never => {
    const name = column === undefined || header === null ? undefined : `column '${header[column]}'`;
    throw new UserInputError(message, { file, line, field: name }, hint);
  };

  const readHeader = (fieldCount: number, line: number, malformed: MalformedRecord | null): void => {
    if (malformed !== null) fail(line, undefined, 'the header line has a quote that is never closed or is followed by text');
    const names: string[] = [];
    for (let k = 0; k < fieldCount; k++) names.push(fieldText(tokenizer, k));
    header = names;
    const lower = names.map((name) => name.trim().toLowerCase());
    for (const column of REQUIRED) {
      if (!lower.includes(column)) {
        fail(line, undefined, `missing required column '${column}'`, `The header has: ${names.map((name) => `'${name}'`).join(', ')}. Expected ${EXAMPLE}; a type column (earn, redeem, expire, adjust) is optional.`);
      }
    }
    columns = { customer_id: lower.indexOf('customer_id'), date: lower.indexOf('date'), points: lower.indexOf('points'), type: lower.indexOf('type') };
  };

  await readCsvRecords(
    file,
    setUp,
    (fieldCount, line, malformed) => {
      if (columns === null || header === null) {
        readHeader(fieldCount, line, malformed);
        return;
      }
      if (malformed !== null) fail(line, undefined, 'a quote is never closed or is followed by text', 'A quoted field must end with a quote followed by a comma or the line end.');
      if (fieldCount !== header.length) fail(line, undefined, `expected ${header.length} fields as in the header, found ${fieldCount}`);
      const customerId = fieldText(tokenizer, columns.customer_id).trim();
      if (customerId === '') fail(line, columns.customer_id, 'the customer id is blank', 'Every row needs the customer whose points it moves.');
      const day = parseIsoDate(tokenizer.bytes, tokenizer.fieldStart[columns.date], tokenizer.fieldEnd[columns.date]);
      if (Number.isNaN(day)) {
        const text = fieldText(tokenizer, columns.date).trim();
        const why = describeIsoDateProblem(text);
        fail(line, columns.date, text === '' ? 'the date is blank' : `'${shortened(text)}' is not a date${why === null ? '' : `: ${why}`}`, 'Write dates as YYYY-MM-DD, e.g. 2025-03-31.');
      }
      const pointsColumn = columns.points;
      const value = tokenizer.fieldQuoting[pointsColumn] === FieldQuoting.QuotedWithEscapes ? NaN : parseDecimalNumber(tokenizer.bytes, tokenizer.fieldStart[pointsColumn], tokenizer.fieldEnd[pointsColumn], DOT);
      if (Number.isNaN(value)) {
        const text = shortened(fieldText(tokenizer, pointsColumn).trim());
        fail(line, pointsColumn, text === '' ? 'the points value is blank' : `'${text}' is not a number`, 'Write points like 120 or -100 (no thousands separators).');
      }
      if (Math.abs(value) > MAX_ROW_AMOUNT) {
        fail(line, pointsColumn, `'${shortened(fieldText(tokenizer, pointsColumn).trim())}' is too large: values above ${MAX_ROW_AMOUNT_TEXT} per row are not read`, 'Such a value is an export error: check the column.');
      }
      let kind: PointsTransactionKind = value < 0 ? 'redeem' : 'earn';
      let points = value;
      if (columns.type >= 0) {
        const text = fieldText(tokenizer, columns.type).trim().toLowerCase();
        const named = POINTS_TRANSACTION_KINDS.find((candidate) => candidate === text);
        if (named === undefined) fail(line, columns.type, `'${shortened(text)}' is not a transaction type`, `Use ${POINTS_TRANSACTION_KINDS.join(', ')}.`);
        kind = named!;
        if (kind === 'earn') points = Math.abs(value);
        else if (kind === 'redeem' || kind === 'expire') points = -Math.abs(value);
      }
      transactions.push({ customerId, day, points, kind });
      lines.push(line);
    },
    { onWaiting: options.onWaiting && (() => options.onWaiting!(file)) },
  );
  if (columns === null) throw new UserInputError('the file is empty', { file }, emptyHint);
  if (transactions.length === 0) throw new UserInputError('no data rows after the header', { file }, `Add one row per points transaction below the header: ${EXAMPLE}.`);
  return { file, transactions, lines };
}
