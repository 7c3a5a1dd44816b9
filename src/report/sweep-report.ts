/**
 * The result object of `loyalty-sim sweep` (a grid of program settings simulated on common random
 * numbers with one shared baseline, run/sweep.ts) and its formats: a table with one row per grid
 * point and program, a CSV table and a Markdown table of the same rows, and the whole report as JSON, whose
 * `metrics` per point and program are those of `run --json` for the scenario with the point's
 * values typed in.
 */
import Table from 'cli-table3';
import chalk from 'chalk';
import { metricDefinition, type MetricName } from '../metrics/metric-definitions.js';
import type { MetricSummary } from '../metrics/summary.js';
import { csvField, csvSignificant, csvTable } from './csv-table.js';
import { displayName } from './display-text.js';
import { formatValue, NOT_APPLICABLE } from './format-number.js';
import { jsonDocument } from './json-writer.js';
import type { Reporter } from './reporter.js';
import type { ScenarioReportHeader } from './report-model.js';
import { markdownText } from './run-markdown.js';

/** Version of the `sweep --format json` object; raised when a key changes meaning or goes away. */
export const SWEEP_SCHEMA_VERSION = 1;

/** A value at a grid point: as typed for a set value (3, "5%", "pert(0, 0.03, 0.1)"), a number for a tied one. */
export type SettingValue = unknown;

export interface SweepProgramFigures {
  name: string;
  type: string;
  metrics: Record<string, MetricSummary>;
}

export interface SweepPointReport {
  /** Per set or tied path (as written on the command line), its value at this point. */
  settings: Record<string, SettingValue>;
  programs: SweepProgramFigures[];
}

export interface SweepReport extends ScenarioReportHeader {
  /** The settings varied, each with its values, in the order given; the grid is their product, the last varying fastest. */
  settings: { path: string; values: SettingValue[] }[];
  /** Settings tied to the first setting's value: PATH = slope x x + intercept. */
  tied: { path: string; formula: string }[];
  /** Worlds per iteration of the one simulation: the baseline, the varied programs per point, the others once. */
  worldsSimulated: number;
  points: SweepPointReport[];
  /** The warnings of the scenario and its grid points (`{ code, message, file, line, column, field }`); absent without any. */
  warnings?: Record<string, unknown>[];
}

/** The figures of a sweep's rows: a metric and its statistics. */
export const SWEEP_HEADLINE: readonly { metric: MetricName; stats: readonly (keyof MetricSummary)[] }[] = [
  { metric: 'incrementalProfit', stats: ['mean', 'mcse', 'p5', 'p95'] },
  { metric: 'programCost', stats: ['mean'] },
  { metric: 'roi', stats: ['mean'] },
  { metric: 'probabilityOfLoss', stats: ['mean'] },
  { metric: 'paybackMonth', stats: ['mean'] },
  { metric: 'marginErosion', stats: ['mean'] },
];

export function renderSweepJson(report: SweepReport): string {
  return jsonDocument(report);
}

/** A setting's value as a cell: as typed, a number as JSON writes it. */
function settingText(value: SettingValue): string {
  if (typeof value === 'number') return String(Number(value.toPrecision(12)));
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One row per point and program: the settings, the program, then each headline figure. */
function sweepRows(report: SweepReport): { point: SweepPointReport; program: SweepProgramFigures }[] {
  return report.points.flatMap((point) => point.programs.map((program) => ({ point, program })));
}

const settingPaths = (report: SweepReport) => [...report.settings.map((s) => s.path), ...report.tied.map((t) => t.path)];

/** `sweep --format csv`: a header, then one row per grid point and program; columns `<metric>_<stat>`. */
export const sweepCsvReporter: Reporter<SweepReport> = {
  render(report) {
    const rows = sweepRows(report);
    const header = [
      ...settingPaths(report).map(csvField),
      'program',
      'type',
      ...SWEEP_HEADLINE.flatMap(({ metric, stats }) => stats.map((stat) => `${metric}_${stat}`)),
    ];
    return csvTable(header, rows.length, (i) => {
      const { point, program } = rows[i];
      return [
        ...settingPaths(report).map((path) => csvField(settingText(point.settings[path]))),
        csvField(program.name),
        program.type,
        ...SWEEP_HEADLINE.flatMap(({ metric, stats }) => stats.map((stat) => csvSignificant(program.metrics[metric]?.[stat] ?? NaN, 12))),
      ];
    });
  },
};

/** A headline cell: the mean (and for incremental profit its P5 .. P95 beside it in its own columns). */
function cell(program: SweepProgramFigures, metric: MetricName, stat: keyof MetricSummary): string {
  const definition = metricDefinition(metric);
  const value = program.metrics[metric]?.[stat];
  if (value === undefined) return NOT_APPLICABLE;
  if (!Number.isFinite(value)) return definition.noValue ?? NOT_APPLICABLE;
  return formatValue(value, definition.unit);
}

/** The columns of the table and the Markdown table: the figure, its head on two lines, and its head on one. */
const TABLE_COLUMNS: readonly { metric: MetricName; stat: keyof MetricSummary; head: string; title: string }[] = [
  { metric: 'incrementalProfit', stat: 'mean', head: 'Incremental profit\nmean', title: 'Incremental profit, mean' },
  { metric: 'incrementalProfit', stat: 'p5', head: '\nP5', title: 'P5' },
  { metric: 'incrementalProfit', stat: 'p95', head: '\nP95', title: 'P95' },
  { metric: 'programCost', stat: 'mean', head: 'Program\ncost', title: 'Program cost' },
  { metric: 'roi', stat: 'mean', head: '\nROI', title: 'ROI' },
  { metric: 'probabilityOfLoss', stat: 'mean', head: 'Probability\nof loss', title: 'Probability of loss' },
  { metric: 'paybackMonth', stat: 'mean', head: 'Payback\nmonth', title: 'Payback month' },
  { metric: 'marginErosion', stat: 'mean', head: 'Margin\nerosion', title: 'Margin erosion' },
];

/** The table with a rule under its `headLines` header lines, drawn like its top border. */
function withHeaderRule(text: string, headLines: number): string {
  const lines = text.split('\n');
  const rule = lines[0].replace('┌', '├').replaceAll('┬', '┼').replace('┐', '┤');
  return [...lines.slice(0, 1 + headLines), rule, ...lines.slice(1 + headLines)].join('\n');
}

/** A setting's column head: the key path in the program, under the program as the path names it (`programs[0]`, `programs["name"]`). */
function settingHead(path: string): string {
  const match = /^(programs\s*\[[^\]]*\])\.?(.*)$/.exec(path);
  return match === null ? path : `${displayName(match[1], 30)}\n${match[2]}`;
}

