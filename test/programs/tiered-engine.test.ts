/**
 * A tiered program through the engine: the per-tier breakdown adds up to the world's tallies, and
 * members climb the tiers.
 */
import { describe, expect, it } from 'vitest';
import { resolvedProgram } from '../../src/programs/registry.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import type { ResolvedTieredProgram } from '../../src/programs/types/tiered.js';
import { simulate } from '../../src/sim/simulate.js';
import { breakdownIndex, breakdownLayout, BreakdownField, Tally, tallyOffset } from '../../src/sim/tally.js';
import { common, input, variedCustomers } from '../sim/fixtures.js';

const AIRLINE = resolvedProgram({
  ...common('airline'),
  type: 'tiered',
  qualification: { metric: 'spend', window: 12, reviewEveryMonths: 6, graceMonths: 1 },
  tiers: [
    { name: 'Red', threshold: 0, earnMultiplier: 1 },
    { name: 'Silver', threshold: 150, earnMultiplier: 1.5, discount: 0.02, benefitCostPerYear: 10 },
    { name: 'Gold', threshold: 400, earnMultiplier: 2, discount: 0.05, benefitCostPerYear: 60 },
  ],
  points: { earnRate: 0.1, faceValue: 0.1, costPerPoint: 0.06, expiryMonths: 6 },
  // Award goods at 0.06 a point, half of which replace a purchase the member would have paid for.
  redemption: { probability: 0.5, neverRedeemShare: 0.2, form: 'reward', displacesPurchase: 0.5 },
});

describe('tiered program in the engine', () => {
  it('breaks members, benefits and sales down by tier, adding up to the world tallies every month', async () => {
    const result = await simulate(input(variedCustomers(1500), [AIRLINE], { iterations: 3, newCustomersPerMonth: 20 }), { workers: 1 });
    expect(result.breakdownGroups).toEqual([['Red', 'Silver', 'Gold']]);
    const layout = breakdownLayout(result.breakdownGroups, result.horizonMonths);
    const shape = { iterations: result.iterations, worldCount: 2, horizonMonths: result.horizonMonths };
    for (let i = 0; i < result.iterations; i++) {
      let goldMembers = 0;
      for (let month = 0; month < result.horizonMonths; month++) {
        const world = tallyOffset(shape, i, 1, month);
        const sum = (field: keyof typeof BreakdownField) =>
          [0, 1, 2].reduce((total, g) => total + result.breakdown[breakdownIndex(layout, i, 0, month, g) + BreakdownField[field]], 0);
        expect(sum('members')).toBe(result.tallies[world + Tally.members]);
        expect(sum('purchases')).toBe(result.tallies[world + Tally.memberPurchases]);
        const benefits =
          result.tallies[world + Tally.discounts] +
          result.tallies[world + Tally.pointsPayments] +
          result.tallies[world + Tally.rewardCost] +
          result.tallies[world + Tally.benefitCost];
        expect(sum('benefits')).toBeCloseTo(benefits, 6);
        goldMembers += result.breakdown[breakdownIndex(layout, i, 0, month, 2) + BreakdownField.members];
      }
      expect(goldMembers).toBeGreaterThan(0);
      // Everyone joined, so member sales are all sales.
      const totals = worldTotals(result, i, 1);
      expect(totals.memberPurchases).toBe(totals.purchases);
    }
  });
});
