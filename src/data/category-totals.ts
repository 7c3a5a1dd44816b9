/**
 * Revenue, gross margin and purchase lines per category (or per coalition partner). The
 * simulator draws each simulated purchase's category from the revenue shares and prices it with
 * the category's margin rate (grossMargin / revenue).
 *
 * Totals cover every used row of the file, calibration and holdout alike: they describe the
 * product mix, not customer behaviour. The calibration period's purchased and returned values
 * (rows dated, by their order's day, on or before the calibration end) are kept per category too:
 * summed over the categories they are the history's return rate (data-quality.ts ReturnRate), so
 * a table of the categories (category-table-csv.ts) gives a run everything it takes from the rows.
 */
import { ByteKeyTable } from './byte-key-table.js';
import type { RowBatch } from './row-batch.js';
import { type CsvTokenizer, FieldQuoting, fieldText } from './csv-tokenizer.js';
import { MoneySum, roundToDecimals } from './money.js';

/** Category and partner name used for rows whose field is blank. */
const BLANK_GROUP_NAME = '(none)';

export interface CategoryTotals {
  /** The category as written in the file; blank fields are grouped as `(none)`. */
  name: string;
  /** Net revenue (returns subtracted), in the data currency. */
  revenue: number;
  /** Gross margin in the data currency; NaN when the file has no margin or cost column. */
  grossMargin: number;
  /** Purchase lines (rows with a positive value that are not returns). */
  purchases: number;
  /** Return rows. */
  returns: number;
  /**
   * Value of the purchase rows counted on or before the calibration end, and of the other rows
   * there (returns) as a positive number: the history's return rate's parts (CustomerLedger's
   * calibrationPurchasedValue and calibrationReturnedValue), for product categories only.
   */
  calibration?: { purchasedValue: number; returnedValue: number };
}

const BLANK_NAME = Buffer.from(BLANK_GROUP_NAME, 'utf8');

/** Accumulates CategoryTotals by name (a CSV field's bytes), in order of first appearance. */
interface RunningTotals {
  name: string;
  revenue: MoneySum;
  grossMargin: MoneySum;
  purchases: number;
  returns: number;
  calibrationPurchased: MoneySum;
  calibrationReturned: MoneySum;
}

export class CategoryAccumulator {
  private readonly names = new ByteKeyTable();
  private readonly totals: RunningTotals[] = [];

  /** `tracksCalibration`: the totals are product categories, whose calibration values addCalibrationValues keeps (not coalition partners). */
  constructor(private readonly tracksCalibration: boolean) {}

  /**
   * Add one used row whose category is field `fieldIndex` of the tokenizer's current record;
   * returns the category's index (for addCalibrationValues).
   */
  add(tokenizer: CsvTokenizer, fieldIndex: number, value: number, margin: number, isPurchase: boolean, isReturn: boolean): number {
    const index = this.indexOfField(tokenizer, fieldIndex);
    let totals = this.totals[index];
    if (totals === undefined) {
      totals = {
        name: this.names.text(index),
        revenue: new MoneySum(),
        grossMargin: new MoneySum(),
        purchases: 0,
        returns: 0,
        calibrationPurchased: new MoneySum(),
        calibrationReturned: new MoneySum(),
      };
      this.totals.push(totals);
    }
    totals.revenue.add(value);
    totals.grossMargin.add(margin);
    if (isPurchase) totals.purchases++;
    if (isReturn) totals.returns++;
    return index;
  }

  /**
   * Add the calibration values of a batch the ledger has dated (`batch.countedDay`, each row's
   * category in `batch.category`), by the ledger's own rule (CustomerLedger.addRow): a purchase
   * row's value is purchased, any other row's value, negated, returned.
   */
  addCalibrationValues(batch: RowBatch, calibrationEnd: number): void {
    for (let k = 0; k < batch.size; k++) {
      if (batch.countedDay[k] > calibrationEnd) continue;
      const totals = this.totals[batch.category[k]];
      if (batch.isPurchase[k] === 1) totals.calibrationPurchased.add(batch.value[k]);
      else totals.calibrationReturned.add(-batch.value[k]);
    }
  }

  private indexOfField(tokenizer: CsvTokenizer, fieldIndex: number): number {
    const bytes = tokenizer.bytes;
    let start = tokenizer.fieldStart[fieldIndex];
    let end = tokenizer.fieldEnd[fieldIndex];
    while (start < end && bytes[start] === 32) start++;
    while (end > start && bytes[end - 1] === 32) end--;
    if (start === end) return this.names.intern(BLANK_NAME, 0, BLANK_NAME.length);
    if (tokenizer.fieldQuoting[fieldIndex] === FieldQuoting.QuotedWithEscapes) {
      const name = Buffer.from(fieldText(tokenizer, fieldIndex).trim(), 'utf8');
      return this.names.intern(name, 0, name.length);
    }
    return this.names.intern(bytes, start, end);
  }

  /**
   * The totals, largest revenue first (ties by name), so the order does not depend on row order;
   * sums rounded to `decimals` places, the decimals of the values summed (money.ts).
   */
  result(decimals: number): CategoryTotals[] {
    const totals = this.totals.map(({ name, revenue, grossMargin, purchases, returns, calibrationPurchased, calibrationReturned }): CategoryTotals => ({
      name,
      revenue: roundToDecimals(revenue.total, decimals),
      grossMargin: roundToDecimals(grossMargin.total, decimals),
      purchases,
      returns,
      ...(this.tracksCalibration
        ? { calibration: { purchasedValue: roundToDecimals(calibrationPurchased.total, decimals), returnedValue: roundToDecimals(calibrationReturned.total, decimals) + 0 } }
        : {}),
    }));
    return sortCategoryTotals(totals);
  }
}

/** Categories largest revenue first, ties by name (UTF-16 code units), so the order depends on no row or table order. */
export function sortCategoryTotals(totals: CategoryTotals[]): CategoryTotals[] {
  return totals.sort((a, b) => b.revenue - a.revenue || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
