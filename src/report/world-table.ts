/**
 * The worlds' own figures under the main table of the human-readable report: per world (the
 * baseline and each program's), the customers simulated, members, purchases, revenue, gross profit
 * and profit over the horizon, each cell the mean with P5 .. P95 beneath. They give the
 * incremental figures their scale: incremental profit = profit of the program world - the
 * baseline's (gross) profit.
 */
import chalk from 'chalk';
import type { BaselineFigure, WorldFigure } from '../metrics/world-summary.js';
import type { MetricSummary, SimulationReport } from './report-model.js';
import { compactTable } from './compact-table.js';
import { displayName } from './display-text.js';
import { formatValue, NOT_APPLICABLE } from './format-number.js';
import type { MetricUnit } from './metric-catalogue.js';

/** One row: its label and unit, and the figure it shows of the baseline (null: none) and of each program world. */
const ROWS: { label: string; unit: MetricUnit; baseline: BaselineFigure | null; program: WorldFigure }[] = [
  { label: 'Customers', unit: 'count', baseline: 'customers', program: 'customers' },
  { label: 'Members at the end', unit: 'count', baseline: null, program: 'members' },
  { label: 'Purchases', unit: 'count', baseline: 'purchases', program: 'purchases' },
  { label: 'Revenue', unit: 'money', baseline: 'revenue', program: 'revenue' },
  { label: 'Gross profit', unit: 'money', baseline: 'grossProfit', program: 'grossProfit' },
  // The baseline has no program: its profit is its gross profit.
  { label: 'Profit', unit: 'money', baseline: 'grossProfit', program: 'profit' },
];

function cell(summary: MetricSummary | undefined, unit: MetricUnit): string {
  if (summary === undefined || !Number.isFinite(summary.mean)) return NOT_APPLICABLE;
  return `${formatValue(summary.mean, unit)}\n${chalk.dim(`${formatValue(summary.p5, unit)} .. ${formatValue(summary.p95, unit)}`)}`;
}

/** The world table; `explain`: with the definitions of its rows beneath. */
export function renderWorldTable(report: SimulationReport, explain = true): string[] {
  const rows = ROWS.map((row) => [
    row.label,
    row.baseline === null ? NOT_APPLICABLE : cell(report.baseline[row.baseline], row.unit),
    ...report.programs.map((program) => cell(program.world[row.program], row.unit)),
  ]);
  return [
    '',
    chalk.bold('Each world over the horizon') + chalk.dim(' (mean, then P5 .. P95)'),
    compactTable(['', 'baseline', ...report.programs.map((program) => displayName(program.name))], rows),
    ...(explain ? worldDefinitions() : []),
  ];
}

/** What the world table's rows mean. */
function worldDefinitions(): string[] {
  return [
    chalk.dim("  customers: active at the start, new arrivals and the world's own (network arrivals, referrals); members: at the horizon end"),
    chalk.dim(
      '  revenue: sales after discounts and points payments; gross profit: revenue - cost of goods; profit: after rewards, benefits, ' +
        "operating costs, fees as earned, partner payments and the points liability (the baseline's is its gross profit)",
    ),
  ];
}
