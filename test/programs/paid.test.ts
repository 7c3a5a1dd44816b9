/**
 * Paid membership, worked by hand: rational joining, fees, renewal and its noise, and through the
 * engine: fees collected = fee x members per period, exactly, each in the month its period starts.
 */
import { describe, expect, it } from 'vitest';
import { resolvedProgram } from '../../src/programs/registry.js';
import { joiningProbability, paidProgram, type ResolvedPaidProgram } from '../../src/programs/types/paid.js';
import { EnrolmentCandidate } from '../../src/programs/program.js';
import { simulate } from '../../src/sim/simulate.js';
import { tallyValue } from '../../src/sim/tally.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { DAYS_PER_MONTH } from '../../src/sim/calendar.js';
import { COMMON, PolicyDriver } from './helpers.js';
import type { UserInputError } from '../../src/errors.js';
import { input, variedCustomers } from '../sim/fixtures.js';

type PaidMechanics = ResolvedPaidProgram['paid'];

const RAIL_CARD: PaidMechanics = {
  fee: 220,
  period: 'year',
  discountPercent: 0.5,
  deliveryValuePerOrder: 0,
  deliveryCostPerOrder: 0,
  joining: 'rational',
  hurdle: 1,
  noise: 0,
};

function paidDefinition(mechanics: Partial<PaidMechanics> = {}, common: Partial<typeof COMMON> = {}) {
  return { name: 'club', type: 'paid' as const, ...COMMON, ...common, paid: { ...RAIL_CARD, ...mechanics } };
}

function paid(mechanics: Partial<PaidMechanics> = {}, common: Partial<typeof COMMON> = {}): ResolvedPaidProgram {
  return resolvedProgram(paidDefinition(mechanics, common));
}

const context = (horizonMonths = 24) => ({ horizonMonths, categoryNames: ['all'] });

function candidate(ratePerDay: number, meanPurchaseValue: number, dropout = 0, uniform = 0.5): EnrolmentCandidate {
  return Object.assign(new EnrolmentCandidate(), { ratePerDay, meanPurchaseValue, dropout, uniform });
}

