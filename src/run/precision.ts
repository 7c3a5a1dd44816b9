/**
 * Precision on demand (`run --target-error`): simulate more iterations until the Monte Carlo
 * standard error (MCSE) of every program's mean incremental profit is below a target, an amount
 * of money or a share of |mean| (docs/methods.md section 7, "Precision on demand and shards").
 *
 * The rule is evaluated only at fixed checkpoints, the minimum iterations doubling up to the
 * maximum (100, 200, 400, ..., max), so where the run stops depends on the simulated figures
 * alone, never on timing or on the number of workers. Iteration i depends only on (seed, i)
 * (draw-iterations.ts; SimulationInput.firstIteration), so the iterations added at a checkpoint
 * extend the run without changing those before: the report at the stopping checkpoint N is the
 * report of `--iterations N`, byte for byte (settings.precision aside).
 */
import type { LoadedScenario } from '../config/load.js';
import { computeMetrics } from '../metrics/compute-metrics.js';
import type { PrecisionSettings } from '../report/report-model.js';
import { joinResults } from '../sim/join-results.js';
import { simulate } from '../sim/simulate.js';
import type { SimulationResult } from '../sim/simulation-input.js';
import { prepareRun, type PrepareOverrides, type PreparedRun } from './prepare-run.js';

/** What `--target-error`, `--min-iterations` and `--max-iterations` ask for. */
export interface PrecisionTarget {
  /** Money in the scenario's currency, or with `relative` a share of |mean| (0.01 for 1%). */
  targetError: number;
  relative: boolean;
  minIterations: number;
  maxIterations: number;
}

/** Defaults of `--min-iterations` and `--max-iterations`. */
export const DEFAULT_MIN_ITERATIONS = 100;
export const DEFAULT_MAX_ITERATIONS = 100_000;

/** The checkpoints: min, 2 min, 4 min, ... while below max, then max. */
export function precisionCheckpoints(minIterations: number, maxIterations: number): number[] {
  if (!(Number.isInteger(minIterations) && minIterations >= 2 && maxIterations >= minIterations)) {
    throw new Error(`checkpoints need 2 <= minIterations <= maxIterations, got ${minIterations} and ${maxIterations}`);
  }
  const checkpoints: number[] = [];
  for (let n = minIterations; n < maxIterations; n *= 2) checkpoints.push(n);
  checkpoints.push(maxIterations);
  return checkpoints;
}

/** One program's mean incremental profit with its MCSE, and the error allowed it: the target, or target x |mean|. */
export interface ProgramPrecision {
  program: string;
  mean: number;
  mcse: number;
  allowed: number;
}

/** The program whose MCSE is largest against what it is allowed (mcse / allowed), for the message. */
export type PrecisionWorst = ProgramPrecision;

/** Whether a program meets the target: its MCSE is a number below the error allowed it. */
export function meetsTarget(program: ProgramPrecision): boolean {
  return Number.isFinite(program.mcse) && program.mcse < program.allowed;
}

/** Each program's precision over the iterations of `result`, as the report gives the mean and MCSE. */
export function programPrecisions(result: SimulationResult, annualDiscountRate: number, target: Pick<PrecisionTarget, 'targetError' | 'relative'>): ProgramPrecision[] {
  return computeMetrics(result, { annualDiscountRate }).map(({ name, metrics }) => {
    const { mean, mcse } = metrics.incrementalProfit;
    return { program: name, mean, mcse, allowed: target.relative ? target.targetError * Math.abs(mean) : target.targetError };
  });
}

/** The program farthest from its target (largest mcse / allowed; a missing MCSE counts as farthest), or undefined without programs. */
export function worstPrecision(programs: readonly ProgramPrecision[]): PrecisionWorst | undefined {
  const ratio = (p: ProgramPrecision) => (Number.isFinite(p.mcse) ? p.mcse / p.allowed : Infinity);
  let worst: ProgramPrecision | undefined;
  for (const program of programs) if (worst === undefined || ratio(program) > ratio(worst)) worst = program;
  return worst;
}

export interface PreciseRun {
  /** The run prepared with the iterations found: its input and plan are those of `--iterations N`. */
  prepared: PreparedRun;
  result: SimulationResult;
  precision: PrecisionSettings;
  worst: PrecisionWorst | undefined;
}

/**
 * Simulate `first` (prepared with target.minIterations iterations) and more iterations, checkpoint
 * by checkpoint, until every program meets the target or the maximum is reached.
 */
export async function simulateToTargetError(
  loaded: LoadedScenario,
  first: PreparedRun,
  target: PrecisionTarget,
  overrides: PrepareOverrides & { workers?: number; onProgress?: (done: number, total: number) => void },
): Promise<PreciseRun> {
  const checkpoints = precisionCheckpoints(target.minIterations, target.maxIterations);
  let prepared = first;
  let result: SimulationResult | undefined;
  let done = 0;
  for (const [c, checkpoint] of checkpoints.entries()) {
    if (c > 0) prepared = await prepareRun(loaded, { ...overrides, iterations: checkpoint, base: prepared.base });
    const block = { ...prepared.input, iterations: prepared.input.iterations.slice(done), firstIteration: done };
    const offset = done;
    const simulated = await simulate(block, {
      workers: overrides.workers,
      onProgress: overrides.onProgress && ((n) => overrides.onProgress!(offset + n, checkpoint)),
    });
    result = result === undefined ? simulated : joinResults([result, simulated]);
    done = checkpoint;
    const programs = programPrecisions(result, prepared.input.annualDiscountRate ?? 0, target);
    const met = programs.every(meetsTarget);
    if (met || c === checkpoints.length - 1) {
      return { prepared, result, precision: { ...target, met }, worst: worstPrecision(programs) };
    }
  }
  throw new Error('unreachable: the last checkpoint returns');
}
