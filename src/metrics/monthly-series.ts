/**
 * A program's figures month by month over the horizon, each a distribution over the iterations
 * (docs/methods.md section 5): the month's economic incremental profit, the cumulative incremental
 * profit from time zero (starting at -setup, so it crosses zero at the payback point), the members
 * and the points outstanding at the month end, and the economic points liability at the month end.
 * The IFRS 15 roll-forward by month is in points-accounting.ts.
 */
import type { SimulationResult } from '../sim/simulation-input.js';
import { Tally, tallyOffset } from '../sim/tally.js';
import { monthlyIncrementalProfit } from './compute-metrics.js';
import { monthlyPointsLiability } from './points-accounting.js';
import { summarize, type MetricSummary } from './summary.js';
import { worldTotals } from './world-totals.js';

/** Names of the monthly series, in the order reports show them. */
export const MONTHLY_SERIES_NAMES = ['incrementalProfit', 'cumulativeIncrementalProfit', 'members', 'pointsOutstanding', 'liability'] as const;
export type MonthlySeriesName = (typeof MONTHLY_SERIES_NAMES)[number];

/** Per series, one summary per month (index 0 = month 1). */
export type MonthlySeries = Record<MonthlySeriesName, MetricSummary[]>;

/** Each series' value in each iteration: values[series][month][iteration]. */
export function monthlySeriesValues(result: SimulationResult, programIndex: number): Record<MonthlySeriesName, Float64Array[]> {
  const months = result.horizonMonths;
  const world = programIndex + 1;
  const shape = { iterations: result.iterations, worldCount: result.worlds.length, horizonMonths: months };
  const values = Object.fromEntries(
    MONTHLY_SERIES_NAMES.map((name) => [name, Array.from({ length: months }, () => new Float64Array(result.iterations))]),
  ) as Record<MonthlySeriesName, Float64Array[]>;
  for (let iteration = 0; iteration < result.iterations; iteration++) {
    const totals = worldTotals(result, iteration, world);
    const profit = monthlyIncrementalProfit(result, iteration, world, totals);
    const liability = monthlyPointsLiability(result, iteration, world, totals);
    let cumulative = -result.setupCost[iteration * result.programs.length + programIndex];
    for (let month = 0; month < months; month++) {
      const offset = tallyOffset(shape, iteration, world, month);
      cumulative += profit[month];
      values.incrementalProfit[month][iteration] = profit[month];
      values.cumulativeIncrementalProfit[month][iteration] = cumulative;
      values.members[month][iteration] = result.tallies[offset + Tally.members];
      values.pointsOutstanding[month][iteration] = result.tallies[offset + Tally.pointsOutstanding];
      values.liability[month][iteration] = liability[month];
    }
  }
  return values;
}

/** The monthly series of one program (index into result.programs), summarised over the iterations. */
export function monthlySeries(result: SimulationResult, programIndex: number): MonthlySeries {
  const values = monthlySeriesValues(result, programIndex);
  return Object.fromEntries(MONTHLY_SERIES_NAMES.map((name) => [name, values[name].map((month) => summarize(month))])) as MonthlySeries;
}
