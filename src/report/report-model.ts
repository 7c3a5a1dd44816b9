/**
 * The result object every reporter is fed (table, json, ...): one per `run`. Reporters only
 * format it; they never compute.
 */
import type { MetricSummary } from '../metrics/summary.js';
import type { GroupBreakdown } from '../metrics/breakdown.js';
import type { Settlement } from '../metrics/settlement.js';
import type { BreakEvenCoverage, BreakEvenFigures } from '../metrics/break-even.js';
import type { PointsAccounting } from '../metrics/points-accounting.js';
import type { BaselineSummary, ProgramWorldSummary } from '../metrics/world-summary.js';
import type { BgNbdParameters, GammaGammaParameters } from '../model/parameters.js';
import type { FittedModelJson } from './fit-report.js';
import type { MonthlySeries } from '../metrics/monthly-series.js';
import type { Histogram } from '../metrics/histogram.js';

export type { MonthlySeries, Histogram };
export type { MetricSummary, GroupBreakdown, Settlement, BaselineSummary, ProgramWorldSummary, BreakEvenCoverage, BreakEvenFigures, PointsAccounting };

export interface ProgramReport {
  name: string;
  type: string;
  metrics: Record<string, MetricSummary>;
  /** The program world's own figures over the horizon (customers, members, purchases, revenue, gross profit, profit). */
  world: ProgramWorldSummary;
  /**
   * The frequency uplift, spend uplift and enrolment share at which the mean incremental profit is
   * zero, how they were found, and what they cover (the program's benefits and payments, its
   * operating cost parameters).
   */
  breakEven: BreakEvenFigures;
  /** Programs with groups (tiers, ...): per group, per month and over the horizon. */
  breakdown?: GroupBreakdown[];
  /** Coalition programs: the settlement with the operator, per month and over the horizon. */
  settlement?: Settlement;
  /** Programs whose members hold points: the run-off, the points by issue month and the IFRS 15 roll-forward. */
  points?: PointsAccounting;
  /** Month by month (index 0 = month 1), each a distribution over the iterations (metrics/monthly-series.ts). */
  monthly: MonthlySeries;
  /** The incremental profit's distribution over the iterations (metrics/histogram.ts). */
  profitHistogram: Histogram;
  /** The uncertain assumption that matters most to the incremental profit; absent when none moves it. */
  keyAssumption?: KeyAssumption;
}

/** One assumption of the scenario given as a distribution (a fixed number too), as the run drew it. */
export interface DrawnAssumption {
  /** Its key path as the scenario writes it: `programs["Points card"].effects.frequencyUplift`. */
  name: string;
  /** In plain words: "the members' frequency uplift in 'Points card'". */
  description: string;
  /** The program it belongs to; absent for the economics, which every world shares. */
  program?: string;
  /** Its distribution in the short form of the YAML: `pert(0, 0.05, 0.15)`, `0.05`. */
  distribution: string;
  /** Whether it varies between iterations (not a fixed number). */
  uncertain: boolean;
  /** Its values over the iterations. */
  drawn: MetricSummary;
}

/**
 * The uncertain assumption that matters most to a program's incremental profit
 * (run/drawn-assumptions.ts): by the tornado's swing with `run --sensitivity` (value in money),
 * else by the share of the profit's variance it explains on its own (value 0..1).
 */
export interface KeyAssumption {
  assumption: string;
  /** In plain words, without the program's name: "the members' frequency uplift". */
  description: string;
  measure: 'tornadoSwing' | 'varianceShare';
  value: number;
}

/** The settings a run was made with, beyond the header's seed, iterations and horizon. */
export interface RunSettings {
  /** How the break-even figures were found. */
  breakEvenMethod: string;
  /** Whether the sensitivity section was computed (`--sensitivity`). */
  sensitivity: boolean;
  /** The annual rate of the NPV and of the points liability's discounting. */
  annualDiscountRate: number;
  /** With `--target-error`: how the iterations were chosen; absent with a fixed number of iterations. */
  precision?: PrecisionSettings;
  /** Present when each iteration simulated a sample of the customers (docs/methods.md section 7, "Customer sample"). */
  customerSample?: CustomerSampleSettings;
}

