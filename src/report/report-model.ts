/**
 * The result object every reporter is fed (table, json, ...): one per `run`. Reporters only
 * format it; they never compute.
 */
import type { MetricSummary } from '../metrics/summary.js';
import type { GroupBreakdown } from '../metrics/breakdown.js';

export type { MetricSummary, GroupBreakdown };

export interface ProgramReport {
  name: string;
  type: string;
  metrics: Record<string, MetricSummary>;
  /** Programs with groups (tiers, ...): per group, per month and over the horizon. */
  breakdown?: GroupBreakdown[];
}

export interface SimulationReport {
  /** Bumped whenever a field is renamed or removed. */
  schemaVersion: number;
  scenario: string;
  /** Path of the scenario file, as given. */
  scenarioFile: string;
  seed: number;
  iterations: number;
  horizonMonths: number;
  currency: string;
  customers: number;
  programs: ProgramReport[];
}

export const REPORT_SCHEMA_VERSION = 1;
