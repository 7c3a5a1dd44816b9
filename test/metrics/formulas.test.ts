import { describe, expect, it } from 'vitest';
import { breakageRate } from '../../src/metrics/breakage.js';
import { breakEvenCoverage, firstOrderEnrolmentShare, firstOrderFrequencyUplift, firstOrderSpendUplift } from '../../src/metrics/break-even.js';
import { dropoutShare, lapsedShare, memberRetention, nonMemberRetention } from '../../src/metrics/churn.js';
import { marginErosion, subsidyShare } from '../../src/metrics/margin-erosion.js';
import { monthlyRate, netPresentValue } from '../../src/metrics/npv.js';
import { metricDefinition, type MetricInputs } from '../../src/metrics/metric-definitions.js';
import { paidBack, paybackMonth } from '../../src/metrics/payback.js';
import { incrementalCashProfit, incrementalProfit, programCost, returnOnInvestment, worldCashProfit, worldProfit } from '../../src/metrics/profit.js';
import { summarize } from '../../src/metrics/summary.js';
import type { WorldTotals } from '../../src/metrics/world-totals.js';
import { jsonDocument } from '../../src/report/json-writer.js';
import { TALLY_FIELDS } from '../../src/sim/tally.js';

function totals(values: Partial<WorldTotals>): WorldTotals {
  const all = Object.fromEntries(TALLY_FIELDS.map((field) => [field, 0])) as WorldTotals;
  return { ...all, ...values };
}

