/**
 * Programs simulated again with changed assumptions, on common random numbers (docs/methods.md
 * sections 5 and 8): each variant is one program of the run with its assumptions replaced in
 * every iteration; the variants are simulated as worlds side by side in one simulation with the
 * baseline, each from the random numbers its program's world has in the run
 * (SimulationInput.streamWorlds), so the customers' draws and the baseline are made once for all
 * of them, and a variant that changes nothing reproduces the run's world bit for bit.
 */
import { incrementalProfit } from '../metrics/profit.js';
import { worldTotals } from '../metrics/world-totals.js';
import type { ResolvedProgram } from '../programs/registry.js';
import { simulate } from '../sim/simulate.js';
import type { SimulationInput, SimulationOptions } from '../sim/simulation-input.js';

export interface ProgramVariant {
  /** Index of the program in the run. */
  program: number;
  /** The variant's program in iteration `iteration`, given the program as drawn there. */
  resolve: (drawn: ResolvedProgram, iteration: number) => ResolvedProgram;
}

/**
 * The incremental profit of each variant in each iteration (against the baseline simulated with
 * them): one Float64Array per variant, in the order given.
 */
export async function programVariantProfits(
  input: SimulationInput,
  variants: readonly ProgramVariant[],
  options: Pick<SimulationOptions, 'workers'> = {},
): Promise<Float64Array[]> {
  if (variants.length === 0) return [];
  const simulated: SimulationInput = {
    ...input,
    iterations: input.iterations.map((iteration, i) => ({
      ...iteration,
      programs: variants.map((variant) => variant.resolve(iteration.programs[variant.program], i)),
    })),
    streamWorlds: variants.map((variant) => input.streamWorlds?.[variant.program] ?? variant.program + 1),
  };
  const result = await simulate(simulated, { ...(options.workers !== undefined ? { workers: options.workers } : {}) });
  const profits = variants.map(() => new Float64Array(result.iterations));
  for (let i = 0; i < result.iterations; i++) {
    const baseline = worldTotals(result, i, 0);
    profits.forEach((values, v) => (values[i] = incrementalProfit(worldTotals(result, i, v + 1), baseline)));
  }
  return profits;
}
