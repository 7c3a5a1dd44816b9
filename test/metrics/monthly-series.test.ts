/**
 * The month-by-month series of a program (metrics/monthly-series.ts) against the horizon's own
 * figures: the cumulative incremental profit ends at the incremental profit, the months' profits
 * add up to it after the setup, and the last month's stocks are the horizon-end stocks.
 */
import { describe, expect, it } from 'vitest';
import { iterationMetrics } from '../../src/metrics/compute-metrics.js';
import { monthlySeries, monthlySeriesValues } from '../../src/metrics/monthly-series.js';
import { histogram } from '../../src/metrics/histogram.js';
import { paybackMonth } from '../../src/metrics/payback.js';
import { simulate } from '../../src/sim/simulate.js';
import { bonus, input, variedCustomers } from '../sim/fixtures.js';

const SETUP = 750;

describe('monthly series of a points program', async () => {
  const program = bonus(0.05, { costs: { setup: SETUP, perMemberPerYear: 2, perTransaction: 0 } });
  const result = await simulate(input(variedCustomers(300), [program], { horizonMonths: 9, iterations: 6 }), { workers: 1 });
  const values = monthlySeriesValues(result, 0);
  const metrics = iterationMetrics(result, { annualDiscountRate: 0.08 }, 0);

  it('has one value per month and iteration', () => {
    expect(values.incrementalProfit).toHaveLength(9);
    expect(values.members[0]).toHaveLength(6);
  });

  it('ends the cumulative incremental profit at the horizon incremental profit, starting from minus the setup', () => {
    for (let i = 0; i < 6; i++) {
      const months = values.incrementalProfit.map((month) => month[i]);
      const sum = months.reduce((total, profit) => total + profit, -SETUP);
      expect(values.cumulativeIncrementalProfit[8][i]).toBeCloseTo(sum, 6);
      expect(values.cumulativeIncrementalProfit[8][i]).toBeCloseTo(metrics.incrementalProfit[i], 6);
      expect(values.cumulativeIncrementalProfit[0][i]).toBeCloseTo(-SETUP + months[0], 6);
      expect(paybackMonth(months, SETUP)).toEqual(metrics.paybackMonth[i]);
    }
  });

  it('ends the members, points outstanding and liability at their horizon-end values', () => {
    for (let i = 0; i < 6; i++) {
      expect(values.members[8][i]).toBe(metrics.membersAtEnd[i]);
      expect(values.pointsOutstanding[8][i]).toBe(metrics.pointsOutstanding[i]);
      expect(values.liability[8][i]).toBeCloseTo(metrics.liability[i], 9);
      expect(metrics.pointsOutstanding[i]).toBeGreaterThan(0);
    }
  });

  it('summarises each month over the iterations', () => {
    const series = monthlySeries(result, 0);
    const mean = values.members[4].reduce((a, b) => a + b, 0) / 6;
    expect(series.members[4].mean).toBeCloseTo(mean, 9);
    expect(series.liability).toHaveLength(9);
  });
});

describe('histogram', () => {
  it('puts every finite value in one of the equal-width bins, the maximum in the last', () => {
    const h = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, NaN], 5);
    expect(h.edges).toEqual([0, 2, 4, 6, 8, 10]);
    expect(h.counts).toEqual([2, 2, 2, 2, 3]);
  });

  it('gives one bin for equal values and none without finite values', () => {
    expect(histogram([3, 3, 3])).toEqual({ edges: [3, 3], counts: [3] });
    expect(histogram([NaN])).toEqual({ edges: [], counts: [] });
  });
});
