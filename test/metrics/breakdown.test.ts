/** Per-group summaries and membership rates from hand-made tallies. */
import { describe, expect, it } from 'vitest';
import { programBreakdown } from '../../src/metrics/breakdown.js';
import { renewalRate, shortfallShare } from '../../src/metrics/membership.js';
import type { SimulationResult } from '../../src/sim/simulation-input.js';
import { BreakdownField, breakdownIndex, breakdownLayout, iterationTallyLength } from '../../src/sim/tally.js';

/** Two programs (the first without groups), 2 months, 2 iterations; the second has groups Red and Gold. */
function handMadeResult(): SimulationResult {
  const breakdownGroups = [[], ['Red', 'Gold']];
  const layout = breakdownLayout(breakdownGroups, 2);
  const breakdown = new Float64Array(2 * layout.length);
  const set = (iteration: number, month: number, group: number, values: Partial<Record<keyof typeof BreakdownField, number>>) => {
    const index = breakdownIndex(layout, iteration, 1, month, group);
    for (const [field, value] of Object.entries(values)) breakdown[index + BreakdownField[field as keyof typeof BreakdownField]] = value;
  };
  // Gold: 10 members earning 1,000 of gross profit a month but given 400 of benefits, against 700
  // of baseline gross profit: incremental profit 1,000 - 400 - 700 = -100 a month (iteration 0).
  set(0, 0, 1, { members: 10, revenue: 3000, grossProfit: 1000, benefits: 400, profit: 600, baselineGrossProfit: 700 });
  set(0, 1, 1, { members: 12, revenue: 3300, grossProfit: 1100, benefits: 450, profit: 650, baselineGrossProfit: 750 });
  set(1, 0, 1, { members: 8, revenue: 2000, grossProfit: 800, benefits: 300, profit: 500, baselineGrossProfit: 600 });
  set(1, 1, 1, { members: 9, revenue: 2500, grossProfit: 900, benefits: 350, profit: 550, baselineGrossProfit: 650 });
  set(0, 0, 0, { members: 100, revenue: 5000, profit: 1500, baselineGrossProfit: 1400 });
  set(1, 1, 0, { members: 90, revenue: 4000, profit: 1300, baselineGrossProfit: 1100 });
  return {
    worlds: ['baseline', 'plain', 'tiers'],
    programs: [
      { name: 'plain', type: 'discount' },
      { name: 'tiers', type: 'tiered' },
    ],
    iterations: 2,
    horizonMonths: 2,
    horizonDays: 2 * (365.2425 / 12),
    seed: 1,
    tallies: new Float64Array(2 * iterationTallyLength(3, 2)),
    breakdownGroups,
    breakdown,
    frequencyUplift: new Float64Array(4),
    setupCost: new Float64Array(4),
    pointFaceValue: new Float64Array(4).fill(NaN),
    workersUsed: 1,
  };
}

describe('programBreakdown', () => {
  const result = handMadeResult();

  it('is empty for a program without groups', () => {
    expect(programBreakdown(result, 0)).toEqual([]);
  });

  it('summarises each group per month and over the horizon; incremental profit = profit - baseline gross profit', () => {
    const [red, gold] = programBreakdown(result, 1);
    expect(red.group).toBe('Red');
    expect(gold.group).toBe('Gold');
    expect(gold.months).toHaveLength(2);
    // Month 1: members 10 and 8 -> mean 9; incremental -100 and -100.
    expect(gold.months[0].members.mean).toBe(9);
    expect(gold.months[0].incrementalProfit.mean).toBe(-100);
    // Over the horizon: members at the end (12, 9), flows summed: revenue 6,300 and 4,500 -> 5,400;
    // incremental (600 + 650 - 700 - 750) = -200 and (500 + 550 - 600 - 650) = -200.
    expect(gold.total.members.mean).toBe(10.5);
    expect(gold.total.revenue.mean).toBe(5400);
    expect(gold.total.benefits.mean).toBe(750);
    expect(gold.total.incrementalProfit).toMatchObject({ mean: -200, p5: -200, p95: -200 });
    // Red pays: (1,500 - 1,400) = +100 in iteration 0, (1,300 - 1,100) = +200 in iteration 1.
    expect(red.total.incrementalProfit.mean).toBe(150);
    expect(red.total.members.p5).toBeCloseTo(0 + 0.05 * 90, 12); // 0 and 90 at the end
  });
});

describe('membership rates', () => {
  it('renewal rate and shortfall share per ended period; undefined when no period ended', () => {
    expect(renewalRate({ renewals: 30, periodsEnded: 40 })).toBe(0.75);
    expect(shortfallShare({ benefitShortfalls: 10, periodsEnded: 40 })).toBe(0.25);
    expect(renewalRate({ renewals: 0, periodsEnded: 0 })).toBeNaN();
    expect(shortfallShare({ benefitShortfalls: 0, periodsEnded: 0 })).toBeNaN();
  });
});
