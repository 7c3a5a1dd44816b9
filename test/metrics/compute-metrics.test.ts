/** computeMetrics on tallies written by hand: every metric checked against arithmetic in comments. */
import { describe, expect, it } from 'vitest';
import { firstOrderFrequencyUplift } from '../../src/metrics/break-even.js';
import { computeMetrics, iterationMetrics, METRIC_NAMES } from '../../src/metrics/compute-metrics.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import type { SimulationResult } from '../../src/sim/simulation-input.js';
import { Tally, TALLY_FIELD_COUNT, tallyOffset, type TallyField } from '../../src/sim/tally.js';

function handMadeResult(): SimulationResult {
  const shape = { iterations: 2, worldCount: 2, horizonMonths: 2 };
  const tallies = new Float64Array(2 * 2 * 2 * TALLY_FIELD_COUNT);
  const set = (iteration: number, world: number, month: number, values: Partial<Record<TallyField, number>>) => {
    for (const [field, value] of Object.entries(values)) tallies[tallyOffset(shape, iteration, world, month) + Tally[field as TallyField]] = value;
  };
  for (const i of [0, 1]) {
    // Baseline: gross profit 300 a month; 100 customers active at the start, 20 of them lapse
    // (no purchase) and 30 drop out.
    set(i, 0, 0, { revenue: 1000, costOfGoods: 700, cohortActiveAtStart: 100, cohortLapsed: 20, cohortDroppedOut: 30 });
    set(i, 0, 1, { revenue: 1000, costOfGoods: 700 });
  }
  // Iteration 0: month 1: 1,100 - 770 - 55 discounts - 100 operating = 175 (baseline 300): -125;
  // month 2: 1,400 - 980 - 70 = 350: +50. Horizon profit -75. Points (only the metrics' arithmetic
  // is tested here, so they need no reward cost): 100 issued, 30 redeemed, 10 expired, 60
  // outstanding at the end (50 after month 1); of those 60 the run-off redeems 40 at a discounted
  // cost of 28 (the liability), 15 expire, 5 are stranded. Of month 1's 60 points 40 are ever
  // redeemed, of month 2's 40, 30. Economic profit -75 - 28 = -103; cost 55 + 100 + 70 + 28 = 253.
  set(0, 1, 0, {
    revenue: 1100, costOfGoods: 770, discounts: 55, operatingCost: 100, pointsIssued: 60, pointsRedeemed: 10, pointsOutstanding: 50, ultimateRedeemed: 40,
    memberRevenue: 1100, subsidy: 55, cohortActiveAtStart: 100, cohortLapsed: 10, cohortDroppedOut: 25, cohortMembers: 40, cohortMembersDroppedOut: 4,
    runOffRedeemed: 40, runOffExpired: 15, runOffStranded: 5, runOffRedemptionCost: 30, pointsLiability: 28,
  });
  set(0, 1, 1, {
    revenue: 1400, costOfGoods: 980, discounts: 70, pointsIssued: 40, pointsRedeemed: 20, pointsExpired: 10, pointsOutstanding: 60, ultimateRedeemed: 30,
    memberRevenue: 1400, members: 50, subsidy: 35, memberGrossProfit: 750, memberBaselineGrossProfit: 600,
  });
  // Iteration 1: month 1: 1,300 - 910 - 65 - 100 = 225: -75; month 2: 1,500 - 1,000 - 50 = 450: +150.
  set(1, 1, 0, { revenue: 1300, costOfGoods: 910, discounts: 65, operatingCost: 100, subsidy: 65, cohortActiveAtStart: 100, cohortLapsed: 15, cohortDroppedOut: 20, cohortMembers: 100, cohortMembersDroppedOut: 20 });
  set(1, 1, 1, { revenue: 1500, costOfGoods: 1000, discounts: 50, members: 60, subsidy: 25, memberGrossProfit: 900, memberBaselineGrossProfit: 600 });
  return {
    worlds: ['baseline', 'club'],
    programs: [{ name: 'club', type: 'discount' }],
    iterations: 2,
    horizonMonths: 2,
    horizonDays: 2 * (365.2425 / 12),
    seed: 1,
    tallies,
    breakdownGroups: [[]],
    breakdown: new Float64Array(0),
    frequencyUplift: Float64Array.from([0.1, 0.2]),
    setupCost: new Float64Array(2),
    pointFaceValue: Float64Array.from([0.5, 0.5]),
    workersUsed: 1,
  };
}

