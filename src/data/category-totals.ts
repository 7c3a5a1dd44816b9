/**
 * Revenue, gross margin and purchase lines per category (or per coalition partner). The
 * simulator draws each simulated purchase's category from the revenue shares and prices it with
 * the category's margin rate (grossMargin / revenue).
 *
 * Totals cover every used row of the file, calibration and holdout alike: they describe the
 * product mix, not customer behaviour.
 */
import { ByteKeyTable } from './byte-key-table.js';
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
}

const BLANK_NAME = Buffer.from(BLANK_GROUP_NAME, 'utf8');

/** Accumulates CategoryTotals by name (a CSV field's bytes), in order of first appearance. */
interface RunningTotals {
  name: string;
  revenue: MoneySum;
  grossMargin: MoneySum;
  purchases: number;
  returns: number;
}

export class CategoryAccumulator {
  private readonly names = new ByteKeyTable();
  private readonly totals: RunningTotals[] = [];

  /** Add one used row whose category is field `fieldIndex` of the tokenizer's current record. */
  add(tokenizer: CsvTokenizer, fieldIndex: number, value: number, margin: number, isPurchase: boolean, isReturn: boolean): void {
    const index = this.indexOfField(tokenizer, fieldIndex);
    let totals = this.totals[index];
    if (totals === undefined) {
      totals = { name: this.names.text(index), revenue: new MoneySum(), grossMargin: new MoneySum(), purchases: 0, returns: 0 };
      this.totals.push(totals);
    }
    totals.revenue.add(value);
    totals.grossMargin.add(margin);
    if (isPurchase) totals.purchases++;
    if (isReturn) totals.returns++;
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
    const totals = this.totals.map(({ name, revenue, grossMargin, purchases, returns }) => ({
      name,
      revenue: roundToDecimals(revenue.total, decimals),
      grossMargin: roundToDecimals(grossMargin.total, decimals),
      purchases,
      returns,
    }));
    return totals.sort((a, b) => b.revenue - a.revenue || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
