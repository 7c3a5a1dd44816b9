import { describe, expect, it } from 'vitest';
import { checkResolvedProgram, resolvedProgram } from '../../src/programs/registry.js';
import { coalitionProgram, type ResolvedCoalitionProgram } from '../../src/programs/types/coalition.js';
import { COMMON, PolicyDriver } from './helpers.js';

const CONTEXT = { horizonMonths: 12, categoryNames: ['all'] };

type PartnerViewMechanics = Extract<ResolvedCoalitionProgram['coalition'], { view: 'partner' }>;

function partner(mechanics: Partial<PartnerViewMechanics> = {}): ResolvedCoalitionProgram {
  return resolvedProgram({
    ...COMMON,
    name: 'network partner',
    type: 'coalition',
    coalition: {
      view: 'partner',
      earnRate: 1,
      pricePerPointIssued: 0.008,
      reimbursementPerPointRedeemed: 0.006,
      platformFeePerMemberPerMonth: 0.5,
      pointsElsewherePerPoint: 1,
      faceValue: 0.01,
      minimumToRedeem: 500,
      ...mechanics,
    },
    redemption: { probability: 1, neverRedeemShare: 0 },
  });
}

const PARTNERS = {
  view: 'operator' as const,
  faceValue: 0.01,
  partners: [
    { name: 'Fuel', spendShare: 0.6, earnRate: 0.1, pricePerPointIssued: 0.01, reimbursementPerPointRedeemed: 0.008 },
    { name: 'Shop', spendShare: 0.4, earnRate: 0.3, pricePerPointIssued: 0.012, reimbursementPerPointRedeemed: 0.009 },
  ],
};

function operator(): ResolvedCoalitionProgram {
  return resolvedProgram({ ...COMMON, name: 'network', type: 'coalition', coalition: PARTNERS, redemption: { probability: 0.6, neverRedeemShare: 0 } });
}

function driver(program: ResolvedCoalitionProgram): PolicyDriver<ResolvedCoalitionProgram> {
  const policy = coalitionProgram.create(CONTEXT);
  policy.configure(program);
  return new PolicyDriver(policy);
}

/** Money in minus money out with the operator over a list of outcomes. */
const settlement = (outcomes: { partnerPaymentsIn: number; partnerPaymentsOut: number }[]) =>
  outcomes.reduce((sum, o) => sum + o.partnerPaymentsIn - o.partnerPaymentsOut, 0);

describe('coalition, partner view', () => {
  it('settles a small case by hand: points bought, platform fee, points from elsewhere redeemed and reimbursed', () => {
    const member = driver(partner());
    member.enrol(0);
    // Month 0: 200 and 150 spent earn 350 points (2.80 paid to the operator); the member earns as
    // many elsewhere, so the balance is 700, above the 500 needed to redeem only after the second.
    const month0 = [{ ...member.purchase(1, 200) }, { ...member.purchase(20, 150) }, { ...member.monthEnd(0) }];
    expect(month0.map((o) => o.pointsIssued)).toEqual([400, 300, 0]);
    expect(month0.map((o) => o.pointsRedeemed)).toEqual([0, 0, 0]);
    expect(month0[0].partnerPaymentsOut).toBeCloseTo(1.6, 12);
    expect(month0[1].partnerPaymentsOut).toBeCloseTo(1.2, 12);
    expect(month0[2].partnerPaymentsOut).toBe(0.5); // platform fee
    expect(settlement(month0)).toBeCloseTo(-3.3, 12);

    // Month 1: a purchase of 5 paid entirely with 500 points (5.00 at face value); the operator
    // reimburses 500 x 0.006 = 3.00; the purchase earns 5 points (0.04) and 5 elsewhere.
    const paid = { ...member.purchase(40, 5) };
    expect(paid).toMatchObject({ pointsRedeemed: 500, pointsPayments: 5, rewardCost: 0, pointsIssued: 10 });
    expect(paid.partnerPaymentsIn).toBeCloseTo(3, 12);
    expect(paid.partnerPaymentsOut).toBeCloseTo(0.04, 12);
    const month1End = { ...member.monthEnd(1) };
    expect(settlement([paid, month1End])).toBeCloseTo(3 - 0.04 - 0.5, 12);
    // Issued 710 = redeemed 500 + outstanding 210.
    expect(month1End.pointsOutstanding).toBe(210);
  });

  it('stops the platform fee when the member stops buying; the points stay outstanding, not redeemable', () => {
    const member = driver(partner());
    member.enrol(0);
    member.purchase(1, 100);
    member.leave(1);
    const end = member.monthEnd(0);
    expect(end).toMatchObject({ partnerPaymentsOut: 0, pointsOutstanding: 200, pointsRedeemable: 0 });
  });
});

