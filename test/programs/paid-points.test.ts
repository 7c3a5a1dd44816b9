/**
 * Points on a paid membership (a club whose benefits include a points multiplier), worked by hand:
 * earned points = base points x pointsMultiplier; as rewards that displace no purchase, reward cost
 * = points redeemed x costPerPoint, and at the till points redeemed x faceValue of cash not taken;
 * the points' value counts in the benefit of rational joining and of renewal; a member who does
 * not renew forfeits the balance. Through the engine, with a quarter of the rewards displacing a
 * paid purchase: reward cost = 0.75 x points redeemed x costPerPoint and points payments = 0.25 x
 * points redeemed x faceValue.
 */
import { describe, expect, it } from 'vitest';
import { resolvedProgram } from '../../src/programs/registry.js';
import { paidProgram, type ResolvedPaidProgram } from '../../src/programs/types/paid.js';
import type { PointsMechanics, RedemptionBehaviour } from '../../src/programs/points-account.js';
import { EnrolmentCandidate } from '../../src/programs/program.js';
import { simulate } from '../../src/sim/simulate.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import type { UserInputError } from '../../src/errors.js';
import { COMMON, PolicyDriver } from './helpers.js';
import { input, variedCustomers } from '../sim/fixtures.js';

const CONTEXT = { horizonMonths: 24, categoryNames: ['all'] };

/** A monthly club of 10 with no discount: its only benefit is the points. */
type PaidMechanics = ResolvedPaidProgram['paid'];
/** A points block as a program file may write it: earn rate and face value, the rest optional. */
type PointsBlock = Pick<PointsMechanics, 'earnRate' | 'faceValue'> & Partial<PointsMechanics>;

const POINTS_CLUB: PaidMechanics = {
  fee: 10,
  period: 'month',
  discountPercent: 0,
  deliveryValuePerOrder: 0,
  deliveryCostPerOrder: 0,
  joining: 'share',
  hurdle: 1,
  noise: 0,
};

/** 1 point per 20 spent, worth 0.2 to the member and costing the business 0.12. */
const BASE_POINTS: PointsBlock = { earnRate: 0.05, faceValue: 0.2, costPerPoint: 0.12 };
const ALWAYS_REDEEMS: RedemptionBehaviour = { probability: 0.5, neverRedeemShare: 0, form: 'reward', displacesPurchase: 0 };

/** The club with the given points and redemption blocks (null: the block absent). */
function clubDefinition(
  mechanics: Partial<PaidMechanics> = {},
  points: PointsBlock | null = BASE_POINTS,
  redemption: RedemptionBehaviour | null = ALWAYS_REDEEMS,
) {
  return { name: 'club', type: 'paid' as const, ...COMMON, paid: { ...POINTS_CLUB, ...mechanics }, points: points ?? undefined, redemption: redemption ?? undefined };
}

function club(mechanics: Partial<PaidMechanics> = {}, points: PointsBlock | null = BASE_POINTS, redemption: RedemptionBehaviour | null = ALWAYS_REDEEMS): ResolvedPaidProgram {
  return resolvedProgram(clubDefinition(mechanics, points, redemption));
}

function candidate(ratePerDay: number, meanPurchaseValue: number): EnrolmentCandidate {
  return Object.assign(new EnrolmentCandidate(), { ratePerDay, meanPurchaseValue, dropout: 0, uniform: 0.5 });
}

/** Uniforms of a purchase: below the redemption probability 0.5 the member redeems. */
const REDEEMS = { uniform: 0.1 };
const KEEPS = { uniform: 0.9 };

