import { describe, expect, it } from 'vitest';
import { checkResolvedProgram, resolvedProgram } from '../../src/programs/registry.js';
import { tieredProgram, type ResolvedTieredProgram } from '../../src/programs/types/tiered.js';
import { UserInputError } from '../../src/errors.js';
import { COMMON, PolicyDriver } from './helpers.js';

const DAYS_PER_MONTH = 365.2425 / 12;
const CONTEXT = { horizonMonths: 36, categoryNames: ['shop'] };

/** Red / Silver / Gold by spend: 1x / 1.5x / 2x on 1 point per 10; Gold's services cost 1 a day. */
type TierLevel = Partial<ResolvedTieredProgram['tiers'][number]> & { name: string; threshold: number };
type TierQualification = ResolvedTieredProgram['qualification'];

const AIRLINE: TierLevel[] = [
  { name: 'Red', threshold: 0, earnMultiplier: 1 },
  { name: 'Silver', threshold: 1000, earnMultiplier: 1.5, discount: 0.02 },
  { name: 'Gold', threshold: 3000, earnMultiplier: 2, discount: 0.05, benefitCostPerYear: 365.2425 },
];

function tieredDefinition(qualification: Partial<TierQualification> = {}, tiers: TierLevel[] = AIRLINE) {
  return {
    ...COMMON,
    name: 'status',
    type: 'tiered' as const,
    qualification: { metric: 'spend' as const, window: 12, reviewEveryMonths: 12, graceMonths: 0, ...qualification },
    tiers,
    points: { earnRate: 0.1, faceValue: 0.01 },
    redemption: { probability: 0, neverRedeemShare: 0 },
  };
}

function tiered(qualification: Partial<TierQualification> = {}, tiers: TierLevel[] = AIRLINE): ResolvedTieredProgram {
  return resolvedProgram(tieredDefinition(qualification, tiers));
}

class TierDriver extends PolicyDriver<ResolvedTieredProgram> {
  tier(): string {
    return AIRLINE[(this.policy as unknown as { currentTier: number }).currentTier].name;
  }
  /** Close month ends from `from` to `to` inclusive, summing their benefit cost. */
  closeMonths(from: number, to: number): number {
    let benefitCost = 0;
    for (let month = from; month <= to; month++) benefitCost += this.monthEnd(month).benefitCost;
    return benefitCost;
  }
}

function driver(program: ResolvedTieredProgram): TierDriver {
  const policy = tieredProgram.create(CONTEXT);
  policy.configure(program);
  return new TierDriver(policy);
}

