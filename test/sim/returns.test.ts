/**
 * Returns in the engine (docs/methods.md section 6): a returned purchase, decided by the purchase's
 * own numbers, books no revenue, cost of goods or program event, and the customer's behaviour is
 * unchanged. Checked against the same seed without returns.
 */
import { describe, expect, it } from 'vitest';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { resolvedProgram, type ResolvedProgram } from '../../src/programs/registry.js';
import { returnUniform } from '../../src/sim/purchase-sequence.js';
import { simulate } from '../../src/sim/simulate.js';
import type { SimulationInput } from '../../src/sim/simulation-input.js';
import { BreakdownField, breakdownIndex, breakdownLayout } from '../../src/sim/tally.js';
import { UserInputError } from '../../src/errors.js';
import { common, discount, input, variedCustomers } from './fixtures.js';

const EVERYONE = { enrolment: { share: 1, selfSelection: 0 } };
const ONE_CATEGORY = { names: ['all'], revenueShares: [1], margins: [0.3] };

function programs(): ResolvedProgram[] {
  // Points earned on the full price, to 1/1024 point, never redeemed or expired.
  const points = resolvedProgram({
    ...common('points', EVERYONE),
    type: 'bonus',
    points: { earnRate: 0.1, rounding: 'none', faceValue: 0.01 },
    redemption: { probability: 0, neverRedeemShare: 0 },
  });
  const withEffects = discount(0.1, { enrolment: { share: 0.5, selfSelection: 1 }, effects: { frequencyUplift: 0.2, spendUplift: 0.1, churnReduction: 0.3 } }, 'busy members');
  // Fewer purchases than in the baseline, so some baseline purchases are unpaired in the breakdown.
  const tiers = resolvedProgram({
    ...common('tiers', { enrolment: { share: 0.7, selfSelection: 1 }, effects: { frequencyUplift: -0.3, spendUplift: 0, churnReduction: 0 } }),
    type: 'tiered',
    qualification: { metric: 'spend', window: 3 },
    tiers: [
      { name: 'Red', threshold: 0 },
      { name: 'Gold', threshold: 120, discount: 0.05 },
    ],
  });
  return [discount(0.05, EVERYONE, '5% off for all'), points, withEffects, tiers];
}

function scenario(returnRate: number | undefined, perIteration?: number[]): SimulationInput {
  const base = input(variedCustomers(1500), programs(), { iterations: 4, newCustomersPerMonth: 30, categories: ONE_CATEGORY });
  return {
    ...base,
    returnRate,
    iterations: base.iterations.map((iteration, i) => (perIteration ? { ...iteration, returnRate: perIteration[i] } : iteration)),
  };
}

