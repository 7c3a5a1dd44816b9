/**
 * Guardrails: conditions a program's figures must meet, written in the scenario (`guardrails:`)
 * or given as `--require 'roi.p5>=0'`, checked against the report of a run with a verdict each
 * (docs/methods.md section 7, "Guardrails"). Names are checked before any simulation: a metric,
 * statistic or program that does not exist is a located UserInputError.
 */
import type { LoadedScenario } from '../config/load.js';
import { ConfigError } from '../config/issues.js';
import { UserInputError } from '../errors.js';
import type { MetricName } from '../metrics/metric-definitions.js';
import { CHECK_REPORT_SCHEMA_VERSION, TOO_CLOSE_MCSE, type CheckReport, type GuardrailBound, type GuardrailVerdict, type Verdict } from '../report/check-report.js';
import {
  conditionHolds,
  metricFigure,
  metricReferenceText,
  parseMetricCondition,
  parseMetricName,
  parseStatistic,
  selectPrograms,
  type MetricReference,
} from '../report/metric-expression.js';
import type { SimulationReport } from '../report/report-model.js';

/** One guardrail, resolved: the figure it tests, its bounds, and where it is written. */
export interface Guardrail {
  reference: MetricReference;
  bounds: GuardrailBound[];
  /** `--require` or the scenario's key (`guardrails[1]`). */
  source: string;
  /** The guardrail as an expression: `roi.p5 >= 0`, `breakageRate.p50 >= 0.1 and <= 0.4`. */
  text: string;
}

function guardrailText(reference: MetricReference, bounds: readonly GuardrailBound[]): string {
  return `${metricReferenceText(reference)} ${bounds.map(({ operator, bound }) => `${operator} ${bound}`).join(' and ')}`;
}

/**
 * The scenario's `guardrails:`, their metric, statistic and program names checked (every problem
 * located at its YAML key, all reported together). `program` absent or `*`: every program.
 */
export function scenarioGuardrails(loaded: LoadedScenario): Guardrail[] {
  const written = loaded.scenario.guardrails ?? [];
  const problems: UserInputError[] = [];
  const located = <T>(keyPath: (string | number)[], parse: (field: string) => T): T | undefined => {
    const where = loaded.locate(keyPath);
    try {
      return parse(where.field ?? '');
    } catch (err) {
      if (!(err instanceof UserInputError)) throw err;
      problems.push(new UserInputError(err.message, where, err.hint));
      return undefined;
    }
  };
  const guardrails: Guardrail[] = [];
  written.forEach((entry, i) => {
    const metric = located(['guardrails', i, 'metric'], (field) => parseMetricName(entry.metric, field));
    const statistic = located(['guardrails', i, 'stat'], (field) => parseStatistic(entry.stat, field));
    const program = entry.program === undefined || entry.program === '*' ? undefined : { name: entry.program };
    if (program !== undefined) located(['guardrails', i, 'program'], (field) => selectPrograms(loaded.scenario.programs, program, field));
    if (metric === undefined || statistic === undefined) return;
    const reference: MetricReference = { metric, statistic, ...(program === undefined ? {} : { program }) };
    const bounds: GuardrailBound[] = [
      ...(entry.min === undefined ? [] : [{ operator: '>=' as const, bound: entry.min }]),
      ...(entry.max === undefined ? [] : [{ operator: '<=' as const, bound: entry.max }]),
    ];
    guardrails.push({ reference, bounds, source: `guardrails[${i}]`, text: guardrailText(reference, bounds) });
  });
  if (problems.length > 0) {
    throw new ConfigError(
      problems.map((problem) => ({
        file: problem.location.file ?? loaded.file,
        line: problem.location.line ?? 1,
        column: problem.location.column ?? 1,
        field: problem.location.field ?? '',
        message: problem.message,
        hint: problem.hint,
      })),
    );
  }
  return guardrails;
}

