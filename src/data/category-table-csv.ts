/**
 * The product categories of a purchase history as a table, beside a per-customer summary table
 * (summary-table-csv.ts): what `summarize --categories-out` writes and `loyalty-sim sql
 * --categories` computes in a warehouse, one row per category (category-totals.ts):
 *
 *   category,revenue,gross_margin,purchase_lines,return_lines,calibration_purchased_value,calibration_returned_value
 *
 * A run takes from it what it takes from the rows of a history: each category's share of revenue
 * and margin rate (gross_margin / revenue), and the return rate of the calibration period (the
 * returned over the purchased value, summed over the categories; data-quality.ts ReturnRate).
 *
 * Exactness: the values are sums of amounts of at most 9 decimals, written so that they read back
 * as the same numbers (summarize: the shortest such text; the warehouse query: exact decimals
 * with 9 places); the sums over the categories are rounded to the most decimals the column's
 * fields have (trailing zeros not counted), as the ingest rounds its own sums to the data's
 * decimals (money.ts), so they are the ingest's sums to the last bit.
 *
 * Columns are found by name (ignoring case and surrounding spaces), in any order; all are
 * required, gross_margin may be blank (the history has no margin or cost column). Every problem
 * stops the read with a UserInputError naming the file, line and column.
 */
import { UserInputError } from '../errors.js';
import { type CategoryTotals, sortCategoryTotals } from './category-totals.js';
import { readCsvRecords, smallCsvSetup } from './csv-file-reader.js';
import { CsvTokenizer, FieldQuoting, fieldText, type MalformedRecord } from './csv-tokenizer.js';
import { returnRateOf, type ReturnRate } from './data-quality.js';
import { parseDecimalNumber } from './decimal-number.js';
import { MoneySum, roundToDecimals } from './money.js';

const DOT = 46;
const ZERO = 48;

/** The columns of the table, in the order `summarize --categories-out` writes them. */
export const CATEGORY_TABLE_COLUMNS = [
  'category',
  'revenue',
  'gross_margin',
  'purchase_lines',
  'return_lines',
  'calibration_purchased_value',
  'calibration_returned_value',
] as const;
type CategoryTableColumn = (typeof CATEGORY_TABLE_COLUMNS)[number];

/** Decimals the table's values are written to: the most the ingest rounds its sums to (money.ts). */
export const CATEGORY_TABLE_DECIMALS = 9;

