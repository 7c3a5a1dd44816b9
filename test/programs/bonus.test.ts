import { describe, expect, it } from 'vitest';
import type { PointsMechanics } from '../../src/programs/points-account.js';
import { resolvedProgram } from '../../src/programs/registry.js';
import { bonusProgram, type ResolvedBonusProgram } from '../../src/programs/types/bonus.js';
import { COMMON, PolicyDriver } from './helpers.js';
import { UserInputError } from '../../src/errors.js';

const CONTEXT = { horizonMonths: 24, categoryNames: ['shop', 'fuel'] };

function definition(points: Partial<PointsMechanics>, redemption = { probability: 1, neverRedeemShare: 0 }) {
  return { ...COMMON, name: 'points', type: 'bonus' as const, points: { earnRate: 0.05, faceValue: 1, costPerPoint: 1, ...points }, redemption };
}

function bonus(points: Partial<PointsMechanics>, redemption = { probability: 1, neverRedeemShare: 0 }): ResolvedBonusProgram {
  return resolvedProgram(definition(points, redemption));
}

function driver(program: ResolvedBonusProgram): PolicyDriver<ResolvedBonusProgram> {
  const policy = bonusProgram.create(CONTEXT);
  policy.configure(program);
  return new PolicyDriver(policy);
}

