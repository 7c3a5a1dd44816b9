/** The worlds' own figures: sums of the engine's tallies, and the context of the incremental metrics. */
import { describe, expect, it } from 'vitest';
import { iterationMetrics } from '../../src/metrics/compute-metrics.js';
import { worldSummaries } from '../../src/metrics/world-summary.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { simulate } from '../../src/sim/simulate.js';
import type { SimulationResult } from '../../src/sim/simulation-input.js';
import { tallyValue, type TallyField } from '../../src/sim/tally.js';
import { discount, input, variedCustomers } from '../sim/fixtures.js';

const shape = (result: SimulationResult) => ({ iterations: result.iterations, worldCount: result.worlds.length, horizonMonths: result.horizonMonths });
const monthly = (result: SimulationResult, iteration: number, world: number, field: TallyField) =>
  Array.from({ length: result.horizonMonths }, (_, month) => tallyValue(result.tallies, shape(result), iteration, world, month, field));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const mean = (values: number[]) => sum(values) / values.length;

describe('world totals and summaries', async () => {
  // 60 customers, 2 new a month, 6 months, 5 iterations: 10% off, and 10% off whose members bring friends.
  const programs = [discount(0.1, { enrolment: { share: 0.5, selfSelection: 0 } }), discount(0.1, { referral: { perMemberPerMonth: 0.05, bonus: 5 } }, 'friends')];
  const result = await simulate(input(variedCustomers(60), programs, { iterations: 5, horizonMonths: 6, newCustomersPerMonth: 2 }), { workers: 1 });
  const iterations = [0, 1, 2, 3, 4];

  it('add up each flow over the months, and count every customer of a world once', () => {
    for (const i of iterations) {
      for (const w of [0, 1, 2]) {
        const totals = worldTotals(result, i, w);
        for (const field of ['revenue', 'costOfGoods', 'discounts', 'purchases', 'customers'] as const) {
          expect(totals[field], `${field}, iteration ${i}, world ${w}`).toBe(sum(monthly(result, i, w, field)));
        }
        expect(totals.members).toBe(monthly(result, i, w, 'members')[5]);
        // Existing customers are counted in month 1 (with the new ones arriving in it); later months hold arrivals only.
        expect(monthly(result, i, w, 'customers')[0]).toBeGreaterThanOrEqual(totals.cohortActiveAtStart);
      }
      const baseline = worldTotals(result, i, 0);
      // The same customers in the baseline and in a program without world-only customers; referrals come on top.
      expect(worldTotals(result, i, 1).customers).toBe(baseline.customers);
      expect(worldTotals(result, i, 2).customers).toBe(baseline.customers + worldTotals(result, i, 2).referrals);
      // Arrivals come on top of the customers active at the start (about 2 a month).
      expect(baseline.customers).toBeGreaterThan(baseline.cohortActiveAtStart);
    }
    expect(sum(iterations.map((i) => worldTotals(result, i, 2).referrals))).toBeGreaterThan(0);
  });

  it('are, without arrivals, the customers active at the start, all counted in month 1', async () => {
    const closed = await simulate(input(variedCustomers(60), programs.slice(0, 1), { iterations: 5, horizonMonths: 6, newCustomersPerMonth: 0 }), { workers: 1 });
    for (const i of iterations) {
      for (const w of [0, 1]) {
        const totals = worldTotals(closed, i, w);
        expect(totals.cohortActiveAtStart).toBeGreaterThan(0);
        expect(totals.customers).toBe(totals.cohortActiveAtStart);
        expect(monthly(closed, i, w, 'customers').slice(1)).toEqual([0, 0, 0, 0, 0]);
      }
    }
  });

  it('summarise the totals: baseline revenue is the world totals\' revenue, and the differences are the incremental metrics', () => {
    const summaries = worldSummaries(result);
    const baseline = iterations.map((i) => worldTotals(result, i, 0));
    expect(summaries.baseline.revenue.mean).toBeCloseTo(mean(baseline.map((t) => t.revenue)), 9);
    expect(summaries.baseline.customers.mean).toBe(mean(baseline.map((t) => t.customers)));
    expect(summaries.baseline.purchases.mean).toBe(mean(baseline.map((t) => t.purchases)));
    expect(summaries.baseline.grossProfit.mean).toBeCloseTo(mean(baseline.map((t) => t.revenue - t.costOfGoods)), 9);
    expect(Object.keys(summaries.baseline)).toEqual(['customers', 'purchases', 'revenue', 'grossProfit']);
    for (const programIndex of [0, 1]) {
      const world = iterations.map((i) => worldTotals(result, i, programIndex + 1));
      const summary = summaries.programs[programIndex];
      expect(Object.keys(summary)).toEqual(['customers', 'members', 'purchases', 'revenue', 'grossProfit', 'profit']);
      expect(summary.revenue.mean).toBeCloseTo(mean(world.map((t) => t.revenue - t.discounts)), 9);
      expect(summary.members.mean).toBe(mean(world.map((t) => t.members)));
      const metrics = iterationMetrics(result, { annualDiscountRate: 0 }, programIndex);
      // Means of per-iteration differences are differences of means.
      expect(summary.revenue.mean - summaries.baseline.revenue.mean).toBeCloseTo(mean(Array.from(metrics.incrementalRevenue)), 9);
      expect(summary.profit.mean - summaries.baseline.grossProfit.mean).toBeCloseTo(mean(Array.from(metrics.incrementalProfit)), 9);
    }
  });
});
