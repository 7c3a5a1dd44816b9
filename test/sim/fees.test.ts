/**
 * Fees are revenue over the period they pay for (sim/membership.ts, docs/methods.md section 5),
 * worked by hand: cash in the month a fee's period starts, revenue pro rata by day over the months
 * of the period inside the horizon, the rest deferred; no fee for a period that starts after the
 * horizon.
 *
 * Exactness. Months are 365.2425 / 12 days, not a binary fraction, but periods of whole months
 * are whole months to the engine (it rounds a time within 1e-9 month of a whole month to it), so
 * a yearly fee of 120 earns exactly 120 x 1 / 12 = 10 a month and those figures are compared with
 * toBe. A period from a mid-month joining day is not a whole number of months: its shares carry
 * rounding errors of order 1e-16 of the fee, and they are compared to 9 decimals
 * (|difference| < 5e-10 on fees of 120 to 12,000).
 */
import { describe, expect, it } from 'vitest';
import { programBreakdown } from '../../src/metrics/breakdown.js';
import { metricsOfIteration } from '../../src/metrics/compute-metrics.js';
import { incrementalCashProfit, incrementalProfit, worldProfit } from '../../src/metrics/profit.js';
import { monthTallies, worldTotals } from '../../src/metrics/world-totals.js';
import { MemberEvent, ProgramEventOutcome } from '../../src/programs/program.js';
import { resolvedProgram } from '../../src/programs/registry.js';
import { paidProgram, type ResolvedPaidProgram } from '../../src/programs/types/paid.js';
import { BreakdownBook } from '../../src/sim/breakdown-book.js';
import { DAYS_PER_MONTH } from '../../src/sim/calendar.js';
import { Membership } from '../../src/sim/membership.js';
import type { PurchaseSequence } from '../../src/sim/purchase-sequence.js';
import { simulate } from '../../src/sim/simulate.js';
import { breakdownLayout, iterationTallyLength, Tally, TALLY_FIELD_COUNT, type TallyField } from '../../src/sim/tally.js';
import { WorldParameters } from '../../src/sim/world-parameters.js';
import { common, identicalCustomers, input } from './fixtures.js';

type PaidMechanics = ResolvedPaidProgram['paid'];

/**
 * A club everyone joins (share 1) and, with hurdle 0, always renews; with churnReduction 1 its
 * members never drop out, so nobody stops buying and every period is renewed.
 */
function club(mechanics: Partial<PaidMechanics>): ResolvedPaidProgram {
  return resolvedProgram({
    ...common('club', { effects: { frequencyUplift: 0, spendUplift: 0, churnReduction: 1 } }),
    type: 'paid',
    paid: { fee: 120, period: 'year', discountPercent: 0, deliveryValuePerOrder: 0, deliveryCostPerOrder: 0, joining: 'share', hurdle: 0, noise: 0, ...mechanics },
  });
}

describe('a yearly fee over an 18-month horizon', () => {
  // 400 customers without repeat purchases are all active at the start (posterior = prior) and
  // all join on day 0.
  const N = 400;
  const F = 120;
  const run = simulate(input(identicalCustomers(N, 0, 0, 30, 0), [club({ fee: F })], { iterations: 2, horizonMonths: 18 }), { workers: 1 });

  it('collects 2 F N: the first fees in month 0, the renewals in month 12 (the month their year starts)', async () => {
    const result = await run;
    for (let i = 0; i < 2; i++) {
      const month = (m: number) => monthTallies(result, i, 1, m);
      expect(worldTotals(result, i, 1).cohortActiveAtStart).toBe(N);
      expect(worldTotals(result, i, 1).feesCollected).toBe(2 * F * N);
      expect(month(0).feesCollected).toBe(F * N);
      expect(month(0).feePayments).toBe(N);
      // The year ends at the end of month 11, where all N renew; the next fee is charged on the
      // first day of month 12, not at that month end.
      expect(month(11).renewals).toBe(N);
      expect(month(11).feesCollected).toBe(0);
      expect(month(12).feesCollected).toBe(F * N);
      expect(month(12).feePayments).toBe(N);
    }
  });

  it('earns 1.5 F N, F / 12 per member and month; defers the 0.5 F N for months 18 to 23', async () => {
    const result = await run;
    for (let i = 0; i < 2; i++) {
      const totals = worldTotals(result, i, 1);
      for (let m = 0; m < 18; m++) expect(monthTallies(result, i, 1, m).feeRevenue, `month ${m}`).toBe((F / 12) * N);
      expect(totals.feeRevenue).toBe(1.5 * F * N);
      expect(totals.feesDeferred).toBe(0.5 * F * N);
      expect(monthTallies(result, i, 1, 12).feesDeferred).toBe(0.5 * F * N);
      expect(totals.feesCollected).toBe(totals.feeRevenue + totals.feesDeferred);
    }
  });

  it('counts earned fees in profit and the metrics; the cash result counts them as collected', async () => {
    const result = await run;
    for (let i = 0; i < 2; i++) {
      const program = worldTotals(result, i, 1);
      const baseline = worldTotals(result, i, 0);
      const metrics = metricsOfIteration(result, { annualDiscountRate: 0 }, 0, i);
      expect(metrics.feeRevenue).toBe(1.5 * F * N);
      expect(metrics.feesCollected).toBe(2 * F * N);
      expect(metrics.feesDeferred).toBe(0.5 * F * N);
      expect(metrics.incrementalProfit).toBe(incrementalProfit(program, baseline));
      expect(metrics.incrementalCashProfit).toBe(incrementalCashProfit(program, baseline));
      // Profits of about 1e5: the two differ by the deferred fees, to rounding.
      expect(metrics.incrementalCashProfit - metrics.incrementalProfit).toBeCloseTo(0.5 * F * N, 6);
      // With a discount rate of 0 the NPV is the sum of the monthly incremental profits: fees as earned.
      expect(metrics.npv).toBeCloseTo(metrics.incrementalProfit, 6);
    }
  });

  it('gives the breakdown groups the fees as earned: the groups\' profit adds up to the world\'s', async () => {
    const result = await run;
    const groups = programBreakdown(result, 0);
    expect(groups.length).toBe(3);
    // Nothing but members and fees: no costs, no benefits, everyone a member all along.
    const profits = [0, 1].map((i) => worldProfit(worldTotals(result, i, 1)));
    const mean = (profits[0] + profits[1]) / 2;
    const groupsMean = groups.reduce((sum, group) => sum + group.total.profit.mean!, 0);
    expect(groupsMean).toBeCloseTo(mean, 6);
  });
});

