/**
 * A coalition partner through the engine: settlement flows match the points, and customers reach
 * the business through the network in the program's world only.
 */
import { describe, expect, it } from 'vitest';
import { resolvedProgram } from '../../src/programs/registry.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import type { ResolvedCoalitionProgram } from '../../src/programs/types/coalition.js';
import { simulate } from '../../src/sim/simulate.js';
import { common, input, variedCustomers } from '../sim/fixtures.js';

function partner(networkArrivalsPerMonth: number): ResolvedCoalitionProgram {
  return resolvedProgram({
    ...common('partner', { enrolment: { share: 0.5, selfSelection: 1 } }),
    type: 'coalition',
    coalition: {
      view: 'partner',
      earnRate: 1,
      pricePerPointIssued: 0.008,
      reimbursementPerPointRedeemed: 0.006,
      networkArrivalsPerMonth,
      faceValue: 0.01,
      minimumToRedeem: 200,
      maxShareOfPurchase: 0.5,
      expiryMonths: 6,
    },
    redemption: { probability: 0.5, neverRedeemShare: 0.2 },
  });
}

describe('coalition partner in the engine', () => {
  it('pays the operator for every point issued and is reimbursed for every point redeemed', async () => {
    const result = await simulate(input(variedCustomers(1500), [partner(0)], { iterations: 3 }), { workers: 1 });
    for (let i = 0; i < result.iterations; i++) {
      const totals = worldTotals(result, i, 1);
      expect(totals.pointsRedeemed).toBeGreaterThan(0);
      expect(totals.partnerPaymentsOut).toBeCloseTo(totals.pointsIssued * 0.008, 6);
      expect(totals.partnerPaymentsIn).toBeCloseTo(totals.pointsRedeemed * 0.006, 6);
      // Points pay at the till: cash not taken at face value, no reward goods.
      expect(totals.pointsPayments).toBeCloseTo(totals.pointsRedeemed * 0.01, 6);
      expect(totals.rewardCost).toBe(0);
      // What you bear per point redeemed with you: face value 0.01 less the reimbursement 0.006.
      expect(totals.redemptionCost).toBeCloseTo(totals.pointsRedeemed * 0.004, 6);
      expect(totals.runOffRedemptionCost).toBeCloseTo(totals.runOffRedeemed * 0.004, 6);
    }
  });

  it('brings new customers through the network, in the program world only, at the given rate', async () => {
    const result = await simulate(input(variedCustomers(800), [partner(25)], { iterations: 6 }), { workers: 1 });
    let arrivals = 0;
    for (let i = 0; i < result.iterations; i++) {
      expect(worldTotals(result, i, 0).programArrivals).toBe(0);
      arrivals += worldTotals(result, i, 1).programArrivals;
    }
    // Poisson: mean 25 x 12 x 6 = 1,800, standard deviation about 42.
    expect(Math.abs(arrivals - 1800)).toBeLessThan(4 * Math.sqrt(1800));
  });
});
