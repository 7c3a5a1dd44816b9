import { describe, expect, it } from 'vitest';
import { resolvedProgram } from '../../src/programs/registry.js';
import { thresholdGiftProgram, type ResolvedThresholdGiftProgram } from '../../src/programs/types/threshold-gift.js';
import { UserInputError } from '../../src/errors.js';
import { COMMON, PolicyDriver } from './helpers.js';

const CONTEXT = { horizonMonths: 12, categoryNames: ['coffee'] };

type GiftMechanics = ResolvedThresholdGiftProgram['gift'];

function stampCardDefinition(gift: Partial<GiftMechanics> = {}, redemption = { probability: 1, neverRedeemShare: 0 }) {
  return {
    ...COMMON,
    name: 'stamp card',
    type: 'threshold-gift' as const,
    gift: { countOn: 'visits' as const, threshold: 10, giftValue: 3.5, giftCost: 0.9, ...gift },
    redemption,
  };
}

function stampCard(gift: Partial<GiftMechanics> = {}, redemption = { probability: 1, neverRedeemShare: 0 }): ResolvedThresholdGiftProgram {
  return resolvedProgram(stampCardDefinition(gift, redemption));
}

function driver(program: ResolvedThresholdGiftProgram): PolicyDriver<ResolvedThresholdGiftProgram> {
  const policy = thresholdGiftProgram.create(CONTEXT);
  policy.configure(program);
  return new PolicyDriver(policy);
}

describe('threshold gift', () => {
  it('stamp card: the 10th coffee is free, costing the shop the price of a coffee the member would have paid for, and the card starts again', () => {
    const member = driver(stampCard());
    member.enrol(0);
    for (let visit = 1; visit <= 9; visit++) {
      expect(member.purchase(visit, 3.5)).toMatchObject({ pointsIssued: 1, pointsRedeemed: 0, rewardCost: 0, pointsPayments: 0 });
    }
    expect(member.purchase(10, 3.5)).toMatchObject({ pointsIssued: 1, pointsRedeemed: 10, rewardCost: 0, pointsPayments: 3.5, redemptionCost: 3.5 });
    member.purchase(11, 3.5);
    const monthEnd = member.monthEnd(0);
    expect(monthEnd.pointsOutstanding).toBe(1);
  });

  it('a gift that replaces no purchase costs the goods: giftCost per gift', () => {
    const member = driver(stampCard({ displacesPurchase: 0 }));
    member.enrol(0);
    for (let visit = 1; visit <= 9; visit++) member.purchase(visit, 3.5);
    expect(member.purchase(10, 3.5)).toMatchObject({ pointsRedeemed: 10, rewardCost: 0.9, pointsPayments: 0, redemptionCost: 0.9 });
  });

  it('1 free item per 50 spent: a purchase that crosses several thresholds gives several gifts', () => {
    const member = driver(stampCard({ countOn: 'spend', threshold: 50, giftValue: 4, giftCost: 1.5, displacesPurchase: 0.25 }));
    member.enrol(0);
    expect(member.purchase(1, 30).rewardCost).toBe(0);
    // 30 + 80 = 110 spent: two gifts, 10 carried over. A quarter of the gifts replace a paid item
    // (2 x 0.25 x 4 = 2 of price not taken), the rest are goods at cost (2 x 0.75 x 1.5 = 2.25).
    expect(member.purchase(2, 80)).toMatchObject({ pointsIssued: 80, pointsRedeemed: 100, rewardCost: 2.25, pointsPayments: 2 });
    expect(member.monthEnd(0).pointsOutstanding).toBe(10);
  });

  it('purchases below the minimum earn nothing; stamps expire; members who never claim keep a full card', () => {
    const member = driver(stampCard({ minimumPurchase: 2, expiryMonths: 1, threshold: 3 }));
    member.enrol(0);
    expect(member.purchase(1, 1.5).pointsIssued).toBe(0);
    member.purchase(2, 3);
    member.purchase(3, 3);
    member.monthEnd(0);
    // Stamps earned in month 0 expire at the end of month 1.
    expect(member.monthEnd(1)).toMatchObject({ pointsExpired: 2, pointsOutstanding: 0 });

    const forgetful = driver(stampCard({ threshold: 3 }, { probability: 1, neverRedeemShare: 0.5 }));
    forgetful.enrol(0, 0.2);
    for (let visit = 1; visit <= 7; visit++) expect(forgetful.purchase(visit, 3).rewardCost).toBe(0);
    expect(forgetful.monthEnd(0)).toMatchObject({ pointsOutstanding: 7, pointsRedeemable: 0 });
  });

  it('rejects a visit count that is not whole and a missing gift cost', () => {
    const field = 'programs[0]';
    expect(() => resolvedProgram(stampCardDefinition({ threshold: 9.5 }), field, CONTEXT)).toThrow(UserInputError);
    expect(() => resolvedProgram(stampCardDefinition({ threshold: 9.5 }), field, CONTEXT)).toThrow('a number of visits must be whole, got 9.5');
    expect(() => resolvedProgram(stampCardDefinition({ giftCost: undefined as unknown as number }), field, CONTEXT)).toThrow(
      expect.objectContaining({ location: expect.objectContaining({ field: 'programs[0].gift.giftCost' }) }),
    );
    expect(() => resolvedProgram(stampCardDefinition({ countOn: 'spend', threshold: 49.5 }), field, CONTEXT)).not.toThrow();
    expect(() => resolvedProgram(stampCardDefinition({ displacesPurchase: 1.2 }), field, CONTEXT)).toThrow(
      expect.objectContaining({ location: expect.objectContaining({ field: 'programs[0].gift.displacesPurchase' }) }),
    );
  });
});