describe('rational joining', () => {
  it('a customer whose expected benefit exceeds the fee joins, one below does not (rail card: 220 for 50% off a year)', () => {
    const policy = paidProgram.create(context());
    policy.configure(paid());
    expect(policy.decidesEnrolment!()).toBe(true);
    // Fares of 30, 0.1 trips a day, no dropout: 365.2425 x 0.1 = 36.52 trips, 50% x 30 each: 547.86 > 220.
    expect(policy.joins!(candidate(0.1, 30))).toBe(true);
    // 0.02 trips a day at 15: 7.30 trips x 7.5 = 54.79 < 220.
    expect(policy.joins!(candidate(0.02, 15))).toBe(false);
    // Break-even as in docs/methods.md section 3: 220 / 0.5 = 440 of fares a year. 0.04 trips a day at 30 is
    // 14.61 trips x 15 = 219.15, just below; at 0.0402 it is 220.25, just above.
    expect(policy.joins!(candidate(0.04, 30))).toBe(false);
    expect(policy.joins!(candidate(0.0402, 30))).toBe(true);
  });

  it('counts on fewer purchases from a customer likely to drop out: (1 - e^(-lambda p D)) / p', () => {
    // lambda D = 36.52 purchases, p = 0.1: (1 - e^-3.652) / 0.1 = 9.74 purchases (the model's
    // individual expectation, test/model/bg-nbd-traits.test.ts).
    const policy = paidProgram.create(context());
    policy.configure(paid());
    // 9.74 x 15 = 146 < 220: the same customer who joined without dropout does not join now.
    expect(policy.joins!(candidate(0.1, 30, 0.1))).toBe(false);
  });

  it('expects members who buy more often to buy more before dropping out, as the engine does (dropoutKept)', () => {
    // Twice the trips (0.2 a day) with the calendar-time dropout kept: p' = 0.1 / 2, lambda' p' =
    // 0.01 as before, (1 - e^-3.652) / 0.05 = 19.48 trips x 15 = 292 > 220. Keeping the chance per
    // purchase instead: (1 - e^-7.305) / 0.1 = 9.99 trips x 15 = 150 < 220.
    const doubled = { frequencyUplift: 1, spendUplift: 0, churnReduction: 0 };
    const policy = paidProgram.create(context());
    policy.configure(paid({}, { effects: doubled }));
    expect(policy.joins!(candidate(0.1, 30, 0.1))).toBe(true);
    policy.configure(paid({}, { effects: { ...doubled, dropoutKept: 'perPurchase' } }));
    expect(policy.joins!(candidate(0.1, 30, 0.1))).toBe(false);
    // The benefit is 292.22: a hurdle of 292.1 is beaten, one of 292.4 is not.
    policy.configure(paid({ hurdle: 292.1 / 220 }, { effects: doubled }));
    expect(policy.joins!(candidate(0.1, 30, 0.1))).toBe(true);
    policy.configure(paid({ hurdle: 292.4 / 220 }, { effects: doubled }));
    expect(policy.joins!(candidate(0.1, 30, 0.1))).toBe(false);
  });

  it('counts the benefit over the first period, which ends at a month end: shorter for a customer who joins mid-month', () => {
    const policy = paidProgram.create(context());
    policy.configure(paid());
    // On day 0 the first year is 365.2425 days: 0.0402 x 365.2425 = 14.68 trips x 15 = 220.2 > 220.
    // On day 15 it ends on the same day, 350.2425 days later: 14.08 trips x 15 = 211.2 < 220.
    expect(policy.joins!(Object.assign(candidate(0.0402, 30), { day: 0 }))).toBe(true);
    expect(policy.joins!(Object.assign(candidate(0.0402, 30), { day: 15 }))).toBe(false);
    // From the first day of month 1 the first year is 12 whole months again (months 1 to 12).
    expect(policy.joins!(Object.assign(candidate(0.0402, 30), { day: DAYS_PER_MONTH }))).toBe(true);
  });

  it('applies the program effects and the delivery value to the expected benefit', () => {
    const policy = paidProgram.create(context());
    // 7.30 orders x (0 + 20 delivery value) = 146 < 220 without uplift; with +60% frequency 233.8 > 220.
    policy.configure(paid({ discountPercent: 0, deliveryValuePerOrder: 20 }));
    expect(policy.joins!(candidate(0.02, 15))).toBe(false);
    policy.configure(paid({ discountPercent: 0, deliveryValuePerOrder: 20 }, { effects: { frequencyUplift: 0.6, spendUplift: 0, churnReduction: 0 } }));
    expect(policy.joins!(candidate(0.02, 15))).toBe(true);
  });

  it('noise: P(join) = 1 / (1 + (fee x hurdle / benefit)^(1 / noise))', () => {
    expect(joiningProbability(220 * Math.exp(0.25), 220, 1, 0.25)).toBeCloseTo(1 / (1 + Math.exp(-1)), 12); // 73.1%
    expect(joiningProbability(220, 220, 1, 0.5)).toBe(0.5);
    expect(joiningProbability(300, 200, 1.5, 0)).toBe(0); // must exceed 300
    expect(joiningProbability(301, 200, 1.5, 0)).toBe(1);
    expect(joiningProbability(0, 200, 1, 0.3)).toBe(0);
    expect(joiningProbability(0, 200, 0, 0.3)).toBe(1); // no hurdle: everyone
    const policy = paidProgram.create(context());
    policy.configure(paid({ noise: 0.5 }));
    // Benefit 547.86 vs 220: P = 1 / (1 + (220 / 547.86)^2) = 0.8611.
    const p = 1 / (1 + Math.pow(220 / (0.1 * 365.2425 * 15), 2));
    expect(p).toBeCloseTo(0.8611, 4);
    expect(policy.joins!(candidate(0.1, 30, 0, p - 1e-9))).toBe(true);
    expect(policy.joins!(candidate(0.1, 30, 0, p + 1e-9))).toBe(false);
  });

  it('puts a member in a breakdown group by the benefit they could expect on joining against the fee', () => {
    expect(paidProgram.breakdownGroups!(paid())).toEqual(['expected benefit below the fee', '1-2x the fee', 'over 2x the fee']);
    const driver = new PolicyDriver(paidProgram.create(context()));
    driver.policy.configure(paid());
    const enrolWith = (ratePerDay: number, meanPurchaseValue: number) => {
      Object.assign(driver.event, { ratePerDay, meanPurchaseValue, dropout: 0 });
      return driver.enrol(0).group;
    };
    expect(enrolWith(0.02, 15)).toBe(0); // 7.30 trips x 7.5 = 54.8 < 220
    expect(enrolWith(0.04, 60)).toBe(1); // 14.61 x 30 = 438.3: up to 440
    expect(enrolWith(0.0402, 60)).toBe(2); // 14.68 x 30 = 440.5 > 440
  });

  it('with joining: share, enrolment is left to the enrolment block', () => {
    const policy = paidProgram.create(context());
    policy.configure(paid({ joining: 'share' }));
    expect(policy.decidesEnrolment!()).toBe(false);
  });
});

