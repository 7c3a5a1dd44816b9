/**
 * With no effect on behaviour (no uplift, no churn reduction), a discount is a pure give-away: the
 * same customers make the same purchases (common random numbers), so a larger discount, everything
 * else equal, never gives more profit in any iteration. Random small populations, economics,
 * enrolment, costs, minimum purchases, ladders by cumulative spend and leaks to non-members.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { iterationMetrics } from '../../src/metrics/compute-metrics.js';
import { PROPERTY_SEED, scenarioBaseArbitrary, scenarioFolder, simulateScenario } from './scenarios.js';

const folder = scenarioFolder();
afterAll(() => folder.remove());

const percent = fc.integer({ min: 0, max: 60 }).map((v) => v / 100);
/** A discount's percent (or ladder step) in the smaller and the larger discount. */
const smallerAndLarger = fc.tuple(percent, percent).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

const discounts = fc.record({
  base: smallerAndLarger,
  ladder: fc.option(fc.array(fc.tuple(fc.integer({ min: 1, max: 20 }), smallerAndLarger), { minLength: 1, maxLength: 3 }), { nil: undefined }),
  minimumPurchase: fc.integer({ min: 0, max: 40 }),
  leakShare: fc.option(fc.integer({ min: 0, max: 50 }).map((v) => v / 100), { nil: undefined }),
});

const programPart = fc.record({
  enrolment: fc.record({ share: fc.integer({ min: 5, max: 100 }).map((v) => v / 100), selfSelection: fc.constantFrom(0, 1, 2), at: fc.constantFrom('start', 'purchase') }),
  costs: fc.record({ setup: fc.integer({ min: 0, max: 2000 }), perMemberPerYear: fc.integer({ min: 0, max: 5 }), perTransaction: fc.integer({ min: 0, max: 20 }).map((v) => v / 100) }),
});

type Discounts = typeof discounts extends fc.Arbitrary<infer T> ? T : never;

function discountBlock(d: Discounts, which: 0 | 1) {
  let spend = 0;
  return {
    percent: d.base[which],
    minimumPurchase: d.minimumPurchase,
    ...(d.ladder ? { ladder: d.ladder.map(([step, p]) => ({ spend: (spend += step * 50), percent: p[which] })) } : {}),
    ...(d.leakShare !== undefined ? { leakShare: d.leakShare } : {}),
  };
}

describe('a discount without uplift (property)', () => {
  it('never gives more profit when it is larger', async () => {
    let strictlyLess = 0;
    await fc.assert(
      fc.asyncProperty(scenarioBaseArbitrary, programPart, discounts, async (base, part, d) => {
        const profits = [];
        for (const which of [0, 1] as const) {
          const program = { name: 'discount', type: 'discount', ...part, effects: { frequencyUplift: 0, spendUplift: 0, churnReduction: 0 }, discount: discountBlock(d, which) };
          const { loaded, result } = await simulateScenario(folder, { ...base, programs: [program] }, 2);
          const metrics = iterationMetrics(result, { annualDiscountRate: loaded.scenario.economics.discountRate }, 0);
          profits.push({ incremental: metrics.incrementalProfit, cash: metrics.incrementalCashProfit, npv: metrics.npv });
        }
        const [smaller, larger] = profits;
        for (let i = 0; i < smaller.incremental.length; i++) {
          for (const key of ['incremental', 'cash', 'npv'] as const) {
            // Sums of the same purchases' discounts in another order may differ in the last bits.
            const slack = 1e-9 * (1 + Math.abs(smaller[key][i]));
            expect(larger[key][i], `${key} profit, iteration ${i}`).toBeLessThanOrEqual(smaller[key][i] + slack);
          }
          if (larger.incremental[i] < smaller.incremental[i]) strictlyLess++;
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 50 },
    );
    // Not vacuous: the larger discount cost something in many cases.
    expect(strictlyLess).toBeGreaterThan(30);
  });
});