describe('coalition, operator view', () => {
  it('sells points to the partner where the purchase happens and reimburses the one where they are spent', () => {
    const member = driver(operator());
    member.enrol(0);
    // Uniform 0.9 falls in the Shop's interval [0.6, 1): 100 x 0.3 = 30 points sold at 0.012.
    const shop = { ...member.purchase(1, 100, { uniform: 0.9 }) };
    expect(shop.pointsIssued).toBe(30);
    expect(shop.partnerPaymentsIn).toBeCloseTo(0.36, 12);
    expect(shop.partnerPaymentsOut).toBe(0);
    // Uniform 0.3: Fuel; the redemption draw is 0.3 / 0.6 = 0.5 < 0.6, so the 30 points are spent
    // there (reimbursed at 0.008), and 500 x 0.1 = 50 points are sold at 0.01.
    const fuel = { ...member.purchase(2, 500, { uniform: 0.3 }) };
    expect(fuel.pointsRedeemed).toBe(30);
    expect(fuel.partnerPaymentsOut).toBeCloseTo(0.24, 12);
    // The cash the partner does not take at its till is the partner's, not the operator's.
    expect(fuel.pointsPayments).toBe(0);
    expect(fuel.rewardCost).toBe(0);
    expect(fuel.partnerPaymentsIn).toBeCloseTo(0.5, 12);
    // What the redemption costs the operator: the reimbursement it pays.
    expect(fuel.redemptionCost).toBeCloseTo(0.24, 12);
    // Uniform 0.95: Shop; redemption draw (0.95 - 0.6) / 0.4 = 0.875 >= 0.6: no redemption.
    expect(member.purchase(3, 10, { uniform: 0.95 }).pointsRedeemed).toBe(0);
    const end = member.monthEnd(0);
    expect(end.pointsOutstanding).toBe(53);
    expect(end.pointsRedeemable).toBe(53);
  });

  it('rejects shares that do not sum to 1 and behaviour effects in the operator view', () => {
    const field = 'programs[0]';
    const shares = { ...operator(), coalition: { ...operator().coalition, partners: [PARTNERS.partners[0]] } } as ResolvedCoalitionProgram;
    expect(() => checkResolvedProgram(shares, field, CONTEXT)).toThrow("the partners' spend shares sum to 0.6, not 1");
    const uplift = { ...operator(), effects: { ...COMMON.effects, frequencyUplift: 0.05 } };
    expect(() => checkResolvedProgram(uplift, field, CONTEXT)).toThrow('must be 0 in the operator view');
    expect(() => checkResolvedProgram(operator(), field, CONTEXT)).not.toThrow();
    expect(() => checkResolvedProgram(partner(), field, CONTEXT)).not.toThrow();
  });

  it('redeems at the till only: a reward form or a catalogue is rejected, naming the key; vouchers are allowed', () => {
    const withRedemption = (redemption: Record<string, unknown>) => () =>
      resolvedProgram({ ...partner(), redemption: { probability: 1, ...redemption } } as never, 'programs[0]', CONTEXT);
    const at = (field: string) => expect.objectContaining({ location: expect.objectContaining({ field }) });
    expect(withRedemption({ form: 'reward' })).toThrow(at('programs[0].redemption.form'));
    expect(withRedemption({ form: 'reward' })).toThrow(/redeemed at the partners' tills/);
    expect(withRedemption({ catalogue: [{ name: 'cinema ticket', points: 900, cost: 5 }] })).toThrow(at('programs[0].redemption.catalogue'));
    expect(withRedemption({ voucherPoints: 500 })).not.toThrow();
    // 700 points, a cap of the whole 9.50 purchase = 950 points: one voucher of 500 at face value 0.01.
    const member = driver(resolvedProgram({ ...partner(), redemption: { probability: 1, neverRedeemShare: 0, voucherPoints: 500 } }));
    member.enrol(0);
    member.purchase(1, 350); // 350 points, and 350 elsewhere
    expect(member.purchase(2, 9.5)).toMatchObject({ pointsRedeemed: 500, pointsPayments: 5 });
  });
});