describe('returned purchases', () => {
  const rate = 0.25;
  const results = Promise.all([simulate(scenario(undefined), { workers: 1 }), simulate(scenario(0), { workers: 1 }), simulate(scenario(rate), { workers: 1 })]);

  it('leave the tallies bit for bit as they are at a return rate of 0', async () => {
    const [none, zero] = await results;
    expect(zero.tallies).toEqual(none.tallies);
    expect(zero.breakdown).toEqual(none.breakdown);
  });

  it('reverse exactly the returned revenue and cost of goods: revenue + returnedRevenue = revenue without returns', async () => {
    const [none, , returned] = await results;
    for (let i = 0; i < none.iterations; i++) {
      for (let world = 0; world < none.worlds.length; world++) {
        const without = worldTotals(none, i, world);
        const withReturns = worldTotals(returned, i, world);
        const where = `iteration ${i}, ${none.worlds[world]}`;
        expect(without.returnedPurchases, where).toBe(0);
        expect(withReturns.purchases + withReturns.returnedPurchases, where).toBe(without.purchases);
        expect(withReturns.revenue + withReturns.returnedRevenue, where).toBeCloseTo(without.revenue, 6);
        // One category at 30% margin: the goods of a returned purchase (70% of its price) come back.
        expect(withReturns.costOfGoods + 0.7 * withReturns.returnedRevenue, where).toBeCloseTo(without.costOfGoods, 6);
        // Behaviour does not change: the same customers are active and lapse.
        expect(withReturns.activeCustomers, where).toBe(without.activeCustomers);
        expect(withReturns.cohortLapsed, where).toBe(without.cohortLapsed);
        // About a quarter of the purchases are returned: within 4 binomial standard errors.
        const total = without.purchases;
        expect(Math.abs(withReturns.returnedPurchases / total - rate), where).toBeLessThan(4 * Math.sqrt((rate * (1 - rate)) / total));
      }
    }
  });

  it('are the same purchases in every world: with no effects a member returns what the baseline returns', async () => {
    const [, , returned] = await results;
    for (let i = 0; i < returned.iterations; i++) {
      const baseline = worldTotals(returned, i, 0);
      const everyoneDiscounted = worldTotals(returned, i, 1);
      expect(everyoneDiscounted.returnedPurchases).toBe(baseline.returnedPurchases);
      expect(everyoneDiscounted.returnedRevenue).toBe(baseline.returnedRevenue);
      expect(everyoneDiscounted.revenue).toBe(baseline.revenue);
    }
  });

  it('get no discount and earn no points: discounts and points follow the kept revenue', async () => {
    const [none, , returned] = await results;
    for (let i = 0; i < none.iterations; i++) {
      const discounted = worldTotals(returned, i, 1);
      expect(discounted.discounts).toBeCloseTo(0.05 * discounted.revenue, 6);
      expect(discounted.discounts).toBeLessThan(worldTotals(none, i, 1).discounts);
      const points = worldTotals(returned, i, 2);
      const pointsWithout = worldTotals(none, i, 2);
      // 0.1 point per unit on each kept purchase, each rounded to 1/1024 point.
      expect(Math.abs(points.pointsIssued - 0.1 * points.revenue)).toBeLessThanOrEqual(points.purchases / 1024);
      expect(Math.abs(pointsWithout.pointsIssued - points.pointsIssued - 0.1 * points.returnedRevenue)).toBeLessThanOrEqual(pointsWithout.purchases / 1024);
      expect(points.memberPurchases).toBe(points.purchases);
    }
  });

  it('keep the breakdown whole: the groups\' baseline gross profit is the members\' baseline gross profit', async () => {
    const [, , returned] = await results;
    const layout = breakdownLayout(returned.breakdownGroups, returned.horizonMonths);
    const tiers = 3;
    for (let i = 0; i < returned.iterations; i++) {
      let ofGroups = 0;
      for (let month = 0; month < returned.horizonMonths; month++) {
        for (const g of [0, 1]) ofGroups += returned.breakdown[breakdownIndex(layout, i, tiers, month, g) + BreakdownField.baselineGrossProfit];
      }
      expect(ofGroups).toBeCloseTo(worldTotals(returned, i, tiers + 1).memberBaselineGrossProfit, 6);
    }
  });

  it('take each iteration\'s drawn rate over the input\'s', async () => {
    const drawn = await simulate(scenario(0.9, [rate, rate, rate, rate]), { workers: 1 });
    const [, , returned] = await results;
    expect(drawn.tallies).toEqual(returned.tallies);
  });

  it('refuse a return rate outside 0 .. 1, naming it', async () => {
    const problem = (run: Promise<unknown>) =>
      run.then(
        () => 'accepted',
        (err: unknown) => (err instanceof UserInputError ? `${err.location.field}: ${err.message}` : String(err)),
      );
    expect(await problem(simulate(scenario(1.5), { workers: 1 }))).toBe('returnRate: must be >= 0 and <= 1, got 1.5');
    expect(await problem(simulate(scenario(0, [0.1, -0.2, 0.1, 0.1]), { workers: 1 }))).toBe('iteration 2: returnRate: must be >= 0 and <= 1, got -0.2');
  });
});

describe('returnUniform', () => {
  it('is uniform and unrelated to the program uniform it is derived from', () => {
    // The program uniforms (k + 0.5) / 2^32 of k = 0, 1, 2, ..., 2^32 - 1 spaced out evenly.
    const n = 200_000;
    const step = Math.floor(2 ** 32 / n);
    let below = 0;
    let bothBelow = 0;
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const u = (j * step + 0.5) / 2 ** 32;
      const v = returnUniform(u);
      expect(v > 0 && v < 1).toBe(true);
      sum += v;
      if (v < 0.2) below++;
      if (v < 0.2 && u < 0.25) bothBelow++;
    }
    // Standard errors: sqrt(1 / 12 / n) = 0.00065 for the mean; sqrt(0.16 / n) = 0.0009 and
    // sqrt(0.05 x 0.95 / n) = 0.0005 for the shares.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.003);
    expect(Math.abs(below / n - 0.2)).toBeLessThan(0.004);
    expect(Math.abs(bothBelow / n - 0.05)).toBeLessThan(0.002);
  });
});
