/**
 * The result object of `loyalty-sim optimise` (run/optimise.ts: the best setting of one or two
 * program parameters under constraints, by grid refinement on common random numbers) and its
 * formats: the curve searched as a table, every evaluated point with its objective, the
 * objective's MCSE and its feasibility, then the optimum; or the whole report as JSON.
 */
import Table from 'cli-table3';
import chalk from 'chalk';
import { metricDefinition, type MetricName } from '../metrics/metric-definitions.js';
import { formatValue, formatSignificant, NOT_APPLICABLE } from './format-number.js';
import { jsonDocument } from './json-writer.js';
import type { MetricFigure } from './metric-expression.js';
import type { ScenarioReportHeader } from './report-model.js';

/** Version of the `optimise --format json` object; raised when a key changes meaning or goes away. */
export const OPTIMISE_SCHEMA_VERSION = 1;

/** One evaluated setting. */
export interface OptimisePoint {
  /** Per searched and tied path, its value (a number as the schema reads it: 5% is 0.05). */
  settings: Record<string, number>;
  /** The objective's figure and its Monte Carlo standard error (NaN, written null, when unknown). */
  objective: MetricFigure;
  /** Every constraint for every program it applies to: the figure and whether it holds. */
  constraints: { condition: string; program: string; value: number; holds: boolean }[];
  feasible: boolean;
  /** The round of the search that evaluated it (1: the first grid). */
  round: number;
}

export interface OptimiseReport extends ScenarioReportHeader {
  settings: { path: string; from: number; to: number; percent: boolean; tolerance: number }[];
  tied: { path: string; formula: string }[];
  objective: { expression: string; program: string; direction: 'maximise' | 'minimise' };
  constraints: string[];
  rounds: number;
  /** Worlds per iteration over all rounds (each round: its new points and one baseline). */
  worldsSimulated: number;
  /** Every evaluated point, in the order of the settings' values. */
  points: OptimisePoint[];
  /** The feasible point with the best objective; null when no point meets the constraints. */
  optimum: OptimisePoint | null;
  warnings?: Record<string, unknown>[];
}

export function renderOptimiseJson(report: OptimiseReport): string {
  return jsonDocument(report);
}

/** The metric named by `metric.stat` (with a `programs[...]` prefix or not). */
function metricOf(expression: string): MetricName {
  const parts = expression.split('.');
  return parts[parts.length - 2] as MetricName;
}

/** A parameter's value with the decimals its tolerance needs: 0.2025 at a tolerance of 0.5% is 20.25%. */
export function settingValueText(value: number, setting: { percent: boolean; tolerance: number } | undefined): string {
  if (setting === undefined) return formatSignificant(value);
  const scale = setting.percent ? 100 : 1;
  const decimals = Math.min(10, Math.max(0, Math.ceil(-Math.log10(setting.tolerance * scale)) + 1));
  return `${(value * scale).toFixed(decimals)}${setting.percent ? '%' : ''}`;
}

function figureText(value: number, metric: MetricName): string {
  if (!Number.isFinite(value)) return metricDefinition(metric).noValue ?? NOT_APPLICABLE;
  const unit = metricDefinition(metric).unit;
  return formatValue(value, unit);
}

/** An MCSE of a figure: finer than the figure's own rounding for money (two significant digits). */
function mcseText(value: number, metric: MetricName): string {
  if (!Number.isFinite(value)) return NOT_APPLICABLE;
  const unit = metricDefinition(metric).unit;
  return unit === 'money' || unit === 'count' || unit === 'points' ? formatSignificant(Number(value.toPrecision(2))) : formatValue(value, unit);
}

/** The settings of a point as `path = value` pairs. */
function settingsText(report: OptimiseReport, point: OptimisePoint): string {
  return Object.entries(point.settings)
    .map(([path, value]) => `${path} = ${settingValueText(value, report.settings.find((s) => s.path === path))}`)
    .join(', ');
}

export function renderOptimiseTable(report: OptimiseReport): string {
  const paths = [...report.settings.map((s) => s.path), ...report.tied.map((t) => t.path)];
  const objectiveMetric = metricOf(report.objective.expression);
  const constraintColumns = report.points[0]?.constraints.map((c) => `${c.condition}${report.points[0].constraints.filter((d) => d.condition === c.condition).length > 1 ? `\n${c.program}` : ''}`) ?? [];
  const table = new Table({
    head: [...paths, `${report.objective.expression}\n(${report.objective.direction})`, 'MCSE', ...constraintColumns, 'Feasible', 'Round'],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: [...paths.map(() => 'right' as const), 'right', 'right', ...constraintColumns.map(() => 'right' as const), 'left', 'right'],
  });
  for (const point of report.points) {
    const isOptimum = point === report.optimum || (report.optimum !== null && JSON.stringify(point.settings) === JSON.stringify(report.optimum.settings));
    const objective = figureText(point.objective.value, objectiveMetric);
    table.push([
      ...paths.map((path) => settingValueText(point.settings[path], report.settings.find((s) => s.path === path))),
      isOptimum ? chalk.bold(objective) : objective,
      mcseText(point.objective.mcse, objectiveMetric),
      ...point.constraints.map((c) => `${figureText(c.value, metricOf(c.condition.split(/[<>=]/)[0].trim()))} ${c.holds ? 'ok' : 'fails'}`),
      `${point.feasible ? 'yes' : 'no'}${isOptimum ? chalk.bold('  <- best') : ''}`,
      String(point.round),
    ]);
  }
  const lines: string[] = [];
  lines.push(chalk.bold(report.scenario));
  lines.push(
    `${report.customers.toLocaleString('en-US')} customers, ${report.horizon}, ${report.iterations.toLocaleString('en-US')} iterations, seed ${report.seed}; money in ${report.currency}; ` +
      `${report.objective.direction} ${report.objective.expression} of "${report.objective.program}"` +
      (report.constraints.length > 0 ? ` subject to ${report.constraints.join(', ')}` : ''),
  );
  lines.push(
    `Searched ${report.settings.map((s) => `${s.path} from ${settingValueText(s.from, s)} to ${settingValueText(s.to, s)} (tolerance ${settingValueText(s.tolerance, s)})`).join(' and ')}: ` +
      `${report.points.length} points in ${report.rounds} round${report.rounds === 1 ? '' : 's'} of grid refinement, all on the same random numbers`,
  );
  for (const tied of report.tied) lines.push(`${tied.path} = ${tied.formula}, x = ${report.settings[0].path}`);
  const text = table.toString().split('\n');
  const rule = text[0].replace('┌', '├').replaceAll('┬', '┼').replace('┐', '┤');
  lines.push([...text.slice(0, 3), rule, ...text.slice(3)].join('\n'));
  if (report.warnings !== undefined && report.warnings.length > 0) {
    lines.push(chalk.yellow('Warnings about the scenario:'));
    for (const warning of report.warnings) lines.push(chalk.yellow(`  ${String(warning.message)} [${String(warning.code)}]`));
  }
  if (report.optimum === null) {
    lines.push(chalk.red('No setting in the range meets the constraints.'));
  } else {
    const { objective } = report.optimum;
    const mcse = Number.isFinite(objective.mcse) ? ` (MCSE ${mcseText(objective.mcse, objectiveMetric)})` : '';
    const within = report.settings.map((s) => `±${settingValueText(s.tolerance, s)}`).join(', ');
    lines.push(chalk.bold(`Best: ${settingsText(report, report.optimum)}, within ${within}: ${report.objective.expression} = ${figureText(objective.value, objectiveMetric)}${mcse}`));
  }
  return lines.join('\n') + '\n';
}
