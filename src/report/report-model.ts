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
 * The inputs of a run: with data, the data-quality summary and the fitted customer model with its
 * diagnostics (as `fit --json` gives them: bgnbd, gammaGamma, identification) and whether a weak
 * fit was accepted; with a population block, the customers and the model calibrated to it.
 */
export interface RunInputs {
  data?: DataInputSummary;
  fit?: FittedModelJson & { acceptedWeakFit: boolean };
  population?: { customers: number; bgnbd: BgNbdParameters; gammaGamma: GammaGammaParameters };
}

export interface SimulationReport {
  /** Bumped whenever a field is renamed or removed. */
  schemaVersion: number;
  scenario: string;
  /** The scenario file's name without its folder (the same from whichever folder it is run). */
  scenarioFile: string;
  seed: number;
  iterations: number;
  /** The horizon as the scenario gives it, e.g. '18 months', '1 week'. */
  horizon: string;
  /** Its length in days, simulated exactly (months of 365.2425 / 12 days). */
  horizonDays: number;
  /** Months of the tallies: ceil(horizonDays / (365.2425 / 12)), the last one partial when the horizon ends inside it. */
  horizonMonths: number;
  currency: string;
  /** Customers in the data (or the population block), active or not. */
  customers: number;
  /** What the run read and fitted (the data-quality summary, the fit and its diagnostics), or the population it built. */
  inputs: RunInputs;
  /** The baseline world's figures over the horizon (customers, purchases, revenue, gross profit). */
  baseline: BaselineSummary;
  programs: ProgramReport[];
  /** Legal but unwise settings of the scenario (run/scenario-warnings.ts), located at their key; absent when there are none. */
  warnings?: ReportWarning[];
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

export const REPORT_SCHEMA_VERSION = 3;