/**
 * How `run --target-error` chose the iterations (run/precision.ts): at checkpoints from
 * `minIterations` doubling up to `maxIterations`, the first at which the Monte Carlo standard
 * error of every program's mean incremental profit is below the target. The report's `iterations`
 * is the checkpoint it stopped at; the report is that of a run with those iterations.
 */
export interface PrecisionSettings {
  /** The target: money in the report's currency, or with `relative` a share of the |mean| (0.01 = 1%). */
  targetError: number;
  relative: boolean;
  minIterations: number;
  maxIterations: number;
  /** Whether every program met the target; false when `maxIterations` was reached first. */
  met: boolean;
}

/** The customer sample of a run: its size and how much of the spread over the iterations is its noise. */
export interface CustomerSampleSettings {
  /** Existing customers simulated per iteration (a new stratified sample each iteration), n. */
  customers: number;
  /** Existing customers in the base, N. */
  of: number;
  /**
   * Per program, in the programs' order: the share of the incremental profit's variance over the
   * iterations that is the sample's noise within an iteration (included in the MCSE; it widens
   * P5 to P95 by the factor 1 / sqrt(1 - share) at most).
   */
  profitVarianceShare: number[];
}

/** What `run` read from the scenario's purchase history: the data-quality figures that matter to a simulation. */
export interface DataInputSummary {
  /** The history, relative to the scenario file's folder (as the scenario names it), whatever the working folder. */
  file: string;
  rowsRead: number;
  rowsUsed: number;
  /** Skipped rows by reason (data/data-quality.ts SkipReason). */
  rowsSkipped: Record<string, number>;
  rowsSkippedTotal: number;
  /** Customers in the summaries (first purchase on or before the calibration end). */
  customers: number;
  /** Purchases (customer purchase days) in the calibration period. */
  purchases: number;
  /** Return rows and their value (positive). */
  returns: { rows: number; value: number };
  /** Customers whose first purchase is after the calibration end, and customers without any purchase: not simulated. */
  newCustomersInHoldout: number;
  customersWithoutPurchase: number;
  calibration: { start: string; end: string; period: string };
  /** The ingest's warnings. */
  warnings: string[];
}

/**
 * What `run` read from a scenario's per-customer summary table (data.summaries) instead of a
 * purchase history. A summary table has no rows to count, and no returns or categories but in a
 * category table beside it (data.categories), so only these figures are known; they equal a
 * purchase history's `customers`, `purchases` and `calibration` for the same customers.
 */
export interface SummaryTableInputSummary {
  /** The table, relative to the scenario file's folder (as the scenario names it). */
  file: string;
  /** Customers (rows of the table). */
  customers: number;
  /** Purchases (customer purchase days) in the calibration period: x + 1 per customer. */
  purchases: number;
  calibration: { start: string; end: string; period: string };
  /** The table's columns (summarize --customers-out's names). */
  columns: string[];
  /** The category table (data.categories), relative to the scenario file's folder, and its categories. */
  categories?: { file: string; count: number };
  /** What the table cannot tell the run. */
  warnings: string[];
}

/**
 * The inputs of a run: with a purchase history, the data-quality summary (`data`); with a summary
 * table, what it gave (`summaries`); either way the data-quality summary and the fitted customer model with its
 * diagnostics (as `fit --json` gives them: bgnbd, gammaGamma, identification) and whether a weak
 * fit was accepted; with a population block, the customers and the model calibrated to it.
 */
export interface RunInputs {
  data?: DataInputSummary;
  summaries?: SummaryTableInputSummary;
  fit?: FittedModelJson & { acceptedWeakFit: boolean };
  population?: { customers: number; bgnbd: BgNbdParameters; gammaGamma: GammaGammaParameters };
}

