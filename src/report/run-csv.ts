/**
 * The CSV tables of `run` (SimulationReport), tidy for a spreadsheet's pivot or a data frame:
 *   metrics     one row per figure over the horizon: program, metric, statistic, value;
 *   monthly     one row per program, month and series, with the series' statistics;
 *   roll-forward the IFRS 15 contract liability of each points program, one row per program,
 *               month and line of the roll-forward, with its statistics.
 * The numbers are those of `run --format json` (csvNumber); a figure that does not apply (null,
 * NaN) is an empty cell.
 */
import { BREAK_EVEN_FIGURES } from '../metrics/break-even.js';
import { MONTHLY_SERIES_NAMES } from '../metrics/monthly-series.js';
import type { RollForwardMonth } from '../metrics/points-accounting.js';
import { csvField, csvNumber, csvTable } from './csv-table.js';
import type { Reporter } from './reporter.js';
import type { MetricSummary, SimulationReport } from './report-model.js';

/** The statistics of a distribution over the iterations, in the report's order. */
export const SUMMARY_STATISTICS = ['mean', 'mcse', 'p5', 'p50', 'p95'] as const satisfies readonly (keyof MetricSummary)[];

/** The program column of the baseline world's rows in the metrics table. */
export const BASELINE_PROGRAM = 'baseline';

/** The statistic of a figure that is one number, not a distribution (a break-even figure, a key assumption's measure). */
export const SINGLE_VALUE_STATISTIC = 'value';

/** The series name of the IFRS 15 closing contract liability at each month end in the monthly table. */
export const CONTRACT_LIABILITY_SERIES = 'contractLiability';

/** The lines of the IFRS 15 roll-forward of a month (points-accounting.ts RollForwardMonth): opening + deferred - recognised = closing. */
export const ROLL_FORWARD_LINES = ['opening', 'deferred', 'recognised', 'closing'] as const satisfies readonly Exclude<keyof RollForwardMonth, 'month'>[];

/** One row of the metrics table, its fields already CSV text. */
type MetricRow = readonly [program: string, metric: string, statistic: string, value: string];

function summaryRows(program: string, metric: string, summary: MetricSummary): MetricRow[] {
  return SUMMARY_STATISTICS.map((statistic) => [program, metric, statistic, csvNumber(summary[statistic])]);
}

/**
 * The rows of the metrics table: per program its metrics (metric names as in the JSON's
 * `metrics`), its world's figures (`world.revenue`, ...), the run-off of its points
 * (`points.runOff.liability`, ...), its break-even figures (`breakEven.frequencyUplift`, one
 * value, empty when none breaks even) and its key assumption (statistic `assumption`: its key
 * path; statistic `tornadoSwing` or `varianceShare`: its measure); then the baseline world's
 * figures (program `baseline`).
 */
export function runMetricRows(report: SimulationReport): MetricRow[] {
  const rows: MetricRow[] = [];
  for (const program of report.programs) {
    const name = csvField(program.name);
    for (const [metric, summary] of Object.entries(program.metrics)) rows.push(...summaryRows(name, metric, summary));
    for (const [figure, summary] of Object.entries(program.world)) rows.push(...summaryRows(name, `world.${figure}`, summary));
    if (program.points !== undefined) {
      for (const [figure, summary] of Object.entries(program.points.runOff)) rows.push(...summaryRows(name, `points.runOff.${figure}`, summary));
    }
    for (const { field } of BREAK_EVEN_FIGURES) {
      const value = program.breakEven[field];
      if (value !== undefined) rows.push([name, `breakEven.${field}`, SINGLE_VALUE_STATISTIC, csvNumber(value)]);
    }
    const key = program.keyAssumption;
    if (key !== undefined) {
      rows.push([name, 'keyAssumption', 'assumption', csvField(key.assumption)]);
      rows.push([name, 'keyAssumption', key.measure, csvNumber(key.value)]);
    }
  }
  for (const [figure, summary] of Object.entries(report.baseline)) rows.push(...summaryRows(BASELINE_PROGRAM, `world.${figure}`, summary));
  return rows;
}

/** `run --format csv` (metrics.csv): `program,metric,statistic,value`, the rows of runMetricRows. */
export const runCsvReporter: Reporter<SimulationReport> = {
  render(report) {
    const rows = runMetricRows(report);
    return csvTable(['program', 'metric', 'statistic', 'value'], rows.length, (i) => rows[i]);
  },
};

/** One row of a month-by-month table: program, month, the series or line, and its statistics. */
interface MonthRow {
  program: string;
  month: number;
  name: string;
  summary: MetricSummary;
}

/**
 * The rows of the monthly table: per program, per month, each monthly series
 * (monthly-series.ts, in its order), then for a points program the closing IFRS 15 contract
 * liability at the month end (series `contractLiability`).
 */
export function runMonthlyRows(report: SimulationReport): MonthRow[] {
  const rows: MonthRow[] = [];
  for (const program of report.programs) {
    const months = Math.max(...MONTHLY_SERIES_NAMES.map((series) => program.monthly[series].length), program.points?.contractLiability.length ?? 0);
    for (let month = 0; month < months; month++) {
      for (const series of MONTHLY_SERIES_NAMES) {
        const summary = program.monthly[series][month];
        if (summary !== undefined) rows.push({ program: program.name, month: month + 1, name: series, summary });
      }
      const closing = program.points?.contractLiability[month];
      if (closing !== undefined) rows.push({ program: program.name, month: closing.month, name: CONTRACT_LIABILITY_SERIES, summary: closing.closing });
    }
  }
  return rows;
}

/** The rows of the roll-forward table: per points program, per month, each line of the roll-forward. */
export function runRollForwardRows(report: SimulationReport): MonthRow[] {
  return report.programs.flatMap((program) =>
    (program.points?.contractLiability ?? []).flatMap((month) =>
      ROLL_FORWARD_LINES.map((line) => ({ program: program.name, month: month.month, name: line, summary: month[line] })),
    ),
  );
}

function monthTable(header: readonly string[], rows: readonly MonthRow[]): Iterable<string> {
  return csvTable(header, rows.length, (i) => {
    const row = rows[i];
    return [csvField(row.program), String(row.month), row.name, ...SUMMARY_STATISTICS.map((statistic) => csvNumber(row.summary[statistic]))];
  });
}

/** monthly.csv: `program,month,series,mean,mcse,p5,p50,p95`, month 1 the horizon's first. */
export const runMonthlyCsvReporter: Reporter<SimulationReport> = {
  render: (report) => monthTable(['program', 'month', 'series', ...SUMMARY_STATISTICS], runMonthlyRows(report)),
};

/** ifrs15-roll-forward.csv: `program,month,line,mean,mcse,p5,p50,p95`; only the header when no program has points. */
export const runRollForwardCsvReporter: Reporter<SimulationReport> = {
  render: (report) => monthTable(['program', 'month', 'line', ...SUMMARY_STATISTICS], runRollForwardRows(report)),
};
