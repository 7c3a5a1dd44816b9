/**
 * Per-group figures of programs with breakdown groups (tiers and the like; sim/tally.ts,
 * "Breakdown"): for each group and month, the distribution over the iterations of its members,
 * sales, benefits given, profit and incremental profit. Shows, for example, top tiers whose
 * benefits eat more than their members bring.
 */
import type { SimulationResult } from '../sim/simulation-input.js';
import { BreakdownField, breakdownIndex, breakdownLayout } from '../sim/tally.js';
import { summarize, type MetricSummary } from './summary.js';

export const GROUP_FIGURES = ['members', 'revenue', 'benefits', 'profit', 'incrementalProfit'] as const;
export type GroupFigure = (typeof GROUP_FIGURES)[number];

/** One group's figures in one month, or over the horizon (members: at its end; flows: summed). */
export type GroupFigures = Record<GroupFigure, MetricSummary>;

export interface GroupBreakdown {
  group: string;
  /** Month 1 first. */
  months: GroupFigures[];
  /** Over the horizon: members at its end, flows summed. */
  total: GroupFigures;
}

/**
 * incrementalProfit = profit - baselineGrossProfit: what the group's members bring in the program
 * world beyond what the same customers brought in the baseline in those months.
 */
function figuresOf(breakdown: Float64Array, index: number): Record<GroupFigure, number> {
  const profit = breakdown[index + BreakdownField.profit];
  return {
    members: breakdown[index + BreakdownField.members],
    revenue: breakdown[index + BreakdownField.revenue],
    benefits: breakdown[index + BreakdownField.benefits],
    profit,
    incrementalProfit: profit - breakdown[index + BreakdownField.baselineGrossProfit],
  };
}

function summarizeFigures(values: Record<GroupFigure, Float64Array>): GroupFigures {
  return Object.fromEntries(GROUP_FIGURES.map((figure) => [figure, summarize(values[figure])])) as GroupFigures;
}

const emptyValues = (iterations: number) =>
  Object.fromEntries(GROUP_FIGURES.map((figure) => [figure, new Float64Array(iterations)])) as Record<GroupFigure, Float64Array>;

/** The breakdown of program `programIndex`; [] when it has no groups. */
export function programBreakdown(result: SimulationResult, programIndex: number): GroupBreakdown[] {
  const groups = result.breakdownGroups[programIndex] ?? [];
  if (groups.length === 0) return [];
  const layout = breakdownLayout(result.breakdownGroups, result.horizonMonths);
  const lastMonth = result.horizonMonths - 1;
  return groups.map((group, g) => {
    const months: GroupFigures[] = [];
    const total = emptyValues(result.iterations);
    for (let month = 0; month <= lastMonth; month++) {
      const values = emptyValues(result.iterations);
      for (let i = 0; i < result.iterations; i++) {
        const figures = figuresOf(result.breakdown, breakdownIndex(layout, i, programIndex, month, g));
        for (const figure of GROUP_FIGURES) {
          values[figure][i] = figures[figure];
          if (figure === 'members') {
            if (month === lastMonth) total.members[i] = figures.members;
          } else {
            total[figure][i] += figures[figure];
          }
        }
      }
      months.push(summarizeFigures(values));
    }
    return { group, months, total: summarizeFigures(total) };
  });
}
