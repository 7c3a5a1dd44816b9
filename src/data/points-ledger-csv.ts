/**
 * Reading a points ledger CSV (`loyalty-sim liability`): a header
 * `period,sales,points_issued,points_redeemed,expected_redemptions` (any order, names matched
 * ignoring case and surrounding spaces, other columns ignored) and one row per period. Every
 * problem stops the read with a UserInputError naming the file, the line and the column
 * (checks in points-ledger-rows.ts).
 */
import { shortened, UserInputError } from '../errors.js';
import { readCsvRecords, smallCsvSetup } from './csv-file-reader.js';
import { CsvTokenizer, FieldQuoting, fieldText, type MalformedRecord } from './csv-tokenizer.js';
import { parseDecimalNumber } from './decimal-number.js';
import { MAX_ROW_AMOUNT, MAX_ROW_AMOUNT_TEXT } from './money.js';
import {
  POINTS_LEDGER_COLUMNS,
  POINTS_LEDGER_FIELDS,
  PointsLedgerChecker,
  type PointsLedgerField,
  type PointsLedgerPeriod,
} from './points-ledger-rows.js';

const DOT = 46;
const EXPECTED_HEADER = POINTS_LEDGER_FIELDS.map((field) => POINTS_LEDGER_COLUMNS[field]).join(',');

/** The periods of a ledger CSV with the line each was read from (1-based; the header is line 1). */
export interface PointsLedgerFile {
  file: string;
  periods: PointsLedgerPeriod[];
  lines: number[];
}

/** Read and check a points ledger CSV. */
export async function readPointsLedgerCsv(file: string, options: { onWaiting?: (file: string) => void } = {}): Promise<PointsLedgerFile> {
  const emptyHint = `Expected the header ${EXPECTED_HEADER} and one row per period, e.g. 2025,100000,10000,4500,9500.`;
  let tokenizer!: CsvTokenizer;
  const setUp = smallCsvSetup(file, emptyHint, (created) => (tokenizer = created));
  const periods: PointsLedgerPeriod[] = [];
  const lines: number[] = [];
  const checker = new PointsLedgerChecker((index) => `on line ${lines[index]}`);
  let header: string[] | null = null;
  let columns: Record<PointsLedgerField, number> | null = null;

  const fail = (line: number, field: PointsLedgerField | undefined, message: string, hint?: string): never => {
    const name = field === undefined || header === null || columns === null ? undefined : `column '${header[columns[field]]}'`;
    throw new UserInputError(message, { file, line, field: name }, hint);
  };

  const readHeader = (fieldCount: number, line: number, malformed: MalformedRecord | null): void => {
    if (malformed !== null) fail(line, undefined, 'the header line has a quote that is never closed or is followed by text');
    header = [];
    for (let k = 0; k < fieldCount; k++) header.push(fieldText(tokenizer, k));
    const names = header.map((name) => name.trim().toLowerCase());
    const found = {} as Record<PointsLedgerField, number>;
    for (const field of POINTS_LEDGER_FIELDS) {
      const index = names.indexOf(POINTS_LEDGER_COLUMNS[field]);
      if (index < 0) {
        fail(line, undefined, `missing required column '${POINTS_LEDGER_COLUMNS[field]}'`, `The header has: ${header.map((name) => `'${name}'`).join(', ')}. Expected: ${EXPECTED_HEADER}.`);
      }
      found[field] = index;
    }
    columns = found;
  };

  const number = (index: number): number => {
    if (tokenizer.fieldQuoting[index] === FieldQuoting.QuotedWithEscapes) return NaN;
    return parseDecimalNumber(tokenizer.bytes, tokenizer.fieldStart[index], tokenizer.fieldEnd[index], DOT);
  };

  const onWaiting = options.onWaiting;
  await readCsvRecords(file, setUp, (fieldCount, line, malformed) => {
    if (columns === null || header === null) {
      readHeader(fieldCount, line, malformed);
      return;
    }
    if (malformed !== null) fail(line, undefined, 'a quote is never closed or is followed by text', 'A quoted field must end with a quote followed by a comma or the line end.');
    if (fieldCount !== header.length) fail(line, undefined, `expected ${header.length} fields as in the header, found ${fieldCount}`);
    const row: PointsLedgerPeriod = { period: fieldText(tokenizer, columns.period).trim(), sales: 0, pointsIssued: 0, pointsRedeemed: 0, expectedRedemptions: 0 };
    for (const field of ['sales', 'pointsIssued', 'pointsRedeemed', 'expectedRedemptions'] as const) {
      const value = number(columns[field]);
      if (Number.isNaN(value)) {
        const text = shortened(fieldText(tokenizer, columns[field]).trim());
        fail(
          line,
          field,
          text === '' ? 'the value is blank' : `'${text}' is not a number`,
          'Write numbers like 1234.5 or 0 (a dot as decimal mark, no thousands separators or currency symbols).',
        );
      }
      if (Math.abs(value) > MAX_ROW_AMOUNT) {
        fail(
          line,
          field,
          `'${shortened(fieldText(tokenizer, columns[field]).trim())}' is too large: values above ${MAX_ROW_AMOUNT_TEXT} per period are not read`,
          'Such a value is an export error (a code, cents read as units): check the column.',
        );
      }
      row[field] = value;
    }
    const problem = checker.check(row, periods.length);
    if (problem !== null) fail(line, problem.field, problem.message, problem.hint);
    periods.push(row);
    lines.push(line);
  }, { onWaiting: onWaiting && (() => onWaiting(file)) });
  if (columns === null) throw new UserInputError('the file is empty', { file }, emptyHint);
  if (periods.length === 0) throw new UserInputError('no data rows after the header', { file }, `Add one row per period below the header, e.g. 2025,100000,10000,4500,9500.`);
  return { file, periods, lines };
}
