/**
 * The setup cost is a cash flow at time zero (docs/methods.md section 5): undiscounted in the NPV,
 * and the payback's cumulative profit starts at minus the setup.
 */
import { describe, expect, it } from 'vitest';
import { computeMetrics, metricsOfIteration } from '../../src/metrics/compute-metrics.js';
import { resolvedProgram } from '../../src/programs/registry.js';
import { simulate } from '../../src/sim/simulate.js';
import type { SimulationResult } from '../../src/sim/simulation-input.js';
import { tallyValue, type TallyField } from '../../src/sim/tally.js';
import { common, input, variedCustomers } from '../sim/fixtures.js';

const members = (costs = { setup: 0, perMemberPerYear: 0, perTransaction: 0 }) => resolvedProgram({ ...common('members', { costs }), type: 'none' });

function run(program: ReturnType<typeof members>, iterations = 1): Promise<SimulationResult> {
  return simulate(input(variedCustomers(400), [program], { horizonMonths: 12, iterations }), { workers: 1 });
}

const value = (result: SimulationResult, world: number, month: number, field: TallyField) =>
  tallyValue(result.tallies, { iterations: result.iterations, worldCount: result.worlds.length, horizonMonths: result.horizonMonths }, 0, world, month, field);

describe('the setup cost at time zero', () => {
  it('gives a program whose only cost is its setup an NPV of exactly minus the setup, at any discount rate', async () => {
    const result = await run(members({ setup: 5000, perMemberPerYear: 0, perTransaction: 0 }), 2);
    for (const annualDiscountRate of [0, 0.08, 0.5]) {
      for (let i = 0; i < 2; i++) {
        const metrics = metricsOfIteration(result, { annualDiscountRate }, 0, i);
        expect(metrics.npv).toBe(-5000);
        expect(metrics.incrementalProfit).toBe(-5000);
        expect(metrics.paybackMonth).toBeNaN();
      }
    }
    expect(computeMetrics(result, { annualDiscountRate: 0.08 })[0].metrics.npv.mean).toBe(-5000);
  });

  it('counts the setup from the start in the payback: a program pays back once its monthly profit has covered it', async () => {
    // A 2% spend uplift for members with a setup cost: the months' incremental profit, before the
    // setup, is positive; the payback month is the first month end where their sum exceeds the setup.
    const program = resolvedProgram({
      ...common('uplift', { costs: { setup: 100, perMemberPerYear: 0, perTransaction: 0 }, effects: { frequencyUplift: 0, spendUplift: 0.02, churnReduction: 0 } }),
      type: 'none',
    });
    const result = await run(program);
    const metrics = metricsOfIteration(result, { annualDiscountRate: 0.08 }, 0, 0);
    // Monthly incremental gross profit, from the tallies: program world minus baseline.
    const monthly = Array.from({ length: 12 }, (_, m) => {
      const grossProfit = (w: number) => value(result, w, m, 'revenue') - value(result, w, m, 'costOfGoods');
      return grossProfit(1) - grossProfit(0);
    });
    let cumulative = -100;
    let expected = NaN;
    monthly.forEach((profit, m) => {
      cumulative += profit;
      if (cumulative <= 0) expected = NaN;
      else if (Number.isNaN(expected)) expected = m + 1;
    });
    // About 27, 21, 21, 16, 17, ...: the setup of 100 is covered in month 5.
    expect(expected).toBe(5);
    expect(metrics.paybackMonth).toBe(expected);
    const i = Math.pow(1.08, 1 / 12) - 1;
    const npv = -100 + monthly.reduce((sum, profit, m) => sum + profit / Math.pow(1 + i, m + 1), 0);
    expect(metrics.npv).toBeCloseTo(npv, 6);
  });
});
