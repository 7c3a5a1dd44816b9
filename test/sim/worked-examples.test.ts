/**
 * The worked examples of docs/methods.md section 3, through the whole engine and the metrics, in a
 * deterministic setting: everyone enrolled, no behaviour change.
 */
import { describe, expect, it } from 'vitest';
import { firstOrderFrequencyUplift } from '../../src/metrics/break-even.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { breakEvenFigures } from '../../src/run/break-even.js';
import { incrementalProfit, grossProfit } from '../../src/metrics/profit.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { simulate } from '../../src/sim/simulate.js';
import { discount, input, variedCustomers, WEEKLY_MODEL } from './fixtures.js';

const oneMargin = (margin: number) => ({ names: ['all'], revenueShares: [1], margins: [margin] });
const economics = { annualDiscountRate: 0.08 };

describe('docs/methods.md section 3 through the engine', () => {
  it('5% off at 30% margin erodes 16.7% of gross profit (0.05 / 0.30)', async () => {
    const result = await simulate(input(variedCustomers(3000), [discount(0.05)], { categories: oneMargin(0.3), iterations: 5, newCustomersPerMonth: 50 }), {
      workers: 1,
    });
    const [metrics] = computeMetrics(result, economics).map((program) => program.metrics);
    expect(metrics.marginErosion.p5).toBeCloseTo(1 / 6, 10);
    expect(metrics.marginErosion.p95).toBeCloseTo(1 / 6, 10);
    expect(metrics.marginErosion.mean).toBeCloseTo(0.1667, 4);
    // All of it subsidises purchases that happen anyway; ROI -1: every unit spent is lost.
    expect(metrics.subsidyShare.mean).toBeCloseTo(1, 12);
    expect(metrics.roi.mean).toBeCloseTo(-1, 12);
    expect(metrics.probabilityOfLoss.mean).toBe(1);
  });

  it('10% off at 45% margin needs +28.6% purchase frequency to break even (45 / 35 - 1)', async () => {
    const result = await simulate(input(variedCustomers(3000), [discount(0.1)], { categories: oneMargin(0.45), iterations: 5 }), { workers: 1 });
    // To first order (members' purchases scaling with the uplift), exactly.
    const worlds = Array.from({ length: result.iterations }, (_, i) => worldTotals(result, i, 1));
    expect(firstOrderFrequencyUplift(worlds, [0, 0, 0, 0, 0]).value).toBeCloseTo(45 / 35 - 1, 10);
  });

  it('at +28.6% purchase frequency the 10% discount at 45% margin earns back what it gives away', async () => {
    // Without dropout (p ~ Beta(1e-6, 4) is 0 in double precision) a member's purchases scale with
    // the rate, so incremental profit is zero up to sampling noise of the extra purchases.
    const model = { ...WEEKLY_MODEL, bgnbd: { r: 2, alpha: 10, a: 1e-6, b: 4 } };
    const breakEven = 45 / 35 - 1;
    const customers = variedCustomers(20000);
    customers.x.fill(0); // no dropout history: everyone active, posterior = prior
    const simulationInput = input(customers, [discount(0.1, { effects: { frequencyUplift: breakEven, spendUplift: 0, churnReduction: 0 } })], {
      model,
      categories: oneMargin(0.45),
      iterations: 3,
    });
    const result = await simulate(simulationInput, { workers: 1 });
    for (let i = 0; i < result.iterations; i++) {
      const program = worldTotals(result, i, 1);
      const baseline = worldTotals(result, i, 0);
      expect(program.purchases / baseline.purchases).toBeCloseTo(1 + breakEven, 1);
      // About 43,000 baseline purchases per iteration: the noise of the extra purchases is ~0.3% of gross profit.
      expect(Math.abs(incrementalProfit(program, baseline)) / grossProfit(baseline)).toBeLessThan(0.015);
    }
    // Re-simulated, the break-even is where it was simulated, up to that noise.
    const [figures] = await breakEvenFigures(simulationInput, result, { workers: 1 });
    expect(figures.frequencyUplift).toBeCloseTo(breakEven, 2);
  });
});