describe('a monthly fee', () => {
  it('collects and earns each month\'s fee in that month: F x members, nothing deferred', async () => {
    const N = 300;
    const F = 9.5;
    const result = await simulate(input(identicalCustomers(N, 0, 0, 30, 0), [club({ fee: F, period: 'month' })], { iterations: 1, horizonMonths: 6 }), {
      workers: 1,
    });
    for (let m = 0; m < 6; m++) {
      expect(monthTallies(result, 0, 1, m).feesCollected).toBe(F * N);
      expect(monthTallies(result, 0, 1, m).feeRevenue).toBe(F * N);
      expect(monthTallies(result, 0, 1, m).feePayments).toBe(N);
    }
    // The renewal at the end of month 5 is for month 6, after the horizon: not charged.
    expect(monthTallies(result, 0, 1, 5).renewals).toBe(N);
    expect(worldTotals(result, 0, 1).feesCollected).toBe(6 * F * N);
    expect(worldTotals(result, 0, 1).feesDeferred).toBe(0);
  });
});

/** One member's membership, driven like the engine does, in a world of its own (no groups). */
function oneMember(horizonMonths: number, program: ResolvedPaidProgram, day: number, horizonDays = horizonMonths * (365.2425 / 12)) {
  const event = new MemberEvent();
  const outcome = new ProgramEventOutcome();
  const worlds = new WorldParameters(2, 1);
  // The purchase sequence is read for purchases in worlds with groups only: none here.
  const book = new BreakdownBook(2, breakdownLayout([[]], horizonMonths), event, worlds, {} as PurchaseSequence);
  const membership = new Membership(event, outcome, book, worlds, horizonMonths, horizonDays);
  const tallies = new Float64Array(iterationTallyLength(2, horizonMonths));
  membership.begin(tallies);
  book.begin(new Float64Array(0));
  const policy = paidProgram.create({ horizonMonths, categoryNames: ['all'] });
  policy.configure(program);
  Object.assign(event, { day, month: Math.floor(day / DAYS_PER_MONTH), uniform: 0.5, ratePerDay: 0.1, meanPurchaseValue: 30, dropout: 0 });
  membership.enrol(1, horizonMonths * TALLY_FIELD_COUNT, policy);
  membership.closeMonthsBefore(horizonMonths);
  const at = (month: number, field: TallyField) => tallies[(horizonMonths + month) * TALLY_FIELD_COUNT + Tally[field]];
  const total = (field: TallyField) => Array.from({ length: horizonMonths }, (_, m) => at(m, field)).reduce((a, b) => a + b, 0);
  return { at, total };
}

