/**
 * Human-readable side-by-side comparison: one row per metric, one column per program, each cell the
 * mean with its 90% interval (P5 .. P95) beneath. Metric definitions follow the table.
 */
import { precisionSentence } from './precision-text.js';
import Table from 'cli-table3';
import chalk from 'chalk';
import type { MetricSummary, SimulationReport } from './report-model.js';
import { BREAK_EVEN_FIGURES, type BreakEvenFigureDefinition } from '../metrics/break-even.js';
import { BREAK_EVEN_ROWS_AFTER, METRIC_CATALOGUE, type MetricInfo } from './metric-catalogue.js';
import { formatValue, NOT_APPLICABLE } from './format-number.js';
import { renderBreakdownTables } from './breakdown-table.js';
import { renderWorldTable } from './world-table.js';
import { renderBreakEvenNote } from './break-even-note.js';
import { displayName } from './display-text.js';
import { renderSensitivityText } from './sensitivity-text.js';
import { programVerdict, roundedMoney } from './verdict.js';
import { sparkline, wrapWords } from './text-histogram.js';
import { displayWidth } from './compact-table.js';

/** Columns the verdicts are wrapped to. */
const VERDICT_WIDTH = 100;

/** One verdict per program in plain words, wrapped, then a sparkline of each program's incremental profit over the iterations. */
function renderVerdicts(report: SimulationReport): string[] {
  const lines = ['Verdicts:'];
  for (const program of report.programs) lines.push(...wrapWords(programVerdict(report, program, displayName(program.name)), VERDICT_WIDTH - 2, 4).map((line) => `  ${line}`));
  const histograms = report.programs.filter((program) => program.profitHistogram.counts.length > 0);
  if (histograms.length > 0) {
    lines.push(`Incremental profit over the iterations (lowest, histogram, highest):`);
    const names = histograms.map((program) => displayName(program.name));
    const nameWidth = Math.max(...names.map(displayWidth));
    const lows = histograms.map((program) => roundedMoney(program.profitHistogram.edges[0]));
    const lowWidth = Math.max(...lows.map((low) => low.length));
    histograms.forEach((program, k) => {
      const edges = program.profitHistogram.edges;
      const name = names[k] + ' '.repeat(nameWidth - displayWidth(names[k]));
      lines.push(`  ${name}  ${lows[k].padStart(lowWidth)} ${chalk.cyan(sparkline(program.profitHistogram))} ${roundedMoney(edges[edges.length - 1])}`);
    });
  }
  return lines;
}

export interface TableReporterOptions {
  /** Print the metric definitions under the table. */
  definitions?: boolean;
}

/**
 * A row is shown when some program has a finite value (or the metric says what no value means:
 * a payback that never happens) and, for rows that ask, a non-zero `onlyWhenNonZero` metric.
 */
export function metricApplies(report: SimulationReport, info: MetricInfo): boolean {
  const hasValue = info.noValue !== undefined || report.programs.some((program) => Number.isFinite(program.metrics[info.key]?.mean));
  const gate = info.onlyWhenNonZero;
  return hasValue && (gate === undefined || report.programs.some((program) => (program.metrics[gate]?.mean ?? 0) !== 0));
}

/**
 * A metric's figures as text: its mean (what no value means, or "-" when the program has no such
 * metric) and, for a distribution with a mean, its 90% interval "P5 .. P95".
 */
export function metricFigures(info: MetricInfo, metric: MetricSummary | undefined): { mean: string; interval?: string } {
  if (metric === undefined) return { mean: NOT_APPLICABLE };
  if (!Number.isFinite(metric.mean)) return { mean: info.noValue ?? NOT_APPLICABLE };
  const format = (value: number) => formatValue(value, info.unit);
  // A probability is already a summary over the iterations: it has no interval of its own.
  if (info.unit === 'probability') return { mean: format(metric.mean) };
  return { mean: format(metric.mean), interval: `${format(metric.p5)} .. ${format(metric.p95)}` };
}

