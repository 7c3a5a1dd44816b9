/**
 * What a redeemed point costs, through the engine (docs/methods.md section 3): at the till its face
 * value in cash not taken, as a reward that displaces no purchase the goods' cost, and a stamp
 * card's gift that replaces a paid coffee the coffee's price. Everyone is enrolled and nothing
 * changes behaviour, so the program world's purchases are the baseline's, revenue and cost of
 * goods cancel, and the horizon's cash result is exactly minus what the program gives and costs to
 * run; the (economic) incremental profit deducts the liability of the points still outstanding.
 */
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { grossProfit, incrementalCashProfit, incrementalProfit, incrementalRevenue, programCost } from '../../src/metrics/profit.js';
import { marginErosion } from '../../src/metrics/margin-erosion.js';
import { worldTotals, type WorldTotals } from '../../src/metrics/world-totals.js';
import { resolvedProgram, type ResolvedProgram } from '../../src/programs/registry.js';
import { simulate } from '../../src/sim/simulate.js';
import type { SimulationResult } from '../../src/sim/simulation-input.js';
import { common, discount, input, variedCustomers } from './fixtures.js';

const COSTS = { setup: 100, perMemberPerYear: 2, perTransaction: 0.05 };
const ONE_MARGIN = { names: ['all'], revenueShares: [1], margins: [0.3] };

/** 5 points per currency unit worth 0.01 each (5% back), paying at most 20% of a purchase. */
const POINTS = { earnRate: 5, faceValue: 0.01, maxShareOfPurchase: 0.2, minimumToRedeem: 100 };

function bonus(name: string, points: Record<string, unknown>, redemption: Record<string, unknown>): ResolvedProgram {
  return resolvedProgram({ ...common(name, { costs: COSTS }), type: 'bonus', points: { ...POINTS, ...points }, redemption: { probability: 0.5, ...redemption } } as never);
}

async function run(programs: ResolvedProgram[], categories = ONE_MARGIN): Promise<SimulationResult> {
  return simulate(input(variedCustomers(1500), programs, { iterations: 3, categories }), { workers: 1 });
}

/** The program world and the baseline of iteration i; checks that the purchases are the same. */
function worlds(result: SimulationResult, i: number, world: number): { program: WorldTotals; baseline: WorldTotals } {
  const program = worldTotals(result, i, world);
  const baseline = worldTotals(result, i, 0);
  expect(program.revenue).toBe(baseline.revenue);
  expect(program.costOfGoods).toBe(baseline.costOfGoods);
  return { program, baseline };
}

