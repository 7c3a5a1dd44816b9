/**
 * One reporter per output format of every command, each fed the command's one result object:
 * `run` (SimulationReport) as `table`, `json`, `csv` (run-csv.ts), `md` (run-markdown.ts) or `html`
 * (run-html.ts); `fit` (FitReport) and `summarize` (SummaryReport) as `table` (their text) or
 * `json`; `liability` (LiabilityReport) as `table`, `json` or `csv`; `sweep` (SweepReport) as `table`,
 * `json`, `csv` or `md`;
 * `check` (CheckReport) as `table`, `json` or `junit`; `optimise` (OptimiseReport) as `table` or
 * `json`. The per-customer CSV tables of `--customers-out` are reporters of their own
 * (fit-predictions-csv.ts, customer-summaries-csv.ts).
 */
import type { SimulationReport } from './report-model.js';
import type { FitReport } from './fit-report.js';
import type { SummaryReport } from './summary-report.js';
import { pickReporter, textReporter, type ReportFile, type Reporter } from './reporter.js';
import { renderTable } from './table-reporter.js';
import { renderJson } from './json-reporter.js';
import { renderFitText } from './fit-text-reporter.js';
import { renderFitJson } from './fit-report.js';
import { renderSummaryText } from './summary-text-reporter.js';
import { renderSummaryJson } from './summary-report.js';
import { liabilityCsvReporter, renderLiabilityJson, type LiabilityReport } from './liability-report.js';
import { renderLiabilityTable } from './liability-table.js';
import type { CheckReport } from './check-report.js';
import { renderCheckText, verdictSentence } from './check-text.js';
import { renderCheckJunit } from './check-junit.js';
import { jsonDocument } from './json-writer.js';
import { renderOptimiseJson, renderOptimiseTable, type OptimiseReport } from './optimise-report.js';
import { runHtmlReporter } from './run-html.js';
import { renderSweepJson, renderSweepMarkdown, renderSweepTable, sweepCsvReporter, type SweepReport } from './sweep-report.js';
import { runCsvReporter, runMonthlyCsvReporter, runRollForwardCsvReporter } from './run-csv.js';
import { renderRunMarkdown } from './run-markdown.js';
import { breakageCohortsCsvReporter, breakageLedgerCsvReporter, renderBreakageJson, renderBreakageTable, type BreakageReport } from './breakage-report.js';
import { renderUpliftJson, renderUpliftText, type UpliftReport } from './uplift-report.js';

export type RunFormat = 'table' | 'json' | 'csv' | 'md' | 'html';
/** The formats of `run` (and `compare`), in the order help lists them. */
export const RUN_FORMATS: readonly RunFormat[] = ['table', 'json', 'csv', 'md', 'html'];

/** How `run`'s reporters word the report. */
export interface RunReportOptions {
  /** The table: print every metric's definition under it (`--explain`). */
  explain?: boolean;
}
export type FitFormat = 'table' | 'json';
export const FIT_FORMATS: readonly FitFormat[] = ['table', 'json'];
export type SummaryFormat = 'table' | 'json';
export const SUMMARY_FORMATS: readonly SummaryFormat[] = ['table', 'json'];
export type LiabilityFormat = 'table' | 'json' | 'csv';
export const LIABILITY_FORMATS: readonly LiabilityFormat[] = ['table', 'json', 'csv'];
export type CheckFormat = 'table' | 'json' | 'junit';
export const CHECK_FORMATS: readonly CheckFormat[] = ['table', 'json', 'junit'];
export type SweepFormat = 'table' | 'json' | 'csv' | 'md';
export const SWEEP_FORMATS: readonly SweepFormat[] = ['table', 'json', 'csv', 'md'];
export type OptimiseFormat = 'table' | 'json';
export const OPTIMISE_FORMATS: readonly OptimiseFormat[] = ['table', 'json'];

function runReporters(options: RunReportOptions): Readonly<Record<RunFormat, Reporter<SimulationReport>>> {
  return {
    table: textReporter((report) => renderTable(report, { definitions: options.explain === true })),
    json: textReporter(renderJson),
    csv: runCsvReporter,
    md: textReporter(renderRunMarkdown),
    html: runHtmlReporter,
  };
}

/**
 * The files `run --out-dir` writes beside the report (report.<format>): the JSON report (unless it
 * is the report itself), the metrics as tidy CSV (unless the report is that), the monthly series,
 * and the IFRS 15 roll-forward when a program has points.
 */