describe('points on a paid membership', () => {
  it('earns the base points times the multiplier: 100 x 0.05 x 3 = 15; 30 x 0.05 x 3 = 4.5, floored to 4', () => {
    const driver = new PolicyDriver(paidProgram.create(CONTEXT));
    // A yearly fee: month 0's end is not a period end.
    driver.policy.configure(club({ period: 'year', pointsMultiplier: 3 }));
    expect(driver.enrol(0)).toMatchObject({ feesCollected: 10, feePayments: 1, pointsIssued: 0 });
    expect(driver.purchase(2, 100, KEEPS)).toMatchObject({ pointsIssued: 15, pointsRedeemed: 0, rewardCost: 0 });
    expect(driver.purchase(5, 30, KEEPS)).toMatchObject({ pointsIssued: 4 });
    expect(driver.monthEnd(0, 0.5)).toMatchObject({ pointsOutstanding: 19, pointsRedeemable: 19 });
  });

  it('earns the base points alone when the multiplier is absent (default 1): 100 x 0.05 = 5', () => {
    const driver = new PolicyDriver(paidProgram.create(CONTEXT));
    driver.policy.configure(club());
    driver.enrol(0);
    expect(driver.purchase(2, 100, KEEPS).pointsIssued).toBe(5);
  });

  it('books the reward cost of a redemption at costPerPoint: 19 points redeemed cost 19 x 0.12 = 2.28', () => {
    const driver = new PolicyDriver(paidProgram.create(CONTEXT));
    driver.policy.configure(club({ period: 'year', pointsMultiplier: 3 }));
    driver.enrol(0);
    driver.purchase(2, 100, KEEPS); // 15 points
    driver.purchase(5, 30, KEEPS); // 4 points
    // The balance of 19 is redeemed on a purchase of 50 (up to 50 / 0.2 = 250 points payable):
    // goods worth 19 x 0.2 = 3.80 to the member, 19 x 0.12 = 2.28 reward cost; then 50 x 0.05 x 3 = 7.5
    // earns 7 points on the full price.
    const out = driver.purchase(8, 50, REDEEMS);
    expect(out.pointsRedeemed).toBe(19);
    expect(out.pointsPayments).toBe(0); // the rewards displace no purchase
    expect(out.rewardCost).toBeCloseTo(2.28, 12);
    expect(out.pointsIssued).toBe(7);
    expect(driver.monthEnd(0, 0.1).pointsOutstanding).toBe(7);
  });

  it('counts the points earned in a period at face value in the renewal benefit', () => {
    const driver = new PolicyDriver(paidProgram.create(CONTEXT));
    // Multiplier 2, face value 0.5: a purchase of 120 earns 120 x 0.05 x 2 = 12 points, worth 6.
    driver.policy.configure(club({ pointsMultiplier: 2 }, { ...BASE_POINTS, faceValue: 0.5 }));
    driver.enrol(0);
    driver.purchase(3, 120, KEEPS);
    driver.purchase(9, 100, KEEPS); // 10 points, worth 5: 11 in all > fee 10
    expect(driver.monthEnd(0)).toMatchObject({ periodsEnded: 1, renewals: 1, benefitShortfalls: 0, feesCollected: 10, member: true, pointsOutstanding: 22 });
    // Month 1: 12 points worth 6 < 10: falls short, does not renew.
    driver.purchase(40, 120, KEEPS);
    expect(driver.monthEnd(1)).toMatchObject({ periodsEnded: 1, renewals: 0, benefitShortfalls: 1, member: false });
  });

  it('a member who does not renew forfeits the balance: booked as forfeited, nothing left outstanding', () => {
    const driver = new PolicyDriver(paidProgram.create(CONTEXT));
    driver.policy.configure(club({ pointsMultiplier: 2 }, { ...BASE_POINTS, faceValue: 0.5 }));
    driver.enrol(0);
    driver.purchase(3, 120, KEEPS); // 12 points, worth 6 < 10
    // issued 12 = redeemed 0 + expired 12 + outstanding 0.
    expect(driver.monthEnd(0)).toMatchObject({ member: false, pointsExpired: 0, pointsForfeited: 12, pointsOutstanding: 0, pointsRedeemable: 0 });
  });

  it('promises quiet month ends only up to the next expiry of points or the period end, whichever is first', () => {
    const driver = new PolicyDriver(paidProgram.create(CONTEXT));
    driver.policy.configure(club({ period: 'year', fee: 0 }, { ...BASE_POINTS, expiryMonths: 3 }));
    driver.enrol(0);
    driver.purchase(40, 100, KEEPS); // month 1: expires at the end of month 1 + 3 = 4
    expect(driver.monthEnd(1).quietUntilMonth).toBe(4);
    expect(driver.monthEnd(4)).toMatchObject({ pointsExpired: 5, pointsOutstanding: 0, quietUntilMonth: 11 });
  });
});

