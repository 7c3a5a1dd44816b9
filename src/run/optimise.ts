/**
 * The best setting of one or two program parameters under constraints, by grid refinement on
 * common random numbers (docs/methods.md section 7, "Optimising a setting"): a grid over the
 * ranges (9 points for one parameter, 5 x 5 for two), then a finer grid around the best feasible
 * point, from one grid step below it to one above, until the grid step is at most the tolerance.
 * Every round is one simulation of its new points beside one baseline (scenario-variants.ts); as
 * each point's worlds use the random numbers they have in a plain run, a point has the same
 * figures in whichever round it is evaluated, so the curve searched is one smooth function of the
 * parameters, not a new sample per round.
 */
import type { LoadedScenario } from '../config/load.js';
import type { SettingPath, TiedSetting } from '../config/scenario-settings.js';
import type { MetricsEconomics } from '../metrics/compute-metrics.js';
import type { MetricName } from '../metrics/metric-definitions.js';
import { conditionHolds, metricFigure, metricReferenceText, type MetricCondition, type MetricReference } from '../report/metric-expression.js';
import { OPTIMISE_SCHEMA_VERSION, type OptimisePoint, type OptimiseReport } from '../report/optimise-report.js';
import type { ProgramReport, RunInputs } from '../report/report-model.js';
import { scenarioRunInputs } from './run-scenario.js';
import type { PreparedRun, PrepareOverrides } from './prepare-run.js';
import { prepareVariants, simulateVariants, type ScenarioVariant, type VariantOverrides } from './scenario-variants.js';
import type { ScenarioWarning } from './scenario-warnings.js';
import { pointEdits, pointLabel, scenarioHeader, warningsJson } from './sweep.js';

/** A parameter searched over [from, to] (numbers as the schema reads them: 5% is 0.05). */
export interface SearchedSetting {
  path: SettingPath;
  from: number;
  to: number;
  /** The range was written as percentages (for display). */
  percent: boolean;
  /** The search stops once its grid step is at most this. */
  tolerance: number;
}

export type Direction = 'maximise' | 'minimise';

export interface OptimiseSpec {
  settings: SearchedSetting[];
  ties: TiedSetting[];
  objective: { reference: MetricReference; program: number; direction: Direction };
  /** Each condition with the programs it must hold for. */
  constraints: { condition: MetricCondition; programs: number[] }[];
}

export interface OptimiseOverrides extends VariantOverrides, PrepareOverrides {
  onWarnings?: (warnings: ScenarioWarning[]) => void;
  /** Called once with the run's inputs (data quality, fit) before the first simulation, as `run` gives them. */
  onInputs?: (inputs: RunInputs) => void;
  /** Called after each round with the points evaluated so far. */
  onRound?: (round: number, evaluated: number) => void;
}

/** Grid points per parameter in each round: 9 for one parameter, 5 x 5 for two. */
export function gridPointsPerParameter(parameters: number): number {
  return parameters === 1 ? 9 : 5;
}

/** `count` evenly spaced values from `from` to `to`, rounded to 12 significant digits (so the same point is the same number in every round). */
function evenlySpaced(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => Number((from + ((to - from) * k) / (count - 1)).toPrecision(12)));
}

/** Every combination of the parameters' values. */
function product(values: readonly number[][]): number[][] {
  let points: number[][] = [[]];
  for (const axis of values) points = points.flatMap((point) => axis.map((value) => [...point, value]));
  return points;
}

/** Whether `a` is better than `b` in the direction of the search. */
function better(a: number, b: number, direction: Direction): boolean {
  return direction === 'maximise' ? a > b : a < b;
}

/** The feasible point with the best objective (the first of equals), if any. */
function bestFeasible(points: readonly OptimisePoint[], direction: Direction): OptimisePoint | undefined {
  let best: OptimisePoint | undefined;
  for (const point of points) {
    if (!point.feasible || !Number.isFinite(point.objective.value)) continue;
    if (best === undefined || better(point.objective.value, best.objective.value, direction)) best = point;
  }
  return best;
}

/** The program figures the expressions read (metricFigure reads a program's metrics only). */
function programFigures(metrics: ProgramReport['metrics']): ProgramReport {
  return { metrics } as ProgramReport;
}

