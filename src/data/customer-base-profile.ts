/**
 * The customer base at a glance, from the customer summaries of the calibration period: how many
 * purchases customers make, how much they spend, and how concentrated revenue is.
 */
import type { CustomerSummaries } from './customer-summary.js';

/** Customers by number of purchases (purchase days) in the calibration period. */
export interface PurchaseCountBucket {
  label: string;
  /** Smallest and largest purchase count of the bucket (largest null: no upper bound). */
  min: number;
  max: number | null;
  customers: number;
  /** customers / all customers */
  share: number;
}

export interface CustomerBaseProfile {
  customers: number;
  /** Customers with at least one repeat purchase (x > 0). */
  repeatCustomers: number;
  purchasesPerCustomer: PurchaseCountBucket[];
  /** Distribution of net spend per customer in the calibration period. */
  spendPerCustomer: { p5: number; p50: number; p95: number; mean: number };
  /**
   * Share of the calibration period's net spend made by the top 20% of customers by spend
   * (the ceil(n / 5) biggest spenders). NaN when total spend is not positive.
   */
  topFifthRevenueShare: number;
}

const PURCHASE_BUCKETS: Array<[label: string, min: number, max: number | null]> = [
  ['1', 1, 1],
  ['2', 2, 2],
  ['3-5', 3, 5],
  ['6-10', 6, 10],
  ['11+', 11, null],
];

export function profileCustomerBase(summaries: CustomerSummaries): CustomerBaseProfile {
  const n = summaries.ids.length;
  const counts = PURCHASE_BUCKETS.map(() => 0);
  let repeatCustomers = 0;
  for (let k = 0; k < n; k++) {
    const purchases = summaries.x[k] + 1;
    if (purchases > 1) repeatCustomers++;
    const bucket = PURCHASE_BUCKETS.findIndex(([, min, max]) => purchases >= min && (max === null || purchases <= max));
    counts[bucket]++;
  }
  const spend = Float64Array.from(summaries.totalSpend).sort();
  let total = 0;
  for (let k = 0; k < n; k++) total += spend[k];
  const topCount = Math.ceil(n / 5);
  let topTotal = 0;
  for (let k = n - topCount; k < n; k++) topTotal += spend[k];
  return {
    customers: n,
    repeatCustomers,
    purchasesPerCustomer: PURCHASE_BUCKETS.map(([label, min, max], b) => ({ label, min, max, customers: counts[b], share: n > 0 ? counts[b] / n : NaN })),
    spendPerCustomer: { p5: quantileOfSorted(spend, 0.05), p50: quantileOfSorted(spend, 0.5), p95: quantileOfSorted(spend, 0.95), mean: n > 0 ? total / n : NaN },
    topFifthRevenueShare: total > 0 ? topTotal / total : NaN,
  };
}

/**
 * Quantile of sorted values by linear interpolation between order statistics: with h = (n - 1) p,
 * Q = s[floor h] + (h - floor h) (s[floor h + 1] - s[floor h]) (Hyndman and Fan 1996, type 7; the
 * default of R and NumPy).
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, n - 1);
  return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
}
