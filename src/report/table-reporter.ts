/**
 * Human-readable side-by-side comparison: one row per metric, one column per program, each cell the
 * mean with its 90% interval (P5 .. P95) beneath. Metric definitions follow the table.
 */
import Table from 'cli-table3';
import chalk from 'chalk';
import type { SimulationReport } from './report-model.js';
import { METRIC_CATALOGUE, type MetricInfo } from './metric-catalogue.js';
import { formatValue, NOT_APPLICABLE } from './format-number.js';
import { renderBreakdownTables } from './breakdown-table.js';
import { renderWorldTable } from './world-table.js';
import { renderBreakEvenNote } from './break-even-note.js';

export interface TableReporterOptions {
  /** Print the metric definitions under the table. */
  definitions?: boolean;
}

/**
 * A row is shown when some program has a finite value (or the metric says what no value means:
 * a payback that never happens) and, for rows that ask, a non-zero `onlyWhenNonZero` metric.
 */
function metricApplies(report: SimulationReport, info: MetricInfo): boolean {
  const hasValue = info.noValue !== undefined || report.programs.some((program) => Number.isFinite(program.metrics[info.key]?.mean));
  const gate = info.onlyWhenNonZero;
  return hasValue && (gate === undefined || report.programs.some((program) => (program.metrics[gate]?.mean ?? 0) !== 0));
}

export function renderTable(report: SimulationReport, options: TableReporterOptions = {}): string {
  const metrics = METRIC_CATALOGUE.filter((info) => metricApplies(report, info));
  const table = new Table({
    head: ['', ...report.programs.map((program) => `${program.name}\n${chalk.dim(program.type)}`)],
    style: { head: [], border: [] },
    colAligns: ['left', ...report.programs.map(() => 'right' as const)],
  });
  for (const info of metrics) {
    const cells = report.programs.map((program) => {
      const metric = program.metrics[info.key];
      if (metric === undefined) return NOT_APPLICABLE;
      if (!Number.isFinite(metric.mean)) return info.noValue ?? NOT_APPLICABLE;
      const format = (value: number) => formatValue(value, info.unit);
      const mean = format(metric.mean);
      // A probability is already a summary over the iterations: it has no interval of its own.
      if (info.unit === 'probability') return mean;
      const interval = `${format(metric.p5)} .. ${format(metric.p95)}`;
      const highlighted = info.key === 'incrementalProfit' ? chalk.bold(metric.mean < 0 ? chalk.red(mean) : chalk.green(mean)) : mean;
      return `${highlighted}\n${chalk.dim(interval)}`;
    });
    table.push([info.label, ...cells]);
  }

  const lines: string[] = [];
  lines.push(chalk.bold(report.scenario));
  lines.push(
    `${report.customers.toLocaleString('en-US')} customers, ${report.horizon}, ` +
      `${report.iterations.toLocaleString('en-US')} iterations, seed ${report.seed}; money in ${report.currency}; ` +
      'each cell: mean, then P5 .. P95 over the iterations',
  );
  lines.push(table.toString());
  if (metrics.some((info) => info.key === 'breakEvenUplift')) lines.push(...renderBreakEvenNote(report.programs));
  lines.push(...renderWorldTable(report));
  lines.push(...renderBreakdownTables(report));
  if (options.definitions !== false) {
    lines.push('');
    lines.push(chalk.dim('Definitions (against the no-program baseline, same random numbers):'));
    for (const info of metrics) lines.push(chalk.dim(`  ${info.label.trim()}: ${info.definition}`));
  }
  return lines.join('\n') + '\n';
}