export function runDataFiles(report: SimulationReport, format: RunFormat): ReportFile<SimulationReport>[] {
  const files: ReportFile<SimulationReport>[] = [];
  if (format !== 'json') files.push({ name: 'report.json', reporter: runReporter('json') });
  if (format !== 'csv') files.push({ name: 'metrics.csv', reporter: runCsvReporter });
  files.push({ name: 'monthly.csv', reporter: runMonthlyCsvReporter });
  if (report.programs.some((program) => program.points !== undefined)) files.push({ name: 'ifrs15-roll-forward.csv', reporter: runRollForwardCsvReporter });
  return files;
}

const FIT_REPORTERS: Readonly<Record<FitFormat, Reporter<FitReport>>> = {
  table: textReporter(renderFitText),
  json: textReporter(renderFitJson),
};

const SUMMARY_REPORTERS: Readonly<Record<SummaryFormat, Reporter<SummaryReport>>> = {
  table: textReporter(renderSummaryText),
  json: textReporter(renderSummaryJson),
};

const LIABILITY_REPORTERS: Readonly<Record<LiabilityFormat, Reporter<LiabilityReport>>> = {
  table: textReporter(renderLiabilityTable),
  json: textReporter(renderLiabilityJson),
  csv: liabilityCsvReporter,
};

const CHECK_REPORTERS: Readonly<Record<CheckFormat, Reporter<CheckReport>>> = {
  table: textReporter(renderCheckText),
  // The JSON document: the report with each verdict's plain-words message.
  json: textReporter((report) =>
    jsonDocument({ ...report, verdicts: report.verdicts.map((verdict) => ({ ...verdict, message: verdictSentence(verdict, report.iterations) })) }),
  ),
  junit: textReporter(renderCheckJunit),
};

export function checkReporter(format: CheckFormat): Reporter<CheckReport> {
  return pickReporter(CHECK_REPORTERS, format);
}

const SWEEP_REPORTERS: Readonly<Record<SweepFormat, Reporter<SweepReport>>> = {
  table: textReporter(renderSweepTable),
  json: textReporter(renderSweepJson),
  csv: sweepCsvReporter,
  md: textReporter(renderSweepMarkdown),
};

const OPTIMISE_REPORTERS: Readonly<Record<OptimiseFormat, Reporter<OptimiseReport>>> = {
  table: textReporter(renderOptimiseTable),
  json: textReporter(renderOptimiseJson),
};

export function optimiseReporter(format: OptimiseFormat): Reporter<OptimiseReport> {
  return pickReporter(OPTIMISE_REPORTERS, format);
}

export function sweepReporter(format: SweepFormat): Reporter<SweepReport> {
  return pickReporter(SWEEP_REPORTERS, format);
}

export function runReporter(format: RunFormat, options: RunReportOptions = {}): Reporter<SimulationReport> {
  return pickReporter(runReporters(options), format);
}

export function fitReporter(format: FitFormat): Reporter<FitReport> {
  return pickReporter(FIT_REPORTERS, format);
}

export function summaryReporter(format: SummaryFormat): Reporter<SummaryReport> {
  return pickReporter(SUMMARY_REPORTERS, format);
}

export function liabilityReporter(format: LiabilityFormat): Reporter<LiabilityReport> {
  return pickReporter(LIABILITY_REPORTERS, format);
}

/** `breakage` (BreakageReport) as `table`, `json` or `csv` (the per-cohort table). */
export type BreakageFormat = 'table' | 'json' | 'csv';
export const BREAKAGE_FORMATS: readonly BreakageFormat[] = ['table', 'json', 'csv'];

const BREAKAGE_REPORTERS: Readonly<Record<BreakageFormat, Reporter<BreakageReport>>> = {
  table: textReporter(renderBreakageTable),
  json: textReporter(renderBreakageJson),
  csv: breakageCohortsCsvReporter,
};

export function breakageReporter(format: BreakageFormat): Reporter<BreakageReport> {
  return pickReporter(BREAKAGE_REPORTERS, format);
}

/** The files `breakage --out-dir` writes beside the report: the cohorts (unless the report is that) and the expected redemptions for `liability`. */
export function breakageDataFiles(_report: BreakageReport, format: BreakageFormat): ReportFile<BreakageReport>[] {
  const files: ReportFile<BreakageReport>[] = [];
  if (format !== 'csv') files.push({ name: 'cohorts.csv', reporter: breakageCohortsCsvReporter });
  files.push({ name: 'expected-redemptions.csv', reporter: breakageLedgerCsvReporter });
  return files;
}

export type UpliftFormat = 'table' | 'json';
export const UPLIFT_FORMATS: readonly UpliftFormat[] = ['table', 'json'];

/** `uplift` (UpliftReport) as `table` (its text) or `json`. */
export function upliftReporter(format: UpliftFormat): Reporter<UpliftReport> {
  return pickReporter({ table: textReporter(renderUpliftText), json: textReporter(renderUpliftJson) }, format);
}
