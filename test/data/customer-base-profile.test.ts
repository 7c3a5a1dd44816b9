import { describe, expect, it } from 'vitest';
import { profileCustomerBase, quantileOfSorted } from '../../src/data/customer-base-profile.js';
import type { CustomerSummaries } from '../../src/data/customer-summary.js';

function summariesOf(x: number[], spend: number[]): CustomerSummaries {
  const n = x.length;
  return {
    period: 'week',
    calibrationStart: '2024-01-01',
    calibrationEnd: '2024-12-31',
    ids: x.map((_, k) => `c${k}`),
    x: Float64Array.from(x),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    monetaryValue: new Float64Array(n),
    totalSpend: Float64Array.from(spend),
    grossMargin: new Float64Array(n).fill(NaN),
    holdoutPurchases: new Float64Array(n),
    holdoutValue: new Float64Array(n),
  };
}

describe('customer-base profile', () => {
  it('interpolates quantiles like R type 7 / NumPy (percentile of 1..4: P25 = 1.75, P90 = 3.7)', () => {
    expect(quantileOfSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileOfSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileOfSorted([5], 0.95)).toBe(5);
    expect(quantileOfSorted([], 0.5)).toBeNaN();
  });

  it('buckets purchases (x + 1) and measures the top fifth of spend', () => {
    // Purchases 1, 1, 2, 3, 5, 6, 10, 11, 30, 2; spend 1..10.
    const profile = profileCustomerBase(summariesOf([0, 0, 1, 2, 4, 5, 9, 10, 29, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(profile.purchasesPerCustomer.map((b) => b.customers)).toEqual([2, 2, 2, 2, 2]);
    expect(profile.repeatCustomers).toBe(8);
    // Top 20% = 2 customers: (9 + 10) / 55.
    expect(profile.topFifthRevenueShare).toBeCloseTo(19 / 55, 12);
    expect(profile.spendPerCustomer.mean).toBe(5.5);
    expect(profile.spendPerCustomer.p50).toBe(5.5);
  });
});