export function renderSweepTable(report: SweepReport): string {
  const paths = settingPaths(report);
  const many = report.points[0]?.programs.length > 1;
  const table = new Table({
    head: [...paths.map(settingHead), ...(many ? ['\nProgram'] : []), ...TABLE_COLUMNS.map((column) => column.head)],
    style: { head: [], border: [] },
    // No rule between the rows of one grid point's programs and the next: a rule under the header only.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: [...paths.map(() => 'right' as const), ...(many ? ['left' as const] : []), ...TABLE_COLUMNS.map(() => 'right' as const)],
  });
  for (const { point, program } of sweepRows(report)) {
    const profit = cell(program, 'incrementalProfit', 'mean');
    const mean = program.metrics.incrementalProfit?.mean ?? NaN;
    table.push([
      ...paths.map((path) => settingText(point.settings[path])),
      ...(many ? [displayName(program.name)] : []),
      ...TABLE_COLUMNS.map((column, k) => (k === 0 && Number.isFinite(mean) ? chalk.bold(mean < 0 ? chalk.red(profit) : chalk.green(profit)) : cell(program, column.metric, column.stat))),
    ]);
  }
  const lines: string[] = [];
  lines.push(chalk.bold(report.scenario));
  const gridSize = report.points.length;
  lines.push(
    `${report.customers.toLocaleString('en-US')} customers, ${report.horizon}, ${report.iterations.toLocaleString('en-US')} iterations, seed ${report.seed}; ` +
      `money in ${report.currency}; ${gridSize} grid point${gridSize === 1 ? '' : 's'} on the same random numbers, ` +
      `${report.worldsSimulated} worlds per iteration (one shared baseline); means over the iterations, P5 and P95 of incremental profit`,
  );
  for (const tied of report.tied) lines.push(`${tied.path} = ${tied.formula}, x = ${report.settings[0].path}`);
  lines.push(withHeaderRule(table.toString(), 2));
  if (report.warnings !== undefined && report.warnings.length > 0) {
    lines.push(chalk.yellow('Warnings about the scenario:'));
    for (const warning of report.warnings) {
      const where = warning.file !== undefined ? `${String(warning.file)}${warning.line !== undefined ? `:${String(warning.line)}` : ''}: ` : '';
      lines.push(chalk.yellow(`  ${where}${warning.field !== undefined ? `${String(warning.field)}: ` : ''}${String(warning.message)} [${String(warning.code)}]`));
    }
  }
  lines.push(chalk.dim('Break-even figures are not computed per grid point; run a point for them. Definitions: loyalty-sim run prints them under its table.'));
  return lines.join('\n') + '\n';
}

/** `sweep --format md`: the grid as a GitHub-flavoured Markdown table, the columns of the terminal table, for a pull request or a memo. */
export function renderSweepMarkdown(report: SweepReport): string {
  const paths = settingPaths(report);
  const heads = [...paths.map((path) => `\`${path.replaceAll('`', "'")}\``), 'Program', ...TABLE_COLUMNS.map((column) => column.title)];
  const lines = [
    `# ${markdownText(report.scenario)}: a sweep of ${report.points.length} grid point${report.points.length === 1 ? '' : 's'}`,
    '',
    `Each row a grid point and program, simulated on the same random numbers against one shared baseline; P5 and P95 of the incremental profit, else means over ${report.iterations.toLocaleString('en-US')} iterations (seed ${report.seed}), money in ${markdownText(report.currency)} over ${markdownText(report.horizon)}.`,
    '',
    `| ${heads.join(' | ')} |`,
    `| ${heads.map((_, k) => (k === paths.length ? '---' : '---:')).join(' | ')} |`,
  ];
  for (const { point, program } of sweepRows(report)) {
    const cells = [
      ...paths.map((path) => markdownText(settingText(point.settings[path]))),
      markdownText(program.name),
      ...TABLE_COLUMNS.map((column) => cell(program, column.metric, column.stat)),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  for (const tied of report.tied) lines.push('', `\`${tied.path}\` = ${markdownText(tied.formula)}, x = \`${report.settings[0].path}\``);
  lines.push('', 'Break-even figures are not computed per grid point; a `loyalty-sim run` of a point gives them.');
  return lines.join('\n') + '\n';
}