describe('fees and renewal', () => {
  it('charges the fee on joining and at each renewal, gives the benefits on purchases', () => {
    const driver = new PolicyDriver(paidProgram.create(context(24)));
    driver.policy.configure(paid({ period: 'month', fee: 10, discountPercent: 0.1, deliveryValuePerOrder: 2, deliveryCostPerOrder: 1.5 }));
    // The first fee pays for month 0, from the joining day.
    expect(driver.enrol(0)).toMatchObject({ feesCollected: 10, feePayments: 1, feePeriodStartDay: 0, feePeriodDays: DAYS_PER_MONTH });
    expect(driver.purchase(3, 60)).toMatchObject({ discount: 6, benefitCost: 1.5, feesCollected: 0 });
    driver.purchase(10, 40);
    // Month 0: benefit 6 + 2 + 4 + 2 = 14 > 10: renews, pays 10 for month 1, from its first day.
    expect(driver.monthEnd(0)).toMatchObject({
      periodsEnded: 1,
      renewals: 1,
      benefitShortfalls: 0,
      feesCollected: 10,
      feePayments: 1,
      feePeriodStartDay: DAYS_PER_MONTH,
      feePeriodDays: DAYS_PER_MONTH,
      member: true,
    });
    // Month 1: one purchase of 50: benefit 5 + 2 = 7 < 10: falls short, does not renew.
    driver.purchase(40, 50);
    expect(driver.monthEnd(1)).toMatchObject({ periodsEnded: 1, renewals: 0, benefitShortfalls: 1, feesCollected: 0, member: false });
  });

  it('a member who joins mid-month pays the full fee for a first period that ends at the month end', () => {
    const driver = new PolicyDriver(paidProgram.create(context(24)));
    driver.policy.configure(paid({ hurdle: 1, noise: 0, joining: 'share' }));
    // Joining on day 100 of month 3: the first year ends at the end of month 14, day 15 x 365.2425 / 12.
    expect(driver.enrol(100)).toMatchObject({ feesCollected: 220, feePeriodStartDay: 100, feePeriodDays: 15 * DAYS_PER_MONTH - 100 });
    expect(driver.monthEnd(3).quietUntilMonth).toBe(14);
  });

  it('a yearly period ends at the 12th month end; month ends before it are quiet', () => {
    const driver = new PolicyDriver(paidProgram.create(context(24)));
    driver.policy.configure(paid({ hurdle: 1, noise: 0 }));
    driver.enrol(0);
    for (let trip = 0; trip < 20; trip++) driver.purchase(trip * 15, 30); // 20 x 15 = 300 saved
    expect(driver.monthEnd(0)).toMatchObject({ periodsEnded: 0, quietUntilMonth: 11, member: true });
    // The second year's fee pays for months 12 to 23, from the first day of month 12.
    expect(driver.monthEnd(11)).toMatchObject({
      periodsEnded: 1,
      renewals: 1,
      benefitShortfalls: 0,
      feesCollected: 220,
      feePeriodStartDay: 12 * DAYS_PER_MONTH,
      feePeriodDays: 12 * DAYS_PER_MONTH,
      quietUntilMonth: 23,
    });
    // The second year: 10 trips, 150 saved: short of the fee; with hurdle 0.5 (110) still renews.
    // The third year's fee starts after the 24-month horizon: the engine does not charge it.
    driver.policy.configure(paid({ hurdle: 0.5, noise: 0 }));
    for (let trip = 0; trip < 10; trip++) driver.purchase(400 + trip * 20, 30);
    expect(driver.monthEnd(23)).toMatchObject({ periodsEnded: 1, renewals: 1, benefitShortfalls: 1, feesCollected: 220, feePeriodStartDay: 24 * DAYS_PER_MONTH, member: true });
  });

  it('renews with noise by the month end uniform, and never after the customer dropped out', () => {
    const driver = new PolicyDriver(paidProgram.create(context(24)));
    driver.policy.configure(paid({ period: 'month', fee: 10, discountPercent: 0.1, noise: 0.5 }));
    // Benefit 15 vs fee 10: P(renew) = 1 / (1 + (10 / 15)^2) = 0.6923.
    const p = 1 / (1 + (10 / 15) ** 2);
    driver.enrol(0);
    driver.purchase(5, 150);
    expect(driver.monthEnd(0, p - 1e-9).renewals).toBe(1);
    driver.enrol(0);
    driver.purchase(5, 150);
    expect(driver.monthEnd(0, p + 1e-9)).toMatchObject({ renewals: 0, member: false });
    driver.enrol(0);
    driver.purchase(5, 150);
    driver.leave(6);
    expect(driver.monthEnd(0, 0.01)).toMatchObject({ periodsEnded: 1, renewals: 0, member: false });
  });

  it('rejects impossible parameters, naming the field', () => {
    const problem = (mechanics: Partial<PaidMechanics>): string | undefined => {
      try {
        resolvedProgram(paidDefinition(mechanics), 'programs[0]', context());
        return undefined;
      } catch (error) {
        return (error as UserInputError).format();
      }
    };
    expect(problem({ fee: -1 })).toBe('programs[0].paid.fee: must not be negative, got -1');
    expect(problem({ hurdle: -0.5 })).toBe('programs[0].paid.hurdle: must not be negative, got -0.5');
    expect(problem({ discountPercent: 1.5 })).toBe('programs[0].paid.discountPercent: must be at most 1 (100%), got 1.5');
    expect(problem({ period: 'week' as 'year' })).toMatch(/^programs\[0\]\.paid\.period: expected one of .*month.*year/);
    expect(problem({})).toBeUndefined();
  });
});

