/**
 * Each world's own figures over the horizon, the context of the incremental ones: how many
 * customers the world simulated, their purchases, revenue and gross profit, and for a program
 * world its members and profit after the program, each as its distribution over the iterations.
 * They come from the world totals (world-totals.ts), so for every iteration
 *     incremental revenue = revenue(program world) - revenue(baseline)
 *     incremental profit  = profit(program world) - grossProfit(baseline)
 * (docs/methods.md section 5).
 */
import type { SimulationResult } from '../sim/simulation-input.js';
import { netRevenue, worldEconomicProfit } from './profit.js';
import { summarize, type MetricSummary } from './summary.js';
import { worldTotals, type WorldTotals } from './world-totals.js';

/** The figures of every world, in report order. */
export const WORLD_FIGURES = ['customers', 'members', 'purchases', 'revenue', 'grossProfit', 'profit'] as const;
export type WorldFigure = (typeof WORLD_FIGURES)[number];

/** The baseline has no members and no program, so its profit is its gross profit. */
export const BASELINE_FIGURES = ['customers', 'purchases', 'revenue', 'grossProfit'] as const satisfies readonly WorldFigure[];
export type BaselineFigure = (typeof BASELINE_FIGURES)[number];

export type BaselineSummary = Record<BaselineFigure, MetricSummary>;
export type ProgramWorldSummary = Record<WorldFigure, MetricSummary>;

export interface WorldSummaries {
  baseline: BaselineSummary;
  /** One per program, in the order of result.programs. */
  programs: ProgramWorldSummary[];
}

/**
 * One world's figures in one iteration:
 *   customers    customers simulated in the world (existing customers active at the start, new
 *                arrivals, the world's own arrivals and referrals), each once
 *   members      members at the horizon's end
 *   purchases    purchases
 *   revenue      net revenue: sales at list price - discounts - points payments
 *   grossProfit  net revenue - cost of goods (the baseline's: sales - cost of goods)
 *   profit       the world's economic profit: after reward, benefit and operating costs, fees as
 *                earned and partner payments, less the points liability left at the horizon's end
 */
export function worldFigures(totals: WorldTotals): Record<WorldFigure, number> {
  const revenue = netRevenue(totals);
  return {
    customers: totals.customers,
    members: totals.members,
    purchases: totals.purchases,
    revenue,
    grossProfit: revenue - totals.costOfGoods,
    profit: worldEconomicProfit(totals),
  };
}

function summarizeWorld<Figure extends WorldFigure>(result: SimulationResult, world: number, figures: readonly Figure[]): Record<Figure, MetricSummary> {
  const values = Object.fromEntries(figures.map((figure) => [figure, new Float64Array(result.iterations)])) as Record<Figure, Float64Array>;
  for (let iteration = 0; iteration < result.iterations; iteration++) {
    const perIteration = worldFigures(worldTotals(result, iteration, world));
    for (const figure of figures) values[figure][iteration] = perIteration[figure];
  }
  return Object.fromEntries(figures.map((figure) => [figure, summarize(values[figure])])) as Record<Figure, MetricSummary>;
}

/** The baseline's and every program world's figures, summarised over the iterations. */
export function worldSummaries(result: SimulationResult): WorldSummaries {
  return {
    baseline: summarizeWorld(result, 0, BASELINE_FIGURES),
    programs: result.programs.map((_, programIndex) => summarizeWorld(result, programIndex + 1, WORLD_FIGURES)),
  };
}