export async function runOptimise(loaded: LoadedScenario, spec: OptimiseSpec, overrides: OptimiseOverrides = {}): Promise<OptimiseReport> {
  const paths = [...spec.settings.map((s) => s.path.text), ...spec.ties.map((t) => t.path.text)];
  const perParameter = gridPointsPerParameter(spec.settings.length);
  const economics: MetricsEconomics = { annualDiscountRate: loaded.scenario.economics.discountRate };
  const evaluated = new Map<string, OptimisePoint>();
  const warnings = new Map<string, ScenarioWarning>();
  let prepared: PreparedRun | undefined;
  let ranges = spec.settings.map((s) => [s.from, s.to]);
  let worldsSimulated = 0;
  let round = 0;
  for (;;) {
    round++;
    const grid = product(ranges.map(([from, to]) => evenlySpaced(from, to, perParameter)));
    const fresh = grid.filter((values) => !evaluated.has(JSON.stringify(values)));
    if (fresh.length > 0) {
      const edits = fresh.map((values) => pointEdits(values, spec.settings, spec.ties, values[0]));
      const variants: ScenarioVariant[] = edits.map((e) => ({ edits: e, label: pointLabel(e, paths) }));
      const set = await prepareVariants(loaded, variants, { ...overrides, ...(prepared ? { base: prepared.base } : {}) });
      if (prepared === undefined) {
        prepared = set.prepared;
        overrides.onInputs?.(scenarioRunInputs(loaded, prepared.base, overrides.acceptWeakFit === true).shown);
      }
      const newWarnings = set.warnings.filter((warning) => !warnings.has(`${warning.code} ${warning.message}`));
      for (const warning of newWarnings) warnings.set(`${warning.code} ${warning.message}`, warning);
      if (newWarnings.length > 0) overrides.onWarnings?.(newWarnings);
      const metrics = await simulateVariants(loaded, set, { workers: overrides.workers, onProgress: overrides.onProgress, ...economics });
      worldsSimulated += 1 + set.variants.length * set.varied.filter(Boolean).length + set.varied.filter((v) => !v).length;
      fresh.forEach((values, v) => {
        const objectiveProgram = metrics[v][spec.objective.program];
        const objective = metricFigure(
          programFigures(objectiveProgram.metrics),
          spec.objective.reference,
          objectiveProgram.iterationValues[spec.objective.reference.metric as MetricName],
        );
        const constraints = spec.constraints.flatMap(({ condition, programs }) =>
          programs.map((p) => {
            const { value } = metricFigure(programFigures(metrics[v][p].metrics), condition);
            return { condition: condition.text, program: metrics[v][p].name, value, holds: Number.isFinite(value) && conditionHolds(condition, value) };
          }),
        );
        evaluated.set(JSON.stringify(values), {
          settings: Object.fromEntries(edits[v].map((edit, k) => [paths[k], edit.value as number])),
          objective,
          constraints,
          feasible: constraints.every((c) => c.holds),
          round,
        });
      });
    }
    overrides.onRound?.(round, evaluated.size);
    const best = bestFeasible([...evaluated.values()], spec.objective.direction);
    const steps = ranges.map(([from, to]) => (to - from) / (perParameter - 1));
    if (best === undefined || steps.every((step, j) => step <= spec.settings[j].tolerance)) break;
    ranges = spec.settings.map((setting, j) => {
      const at = best.settings[setting.path.text];
      return [Math.max(setting.from, at - steps[j]), Math.min(setting.to, at + steps[j])];
    });
  }
  const points = [...evaluated.values()].sort((a, b) => {
    for (const path of paths) {
      const difference = a.settings[path] - b.settings[path];
      if (difference !== 0) return difference;
    }
    return 0;
  });
  const optimum = bestFeasible(points, spec.objective.direction);
  return {
    schemaVersion: OPTIMISE_SCHEMA_VERSION,
    ...scenarioHeader(loaded, prepared!.seed, prepared!.iterations, prepared!.base.customers.count),
    settings: spec.settings.map((s) => ({ path: s.path.text, from: s.from, to: s.to, percent: s.percent, tolerance: s.tolerance })),
    tied: spec.ties.map((tie) => ({ path: tie.path.text, formula: tie.formula })),
    objective: {
      expression: metricReferenceText(spec.objective.reference),
      program: loaded.scenario.programs[spec.objective.program].name,
      direction: spec.objective.direction,
    },
    constraints: spec.constraints.map(({ condition }) => condition.text),
    rounds: round,
    worldsSimulated,
    points,
    optimum: optimum ?? null,
    ...(warnings.size > 0 ? { warnings: warningsJson([...warnings.values()]) } : {}),
  };
}
