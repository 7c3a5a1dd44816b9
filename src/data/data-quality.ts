/**
 * The data-quality report of one ingest: what was read, what was used, what was skipped and why,
 * and the shape of the purchase history (customers, purchases, returns, dates). `summarize` prints
 * it; `fit` and `run` show the parts that matter to them.
 */
import type { ColumnRole } from './column-mapping.js';
import type { Delimiter } from './csv-dialect.js';
import type { Period } from './customer-summary.js';

/** Why a row was not used. */
export type SkipReason = 'missingCustomerId' | 'longCustomerId' | 'wrongFieldCount' | 'malformedQuotes' | 'badDate' | 'badNumber';

export const SKIP_REASONS: SkipReason[] = ['missingCustomerId', 'longCustomerId', 'wrongFieldCount', 'malformedQuotes', 'badDate', 'badNumber'];

/** Human wording of each skip reason. */
export const SKIP_REASON_LABELS: Record<SkipReason, string> = {
  missingCustomerId: 'no customer id',
  longCustomerId: 'customer id too long',
  wrongFieldCount: 'wrong number of fields',
  malformedQuotes: 'malformed quotes',
  badDate: 'unreadable date',
  badNumber: 'unreadable number',
};

/** One skipped row, for the examples listed in the report. */
export interface SkippedRow {
  line: number;
  reason: SkipReason;
  /** The problem as it would be printed in `--on-bad-row fail` mode, without the file name. */
  message: string;
}

/** How many skipped rows are listed with their line numbers. */
export const SKIPPED_EXAMPLES_KEPT = 10;

export interface DataQualityReport {
  /** The file as named by the user. */
  file: string;
  delimiter: Delimiter;
  decimal: '.' | ',';
  /** The header name used for each role found. */
  columns: Partial<Record<ColumnRole, string>>;
  /** Data rows (records after the header; blank lines are not rows). */
  rowsRead: number;
  rowsUsed: number;
  /** Skipped rows by reason; rows without a customer id are always skipped, bad rows only with `--on-bad-row skip`. */
  rowsSkipped: Record<SkipReason, number>;
  rowsSkippedTotal: number;
  /** The first few skipped rows with their line numbers. */
  skippedExamples: SkippedRow[];
  blankLines: number;
  /** Return rows (negative amount or quantity, or a cancelled status) and their total value, as a positive number. */
  returns: { rows: number; value: number };
  /** The return rate of the calibration period (see ReturnRate). */
  returnRate: ReturnRate;
  /**
   * Rows whose value is exactly zero and that are not returns. With `zeroAmount: 'purchase'`
   * (default) they are purchases of value 0 (a purchase day, left out of the mean purchase
   * value); with `'ignore'` they are used (they can carry an order) but never a purchase.
   */
  zeroValueRows: number;
  /** How zero-value rows were read (see zeroValueRows). */
  zeroAmount: 'purchase' | 'ignore';
  /** Orders, when the file has an order column: runs of consecutive lines of one customer with the same order number. */
  orders: number | null;
  /** Customers in the summaries: first purchase on or before the calibration end. */
  customers: number;
  /** Purchases (customer purchase days) in the calibration period, by the customers in the summaries. */
  purchases: number;
  /** Customers whose first purchase is after the calibration end (not in the summaries). */
  newCustomersInHoldout: number;
  /** Customers with returns (or, with `zeroAmount: 'ignore'`, zero-value rows) but no purchase (not in the summaries). */
  customersWithoutPurchase: number;
  /** Customers whose rows were not in date order (their purchase days were sorted in a second pass). */
  customersOutOfDateOrder: number;
  /** Net revenue of all used rows (returns subtracted), in the data currency. */
  revenue: number;
  /** Gross margin of all used rows; NaN when the file has no margin or cost column. */
  grossMargin: number;
  /** Earliest and latest date of the used rows, ISO `YYYY-MM-DD`. */
  firstDate: string;
  lastDate: string;
  period: Period;
  /** First purchase day of the customers in the summaries. */
  calibrationStart: string;
  /** Last day of the calibration period (inclusive). */
  calibrationEnd: string;
  /** Purchases after the calibration end by customers in the summaries; null when the file has no rows after it. */
  holdout: HoldoutSummary | null;
  /** Things worth knowing that did not stop the ingest. */
  warnings: string[];
}

/**
 * The share of purchased value that customers returned, over the calibration period:
 * rate = returnedValue / purchasedValue, where purchasedValue is the value of the purchase rows
 * (positive, not returns) and returnedValue that of the return rows (as a positive number), both
 * dated on or before the calibration end, of every customer. A return counts on the day it is
 * recorded (an order line on its order's day), not on the day of the purchase it returns. 0 when
 * there are no returns (or no purchases). The purchase values the spend model is fitted to are
 * gross (returns left out, customer-ledger.ts), so the simulation applies this rate once
 * (docs/methods.md section 6).
 */
export interface ReturnRate {
  rate: number;
  purchasedValue: number;
  returnedValue: number;
}

/** The return rate of the given purchased and returned values. */
export function returnRateOf(purchasedValue: number, returnedValue: number): ReturnRate {
  const rate = purchasedValue > 0 && returnedValue > 0 ? returnedValue / purchasedValue : 0;
  return { rate, purchasedValue, returnedValue };
}

export interface HoldoutSummary {
  /** First and last day of the holdout period (the day after the calibration end, and the last date of the file). */
  start: string;
  end: string;
  /** Purchase days after the calibration end, by customers in the summaries. */
  purchases: number;
  /** Net spend after the calibration end, by customers in the summaries. */
  value: number;
  /** Customers in the summaries with at least one holdout purchase. */
  customersPurchasing: number;
}

export function emptySkipCounts(): Record<SkipReason, number> {
  return { missingCustomerId: 0, longCustomerId: 0, wrongFieldCount: 0, malformedQuotes: 0, badDate: 0, badNumber: 0 };
}