export interface CategoryTable {
  /** The categories, largest revenue first (ties by name), as the ingest orders them. */
  categories: CategoryTotals[];
  /** The calibration period's return rate, from the categories' purchased and returned values. */
  returnRate: ReturnRate;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Decimals of a number written in bytes[start, end), trailing zeros not counted. */
function writtenDecimals(bytes: Uint8Array, start: number, end: number): number {
  let point = -1;
  for (let p = start; p < end; p++) if (bytes[p] === DOT) point = p;
  if (point < 0) return 0;
  let last = end;
  while (last > point + 1 && (bytes[last - 1] === ZERO || bytes[last - 1] === 32)) last--;
  return last - point - 1;
}

/** Read and check a category table (see the file comment). */
export async function readCategoryTableCsv(file: string, onWaiting?: (file: string) => void): Promise<CategoryTable> {
  const example = CATEGORY_TABLE_COLUMNS.join(',');
  const emptyHint = `Expected the header ${example} (as summarize --categories-out writes it) and one row per category.`;
  let tokenizer!: CsvTokenizer;
  const setUp = smallCsvSetup(file, emptyHint, (created) => (tokenizer = created), ',');
  let header: string[] | null = null;
  const index = new Map<CategoryTableColumn, number>();
  const firstLine = new Map<string, number>();
  const categories: CategoryTotals[] = [];
  const purchased = new MoneySum();
  const returned = new MoneySum();
  let decimals = 0;

  const fail = (line: number, column: number | undefined, message: string, hint?: string): never => {
    const located = column === undefined || header === null ? { file, line } : { file, line, column: column + 1, field: `column '${header[column]}'` };
    throw new UserInputError(message, located, hint);
  };

  const readHeader = (fieldCount: number, line: number, malformed: MalformedRecord | null): void => {
    if (malformed !== null) fail(line, undefined, 'the header line has a quote that is never closed or is followed by text');
    const names: string[] = [];
    for (let k = 0; k < fieldCount; k++) names.push(fieldText(tokenizer, k));
    header = names;
    const known = CATEGORY_TABLE_COLUMNS.map((name) => name.toLowerCase());
    names.forEach((name, k) => {
      const at = known.indexOf(name.trim().toLowerCase());
      if (at < 0) fail(line, k, `unknown column '${shorten(name)}'`, `A category table has the columns ${example}.`);
      const column = CATEGORY_TABLE_COLUMNS[at];
      if (index.has(column)) fail(line, k, `column '${column}' appears twice`);
      index.set(column, k);
    });
    for (const column of CATEGORY_TABLE_COLUMNS) {
      if (!index.has(column)) fail(line, undefined, `missing column '${column}'`, `The header has: ${names.map((name) => `'${name}'`).join(', ')}. Expected ${example}.`);
    }
  };

  /** The number in `column` of the current row; NaN for a blank field when `blankIsUnknown`. */
  const numberAt = (line: number, column: CategoryTableColumn, blankIsUnknown = false): number => {
    const k = index.get(column)!;
    const value = tokenizer.fieldQuoting[k] === FieldQuoting.QuotedWithEscapes ? NaN : parseDecimalNumber(tokenizer.bytes, tokenizer.fieldStart[k], tokenizer.fieldEnd[k], DOT);
    if (Number.isFinite(value)) return value;
    const text = fieldText(tokenizer, k).trim();
    if (text === '' && blankIsUnknown) return NaN;
    return fail(line, k, text === '' ? 'the value is blank' : `'${shorten(text)}' is not a number`, 'Write numbers like 1250, 1250.5 or -12.25 (a point as the decimal mark, no thousands separators).');
  };
  const countAt = (line: number, column: CategoryTableColumn): number => {
    const value = numberAt(line, column);
    if (!(Number.isInteger(value) && value >= 0)) fail(line, index.get(column), `${value} is not a number of lines: expected a whole number, 0 or more`);
    return value;
  };
  /** A calibration value (0 or more), its decimals counted for the rounding of the sums. */
  const calibrationValueAt = (line: number, column: CategoryTableColumn): number => {
    const value = numberAt(line, column);
    const k = index.get(column)!;
    if (value < 0) fail(line, k, `${value} is negative: ${column === 'calibration_purchased_value' ? 'purchases' : 'returns'} are counted as positive values`);
    decimals = Math.max(decimals, writtenDecimals(tokenizer.bytes, tokenizer.fieldStart[k], tokenizer.fieldEnd[k]));
    return value;
  };

  const readRow = (fieldCount: number, line: number, malformed: MalformedRecord | null): void => {
    if (malformed !== null) fail(line, undefined, 'a quote is never closed or is followed by text', 'A quoted field must end with a quote followed by a comma or the line end.');
    if (fieldCount !== header!.length) fail(line, undefined, `expected ${header!.length} fields as in the header, found ${fieldCount}`);
    const nameColumn = index.get('category')!;
    const name = fieldText(tokenizer, nameColumn);
    if (name.trim() === '') fail(line, nameColumn, 'the category is blank', "Rows without a category are the category '(none)', as summarize names them.");
    const seen = firstLine.get(name);
    if (seen !== undefined) fail(line, nameColumn, `category '${shorten(name)}' is listed twice (first on line ${seen})`, 'A category table has one row per category.');
    const purchasedValue = calibrationValueAt(line, 'calibration_purchased_value');
    const returnedValue = calibrationValueAt(line, 'calibration_returned_value');
    categories.push({
      name,
      revenue: numberAt(line, 'revenue'),
      grossMargin: numberAt(line, 'gross_margin', true),
      purchases: countAt(line, 'purchase_lines'),
      returns: countAt(line, 'return_lines'),
      calibration: { purchasedValue, returnedValue },
    });
    purchased.add(purchasedValue);
    returned.add(returnedValue);
    firstLine.set(name, line);
  };

  await readCsvRecords(
    file,
    setUp,
    (fieldCount, line, malformed) => {
      if (header === null) readHeader(fieldCount, line, malformed);
      else readRow(fieldCount, line, malformed);
    },
    { onWaiting: onWaiting && (() => onWaiting(file)) },
  );
  if (header === null) throw new UserInputError('the file is empty', { file }, emptyHint);
  if (categories.length === 0) throw new UserInputError('no categories after the header', { file }, emptyHint);
  const margins = categories.map((category) => Number.isNaN(category.grossMargin));
  if (margins.some((blank) => blank) && !margins.every((blank) => blank)) {
    const blank = categories[margins.indexOf(true)];
    throw new UserInputError(
      `category '${shorten(blank.name)}' has no gross_margin but others have one (line ${firstLine.get(blank.name)})`,
      { file, line: firstLine.get(blank.name)!, column: index.get('gross_margin')! + 1, field: "column 'gross_margin'" },
      'A history has margins for all its rows or for none: give every category its gross margin, or leave the column blank throughout.',
    );
  }
  return {
    categories: sortCategoryTotals(categories),
    returnRate: returnRateOf(roundToDecimals(purchased.total, decimals), roundToDecimals(returned.total, decimals)),
  };
}