describe('the cost of a redeemed point through the engine', () => {
  it('(a) points paying up to 20% of a purchase cost their face value: cash result = -0.01 x redeemed - operating cost', async () => {
    const result = await run([bonus('till', {}, {})]);
    for (let i = 0; i < result.iterations; i++) {
      const { program, baseline } = worlds(result, i, 1);
      expect(program.pointsRedeemed).toBeGreaterThan(0);
      expect(program.pointsPayments).toBeCloseTo(0.01 * program.pointsRedeemed, 8);
      expect(program.rewardCost).toBe(0);
      expect(incrementalCashProfit(program, baseline)).toBeCloseTo(-0.01 * program.pointsRedeemed - program.operatingCost, 6);
      // The points still outstanding cost their face value when the run-off redeems them.
      expect(program.runOffRedemptionCost).toBeCloseTo(0.01 * program.runOffRedeemed, 8);
      expect(incrementalProfit(program, baseline)).toBeCloseTo(incrementalCashProfit(program, baseline) - program.pointsLiability, 6);
      expect(programCost(program)).toBeCloseTo(0.01 * program.pointsRedeemed + program.operatingCost + program.pointsLiability, 6);
      // Net revenue falls by the points' face value, like a discount's.
      expect(incrementalRevenue(program, baseline)).toBeCloseTo(-0.01 * program.pointsRedeemed, 8);
    }
    const [metrics] = computeMetrics(result, { annualDiscountRate: 0.08 }).map((p) => p.metrics);
    expect(metrics.roi.p5).toBeCloseTo(-1, 12);
    expect(metrics.subsidyShare.p95).toBeCloseTo(1, 12); // every point pays for a purchase made anyway
  });

  it('(b) the same points for a catalogue item at 0.006 a point that displaces nothing: cash result = -0.006 x redeemed - operating cost', async () => {
    const catalogue = [{ name: 'mug', points: 500, cost: 3, displacesPurchase: 0 }];
    const perPoint = bonus('goods at cost', { costPerPoint: 0.006 }, { form: 'reward', displacesPurchase: 0 });
    const result = await run([bonus('catalogue', {}, { catalogue }), perPoint]);
    for (let i = 0; i < result.iterations; i++) {
      for (const world of [1, 2]) {
        const { program, baseline } = worlds(result, i, world);
        expect(program.pointsRedeemed).toBeGreaterThan(0);
        if (world === 1) expect(program.pointsRedeemed % 500).toBe(0); // whole mugs
        expect(program.pointsPayments).toBe(0);
        expect(program.rewardCost).toBeCloseTo(0.006 * program.pointsRedeemed, 8);
        expect(incrementalCashProfit(program, baseline)).toBeCloseTo(-0.006 * program.pointsRedeemed - program.operatingCost, 6);
        expect(program.runOffRedemptionCost).toBeCloseTo(0.006 * program.runOffRedeemed, 8);
        expect(incrementalProfit(program, baseline)).toBeCloseTo(incrementalCashProfit(program, baseline) - program.pointsLiability, 6);
        // Goods given on top of the purchases: revenue as in the baseline.
        expect(incrementalRevenue(program, baseline)).toBe(0);
      }
    }
  });

  it('(c) a stamp card whose free coffee replaces a paid one costs the price of the coffee per gift', async () => {
    const card = resolvedProgram({
      ...common('stamp card'),
      type: 'threshold-gift',
      gift: { countOn: 'visits', threshold: 10, giftValue: 3.5, giftCost: 1.05 },
      redemption: { probability: 1, neverRedeemShare: 0 },
    });
    const result = await run([card], { names: ['coffee'], revenueShares: [1], margins: [0.7] });
    for (let i = 0; i < result.iterations; i++) {
      const { program, baseline } = worlds(result, i, 1);
      const gifts = program.pointsRedeemed / 10;
      expect(gifts).toBeGreaterThan(0);
      expect(Number.isInteger(gifts)).toBe(true);
      expect(program.rewardCost).toBe(0);
      expect(incrementalCashProfit(program, baseline)).toBeCloseTo(-3.5 * gifts, 8);
      // Stamps claimed after the horizon cost the coffee's price too.
      expect(program.runOffRedemptionCost).toBeCloseTo((3.5 * program.runOffRedeemed) / 10, 8);
    }
  });

  it('(d) a discount and till points giving the same value have the same incremental revenue, cash result and margin erosion', async () => {
    // Every member holds an ample balance from a welcome bonus and pays 5% of every purchase with
    // points worth 1e-6 each: points worth 5% of the price, as the 5% discount gives, up to the
    // rounding of points to 1/1024 (under 1e-9 a purchase).
    const points = bonus('5% in points', { earnRate: 0, welcomeBonus: 1e9, faceValue: 1e-6, maxShareOfPurchase: 0.05, minimumToRedeem: 0, rounding: 'none' }, { probability: 1 });
    const result = await run([discount(0.05, { costs: COSTS }), points]);
    for (let i = 0; i < result.iterations; i++) {
      const off = worlds(result, i, 1);
      const paid = worlds(result, i, 2);
      expect(off.program.discounts).toBeGreaterThan(0);
      expect(paid.program.pointsPayments).toBeCloseTo(off.program.discounts, 4);
      expect(paid.program.operatingCost).toBe(off.program.operatingCost);
      expect(incrementalRevenue(off.program, off.baseline)).toBeCloseTo(-off.program.discounts, 8);
      expect(incrementalRevenue(paid.program, paid.baseline)).toBeCloseTo(incrementalRevenue(off.program, off.baseline), 4);
      expect(incrementalCashProfit(paid.program, paid.baseline)).toBeCloseTo(incrementalCashProfit(off.program, off.baseline), 4);
      expect(marginErosion(paid.program, paid.baseline)).toBeCloseTo(marginErosion(off.program, off.baseline), 9);
      expect(marginErosion(off.program, off.baseline)).toBeCloseTo(0.05 / 0.3, 12);
      expect(grossProfit(paid.program)).toBe(grossProfit(off.program));
    }
  });
});
