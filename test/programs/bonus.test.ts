import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import type { PointsMechanics, RedemptionBehaviour, redemptionSchema } from '../../src/programs/points-account.js';
import { resolvedProgram } from '../../src/programs/registry.js';
import { bonusProgram, type ResolvedBonusProgram } from '../../src/programs/types/bonus.js';
import { COMMON, PolicyDriver } from './helpers.js';
import { UserInputError } from '../../src/errors.js';

const CONTEXT = { horizonMonths: 24, categoryNames: ['shop', 'fuel'] };

/** A redemption block as written; catalogue entries may be malformed (the schema tests). */
type RedemptionBlock = Partial<Omit<RedemptionBehaviour, 'catalogue'>> & { probability: number; catalogue?: Record<string, unknown>[] };

function definition(points: Partial<PointsMechanics>, redemption: RedemptionBlock = { probability: 1, neverRedeemShare: 0 }) {
  return {
    ...COMMON,
    name: 'points',
    type: 'bonus' as const,
    points: { earnRate: 0.05, faceValue: 1, ...points },
    redemption: redemption as z.input<typeof redemptionSchema>,
  };
}

function bonus(points: Partial<PointsMechanics>, redemption: RedemptionBlock = { probability: 1, neverRedeemShare: 0 }): ResolvedBonusProgram {
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
    // At the till: 450 of the second price is paid with points, cash the shop does not take.
    expect(second.pointsPayments).toBe(450);
    expect(second.rewardCost).toBe(0);
    expect(second.redemptionCost).toBe(450);
    expect(second.pointsIssued).toBe(450); // earned on the full price
    const grossProfit = 2 * 9000 * 0.3;
    expect(grossProfit - first.pointsPayments - second.pointsPayments).toBe(4950);
    const monthEnd = member.monthEnd(1);
    expect(monthEnd.pointsOutstanding).toBe(450);
    expect(monthEnd.pointsRedeemable).toBe(450);
  });

  it('caps redemption at maxShareOfPurchase of the price, at face value', () => {
    const member = driver(bonus({ earnRate: 0.1, maxShareOfPurchase: 0.2 }));
    member.enrol(0);
    member.purchase(0, 1000); // 100 points
    const capped = { ...member.purchase(10, 300) };
    expect(capped.pointsRedeemed).toBe(60); // 20% of 300 at face value 1
    expect(capped.pointsPayments).toBe(60);
    expect(capped.pointsIssued).toBe(30);
    expect(member.monthEnd(0).pointsOutstanding).toBe(70);

    const halfValue = driver(bonus({ earnRate: 0.1, maxShareOfPurchase: 0.2, faceValue: 0.5 }));
    halfValue.enrol(0);
    halfValue.purchase(0, 1000); // 100 points
    const redeemed = { ...halfValue.purchase(10, 300) }; // cap 0.2 x 300 / 0.5 = 120 points, balance 100
    expect(redeemed.pointsRedeemed).toBe(100);
    expect(redeemed.pointsPayments).toBe(50);
    expect(redeemed.rewardCost).toBe(0);
  });

  it('costs a reward-form point d x faceValue of a displaced sale plus (1 - d) x costPerPoint of goods', () => {
    // 100 points worth 0.5 each buy goods costing 0.3 a point; a quarter of them replace a paid purchase.
    const member = driver(bonus({ earnRate: 0.1, faceValue: 0.5, costPerPoint: 0.3 }, { probability: 1, form: 'reward', displacesPurchase: 0.25 }));
    member.enrol(0);
    member.purchase(0, 1000); // 100 points
    const redeemed = { ...member.purchase(10, 300) };
    expect(redeemed.pointsRedeemed).toBe(100);
    expect(redeemed.pointsPayments).toBe(0.25 * 100 * 0.5); // 12.5
    expect(redeemed.rewardCost).toBeCloseTo(0.75 * 100 * 0.3, 12); // 22.5
    // What the redemption costs the business: 0.25 x 0.5 + 0.75 x 0.3 = 0.35 a point.
    expect(redeemed.redemptionCost).toBeCloseTo(100 * 0.35, 12);
    // Displacing every purchase (the default) costs the face value, as at the till.
    const displacing = driver(bonus({ earnRate: 0.1, faceValue: 0.5, costPerPoint: 0.3 }, { probability: 1, form: 'reward' }));
    displacing.enrol(0);
    displacing.purchase(0, 1000);
    expect(displacing.purchase(10, 300)).toMatchObject({ pointsRedeemed: 100, pointsPayments: 50, rewardCost: 0 });
  });

  it('redeems whole vouchers only: 100 points = 5 off', () => {
    const member = driver(bonus({ earnRate: 1, faceValue: 0.05, maxShareOfPurchase: 0.5 }, { probability: 1, voucherPoints: 100 }));
    member.enrol(0);
    member.purchase(0, 99); // 99 points
    expect(member.purchase(1, 40).pointsRedeemed).toBe(0); // 99 usable: not one voucher; earns 40
    // 139 usable, cap 0.5 x 40 / 0.05 = 400 points: one voucher of 100, 5 off; earns 40 (79 left).
    expect(member.purchase(2, 40)).toMatchObject({ pointsRedeemed: 100, pointsPayments: 5 });
    expect(member.purchase(3, 30).pointsRedeemed).toBe(0); // 79 usable; earns 30
    // 109 usable, cap 0.5 x 10 / 0.05 = 100 points: one voucher exactly; earns 10 (19 left).
    expect(member.purchase(4, 10)).toMatchObject({ pointsRedeemed: 100, pointsPayments: 5 });
    member.purchase(5, 190); // 19 usable; earns 190 (209)
    // 209 usable, cap 0.5 x 9 / 0.05 = 90 points: no whole voucher within the cap; earns 9 (218).
    expect(member.purchase(6, 9).pointsRedeemed).toBe(0);
    // 218 usable, cap 0.5 x 150 / 0.05 = 1,500: two vouchers, not 2.18; earns 150.
    expect(member.purchase(7, 150)).toMatchObject({ pointsRedeemed: 200, pointsPayments: 10 });
    expect(member.monthEnd(0).pointsOutstanding).toBe(18 + 150);
  });

  it('takes one catalogue item among those the member can afford, by appeal, at its cost and displaced value', () => {
    const catalogue = [
      { name: 'coffee', points: 50, cost: 0.6, value: 2.5, appeal: 1 },
      { name: 'cake', points: 80, cost: 1, appeal: 3, displacesPurchase: 0.5 },
    ];
    const program = bonus({ earnRate: 1, faceValue: 0.05 }, { probability: 0.5, catalogue });
    expect(program.redemption.form).toBe('reward');
    const member = driver(program);
    member.enrol(0);
    member.purchase(0, 60); // 60 points: only the coffee is affordable
    // u = 0.4 < 0.5 redeems; the coffee, the only affordable item, displaces a paid coffee (default 1).
    expect(member.purchase(1, 30, { uniform: 0.4 })).toMatchObject({ pointsRedeemed: 50, pointsPayments: 2.5, rewardCost: 0 });
    member.purchase(2, 100, { uniform: 0.9 }); // 10 + 30 + 100 = 140 points, no redemption (0.9 >= 0.5)
    // Both affordable: u / p uniform on (0, 1); coffee on [0, 1/4), cake on [1/4, 1).
    expect(member.purchase(3, 0, { uniform: 0.1 })).toMatchObject({ pointsRedeemed: 50 }); // 0.2 < 0.25: coffee
    expect(member.purchase(4, 0, { uniform: 0.15 })).toMatchObject({
      pointsRedeemed: 80, // 0.3 >= 0.25: cake; half displaces a paid cake at its value 80 x 0.05 = 4
      pointsPayments: 0.5 * 4,
      rewardCost: 0.5 * 1,
    });
    expect(member.monthEnd(0).pointsOutstanding).toBe(10);
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
    const member = driver(bonus({ earnRate: 0.1, costPerPoint: 0.7 }, { probability: 1, form: 'reward', displacesPurchase: 0 }));
    member.enrol(0);
    member.purchase(0, 1000);
    expect(member.monthEnd(0).pointsRedeemable).toBe(100);
    member.leave(20);
    const stocks = member.monthEnd(1);
    expect(stocks.pointsOutstanding).toBe(100);
    expect(stocks.pointsRedeemable).toBe(0);
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
    const check = (points: Partial<PointsMechanics>, redemption?: RedemptionBlock) => () =>
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

  it('rejects redemption keys that do not fit the form, naming the key and what to do', () => {
    const check = (points: Partial<PointsMechanics>, redemption: RedemptionBlock) => () => resolvedProgram(definition(points, redemption), 'programs[0]', CONTEXT);
    const at = (field: string) => expect.objectContaining({ location: expect.objectContaining({ field }) });
    expect(check({ costPerPoint: 0.7 }, { probability: 1 })).toThrow(at('programs[0].points.costPerPoint'));
    expect(check({ costPerPoint: 0.7 }, { probability: 1 })).toThrow(/reward form only.*Remove it, or set redemption.form: reward/);
    expect(check({ costPerPoint: 0.7 }, { probability: 1, form: 'till' })).toThrow(at('programs[0].points.costPerPoint'));
    expect(check({ costPerPoint: 0.7 }, { probability: 1, form: 'reward' })).not.toThrow();
    expect(check({}, { probability: 1, form: 'reward' })).toThrow(at('programs[0].redemption.form'));
    expect(check({}, { probability: 1, form: 'reward' })).toThrow(/needs points.costPerPoint/);
    expect(check({}, { probability: 1, displacesPurchase: 0.5 })).toThrow(at('programs[0].redemption.displacesPurchase'));
    expect(check({}, { probability: 1, voucherPoints: 0 })).toThrow(at('programs[0].redemption.voucherPoints'));
    expect(check({}, { probability: 1, voucherPoints: 0 })).toThrow(/must be positive, got 0/);
    expect(check({}, { probability: 1, voucherPoints: -100 })).toThrow(at('programs[0].redemption.voucherPoints'));
    expect(check({ costPerPoint: 0.7 }, { probability: 1, form: 'reward', voucherPoints: 100 })).toThrow(/vouchers pay part of a purchase at the till/);
    const item = { name: 'mug', points: 500, cost: 3 };
    expect(check({}, { probability: 1, catalogue: [item] })).not.toThrow();
    expect(check({}, { probability: 1, catalogue: [{ ...item, points: 0 }] })).toThrow(at('programs[0].redemption.catalogue[0].points'));
    expect(check({}, { probability: 1, catalogue: [item, { name: 'cap', points: 300 }] })).toThrow(at('programs[0].redemption.catalogue[1].cost'));
    expect(check({}, { probability: 1, catalogue: [{ ...item, apeal: 2 }] })).toThrow(/unknown key 'apeal' \(did you mean 'appeal'\?\)/);
    expect(check({}, { probability: 1, catalogue: [{ ...item, displacesPurchase: 1.5 }] })).toThrow(at('programs[0].redemption.catalogue[0].displacesPurchase'));
    expect(check({}, { probability: 1, catalogue: [] })).toThrow(at('programs[0].redemption.catalogue'));
    expect(check({}, { probability: 1, form: 'till', catalogue: [item] })).toThrow(at('programs[0].redemption.form'));
    expect(check({ costPerPoint: 0.7 }, { probability: 1, catalogue: [item] })).toThrow(/each item has its own cost: remove points.costPerPoint/);
  });
});
