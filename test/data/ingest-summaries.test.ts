/**
 * Customer summaries of tiny purchase histories, worked out by hand in the comments.
 * Notation: x repeat purchase days, t_x and T from the first purchase day, m mean repeat-day value.
 */
import { describe, expect, it } from 'vitest';
import { ingestText } from './write-csv.js';
import type { CustomerSummaries } from '../../src/data/customer-summary.js';

/** Summary of one customer as plain numbers. */
function customer(summaries: CustomerSummaries, id: string) {
  const k = summaries.ids.indexOf(id);
  expect(k, `customer ${id} in the summaries`).toBeGreaterThanOrEqual(0);
  return {
    x: summaries.x[k],
    tx: summaries.tx[k],
    T: summaries.T[k],
    m: summaries.monetaryValue[k],
    spend: summaries.totalSpend[k],
    holdoutPurchases: summaries.holdoutPurchases[k],
    holdoutValue: summaries.holdoutValue[k],
  };
}

// Same-day purchases, a return-only day, a same-day return, a customer whose only purchase is
// on the last day.
const HISTORY = `customer_id,date,amount
alice,2024-01-01,10.00
alice,2024-01-01,5.00
bob,2024-01-03,40.00
alice,2024-01-15,20.00
alice,2024-01-20,-8.00
alice,2024-01-29,30.00
alice,2024-01-29,-10.00
bob,2024-01-29,12.50
carol,2024-01-29,9.00
`;

describe('customer summaries', () => {
  it('counts distinct purchase days, values them before returns, and measures time in weeks to the last date', async () => {
    const { summaries, quality } = await ingestText(HISTORY);
    // Calibration end = last date in the file = 2024-01-29; period = week.
    expect(summaries.calibrationStart).toBe('2024-01-01');
    expect(summaries.calibrationEnd).toBe('2024-01-29');
    expect(summaries.period).toBe('week');
    // alice: purchase days 01-01 (10 + 5 = 15, first), 01-15 (20), 01-29 (30: its return of 10
    // is left out of the purchase value); 01-20 holds only a return: no purchase day.
    // x = 2, m = (20 + 30) / 2 = 25, t_x = T = 28 days = 4 weeks; spend (net) = 15 + 20 - 8 + 30 - 10 = 47.
    expect(customer(summaries, 'alice')).toEqual({ x: 2, tx: 4, T: 4, m: 25, spend: 47, holdoutPurchases: 0, holdoutValue: 0 });
    // bob: 01-03 (40, first), 01-29 (12.50): x = 1, m = 12.5, t_x = T = 26 days = 26/7 weeks.
    expect(customer(summaries, 'bob')).toEqual({ x: 1, tx: 26 / 7, T: 26 / 7, m: 12.5, spend: 52.5, holdoutPurchases: 0, holdoutValue: 0 });
    // carol: only purchase on the calibration end day: x = 0, t_x = T = 0.
    expect(customer(summaries, 'carol')).toEqual({ x: 0, tx: 0, T: 0, m: 0, spend: 9, holdoutPurchases: 0, holdoutValue: 0 });
    // Customers in order of first appearance.
    expect(summaries.ids).toEqual(['alice', 'bob', 'carol']);
    expect(quality.rowsRead).toBe(9);
    expect(quality.rowsUsed).toBe(9);
    expect(quality.returns).toEqual({ rows: 2, value: 18 });
    // Return rate: returned 8 + 10 = 18 of purchased 10 + 5 + 40 + 20 + 30 + 12.5 + 9 = 126.5.
    expect(quality.returnRate).toEqual({ rate: 18 / 126.5, purchasedValue: 126.5, returnedValue: 18 });
    expect(quality.customers).toBe(3);
    // Purchase days: alice 3, bob 2, carol 1.
    expect(quality.purchases).toBe(6);
    expect(quality.firstDate).toBe('2024-01-01');
    expect(quality.lastDate).toBe('2024-01-29');
    expect(quality.revenue).toBeCloseTo(108.5, 10);
    expect(quality.holdout).toBeNull();
  });

  it('splits calibration and holdout at an inclusive calibration end', async () => {
    const { summaries, quality } = await ingestText(HISTORY, { calibrationEnd: '2024-01-15', period: 'day' });
    // alice: calibration days 01-01 (15) and 01-15 (20, on the end day: calibration):
    // x = 1, m = 20, t_x = T = 14 days, spend 35. Holdout: 01-20 return only (no purchase),
    // 01-29: 1 holdout purchase; holdout value (net) -8 + 30 - 10 = 12.
    expect(customer(summaries, 'alice')).toEqual({ x: 1, tx: 14, T: 14, m: 20, spend: 35, holdoutPurchases: 1, holdoutValue: 12 });
    // bob: 01-03 only in calibration: x = 0, T = 12 days; holdout 1 purchase of 12.50.
    expect(customer(summaries, 'bob')).toEqual({ x: 0, tx: 0, T: 12, m: 0, spend: 40, holdoutPurchases: 1, holdoutValue: 12.5 });
    // carol's first purchase is after the calibration end: not a calibration customer.
    expect(summaries.ids).toEqual(['alice', 'bob']);
    expect(summaries.holdoutEnd).toBe('2024-01-29');
    expect(quality.newCustomersInHoldout).toBe(1);
    expect(quality.customers).toBe(2);
    expect(quality.purchases).toBe(3);
    expect(quality.holdout).toEqual({ start: '2024-01-16', end: '2024-01-29', purchases: 2, value: 24.5, customersPurchasing: 2 });
    // Both returns are after the calibration end: the calibration's return rate is 0 (of 10 + 5 + 40 + 20).
    expect(quality.returnRate).toEqual({ rate: 0, purchasedValue: 75, returnedValue: 0 });
  });
});