describe('tiered program', () => {
  it('upgrades as soon as spend in the window reaches a threshold; the purchase that reaches it is priced at the old tier', () => {
    const member = driver(tiered());
    member.enrol(0);
    expect(member.tier()).toBe('Red');
    expect(member.purchase(10, 600)).toMatchObject({ pointsIssued: 60, discount: 0 });
    member.closeMonths(0, 0);
    // Day 40 (month 1): 600 + 500 = 1,100 reaches Silver; this purchase still earns at Red.
    expect(member.purchase(40, 500)).toMatchObject({ pointsIssued: 50, discount: 0, group: 1 }); // the breakdown follows
    expect(member.tier()).toBe('Silver');
    member.closeMonths(1, 1);
    // Day 70 (month 2), Silver: 400 x 0.1 x 1.5 = 60 points, 2% off = 8.
    expect(member.purchase(70, 400)).toMatchObject({ pointsIssued: 60, discount: 8, group: -1 }); // no change
    expect(member.closeMonths(2, 2)).toBe(0);
    // Day 100 (month 3): 1,500 + 2,000 = 3,500 reaches Gold.
    expect(member.purchase(100, 2000)).toMatchObject({ pointsIssued: 300, discount: 40 });
    expect(member.tier()).toBe('Gold');
    // Gold's services cost 1 a day from day 100 to the end of month 3 (day 4 x 30.436875 = 121.7475).
    expect(member.closeMonths(3, 3)).toBeCloseTo(4 * DAYS_PER_MONTH - 100, 9);
    expect(member.purchase(130, 100)).toMatchObject({ pointsIssued: 20, discount: 5 });
  });

  it('downgrades only at the review, to the tier the window then supports', () => {
    // Everything bought on day 100 (month 3): Gold from then on.
    const member = driver(tiered());
    member.enrol(0);
    member.closeMonths(0, 2);
    member.purchase(100, 3000);
    expect(member.tier()).toBe('Gold');
    // Review at the end of month 11: the window (months 0-11) holds 3,000: Gold stays.
    member.closeMonths(3, 11);
    expect(member.tier()).toBe('Gold');
    // From month 15 the window no longer holds month 3, but nobody is downgraded between reviews.
    member.closeMonths(12, 22);
    expect(member.tier()).toBe('Gold');
    // Review at the end of month 23 (day 730.485): months 12-23 hold nothing: back to Red.
    const review = { ...member.monthEnd(23) };
    const lastGoldMonth = review.benefitCost;
    expect(member.tier()).toBe('Red');
    expect(review.group).toBe(0);
    expect(lastGoldMonth).toBeCloseTo(DAYS_PER_MONTH, 9);
    expect(member.closeMonths(24, 35)).toBe(0);
  });

  it('with a grace period, downgrades graceMonths after the review, to the higher of the review tier and the current one', () => {
    const member = driver(tiered({ graceMonths: 2 }));
    member.enrol(0);
    member.closeMonths(0, 2);
    member.purchase(100, 3000);
    member.closeMonths(3, 23);
    expect(member.tier()).toBe('Gold'); // short at the review of month 23, kept for two months
    member.purchase(24 * DAYS_PER_MONTH + 5, 1200); // month 24, still Gold: 5% off
    member.closeMonths(24, 24);
    expect(member.tier()).toBe('Gold');
    // End of month 25: the review said Red, the window (months 14-25) now holds 1,200: Silver.
    const gold = member.closeMonths(25, 25);
    expect(member.tier()).toBe('Silver');
    expect(gold).toBeCloseTo(DAYS_PER_MONTH, 9); // Gold's services until the end of month 25
  });

  it('a grace period as long as the review interval still ends: the downgrade falls due at the next review', () => {
    // Yearly reviews, 12 months' grace. Gold from month 3; short at the review of month 23, kept
    // until the end of month 35, when the window (months 24-35) holds nothing: Red.
    const member = driver(tiered({ graceMonths: 12 }));
    member.enrol(0);
    member.closeMonths(0, 2);
    member.purchase(100, 3000);
    member.closeMonths(3, 34);
    expect(member.tier()).toBe('Gold');
    member.closeMonths(35, 35);
    expect(member.tier()).toBe('Red');
  });

  it('a review while a downgrade is pending does not postpone it', () => {
    // Reviews every 6 months (ends of months 5, 11, 17, ...), a 6-month window, 9 months' grace.
    // Gold from month 3; the review of month 11 finds the window empty: down at the end of month 20,
    // although the reviews of months 17 (and 23) find the member short again.
    const member = driver(tiered({ window: 6, reviewEveryMonths: 6, graceMonths: 9 }));
    member.enrol(0);
    member.closeMonths(0, 2);
    member.purchase(100, 3000);
    member.closeMonths(3, 19);
    expect(member.tier()).toBe('Gold');
    member.closeMonths(20, 20);
    expect(member.tier()).toBe('Red');
  });

  it('counts purchases per calendar year of the horizon, starting again each year', () => {
    const tiers: TierLevel[] = [
      { name: 'Red', threshold: 0 },
      { name: 'Silver', threshold: 5 },
      { name: 'Gold', threshold: 10 },
    ];
    const member = driver(tiered({ metric: 'purchases', window: 'calendar-year' }, tiers));
    member.enrol(0);
    member.closeMonths(0, 9);
    for (let i = 0; i < 5; i++) member.purchase(10 * DAYS_PER_MONTH + 1 + i, 20); // month 10
    expect(member.tier()).toBe('Silver');
    member.closeMonths(10, 11); // review: 5 purchases this year, Silver stays
    expect(member.tier()).toBe('Silver');
    for (let i = 0; i < 4; i++) member.purchase(13 * DAYS_PER_MONTH + i, 20); // 4 in year two
    member.closeMonths(12, 22);
    expect(member.tier()).toBe('Silver');
    member.closeMonths(23, 23); // review: 4 purchases in year two
    expect(member.tier()).toBe('Red');
  });

  it('qualifies on base points, before the multiplier, so status does not feed on itself', () => {
    const tiers: TierLevel[] = [
      { name: 'Red', threshold: 0 },
      { name: 'Silver', threshold: 100, earnMultiplier: 1.5 },
      { name: 'Gold', threshold: 250, earnMultiplier: 2 },
    ];
    const member = driver(tiered({ metric: 'points' }, tiers));
    member.enrol(0);
    expect(member.purchase(1, 1000).pointsIssued).toBe(100); // 100 base points: Silver
    expect(member.tier()).toBe('Silver');
    expect(member.purchase(2, 1000).pointsIssued).toBe(150); // 150 earned, 100 qualifying: 200
    expect(member.tier()).toBe('Silver');
    member.purchase(3, 500); // 250 qualifying
    expect(member.tier()).toBe('Gold');
  });

  it('stops paying for benefits when the member stops buying', () => {
    const member = driver(tiered());
    member.enrol(0);
    member.purchase(1, 5000); // Gold from day 1
    const leaving = member.leave(11).benefitCost;
    expect(leaving).toBeCloseTo(10, 9);
    expect(member.closeMonths(0, 11)).toBe(0);
  });

  it('rejects tiers that do not rise, or a first tier above 0', () => {
    const field = 'programs[0]';
    const descending = tieredDefinition({}, [AIRLINE[0], AIRLINE[2], AIRLINE[1]]);
    expect(() => resolvedProgram(descending, field, CONTEXT)).toThrow(UserInputError);
    expect(() => resolvedProgram(descending, field, CONTEXT)).toThrow("tier thresholds must rise strictly: 1000 does not exceed the previous tier's 3000");
    expect(() => resolvedProgram(descending, field, CONTEXT)).toThrow(
      expect.objectContaining({ location: expect.objectContaining({ field: 'programs[0].tiers[2].threshold' }) }),
    );
    const noBase = tieredDefinition({}, [{ ...AIRLINE[0], threshold: 10 }, AIRLINE[1]]);
    expect(() => resolvedProgram(noBase, field, CONTEXT)).toThrow('the first tier starts at threshold 0');
    expect(() => checkResolvedProgram(tiered(), field, CONTEXT)).not.toThrow();
  });
});