/** Guardrails given as conditions on the command line (`--require 'roi.p5>=0'`), checked against the scenario's programs. */
export function requiredGuardrails(conditions: readonly string[], programs: readonly { name: string }[], option: string): Guardrail[] {
  return conditions.map((text) => {
    const condition = parseMetricCondition(text, option);
    selectPrograms(programs, condition.program, option);
    const { metric, statistic, program } = condition;
    const reference: MetricReference = { metric, statistic, ...(program === undefined ? {} : { program }) };
    const bounds = [{ operator: condition.operator, bound: condition.bound }];
    return { reference, bounds, source: option, text: guardrailText(reference, bounds) };
  });
}

/** The verdict of one bound: how far the figure is from it in MCSE, and on which side. */
function boundVerdict(value: number, mcse: number, { operator, bound }: GuardrailBound): { verdict: Verdict; marginInMcse: number } {
  const holds = conditionHolds({ operator, bound }, value);
  const marginInMcse = mcse > 0 ? Math.abs(value - bound) / mcse : NaN;
  if (marginInMcse < TOO_CLOSE_MCSE) return { verdict: 'too-close', marginInMcse };
  return { verdict: holds ? 'pass' : 'fail', marginInMcse };
}

const SEVERITY: Record<Verdict, number> = { 'not-applicable': 0, pass: 1, 'too-close': 2, fail: 3 };

/**
 * A guardrail's verdict for one program: the worst of its bounds' (fail, then too close to call,
 * then pass); a figure no iteration gives (NaN) fails. Among bounds of the same verdict, the one
 * nearest the figure gives the margin.
 */
export function guardrailVerdict(value: number, mcse: number, bounds: readonly GuardrailBound[]): { verdict: Verdict; marginInMcse: number } {
  if (Number.isNaN(value)) return { verdict: 'fail', marginInMcse: NaN };
  let worst: { verdict: Verdict; marginInMcse: number } | undefined;
  for (const bound of bounds) {
    const candidate = boundVerdict(value, mcse, bound);
    if (
      worst === undefined ||
      SEVERITY[candidate.verdict] > SEVERITY[worst.verdict] ||
      (candidate.verdict === worst.verdict && candidate.marginInMcse < worst.marginInMcse)
    ) {
      worst = candidate;
    }
  }
  if (worst === undefined) throw new Error('a guardrail without a bound');
  return worst;
}

/**
 * Every guardrail's verdict for every program it applies to, in the order of the guardrails,
 * then of the programs. A guardrail for every program does not apply to a program without any
 * value of its metric (not-applicable); one that names the program fails there. `iterationValues` are the programs' per-iteration metric values (in the
 * report's program order), for the MCSE of a percentile.
 */
export function checkGuardrails(
  report: SimulationReport,
  iterationValues: readonly Record<MetricName, Float64Array>[],
  guardrails: readonly Guardrail[],
  strict: boolean,
): CheckReport {
  const verdicts: GuardrailVerdict[] = [];
  for (const guardrail of guardrails) {
    const { metric, statistic } = guardrail.reference;
    for (const { program, index } of selectPrograms(report.programs, guardrail.reference.program, guardrail.source)) {
      const { value, mcse } = metricFigure(program, guardrail.reference, iterationValues[index]?.[metric as MetricName]);
      const { verdict, marginInMcse } =
        Number.isNaN(value) && guardrail.reference.program === undefined ? { verdict: 'not-applicable' as const, marginInMcse: NaN } : guardrailVerdict(value, mcse, guardrail.bounds);
      verdicts.push({ guardrail: guardrail.text, source: guardrail.source, program: program.name, metric, statistic, value, mcse, bounds: guardrail.bounds, verdict, marginInMcse });
    }
  }
  const count = (verdict: Verdict) => verdicts.filter((v) => v.verdict === verdict).length;
  const counts = { pass: count('pass'), fail: count('fail'), tooClose: count('too-close'), notApplicable: count('not-applicable') };
  return {
    schemaVersion: CHECK_REPORT_SCHEMA_VERSION,
    scenario: report.scenario,
    scenarioFile: report.scenarioFile,
    seed: report.seed,
    iterations: report.iterations,
    strict,
    passed: counts.fail === 0 && (!strict || counts.tooClose === 0),
    counts,
    verdicts,
  };
}