describe('metric formulas', () => {
  it('subtracts each program cost exactly once', () => {
    const baseline = totals({ revenue: 18000, costOfGoods: 12600 });
    // docs/methods.md section 3: two 9,000 purchases at 30% margin with 5% off: profit 4,500 instead of 5,400.
    const program = totals({ revenue: 18000, costOfGoods: 12600, discounts: 900 });
    expect(worldProfit(program)).toBe(4500);
    expect(incrementalProfit(program, baseline)).toBe(-900);
    expect(programCost(program)).toBe(900);
    expect(returnOnInvestment(-900, 900)).toBe(-1);
    expect(marginErosion(program, baseline)).toBeCloseTo(900 / 5400, 15);
    const everything = totals({ revenue: 100, costOfGoods: 60, discounts: 1, rewardCost: 2, benefitCost: 3, operatingCost: 4, feeRevenue: 5, feesCollected: 8, partnerPaymentsIn: 6, partnerPaymentsOut: 7 });
    // Profit counts fees as earned (5), the cash profit as collected (8).
    expect(worldProfit(everything)).toBe(100 - 60 - 1 - 2 - 3 - 4 + 5 + 6 - 7);
    expect(worldCashProfit(everything)).toBe(100 - 60 - 1 - 2 - 3 - 4 + 8 + 6 - 7);
    expect(incrementalCashProfit(everything, totals({ revenue: 90, costOfGoods: 55 }))).toBe(100 - 60 - 1 - 2 - 3 - 4 + 8 + 6 - 7 - 35);
    expect(programCost(everything)).toBe(1 + 2 + 3 + 4 + 7);
    expect(returnOnInvestment(10, 0)).toBeNaN();
  });

  it('splits the erosion into the subsidy part', () => {
    expect(subsidyShare(totals({ discounts: 80, rewardCost: 20, subsidy: 75 }))).toBe(0.75);
    expect(subsidyShare(totals({}))).toBeNaN();
  });

  it('counts points redeemed in the horizon and in the run-off after it against points issued for breakage', () => {
    expect(breakageRate(totals({ pointsIssued: 1000, pointsRedeemed: 300, runOffRedeemed: 200, pointsRedeemable: 400 }))).toBe(0.5);
    expect(breakageRate(totals({}))).toBeNaN();
  });

  it('finds the month from which cumulative incremental profit stays positive, or NaN when it does not within the horizon', () => {
    expect(paybackMonth([-100, 50, 60])).toBe(3);
    // Cumulative 10, -40, 20: ahead in month 1, behind in month 2, positive for good from month 3.
    expect(paybackMonth([10, -50, 60])).toBe(3);
    // Cumulative 10, -40, -30: ahead only in month 1, so no payback within the horizon.
    expect(paybackMonth([10, -50, 10])).toBeNaN();
    expect(paidBack([10, -50, 10])).toBe(false);
    expect(paybackMonth([5, 1, 1])).toBe(1);
    expect(paybackMonth([-100, 50, 40])).toBeNaN();
    expect(paybackMonth([0, 0])).toBeNaN();
    expect(paidBack([-100, 50, 40])).toBe(false);
    expect(paidBack([-100, 50, 60])).toBe(true);
  });

  it('summarises the payback month over the iterations that pay back, beside the probability of paying back', () => {
    // Five iterations' monthly incremental profit: three pay back (months 3, 3 and 1), two never do.
    const series = [
      [-100, 50, 60],
      [10, -50, 10],
      [10, -50, 60],
      [0, 0, 0],
      [5, 1, 1],
    ];
    const inputs = (monthly: number[]) => ({ monthlyIncrementalProfit: Float64Array.from(monthly) }) as MetricInputs;
    const months = summarize(series.map((monthly) => metricDefinition('paybackMonth').compute(inputs(monthly))));
    const probability = summarize(series.map((monthly) => metricDefinition('probabilityOfPayback').compute(inputs(monthly))));
    // (3 + 3 + 1) / 3, not (3 + 4 + 3 + 4 + 1) / 5 with "never" as horizon + 1.
    expect(months.mean).toBeCloseTo(7 / 3, 14);
    // Sorted 1, 3, 3: P5 at h = 2 x 0.05 = 0.1 -> 1 + 0.1 x 2 = 1.2; P50 = 3; P95 at h = 1.9 -> 3.
    expect(months.p5).toBeCloseTo(1.2, 14);
    expect(months.p50).toBe(3);
    expect(months.p95).toBe(3);
    expect(probability.mean).toBe(0.6);
    // No iteration pays back: every figure undefined, which JSON writes as null.
    const never = summarize([[10, -50, 10], [0, 0, 0]].map((monthly) => metricDefinition('paybackMonth').compute(inputs(monthly))));
    expect(JSON.parse(jsonDocument({ paybackMonth: never }))).toEqual({ paybackMonth: { mean: null, mcse: null, p5: null, p50: null, p95: null } });
  });

  it('discounts each month from its end at the monthly rate equivalent to the annual one', () => {
    const annual = 1.01 ** 12 - 1;
    expect(monthlyRate(annual)).toBeCloseTo(0.01, 14);
    // Annuity: 100 a month for 12 months at 1% a month = 100 (1 - 1.01^-12) / 0.01 = 1125.5077
    expect(netPresentValue(new Array(12).fill(100), annual)).toBeCloseTo(1125.5077, 4);
    expect(netPresentValue([121], 0.1 * 12)).toBeCloseTo(121 / Math.pow(2.2, 1 / 12), 10);
    expect(netPresentValue([5, -3], 0)).toBe(2);
  });

  it('measures lapse, dropout and retention among the customers active at the start', () => {
    expect(lapsedShare(totals({ cohortActiveAtStart: 200, cohortLapsed: 50 }))).toBe(0.25);
    expect(dropoutShare(totals({ cohortActiveAtStart: 200, cohortDroppedOut: 30 }))).toBe(0.15);
    // 80 members, 8 drop out: 90% stay; 120 non-members, 30 - 8 = 22 drop out: 98 / 120 stay.
    const cohort = totals({ cohortActiveAtStart: 200, cohortDroppedOut: 30, cohortMembers: 80, cohortMembersDroppedOut: 8 });
    expect(memberRetention(cohort)).toBe(0.9);
    expect(nonMemberRetention(cohort)).toBe(98 / 120);
    expect(memberRetention(totals({ cohortActiveAtStart: 200 }))).toBeNaN();
    expect(nonMemberRetention(totals({ cohortActiveAtStart: 200, cohortMembers: 200 }))).toBeNaN();
  });

  it('finds the first-order break-evens from the members\' contribution and what it must cover', () => {
    // docs/methods.md section 3: 10% off at 45% margin, no fixed cost: 0.45 / 0.35 - 1 = 28.6%.
    expect(firstOrderFrequencyUplift([totals({ memberGrossProfit: 45, memberBaselineGrossProfit: 45, discounts: 10 })], [0]).value).toBeCloseTo(0.2857142857, 10);
    // Simulated at +10%: members' gross profit 1,000 (their baseline 900), discounts 100,
    // operating cost 60 of which 10 per transaction. N = 900 + 50 = 950, D = 1000 - 100 - 10 = 890,
    // u* = 1.1 x 950 / 890 - 1 = 0.174157, the slope 890 / 1.1.
    const program = totals({ memberGrossProfit: 1000, memberBaselineGrossProfit: 900, discounts: 100, operatingCost: 60, transactionCost: 10 });
    expect(firstOrderFrequencyUplift([program], [0.1]).value).toBeCloseTo((1.1 * 950) / 890 - 1, 12);
    expect(firstOrderFrequencyUplift([program], [0.1]).slope).toBeCloseTo(890 / 1.1, 12);
    // Spend: everything but the transaction cost scales: (950 + 10) / ((890 + 10) / 1.05) - 1 at +5% spend.
    expect(firstOrderSpendUplift([program], [0.05]).value).toBeCloseTo((1.05 * 960) / 900 - 1, 12);
    expect(Number.isNaN(firstOrderFrequencyUplift([totals({ memberGrossProfit: 10, discounts: 20, memberBaselineGrossProfit: 10 })], [0]).value)).toBe(true);
    // Shares: profit -200 at share 0.5 with setup 1,000, profit 400 at 0.8 with setup 1,000: per share
    // 800 / 0.5 = 1,600 and 1,400 / 0.8 = 1,750; e* = 1,000 / 1,675.
    expect(firstOrderEnrolmentShare([-200, 400], [1000, 1000], [0.5, 0.8]).value).toBeCloseTo(1000 / 1675, 12);
  });

  it('says what the break-even covers: the items the program has in some iteration, and the means of its drawn costs', () => {
    const worlds = [totals({ discounts: 50 }), totals({ discounts: 40, rewardCost: 5, feeRevenue: 0 }), totals({ partnerPaymentsIn: 2 })];
    const costs = [
      { setup: 1000, perMemberPerYear: 1.5, perTransaction: 0.02 },
      { setup: 3000, perMemberPerYear: 1.5, perTransaction: 0.02 },
      { setup: 2600, perMemberPerYear: 1.5, perTransaction: 0.02 },
    ];
    expect(breakEvenCoverage(worlds, costs)).toEqual({
      discounts: true,
      pointsPayments: false,
      rewardCost: true,
      benefitCost: false,
      partnerPayments: true,
      pointsLiability: false,
      feeRevenue: false,
      // (1,000 + 3,000 + 2,600) / 3; a fixed cost is its value exactly (0.02 summed three times is not 0.06).
      setup: 2200,
      perMemberPerYear: 1.5,
      perTransaction: 0.02,
    });
  });
});
