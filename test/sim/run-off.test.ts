/**
 * The run-off past the horizon (src/programs/run-off.ts, docs/methods.md section 5): points
 * outstanding at the horizon's end are followed to their end, by the same rules and behaviour.
 */
import { describe, expect, it } from 'vitest';
import { resolvedProgram } from '../../src/programs/registry.js';
import { simulate } from '../../src/sim/simulate.js';
import type { SimulationResult } from '../../src/sim/simulation-input.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { monthlyRollForward, pointsAccounting } from '../../src/metrics/points-accounting.js';
import { common, input, variedCustomers } from './fixtures.js';

/** A cohort of members who get a welcome bonus and earn nothing else. */
function welcomeCohort(expiryMonths: number, minimumToRedeem: number) {
  return resolvedProgram({
    ...common('welcome bonus'),
    type: 'bonus',
    points: { earnRate: 0, welcomeBonus: 1000, faceValue: 0.01, maxShareOfPurchase: 0.2, minimumToRedeem, expiryMonths },
    redemption: { probability: 0.5, neverRedeemShare: 0.1 },
  });
}

function run(program: ReturnType<typeof welcomeCohort>, horizonMonths: number, annualDiscountRate = 0): Promise<SimulationResult> {
  return simulate(input(variedCustomers(3000), [program], { horizonMonths, iterations: 3, annualDiscountRate }), { workers: 1 });
}

describe('the run-off', () => {
  it.each([
    [12, 0, 24],
    [24, 600, 36],
  ])('estimates the breakage of a welcome-bonus cohort (expiry %i months, minimum %i) that a longer horizon realises', async (expiry, minimum, longHorizon) => {
    const program = welcomeCohort(expiry, minimum);
    const short = await run(program, 12);
    const long = await run(program, longHorizon);
    for (let i = 0; i < 3; i++) {
      const estimated = worldTotals(short, i, 1);
      const realised = worldTotals(long, i, 1);
      expect(estimated.pointsIssued).toBe(realised.pointsIssued);
      // Every welcome point has expired or been redeemed within the long horizon.
      expect(realised.pointsOutstanding).toBe(0);
      const estimatedBreakage = 1 - (estimated.pointsRedeemed + estimated.runOffRedeemed) / estimated.pointsIssued;
      const realisedBreakage = 1 - realised.pointsRedeemed / realised.pointsIssued;
      expect(Math.abs(estimatedBreakage - realisedBreakage)).toBeLessThan(0.02);
      // Closer still: the run-off is the longer horizon's simulation of the same members from the
      // same random numbers (purchase sequences, month-end uniforms), so it redeems exactly the
      // points the longer horizon redeems. (Counting every point of a buying redeemer as a future
      // redemption, as an upper bound would, gives about 17% breakage here against 43-46%.)
      expect(estimated.pointsRedeemed + estimated.runOffRedeemed).toBe(realised.pointsRedeemed);
      // Within the short horizon a good part is still outstanding: the run-off has work to do.
      expect(estimated.pointsOutstanding).toBeGreaterThan(0.1 * estimated.pointsIssued);
    }
  });

  it('accounts for every point outstanding at the horizon\'s end, and prices the redemptions after it', async () => {
    const program = resolvedProgram({
      ...common('points'),
      type: 'bonus',
      points: { earnRate: 0.05, welcomeBonus: 50, faceValue: 0.5, costPerPoint: 0.25, maxShareOfPurchase: 0.2, minimumToRedeem: 20, expiryMonths: 6, pendingDays: 10 },
      redemption: { probability: 0.4, neverRedeemShare: 0.2, form: 'reward', displacesPurchase: 0 },
    });
    const result = await simulate(input(variedCustomers(2000), [program], { horizonMonths: 12, iterations: 3, newCustomersPerMonth: 40 }), { workers: 1 });
    const discounted = await simulate(
      input(variedCustomers(2000), [program], { horizonMonths: 12, iterations: 3, newCustomersPerMonth: 40, annualDiscountRate: 0.1 }),
      { workers: 1 },
    );
    for (let i = 0; i < 3; i++) {
      const t = worldTotals(result, i, 1);
      expect(t.pointsIssued).toBe(t.pointsRedeemed + t.pointsExpired + t.pointsForfeited + t.pointsOutstanding);
      expect(t.pointsOutstanding).toBe(t.runOffRedeemed + t.runOffExpired + t.runOffStranded + t.runOffHeldAtCap);
      expect(t.runOffRedeemed).toBeGreaterThan(0);
      expect(t.runOffExpired).toBeGreaterThan(0);
      expect(t.runOffStranded).toBeGreaterThan(0);
      // Points of each horizon month that were ever redeemed add up to all redemptions of horizon points.
      expect(t.ultimateRedeemed).toBe(t.pointsRedeemed + t.runOffRedeemed);
      // A redeemed point costs costPerPoint; undiscounted, the liability is that cost.
      expect(t.runOffRedemptionCost).toBeCloseTo(0.25 * t.runOffRedeemed, 6);
      expect(t.pointsLiability).toBeCloseTo(t.runOffRedemptionCost, 6);
      // The same run discounted at 10% a year: every redemption lies 1 to 60 months ahead.
      const d = worldTotals(discounted, i, 1);
      expect(d.runOffRedemptionCost).toBe(t.runOffRedemptionCost);
      expect(d.pointsLiability).toBeLessThan(d.runOffRedemptionCost * Math.pow(1.1, -1 / 12) + 1e-9);
      expect(d.pointsLiability).toBeGreaterThan(d.runOffRedemptionCost * Math.pow(1.1, -5));
      // The baseline holds no points.
      expect(worldTotals(result, i, 0).pointsLiability).toBe(0);
    }
  });

  it('rolls the IFRS 15 contract liability forward month by month: opening + deferred - recognised = closing, never recognising more than allocated', async () => {
    const program = resolvedProgram({
      ...common('points'),
      type: 'bonus',
      points: { earnRate: 0.05, welcomeBonus: 50, faceValue: 0.5, maxShareOfPurchase: 0.2, minimumToRedeem: 20, expiryMonths: 6 },
      redemption: { probability: 0.4, neverRedeemShare: 0.2 },
    });
    const result = await simulate(input(variedCustomers(1500), [program], { horizonMonths: 12, iterations: 3, newCustomersPerMonth: 30 }), { workers: 1 });
    for (let i = 0; i < 3; i++) {
      const rollForward = monthlyRollForward(result, i, 0)!;
      let allocated = 0;
      let recognised = 0;
      rollForward.periods.forEach((period, month) => {
        expect(period.openingLiability + period.allocated - period.recognised).toBeCloseTo(period.closingLiability, 9);
        if (month > 0) expect(period.openingLiability).toBe(rollForward.periods[month - 1].closingLiability);
        allocated += period.allocated;
        recognised += period.recognised;
        expect(recognised).toBeLessThanOrEqual(allocated + 1e-9);
      });
      expect(rollForward.totals.closingLiability).toBeGreaterThan(0);
    }
    const section = pointsAccounting(result, 0)!;
    expect(section.contractLiability).toHaveLength(12);
    expect(section.byIssueMonth[0].ultimateRedemptionRate.mean).toBeGreaterThan(0);
    expect(section.byIssueMonth[0].ultimateRedemptionRate.mean).toBeLessThan(1);
  });
});
