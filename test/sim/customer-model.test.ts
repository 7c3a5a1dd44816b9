/**
 * The engine's customer draws against the closed forms of the BG/NBD and Gamma-Gamma models
 * (Fader, Hardie and Lee 2005), using the model layer's formulas as the reference.
 */
import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases, expectedPurchases, probabilityAlive } from '../../src/model/bg-nbd.js';
import { conditionalExpectedSpend } from '../../src/model/gamma-gamma.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { DAYS_PER_MONTH } from '../../src/sim/calendar.js';
import { simulate } from '../../src/sim/simulate.js';
import type { SimulationResult } from '../../src/sim/simulation-input.js';
import { tallyValue } from '../../src/sim/tally.js';
import { identicalCustomers, input, WEEKLY_MODEL } from './fixtures.js';

const { bgnbd, gammaGamma } = WEEKLY_MODEL;
const HORIZON_MONTHS = 12;
const horizonWeeks = (HORIZON_MONTHS * DAYS_PER_MONTH) / 7;

/** Baseline totals summed over the iterations. */
function baselineSums(result: SimulationResult) {
  const sums = { purchases: 0, revenue: 0, activeAtStart: 0 };
  for (let i = 0; i < result.iterations; i++) {
    const totals = worldTotals(result, i, 0);
    sums.purchases += totals.purchases;
    sums.revenue += totals.revenue;
    sums.activeAtStart += totals.cohortActiveAtStart;
  }
  return sums;
}

async function baselineOnly(customers: ReturnType<typeof identicalCustomers>, iterations: number, newCustomersPerMonth = 0, model = WEEKLY_MODEL) {
  return simulate(input(customers, [], { iterations, newCustomersPerMonth, model, horizonMonths: HORIZON_MONTHS }), { workers: 1 });
}

describe('customer draws', () => {
  it('a customer who just made a first purchase buys E[X(t)] times in the next t (BG/NBD eq. 9)', async () => {
    const count = 20000;
    const iterations = 10;
    const result = await baselineOnly(identicalCustomers(count, 0, 0, 0, 0), iterations);
    const mean = baselineSums(result).purchases / (count * iterations);
    const expected = expectedPurchases(bgnbd, horizonWeeks);
    // Purchases per customer have a standard deviation of about 3.5: standard error ~0.008.
    expect(expected).toBeGreaterThan(4);
    expect(Math.abs(mean - expected)).toBeLessThan(0.035);
  });

  it.each([
    [3, 20, 40],
    [8, 90, 100],
    [1, 2, 52],
  ])('a customer with x = %i, t_x = %i, T = %i buys as the conditional expectation says (eq. 10)', async (x, tx, T) => {
    const count = 20000;
    const iterations = 10;
    const result = await baselineOnly(identicalCustomers(count, x, tx, T, 50), iterations);
    const sums = baselineSums(result);
    const expected = conditionalExpectedPurchases(bgnbd, horizonWeeks, x, tx, T);
    expect(Math.abs(sums.purchases / (count * iterations) - expected)).toBeLessThan(0.02 + 0.01 * expected);
    // Share active at the start = P(alive); binomial standard error below 0.0016.
    const alive = probabilityAlive(bgnbd, x, tx, T);
    expect(Math.abs(sums.activeAtStart / (count * iterations) - alive)).toBeLessThan(0.007);
    // Mean purchase value = p (v + x m) / (p x + q - 1) (Gamma-Gamma); values do not depend on the
    // purchase count, so the purchase-weighted mean has the same expectation.
    const spend = conditionalExpectedSpend(gammaGamma, x, 50);
    expect(sums.revenue / sums.purchases / spend).toBeCloseTo(1, 2);
  });

  it('new customers arrive as a Poisson process at the given monthly rate and buy on arrival', async () => {
    // Purchase rates near 0 (alpha huge): each new customer makes only the arrival purchase.
    const model = { ...WEEKLY_MODEL, bgnbd: { ...bgnbd, alpha: 1e9 } };
    const iterations = 40;
    const rate = 150;
    const result = await baselineOnly(identicalCustomers(0, 0, 0, 0, 0), iterations, rate, model);
    const shape = { iterations, worldCount: 1, horizonMonths: HORIZON_MONTHS };
    for (const month of [0, 5, 11]) {
      let purchases = 0;
      let active = 0;
      for (let i = 0; i < iterations; i++) {
        purchases += tallyValue(result.tallies, shape, i, 0, month, 'purchases');
        active += tallyValue(result.tallies, shape, i, 0, month, 'activeCustomers');
      }
      // Poisson: the mean of 40 months has standard error sqrt(150 / 40) ~ 1.9.
      expect(Math.abs(purchases / iterations - rate)).toBeLessThan(8);
      // Nobody drops out without a repeat purchase: everyone who arrived so far is active.
      expect(Math.abs(active / iterations - rate * (month + 1)) / (rate * (month + 1))).toBeLessThan(0.05);
    }
    // New customers' values come from the population: mean p v / (q - 1).
    const sums = baselineSums(result);
    expect(sums.revenue / sums.purchases / ((gammaGamma.p * gammaGamma.v) / (gammaGamma.q - 1))).toBeCloseTo(1, 1);
  });
});