/** A metric's cell: the mean with its 90% interval beneath. */
function metricCell(info: MetricInfo, metric: MetricSummary | undefined): string {
  const { mean, interval } = metricFigures(info, metric);
  if (metric === undefined || interval === undefined) return mean;
  const highlighted = info.key === 'incrementalProfit' ? chalk.bold(metric.mean < 0 ? chalk.red(mean) : chalk.green(mean)) : mean;
  return `${highlighted}\n${chalk.dim(interval)}`;
}

/** A break-even figure's cell: one value (not a distribution), what null means, or "-" without the lever. */
export function breakEvenCell(figure: BreakEvenFigureDefinition, program: SimulationReport['programs'][number]): string {
  const value = program.breakEven[figure.field];
  if (value === undefined) return NOT_APPLICABLE;
  return value === null ? figure.none : formatValue(value, 'share');
}

interface Row {
  label: string;
  definition: string;
  cells: string[];
}

/** A row of the comparison table: a metric's, or a break-even figure's. */
export type TableRowSource = { kind: 'metric'; info: MetricInfo } | { kind: 'breakEven'; figure: BreakEvenFigureDefinition };

/** The rows the comparison table shows, in order (the HTML report shows the same). */
export function tableRowSources(report: SimulationReport): TableRowSource[] {
  const breakEvens = BREAK_EVEN_FIGURES.filter((figure) => report.programs.some((program) => program.breakEven[figure.field] !== undefined));
  const rows: TableRowSource[] = [];
  for (const info of METRIC_CATALOGUE) {
    if (metricApplies(report, info)) rows.push({ kind: 'metric', info });
    if (info.key === BREAK_EVEN_ROWS_AFTER) for (const figure of breakEvens) rows.push({ kind: 'breakEven', figure });
  }
  return rows;
}

export function renderTable(report: SimulationReport, options: TableReporterOptions = {}): string {
  const sources = tableRowSources(report);
  const breakEvens = sources.filter((source) => source.kind === 'breakEven');
  const rows: Row[] = sources.map((source) =>
    source.kind === 'metric'
      ? { label: source.info.label, definition: source.info.definition, cells: report.programs.map((program) => metricCell(source.info, program.metrics[source.info.key])) }
      : { label: source.figure.label, definition: source.figure.definition, cells: report.programs.map((program) => breakEvenCell(source.figure, program)) },
  );
  const table = new Table({
    head: ['', ...report.programs.map((program) => `${displayName(program.name)}\n${chalk.dim(program.type)}`)],
    style: { head: [], border: [] },
    colAligns: ['left', ...report.programs.map(() => 'right' as const)],
  });
  for (const row of rows) table.push([row.label, ...row.cells]);

  const lines: string[] = [];
  lines.push(chalk.bold(report.scenario));
  lines.push(
    `${report.customers.toLocaleString('en-US')} customers, ${report.horizon}, ` +
      `${report.iterations.toLocaleString('en-US')} iterations, seed ${report.seed}; money in ${report.currency}; ` +
      'each cell: mean, then P5 .. P95 over the iterations',
  );
  if (report.settings.precision !== undefined) lines.push(`${precisionSentence(report.settings.precision, report.iterations, report.currency)}.`);
  lines.push(...renderVerdicts(report));
  lines.push(table.toString());
  if (breakEvens.length > 0) lines.push(...renderBreakEvenNote(report.programs));
  if (report.warnings !== undefined && report.warnings.length > 0) {
    // Kept with the table (which may be saved to a file), so a figure such as "no uplift pays" comes with its reason.
    lines.push(chalk.yellow('Warnings about the scenario:'));
    for (const warning of report.warnings) {
      const where = warning.file !== undefined ? `${warning.file}${warning.line !== undefined ? `:${warning.line}` : ''}: ` : '';
      lines.push(chalk.yellow(`  ${where}${warning.field !== undefined ? `${warning.field}: ` : ''}${warning.message} [${warning.code}]`));
    }
  }
  lines.push(...renderWorldTable(report, options.definitions !== false));
  lines.push(...renderBreakdownTables(report));
  lines.push(...renderSensitivityText(report));
  if (options.definitions !== false) {
    lines.push('');
    lines.push(chalk.dim('Definitions (against the no-program baseline, same random numbers):'));
    for (const row of rows) lines.push(chalk.dim(`  ${row.label.trim()}: ${row.definition}`));
  }
  return lines.join('\n') + '\n';
}