describe('bonus program', () => {
  it('reproduces docs/methods.md section 3: 5% back on two 9,000 purchases at 30% margin, redeemed on the second', () => {
    const member = driver(bonus({ earnRate: 0.05 }));
    member.enrol(0);
    const first = { ...member.purchase(1, 9000) };
    expect(first.pointsIssued).toBe(450);
    expect(first.pointsRedeemed).toBe(0);
    const second = { ...member.purchase(40, 9000) };
    expect(second.pointsRedeemed).toBe(450);
    expect(second.paidWithPoints).toBe(450);
    expect(second.rewardCost).toBe(450);
    expect(second.pointsIssued).toBe(450); // earned on the full price
    const grossProfit = 2 * 9000 * 0.3;
    expect(grossProfit - first.rewardCost - second.rewardCost).toBe(4950);
    const monthEnd = member.monthEnd(1);
    expect(monthEnd.pointsOutstanding).toBe(450);
    expect(monthEnd.liability).toBe(450); // redeemable points x cost per point 1
  });

  it('caps redemption at maxShareOfPurchase of the price, at face value', () => {
    const member = driver(bonus({ earnRate: 0.1, maxShareOfPurchase: 0.2 }));
    member.enrol(0);
    member.purchase(0, 1000); // 100 points
    const capped = { ...member.purchase(10, 300) };
    expect(capped.pointsRedeemed).toBe(60); // 20% of 300 at face value 1
    expect(capped.paidWithPoints).toBe(60);
    expect(capped.pointsIssued).toBe(30);
    expect(member.monthEnd(0).pointsOutstanding).toBe(70);

    const halfValue = driver(bonus({ earnRate: 0.1, maxShareOfPurchase: 0.2, faceValue: 0.5, costPerPoint: 0.3 }));
    halfValue.enrol(0);
    halfValue.purchase(0, 1000); // 100 points
    const redeemed = { ...halfValue.purchase(10, 300) }; // cap 0.2 x 300 / 0.5 = 120 points, balance 100
    expect(redeemed.pointsRedeemed).toBe(100);
    expect(redeemed.paidWithPoints).toBe(50);
    expect(redeemed.rewardCost).toBeCloseTo(30, 12);
  });

  it('redeems only from the minimum balance on', () => {
    const member = driver(bonus({ earnRate: 0.1, minimumToRedeem: 100 }));
    member.enrol(0);
    member.purchase(0, 990); // 99 points
    expect(member.purchase(5, 10).pointsRedeemed).toBe(0); // 99 usable < 100; earns 1
    expect(member.purchase(6, 500).pointsRedeemed).toBe(100);
  });

  it('does not let pending points be spent', () => {
    const member = driver(bonus({ earnRate: 0.1, pendingDays: 14 }));
    member.enrol(0);
    member.purchase(10, 1000); // 100 points, usable from day 24
    expect(member.purchase(23, 1000).pointsRedeemed).toBe(0);
    expect(member.purchase(24, 1000).pointsRedeemed).toBe(100); // the day-23 points are still pending
  });

  it('rounds earned points down, to the nearest, or not at all', () => {
    const floor = driver(bonus({ earnRate: 0.29, rounding: 'floor' }));
    floor.enrol(0);
    expect(floor.purchase(0, 100).pointsIssued).toBe(29); // 100 x 0.29 = 28.999999999999996 in floating point
    expect(floor.purchase(0, 19.99).pointsIssued).toBe(5); // 5.7971
    const round = driver(bonus({ earnRate: 0.05, rounding: 'round' }));
    round.enrol(0);
    expect(round.purchase(0, 19.99).pointsIssued).toBe(1); // 0.9995
    expect(round.purchase(0, 9.99).pointsIssued).toBe(0); // 0.4995
    const none = driver(bonus({ earnRate: 0.05, rounding: 'none' }));
    none.enrol(0);
    expect(none.purchase(0, 19.99).pointsIssued).toBe(1023 / 1024); // 0.9995 to the nearest 1/1024
  });

  it('earns by category', () => {
    const member = driver(bonus({ earnRate: 0.1, byCategory: { shop: 0.3 } }));
    member.enrol(0);
    expect(member.purchase(0, 100, { category: 0 }).pointsIssued).toBe(30);
    expect(member.purchase(0, 100, { category: 1 }).pointsIssued).toBe(10);
  });

  it('credits the welcome bonus on enrolment', () => {
    const member = driver(bonus({ welcomeBonus: 250 }));
    expect(member.enrol(3).pointsIssued).toBe(250);
    expect(member.monthEnd(0).pointsOutstanding).toBe(250);
  });

  it('follows the redemption behaviour: probability per purchase and never-redeemers', () => {
    const behaviour = { probability: 0.6, neverRedeemShare: 0.3 };
    const member = driver(bonus({ earnRate: 0.1 }, behaviour));
    member.enrol(0, 0.9); // 0.9 >= 0.3: redeems
    member.purchase(0, 1000);
    expect(member.purchase(1, 100, { uniform: 0.7 }).pointsRedeemed).toBe(0); // 0.7 >= 0.6: not this time
    expect(member.purchase(2, 100, { uniform: 0.1 }).pointsRedeemed).toBe(100);

    const never = driver(bonus({ earnRate: 0.1 }, behaviour));
    never.enrol(0, 0.2); // 0.2 < 0.3: never redeems
    never.purchase(0, 1000);
    expect(never.purchase(1, 100, { uniform: 0.01 }).pointsRedeemed).toBe(0);
    const stocks = never.monthEnd(0);
    expect(stocks.pointsOutstanding).toBe(110);
    expect(stocks.pointsRedeemable).toBe(0);
  });

  it('counts the points of a member who left as outstanding but not redeemable', () => {
    const member = driver(bonus({ earnRate: 0.1, costPerPoint: 0.7 }));
    member.enrol(0);
    member.purchase(0, 1000);
    expect(member.monthEnd(0).liability).toBeCloseTo(70, 12);
    member.leave(20);
    const stocks = member.monthEnd(1);
    expect(stocks.pointsOutstanding).toBe(100);
    expect(stocks.pointsRedeemable).toBe(0);
    expect(stocks.liability).toBe(0);
  });

  it('expires points at the end of month e + expiryMonths', () => {
    const member = driver(bonus({ earnRate: 0.1, expiryMonths: 2 }, { probability: 0, neverRedeemShare: 0 }));
    member.enrol(0);
    member.purchase(3, 1000); // month 0
    member.purchase(40, 500); // month 1
    expect(member.monthEnd(0).pointsExpired).toBe(0);
    expect(member.monthEnd(1).pointsExpired).toBe(0);
    const end2 = { ...member.monthEnd(2) };
    expect(end2.pointsExpired).toBe(100);
    expect(end2.pointsOutstanding).toBe(50);
    expect(member.monthEnd(3).pointsExpired).toBe(50);
  });

  it('promises quiet month ends until the next expiry', () => {
    const member = driver(bonus({ earnRate: 0.1, expiryMonths: 2 }, { probability: 0, neverRedeemShare: 0 }));
    member.enrol(0);
    expect(member.monthEnd(0).quietUntilMonth).toBe(Infinity); // no points, nothing to expire
    member.purchase(40, 1000); // month 1
    expect(member.monthEnd(1).quietUntilMonth).toBe(3);
    expect(member.monthEnd(3).pointsExpired).toBe(100);
    expect(driver(bonus({ earnRate: 0.1 })).monthEnd(0).quietUntilMonth).toBe(Infinity);
  });

  it('rejects impossible parameters naming the field', () => {
    const check = (points: Partial<PointsMechanics>, redemption?: { probability: number; neverRedeemShare: number }) => () =>
      resolvedProgram(definition(points, redemption), 'programs[0]', CONTEXT);
    expect(check({ earnRate: -0.1 })).toThrow(UserInputError);
    expect(check({ earnRate: -0.1 })).toThrow(/must not be negative, got -0.1/);
    expect(check({ maxShareOfPurchase: 1.2 })).toThrow(expect.objectContaining({ location: expect.objectContaining({ field: 'programs[0].points.maxShareOfPurchase' }) }));
    expect(check({ byCategory: { food: 0.1 } })).toThrow(/unknown category 'food'/);
    expect(check({ faceValue: 0 })).toThrow(/must be positive, got 0/);
    expect(check({}, { probability: 1.5, neverRedeemShare: 0 })).toThrow(/must be at most 1/);
    expect(check({ expiryMonths: 2.5 })).toThrow(/whole number/);
    expect(check({})).not.toThrow();
  });
});
