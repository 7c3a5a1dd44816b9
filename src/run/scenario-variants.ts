/**
 * Many variants of one scenario's program settings simulated side by side on common random
 * numbers, with one baseline (docs/methods.md section 7, "Sweeps"). Each variant is the scenario
 * with some settings written in (config/load.ts editedScenario), prepared exactly as `run`
 * prepares a file with those values typed in (prepareRun, with the customer base built once), so
 * its figures are the run's. One simulation then holds the baseline, one world per program the
 * variants change, per variant, and one world per program no variant changes; each program's
 * worlds use the random numbers that program's world has in a plain run (streamWorlds). N variants
 * of one program cost N + 1 worlds per iteration instead of the 2N of N separate runs.
 */
import { editedScenario, type LoadedScenario, type ScenarioEdit } from '../config/load.js';
import { UserInputError } from '../errors.js';
import { computeMetrics, type ProgramMetrics } from '../metrics/compute-metrics.js';
import { simulate } from '../sim/simulate.js';
import type { SimulationInput } from '../sim/simulation-input.js';
import { checkFiniteTallies } from './finite-tallies.js';
import { prepareRun, type PreparedRun, type PrepareOverrides } from './prepare-run.js';
import type { ScenarioWarning } from './scenario-warnings.js';

/** The most worlds (baseline included) one simulation of variants may hold: each costs memory per customer and time per iteration. */
export const MAX_VARIANT_WORLDS = 250;

/** One variant: the settings written into the scenario, and how to name them in a message. */
export interface ScenarioVariant {
  edits: ScenarioEdit[];
  /** `programs[0].discount.percent=5%`, to say which variant a problem belongs to. */
  label: string;
}

export interface VariantOverrides extends PrepareOverrides {
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Every variant prepared as a run of it would be, checked before anything is simulated. */
export interface PreparedVariants {
  /** The scenario as written (its settings, data and customer base). */
  prepared: PreparedRun;
  variants: PreparedRun[];
  /** Per variant: its settings in words (`programs[0].discount.percent=0.05`). */
  labels: string[];
  /** Per program, whether some variant changes it. */
  varied: boolean[];
  /** The warnings of the scenario and of every variant, each once. */
  warnings: ScenarioWarning[];
}

/** A variant's problem, located as before and said with the setting that caused it. */
function variantProblem(err: unknown, variant: ScenarioVariant): unknown {
  if (!(err instanceof UserInputError)) return err;
  return new UserInputError(`${err.message} (with ${variant.label})`, err.location, err.hint);
}

/** Prepare the scenario and each variant of it; throws the first variant's problem, naming the variant. */
export async function prepareVariants(loaded: LoadedScenario, variants: readonly ScenarioVariant[], overrides: PrepareOverrides = {}): Promise<PreparedVariants> {
  const prepared = await prepareRun(loaded, overrides);
  const varied = loaded.scenario.programs.map((_, k) => variants.some((variant) => variant.edits.some((edit) => edit.keyPath[1] === k)));
  const worlds = 1 + variants.length * varied.filter(Boolean).length + varied.filter((v) => !v).length;
  if (worlds > MAX_VARIANT_WORLDS) {
    throw new UserInputError(
      `${variants.length} settings of ${varied.filter(Boolean).length} program(s) would simulate ${worlds} worlds side by side, more than the ${MAX_VARIANT_WORLDS} one run may`,
      {},
      'Give fewer values, or split the grid into several runs.',
    );
  }
  const variantRuns: PreparedRun[] = [];
  const warnings = new Map<string, ScenarioWarning>();
  for (const warning of prepared.warnings) warnings.set(`${warning.code} ${warning.message}`, warning);
  for (const variant of variants) {
    try {
      const run = await prepareRun(editedScenario(loaded, variant.edits), { ...overrides, base: prepared.base });
      variantRuns.push(run);
      for (const warning of run.warnings) {
        const key = `${warning.code} ${warning.message}`;
        if (!warnings.has(key)) warnings.set(key, { ...warning, message: `${warning.message} (with ${variant.label})` });
      }
    } catch (err) {
      throw variantProblem(err, variant);
    }
  }
  return { prepared, variants: variantRuns, labels: variants.map((variant) => variant.label), varied, warnings: [...warnings.values()] };
}

/** Per variant, per program of the scenario: its metrics against the shared baseline. */
export type VariantMetrics = ProgramMetrics[][];

/**
 * Simulate the prepared variants in one simulation with one baseline and summarise each
 * variant's programs: variant v's program k has the metrics a run of that variant gives it.
 */
export async function simulateVariants(
  loaded: LoadedScenario,
  set: PreparedVariants,
  options: Pick<VariantOverrides, 'workers' | 'onProgress'> & { annualDiscountRate: number },
): Promise<VariantMetrics> {
  const { prepared, variants, varied } = set;
  // World layout: the programs no variant changes once, then per variant the programs it changes.
  const worlds: { program: number; variant?: number }[] = [];
  varied.forEach((isVaried, k) => {
    if (!isVaried) worlds.push({ program: k });
  });
  variants.forEach((_, v) => varied.forEach((isVaried, k) => isVaried && worlds.push({ program: k, variant: v })));
  const source = (world: { variant?: number }) => (world.variant === undefined ? prepared : variants[world.variant]);
  const input: SimulationInput = {
    ...prepared.input,
    iterations: prepared.input.iterations.map((iteration, i) => ({
      ...iteration,
      programs: worlds.map((world) => source(world).input.iterations[i].programs[world.program]),
    })),
    streamWorlds: worlds.map((world) => world.program + 1),
  };
  const result = await simulate(input, { workers: options.workers, onProgress: options.onProgress });
  checkFiniteTallies(
    result,
    loaded,
    (world) => worlds[world - 1].program,
    (world) => {
      const variant = worlds[world - 1].variant;
      return variant === undefined ? undefined : set.labels[variant];
    },
  );
  const metrics = computeMetrics(result, { annualDiscountRate: options.annualDiscountRate });
  const worldOf = (variant: number, program: number) =>
    worlds.findIndex((world) => world.program === program && (varied[program] ? world.variant === variant : true));
  return variants.map((_, v) => varied.map((_, k) => metrics[worldOf(v, k)]));
}