/** What every report of a simulated scenario starts with (run, sweep, optimise). */
export interface ScenarioReportHeader {
  /** Bumped whenever the report's fields change (added, renamed or removed): scenarios/report.schema.json is the schema of this version. */
  schemaVersion: number;
  scenario: string;
  /** The scenario file's name without its folder (the same from whichever folder it is run). */
  scenarioFile: string;
  seed: number;
  iterations: number;
  /** The horizon as the scenario gives it, e.g. '18 months', '1 week'. */
  horizon: string;
  currency: string;
  /** Customers in the data (or the population block), active or not. */
  customers: number;
}

export interface SimulationReport extends ScenarioReportHeader {
  /** The tool and version that made the report. */
  tool: { name: string; version: string };
  settings: RunSettings;
  /** Its length in days, simulated exactly (months of 365.2425 / 12 days). */
  horizonDays: number;
  /** Months of the tallies: ceil(horizonDays / (365.2425 / 12)), the last one partial when the horizon ends inside it. */
  horizonMonths: number;
  /** What the run read and fitted (the data-quality summary, the fit and its diagnostics), or the population it built. */
  inputs: RunInputs;
  /** The baseline world's figures over the horizon (customers, purchases, revenue, gross profit). */
  baseline: BaselineSummary;
  programs: ProgramReport[];
  /** Every assumption the scenario gives as a distribution, as drawn over the iterations. */
  assumptions: DrawnAssumption[];
  /** With `run --sensitivity`: the tornado of each program and the value of information of each assumption. */
  sensitivity?: SensitivitySection;
  /** Legal but unwise settings of the scenario (run/scenario-warnings.ts), located at their key; absent when there are none. */
  warnings?: ReportWarning[];
}

/** One uncertain assumption of the scenario (run/uncertain-assumptions.ts) and the values the tornado fixes it at. */
export interface SensitivityAssumption {
  /** Its key path as the scenario writes it: `programs["Points card"].effects.frequencyUplift`. */
  name: string;
  /** In plain words: "the members' frequency uplift in 'Points card'". */
  description: string;
  /** The program it belongs to; absent for the economics (margins, arrivals, return rate), which every world shares. */
  program?: string;
  /** Its distribution in the short form of the YAML: `pert(0, 0.05, 0.15)`. */
  distribution: string;
  /** Mean of its draws over the iterations. */
  meanAsDrawn: number;
  /** Its 10th and 90th percentiles, from its quantile function. */
  p10: number;
  p90: number;
  /** Why the tornado could not fix it alone (the value would break a rule with another drawn value); absent when it could. */
  notVaried?: string;
}

/** One bar of a program's tornado: its mean incremental profit with one assumption fixed at its P10 and at its P90 in every iteration. */
export interface TornadoBar {
  assumption: string;
  profitAtP10: number;
  profitAtP90: number;
  /** |profitAtP90 - profitAtP10| */
  swing: number;
}

/** A program's tornado: its mean incremental profit as run, and one bar per assumption that can move it, largest swing first. */
export interface ProgramTornado {
  program: string;
  meanProfit: number;
  bars: TornadoBar[];
}

/** Expected value of partial perfect information of one assumption, with its standard error. */
export interface AssumptionValueOfInformation {
  assumption: string;
  value: number;
  standardError: number;
}

/**
 * The value of information for the decision "launch none or one of the programs", net benefit the
 * incremental profit (0 for none): EVPI (every uncertainty resolved) and each assumption's EVPPI,
 * largest first (docs/methods.md section 8).
 */
export interface DecisionValueOfInformation {
  options: string[];
  /** The option with the highest mean incremental profit ('none' when no program gains on average). */
  bestOnAverage: string;
  evpi: { value: number; standardError: number };
  evppi: AssumptionValueOfInformation[];
}

export interface SensitivitySection {
  /** The quantiles the tornado fixes each assumption at. */
  quantiles: { low: number; high: number };
  assumptions: SensitivityAssumption[];
  tornado: ProgramTornado[];
  decision: DecisionValueOfInformation;
}

/** A warning about a setting: its stable code, the message, and where the setting is written. */
export interface ReportWarning {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  field?: string;
}

export const REPORT_SCHEMA_VERSION = 5;