describe('paid membership through the engine', () => {
  it('fees collected = fee x members per period, exactly (monthly fee: joiners, then members renewed at each month end)', async () => {
    const program = paid({ period: 'month', fee: 9, discountPercent: 0.1, joining: 'share', hurdle: 1, noise: 0.3 }, { enrolment: { share: 1, selfSelection: 0, at: 'start' } });
    const result = await simulate(input(variedCustomers(2000), [program], { iterations: 4 }), { workers: 1 });
    const shape = { iterations: 4, worldCount: 2, horizonMonths: 12 };
    for (let i = 0; i < 4; i++) {
      const totals = worldTotals(result, i, 1);
      // Everyone active joins on day 0 and pays; after month end m the members are those who renewed
      // for month m + 1, and pay in month m + 1 (the renewal at the last month end is for a month
      // beyond the horizon). Each fee pays for the month it is collected in: earned there, in full.
      let paying = totals.cohortActiveAtStart;
      expect(tallyValue(result.tallies, shape, i, 1, 0, 'feesCollected')).toBe(9 * paying);
      for (let m = 0; m < 11; m++) {
        const renewed = tallyValue(result.tallies, shape, i, 1, m, 'members');
        expect(tallyValue(result.tallies, shape, i, 1, m + 1, 'feesCollected')).toBe(9 * renewed);
        paying += renewed;
      }
      for (let m = 0; m < 12; m++) {
        expect(tallyValue(result.tallies, shape, i, 1, m, 'feeRevenue')).toBe(tallyValue(result.tallies, shape, i, 1, m, 'feesCollected'));
      }
      expect(totals.feesCollected).toBe(9 * paying);
      expect(totals.feePayments).toBe(paying);
      expect(totals.feesDeferred).toBe(0);
      expect(totals.renewals).toBeLessThan(totals.periodsEnded);
      expect(totals.renewals).toBeGreaterThan(0);
    }
    const [metrics] = computeMetrics(result, { annualDiscountRate: 0.08 }).map((p) => p.metrics);
    expect(metrics.renewalRate.mean).toBeGreaterThan(0);
    expect(metrics.renewalRate.mean).toBeLessThan(1);
    expect(metrics.shortfallShare.mean).toBeGreaterThan(0);
  });

  it('fees collected over two years of a yearly fee = fee x (joiners + members renewed after the first year), the renewals in month 12', async () => {
    const program = paid({ fee: 50, discountPercent: 0.2, joining: 'rational', hurdle: 1, noise: 0.25 });
    const result = await simulate(input(variedCustomers(2000), [program], { iterations: 3, horizonMonths: 24 }), { workers: 1 });
    const shape = { iterations: 3, worldCount: 2, horizonMonths: 24 };
    for (let i = 0; i < 3; i++) {
      const totals = worldTotals(result, i, 1);
      const joiners = tallyValue(result.tallies, shape, i, 1, 0, 'feePayments');
      expect(joiners).toBeGreaterThan(0);
      expect(joiners).toBeLessThan(totals.cohortActiveAtStart);
      const renewed = tallyValue(result.tallies, shape, i, 1, 11, 'members');
      expect(totals.feesCollected).toBe(50 * (joiners + renewed));
      expect(totals.periodsEnded).toBe(joiners + renewed);
      expect(tallyValue(result.tallies, shape, i, 1, 11, 'feePayments')).toBe(0);
      expect(tallyValue(result.tallies, shape, i, 1, 12, 'feePayments')).toBe(renewed);
      // Everyone joined on day 0: every year lies inside the 24 months, earned in full.
      expect(totals.feesDeferred).toBe(0);
      expect(totals.feeRevenue).toBeCloseTo(totals.feesCollected, 6);
    }
  });

  it('with rational joining, heavier buyers join: members buy more often than the customers who stay out', async () => {
    const program = paid({ fee: 60, discountPercent: 0.2, joining: 'rational', noise: 0.25 });
    const result = await simulate(input(variedCustomers(3000), [program], { iterations: 2 }), { workers: 1 });
    for (let i = 0; i < 2; i++) {
      const program = worldTotals(result, i, 1);
      const baseline = worldTotals(result, i, 0);
      const joiners = tallyValue(result.tallies, { iterations: 2, worldCount: 2, horizonMonths: 12 }, i, 1, 0, 'feePayments');
      const memberRate = program.memberPurchases / joiners;
      const otherRate = (baseline.purchases - program.memberPurchases) / (baseline.cohortActiveAtStart - joiners);
      expect(memberRate).toBeGreaterThan(2 * otherRate);
    }
  });
});
