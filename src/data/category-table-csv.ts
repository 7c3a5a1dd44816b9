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
 * values have (trailing zeros not counted), as the ingest rounds its own sums to the data's
 * decimals (money.ts), so they are the ingest's sums to the last bit.
 *
 * Columns are found by name (ignoring case and surrounding spaces), in any order; all are
 * required, gross_margin may be blank (the history has no margin or cost column). Every problem
 * stops the read with a UserInputError naming the file, line and column.
 */
import { type CategoryTotals, sortCategoryTotals } from './category-totals.js';
import { returnRateOf, type ReturnRate } from './data-quality.js';
import { MAX_ROUNDED_DECIMALS, MoneySum, roundToDecimals } from './money.js';
import { shortened } from '../errors.js';
import { NamedColumnTable } from './named-column-table.js';

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

export interface CategoryTable {
  /** The categories, largest revenue first (ties by name), as the ingest orders them. */
  categories: CategoryTotals[];
  /** The calibration period's return rate, from the categories' purchased and returned values. */
  returnRate: ReturnRate;
}

/** The fewest decimals (at most MAX_ROUNDED_DECIMALS) that `value` has: 2 for 12.5 written 12.500000000, 0 for 3. */
function decimalsOf(value: number): number {
  let decimals = 0;
  while (decimals < MAX_ROUNDED_DECIMALS && roundToDecimals(value, decimals) !== value) decimals++;
  return decimals;
}

/** Read and check a category table (see the file comment). */
export async function readCategoryTableCsv(file: string, onWaiting?: (file: string) => void): Promise<CategoryTable> {
  const table = new NamedColumnTable(file, {
    columns: CATEGORY_TABLE_COLUMNS,
    required: CATEGORY_TABLE_COLUMNS,
    name: 'category table',
    emptyHint: `Expected the header ${CATEGORY_TABLE_COLUMNS.join(',')} (as summarize --categories-out writes it) and one row per category.`,
    numberExamples: '1250, 1250.5 or -12.25',
    rowsName: 'categories',
  });
  const firstLine = new Map<string, number>();
  const categories: CategoryTotals[] = [];
  const purchased = new MoneySum();
  const returned = new MoneySum();
  let decimals = 0;

  const countAt = (line: number, column: CategoryTableColumn): number => table.wholeCountAt(line, column, 'a number of lines');
  /** A calibration value (0 or more), its decimals counted for the rounding of the sums. */
  const calibrationValueAt = (line: number, column: CategoryTableColumn): number => {
    const value = table.numberAt(line, column);
    if (value < 0) table.fail(line, table.fieldOf(column), `${value} is negative: ${column === 'calibration_purchased_value' ? 'purchases' : 'returns'} are counted as positive values`);
    decimals = Math.max(decimals, decimalsOf(value));
    return value;
  };

  await table.read((line) => {
    const name = table.textAt('category');
    if (name.trim() === '') table.fail(line, table.fieldOf('category'), 'the category is blank', "Rows without a category are the category '(none)', as summarize names them.");
    const seen = firstLine.get(name);
    if (seen !== undefined) table.fail(line, table.fieldOf('category'), `category '${shortened(name)}' is listed twice (first on line ${seen})`, 'A category table has one row per category.');
    const purchasedValue = calibrationValueAt(line, 'calibration_purchased_value');
    const returnedValue = calibrationValueAt(line, 'calibration_returned_value');
    categories.push({
      name,
      revenue: table.numberAt(line, 'revenue'),
      grossMargin: table.numberAt(line, 'gross_margin', true),
      purchases: countAt(line, 'purchase_lines'),
      returns: countAt(line, 'return_lines'),
      calibration: { purchasedValue, returnedValue },
    });
    purchased.add(purchasedValue);
    returned.add(returnedValue);
    firstLine.set(name, line);
  }, { onWaiting });

  const margins = categories.map((category) => Number.isNaN(category.grossMargin));
  if (margins.some((blank) => blank) && !margins.every((blank) => blank)) {
    const blank = categories[margins.indexOf(true)];
    table.fail(
      firstLine.get(blank.name)!,
      table.fieldOf('gross_margin'),
      `category '${shortened(blank.name)}' has no gross_margin but others have one`,
      'A history has margins for all its rows or for none: give every category its gross margin, or leave the column blank throughout.',
    );
  }
  return {
    categories: sortCategoryTotals(categories),
    returnRate: returnRateOf(roundToDecimals(purchased.total, decimals), roundToDecimals(returned.total, decimals)),
  };
}