describe('computeMetrics', () => {
  const result = handMadeResult();
  const economics = { annualDiscountRate: 1.01 ** 12 - 1 }; // 1% a month

  it('computes every metric per iteration from the tallies', () => {
    const values = iterationMetrics(result, economics, 0);
    const at = (name: (typeof METRIC_NAMES)[number]) => Array.from(values[name]);
    // Net revenue: (2,500 - 125) - 2,000 = 375; (2,800 - 115) - 2,000 = 685.
    expect(at('incrementalRevenue')).toEqual([375, 685]);
    // Iteration 1: month 1 1,300 - 910 - 65 - 100 = 225 (-75); month 2 1,500 - 1,000 - 50 = 450 (+150).
    expect(at('incrementalProfit')).toEqual([-103, 75]);
    expect(at('programCost')).toEqual([253, 215]);
    expect(at('roi')[0]).toBeCloseTo(-103 / 253, 15);
    expect(at('roi')[1]).toBeCloseTo(75 / 215, 15);
    expect(at('marginErosion')[0]).toBeCloseTo(125 / 600, 15);
    expect(at('subsidyShare')[0]).toBeCloseTo(90 / 125, 15);
    expect(at('subsidyShare')[1]).toBeCloseTo(90 / 115, 15);
    expect(at('pointsIssued')[0]).toBe(100);
    expect(at('pointsRedeemed')[0]).toBe(30);
    expect(at('pointsExpired')[0]).toBe(10);
    expect(at('pointsOutstanding')[0]).toBe(60);
    // 1 - (30 + 40) / 100
    expect(at('breakageRate')[0]).toBeCloseTo(0.3, 15);
    expect(at('breakageRate')[1]).toBeNaN();
    expect(at('liability')).toEqual([28, 0]);
    expect(at('liabilityAtFaceValue')).toEqual([30, 0]);
    // IFRS 15 (face value 0.5). Month 1: expected 40 of 60, SSP 60 x 0.5 x 40/60 = 20 on sales
    // 1,100 - 55. Month 2: expected 70 of 100, SSP 40 x 0.5 x 0.7 = 14 on sales 1,400 - 70.
    // Redeemed 30 of the 70 expected: closing = allocated x (1 - 30/70).
    expect(at('contractLiability')[0]).toBeCloseTo(((1045 * 20) / 1065 + (1330 * 14) / 1344) * (4 / 7), 10);
    // Month 1's liability: its 50 outstanding points at the horizon end's 28/60 a point; month
    // 2 adds the rest. Monthly: -125 - 50 x 28/60, 50 - (28 - 50 x 28/60); cumulative never positive.
    const firstMonth = -125 - (50 * 28) / 60;
    const secondMonth = 50 - (28 - (50 * 28) / 60);
    expect(at('paybackMonth')).toEqual([NaN, 2]);
    expect(at('probabilityOfPayback')).toEqual([0, 1]);
    expect(at('npv')[0]).toBeCloseTo(firstMonth / 1.01 + secondMonth / 1.01 ** 2, 10);
    expect(at('npv')[1]).toBeCloseTo(-75 / 1.01 + 150 / 1.01 ** 2, 10);
    expect(at('probabilityOfLoss')).toEqual([1, 0]);
    expect(at('membersAtEnd')).toEqual([50, 60]);
    expect(at('lapsedBaseline')).toEqual([0.2, 0.2]);
    expect(at('lapsedProgram')).toEqual([0.1, 0.15]);
    expect(at('dropoutBaseline')).toEqual([0.3, 0.3]);
    expect(at('dropoutProgram')).toEqual([0.25, 0.2]);
    // Iteration 0: 36 of 40 members stay; of the 60 non-members 25 - 4 = 21 drop out, 39 stay.
    // Iteration 1: everyone is a member, 80 of 100 stay; no non-members.
    expect(at('memberRetention')).toEqual([0.9, 0.8]);
    expect(at('nonMemberRetention')).toEqual([0.65, NaN]);
    // First-order break-even: N = 600 + 100, D = 750 - 125 - 28 (the liability) = 597 at u = 0.1;
    // D = 900 - 115 = 785 at u = 0.2; x* = mean(N) / mean(D / (1 + u)) - 1.
    const worlds = [0, 1].map((iteration) => worldTotals(result, iteration, 1));
    expect(firstOrderFrequencyUplift(worlds, [0.1, 0.2]).value).toBeCloseTo(700 / ((597 / 1.1 + 785 / 1.2) / 2) - 1, 12);
  });

  it('summarises each metric over the iterations', () => {
    const [club] = computeMetrics(result, economics);
    expect(club.name).toBe('club');
    expect(club.type).toBe('discount');
    expect(Object.keys(club.metrics)).toEqual([...METRIC_NAMES]);
    expect(club.metrics.incrementalProfit.mean).toBe(-14);
    expect(club.metrics.incrementalProfit.mcse).toBeCloseTo(Math.sqrt(2 * 89 ** 2) / Math.sqrt(2), 12);
    // type 7 with two values: p5 = -103 + 0.05 * 178
    expect(club.metrics.incrementalProfit.p5).toBeCloseTo(-94.1, 12);
    expect(club.metrics.probabilityOfLoss.mean).toBe(0.5);
    expect(club.metrics.breakageRate.mean).toBeCloseTo(0.3, 15); // the undefined iteration is left out
    // Only iteration 1 pays back (month 2), so the payback month is 2 in every figure, and one
    // value has no standard error.
    expect(club.metrics.paybackMonth).toEqual({ mean: 2, mcse: NaN, p5: 2, p50: 2, p95: 2 });
    expect(club.metrics.probabilityOfPayback.mean).toBe(0.5);
  });
});
