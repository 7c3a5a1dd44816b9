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
  /** The baseline world's figures over the horizon (customers, purchases, revenue, gross profit). */
  baseline: BaselineSummary;
  programs: ProgramReport[];
}

export const REPORT_SCHEMA_VERSION = 2;