describe('one member, by hand', () => {
  it('joining in month 11 of a 12-month horizon: the yearly fee earns F x days in the horizon / days of the period', () => {
    // Day 345 of month 11 (which runs from day 334.8 to 365.2); the first year ends at the end of
    // month 22, day 23 x 365.2425 / 12 = 700.05: a period of 355.05 days, 20.24 of them in the horizon.
    const F = 220;
    const day = 345;
    const { at, total } = oneMember(12, club({ fee: F }), day);
    const periodDays = 23 * DAYS_PER_MONTH - day;
    const inHorizon = 12 * DAYS_PER_MONTH - day;
    expect(at(11, 'feesCollected')).toBe(F);
    expect(total('feesCollected')).toBe(F);
    expect(at(11, 'feeRevenue')).toBeCloseTo((F * inHorizon) / periodDays, 9); // 12.54
    expect(total('feeRevenue')).toBe(at(11, 'feeRevenue'));
    expect(at(11, 'feesDeferred')).toBeCloseTo((F * (11 * DAYS_PER_MONTH)) / periodDays, 9); // 207.46
    expect(at(11, 'feeRevenue') + at(11, 'feesDeferred')).toBeCloseTo(F, 9);
  });

  it('a horizon of 40 days (2 months, the second partial): the yearly fee earns F x 40 / 365.2425, the rest deferred', () => {
    // Joining on day 0, the year runs to the end of month 11, day 365.2425; the horizon ends on day
    // 40, 9.56 days into month 1.
    const F = 365.2425;
    const { at, total } = oneMember(2, club({ fee: F }), 0, 40);
    expect(at(0, 'feesCollected')).toBe(F);
    expect(at(0, 'feeRevenue')).toBeCloseTo(DAYS_PER_MONTH, 9);
    expect(at(1, 'feeRevenue')).toBeCloseTo(40 - DAYS_PER_MONTH, 9);
    expect(total('feeRevenue')).toBeCloseTo(40, 9);
    expect(at(0, 'feesDeferred')).toBeCloseTo(F - 40, 9);
  });

  it('a monthly fee renewed at a partial last month\'s end is for a period after the horizon: not charged', () => {
    // 45 days: month 0's fee, the renewal for month 1 (from day 30.44, inside the horizon), and at
    // month 1's end, processed at day 45, a renewal for month 2, which starts after the horizon.
    const { at, total } = oneMember(2, club({ fee: 10, period: 'month' }), 0, 45);
    expect(at(0, 'feesCollected')).toBe(10);
    expect(at(1, 'feesCollected')).toBe(10);
    expect(total('feesCollected')).toBe(20);
    expect(at(1, 'feeRevenue')).toBeCloseTo((10 * (45 - DAYS_PER_MONTH)) / DAYS_PER_MONTH, 9);
    expect(at(1, 'feesDeferred')).toBeCloseTo((10 * (2 * DAYS_PER_MONTH - 45)) / DAYS_PER_MONTH, 9);
    expect(total('feeRevenue') + total('feesDeferred')).toBeCloseTo(20, 9);
  });

  it('joining mid-month with a monthly fee: the whole fee is earned in the joining month', () => {
    const { at, total } = oneMember(6, club({ fee: 10, period: 'month' }), 100);
    // Day 100 is in month 3: the fee of month 3, then the renewals for months 4 and 5.
    expect(at(3, 'feesCollected')).toBe(10);
    expect(at(3, 'feeRevenue')).toBeCloseTo(10, 9);
    expect(at(4, 'feeRevenue')).toBe(10);
    expect(at(5, 'feeRevenue')).toBe(10);
    expect(total('feesCollected')).toBe(30);
    expect(total('feesDeferred')).toBe(0);
  });

  it('a renewal whose year starts at the horizon\'s end is not charged', () => {
    const { at, total } = oneMember(12, club({ fee: 120 }), 0);
    expect(at(11, 'renewals')).toBe(1);
    expect(total('feePayments')).toBe(1);
    expect(total('feesCollected')).toBe(120);
    expect(total('feeRevenue')).toBe(120);
    expect(total('feesDeferred')).toBe(0);
  });

  it('a card fee with the first fee of a club: the card earned on joining, the fee over its year', () => {
    const program = club({ fee: 120 });
    const withCard: ResolvedPaidProgram = {
      ...program,
      points: { earnRate: 0.05, rounding: 'floor', welcomeBonus: 0, pendingDays: 0, minimumToRedeem: 0, maxShareOfPurchase: 1, faceValue: 0.2, costPerPoint: 0.1, cardFee: 30 },
      redemption: { probability: 0.5, neverRedeemShare: 0, form: 'reward' },
    };
    // Joining on the first day of month 6 of a 12-month horizon: half the year in the horizon.
    const { at, total } = oneMember(12, withCard, 6 * DAYS_PER_MONTH);
    expect(at(6, 'feesCollected')).toBe(150);
    expect(at(6, 'feePayments')).toBe(2);
    expect(at(6, 'feeRevenue')).toBe(30 + 10);
    for (let m = 7; m < 12; m++) expect(at(m, 'feeRevenue')).toBe(10);
    expect(total('feeRevenue')).toBe(90);
    expect(total('feesDeferred')).toBe(60);
  });
});