describe('rational joining counts the points value: N x V x earnRate x multiplier x faceValue', () => {
  // 0.04 purchases a day at 30 for a year: N = 0.04 x 365.2425 = 14.6097 purchases, 438.29 spent.
  // A 220 card with 40% off: 175.32 < 220. 1 point per 20 worth 1 (5% back) times m adds
  // 438.29 x 0.05 x m: B > 220 when 0.4 + 0.05 m > 220 / 438.29 = 0.50195, i.e. m > 2.039.
  const card = (pointsMultiplier?: number, points: PointsBlock | null = { earnRate: 0.05, faceValue: 1, costPerPoint: 0.6 }) =>
    club({ fee: 220, period: 'year', discountPercent: 0.4, joining: 'rational', hurdle: 1, noise: 0, pointsMultiplier }, points);

  it('a candidate whose benefit clears the fee only thanks to the points joins; without points they do not', () => {
    const policy = paidProgram.create(CONTEXT);
    policy.configure(card(undefined, null));
    expect(policy.joins!(candidate(0.04, 30))).toBe(false); // 175.32 < 220
    policy.configure(card(3));
    expect(policy.joins!(candidate(0.04, 30))).toBe(true); // 175.32 + 65.74 = 241.06 > 220
    policy.configure(card(1));
    expect(policy.joins!(candidate(0.04, 30))).toBe(false); // 175.32 + 21.91 = 197.23 < 220
  });

  it('the break-even multiplier is 2.039', () => {
    const policy = paidProgram.create(CONTEXT);
    const breakEven = (220 / (0.04 * 365.2425 * 30) - 0.4) / 0.05;
    expect(breakEven).toBeCloseTo(2.039, 3);
    policy.configure(card(2.03));
    expect(policy.joins!(candidate(0.04, 30))).toBe(false);
    policy.configure(card(2.05));
    expect(policy.joins!(candidate(0.04, 30))).toBe(true);
  });

  it('values the points at the base earnRate, not the per-category rates', () => {
    const policy = paidProgram.create(CONTEXT);
    // A category rate of 1 point per currency unit does not enter the expected benefit.
    policy.configure(card(1, { earnRate: 0.05, faceValue: 1, costPerPoint: 0.6, byCategory: { all: 1 } }));
    expect(policy.joins!(candidate(0.04, 30))).toBe(false);
  });
});

describe('validation of points on a paid program', () => {
  const check = (program: ReturnType<typeof clubDefinition>) => {
    try {
      resolvedProgram(program, 'programs[0]', CONTEXT);
    } catch (error) {
      return (error as UserInputError).format();
    }
    return undefined;
  };

  it('rejects a negative multiplier, a multiplier without points, and points without redemption, naming the field', () => {
    expect(check(clubDefinition({ pointsMultiplier: 2 }))).toBeUndefined();
    expect(check(clubDefinition({ pointsMultiplier: -1 }))).toBe('programs[0].paid.pointsMultiplier: must not be negative, got -1');
    expect(check(clubDefinition({ pointsMultiplier: 2 }, null, null))).toMatch(/^programs\[0\]\.paid\.pointsMultiplier: a points multiplier needs a points block/);
    expect(check(clubDefinition({}, BASE_POINTS, null))).toMatch(/^programs\[0\]\.points: points need a redemption block/);
    expect(check(clubDefinition({}, { ...BASE_POINTS, faceValue: 0 }))).toMatch(/^programs\[0\]\.points\.faceValue: /);
  });
});

describe('points on a paid membership through the engine', () => {
  it('reward cost = (1 - d) x points redeemed x costPerPoint, points payments d x faceValue; the fees collected stay fee x fees charged', async () => {
    const redemption: RedemptionBehaviour = { probability: 0.4, neverRedeemShare: 0.2, form: 'reward', displacesPurchase: 0.25 };
    const program = club({ period: 'month', fee: 4, pointsMultiplier: 2.5 }, { ...BASE_POINTS, expiryMonths: 2 }, redemption);
    const result = await simulate(input(variedCustomers(1500), [program], { iterations: 3, newCustomersPerMonth: 20 }), { workers: 1 });
    for (let i = 0; i < 3; i++) {
      const totals = worldTotals(result, i, 1);
      expect(totals.pointsRedeemed).toBeGreaterThan(0);
      expect(totals.pointsForfeited).toBeGreaterThan(0);
      expect(totals.rewardCost).toBeCloseTo(totals.pointsRedeemed * 0.75 * 0.12, 6);
      expect(totals.pointsPayments).toBeCloseTo(totals.pointsRedeemed * 0.25 * 0.2, 6);
      expect(totals.feesCollected).toBe(4 * totals.feePayments);
    }
  });
});
