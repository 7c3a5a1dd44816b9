/**
 * The result object of `loyalty-sim check`, fed to its reporters (text, json, junit): each
 * guardrail's verdict for each program it applies to, with the figure and its Monte Carlo
 * standard error (docs/methods.md section 7, "Guardrails"). Reporters only format it.
 */
import type { ComparisonOperator, Statistic } from './metric-expression.js';

/** Bumped whenever a field of the `check --format json` document is renamed or removed. */
export const CHECK_REPORT_SCHEMA_VERSION = 1;

/**
 * pass: the figure meets its bounds by more than 2 MCSE; fail: it misses one by more than 2 MCSE
 * (or no iteration gives a value to a figure of a program the guardrail names); too-close: it
 * lies within 2 MCSE of a bound, so the iterations run cannot tell (a warning, a failure with
 * --strict); not-applicable: a guardrail for every program, on a metric this program does not
 * have (breakage of a program without points): no iteration gives it a value.
 */
export type Verdict = 'pass' | 'fail' | 'too-close' | 'not-applicable';

/** Figures within this many MCSE of their bound are too close to call. */
export const TOO_CLOSE_MCSE = 2;

export interface GuardrailBound {
  operator: ComparisonOperator;
  bound: number;
}

export interface GuardrailVerdict {
  /** The guardrail as an expression: `roi.p5 >= 0`, `breakageRate.p50 >= 0.1 and <= 0.4`. */
  guardrail: string;
  /** Where it is written: `--require` or the scenario's key (`guardrails[1]`). */
  source: string;
  program: string;
  metric: string;
  statistic: Statistic;
  value: number;
  /** Monte Carlo standard error of the figure (NaN when unknown: one iteration). */
  mcse: number;
  bounds: GuardrailBound[];
  verdict: Verdict;
  /** Distance to the nearest bound that decides the verdict, in MCSE (NaN when the MCSE is unknown or 0). */
  marginInMcse: number;
}

export interface CheckReport {
  schemaVersion: number;
  scenario: string;
  scenarioFile: string;
  seed: number;
  iterations: number;
  /** With --strict a figure too close to call fails. */
  strict: boolean;
  /** Whether every guardrail holds: the command exits 0 when true, 1 when false. */
  passed: boolean;
  counts: { pass: number; fail: number; tooClose: number; notApplicable: number };
  verdicts: GuardrailVerdict[];
}
