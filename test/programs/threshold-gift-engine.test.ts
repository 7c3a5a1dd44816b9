/**
 * A stamp card through the engine: stamps balance like points, a gift that costs nothing and
 * replaces no purchase leaves profit exactly at the baseline, and the gifts' cost is the gift cost
 * per card completed.
 */
import { describe, expect, it } from 'vitest';
import { resolvedProgram } from '../../src/programs/registry.js';
import { incrementalProfit } from '../../src/metrics/profit.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import type { ResolvedThresholdGiftProgram } from '../../src/programs/types/threshold-gift.js';
import { simulate } from '../../src/sim/simulate.js';
import { common, input, variedCustomers } from '../sim/fixtures.js';

function stampCard(name: string, giftCost: number): ResolvedThresholdGiftProgram {
  return resolvedProgram({
    ...common(name, { enrolment: { share: 0.6, selfSelection: 1 } }),
    type: 'threshold-gift',
    gift: { countOn: 'visits', threshold: 5, giftValue: 4, giftCost, displacesPurchase: 0 },
    redemption: { probability: 1, neverRedeemShare: 0.25 },
  });
}

describe('stamp card in the engine', () => {
  it('costs the gift cost per completed card, and nothing when the gift costs nothing', async () => {
    const programs = [stampCard('free gift', 0), stampCard('gift at 1.5', 1.5)];
    const result = await simulate(input(variedCustomers(1500), programs, { iterations: 4, newCustomersPerMonth: 20 }), { workers: 1 });
    for (let i = 0; i < result.iterations; i++) {
      const baseline = worldTotals(result, i, 0);
      const free = worldTotals(result, i, 1);
      expect(free.revenue).toBe(baseline.revenue);
      expect(incrementalProfit(free, baseline)).toBe(0);
      const paid = worldTotals(result, i, 2);
      // Every redemption takes 5 stamps for one gift at 1.5, worth 4 to the customer.
      expect(paid.pointsRedeemed % 5).toBe(0);
      expect(paid.rewardCost).toBeCloseTo((paid.pointsRedeemed / 5) * 1.5, 9);
      expect(paid.pointsPayments).toBe(0);
      // One stamp per member purchase.
      expect(paid.pointsIssued).toBe(paid.memberPurchases);
      expect(paid.pointsIssued).toBe(paid.pointsRedeemed + paid.pointsExpired + paid.pointsOutstanding);
      expect(paid.pointsRedeemed).toBeGreaterThan(0);
    }
  });
});
