/**
 * Sums of money without float noise. Amounts are read from decimal text with at most D decimal
 * places (D is tracked per file), so every exact sum of them has at most D places too: a sum
 * computed in binary floating point and rounded to D places is the exact decimal sum, as long as
 * its rounding error stays below half a unit of the last place. Per-customer sums (a few rows
 * each) are plain; the file's totals (millions of rows) are summed with Neumaier's compensated
 * summation (Neumaier 1974), whose error does not grow with the number of rows. So 3 x 6.90 is
 * 20.7 and 0.10 + 0.20 is 0.3, not 20.700000000000003 and 0.30000000000000004.
 */

/**
 * The largest magnitude of an amount, unit price, quantity, margin or cost read from one row:
 * 10^15. Above it, sums of a few thousand rows would lose the cents (doubles hold 15-16 significant
 * digits), and such values are export errors (codes, cents read as units, 1e308) in practice.
 */
export const MAX_ROW_AMOUNT = 1e15;
/** MAX_ROW_AMOUNT as messages give it: `1,000,000,000,000,000 (1e15)`. */
export const MAX_ROW_AMOUNT_TEXT = `${MAX_ROW_AMOUNT.toLocaleString('en-US')} (1e15)`;

/** Decimal places up to which sums are rounded back to decimals. */
export const MAX_ROUNDED_DECIMALS = 9;
const POWERS_OF_TEN = Array.from({ length: MAX_ROUNDED_DECIMALS + 1 }, (_, k) => 10 ** k);

/**
 * `value` rounded to `decimals` places (the decimals of the amounts it is a sum or product of),
 * or unchanged when the places are unknown (NaN), more than 9, or the scaled value is beyond the
 * doubles' exact integers (then it has no noise below the places anyway).
 */
export function roundToDecimals(value: number, decimals: number): number {
  if (!(decimals >= 0 && decimals <= MAX_ROUNDED_DECIMALS) || value !== value) return value;
  const scale = POWERS_OF_TEN[decimals];
  const scaled = value * scale;
  if (!(Math.abs(scaled) < Number.MAX_SAFE_INTEGER)) return value;
  return Math.round(scaled) / scale;
}

/** Neumaier's compensated sum: `add` values, read `total`. */
export class MoneySum {
  private sum = 0;
  private compensation = 0;

  add(value: number): void {
    const t = this.sum + value;
    if (Math.abs(this.sum) >= Math.abs(value)) this.compensation += this.sum - t + value;
    else this.compensation += value - t + this.sum;
    this.sum = t;
  }

  get total(): number {
    return this.sum + this.compensation;
  }
}
