/**
 * Every Monte Carlo iteration's joint draw of the scenario's uncertain assumptions (docs/methods.md
 * section 7), made in the main thread before the engine runs, so the engine sees only numbers and
 * the draws do not depend on how iterations are split across worker threads.
 *
 * Streams: iteration i draws the economics (margins, arrival rate, return rate) from stream (seed, i,
 * assumptions, 0) and program k from stream (seed, i, assumptions, k + 1). Adding or removing a
 * program therefore leaves the other programs' draws unchanged.
 */
import { drawAssumptions } from '../schema/draw-assumptions.js';
import type { ProgramDefinition } from '../config/program-schema.js';
import type { ResolvedProgram } from '../programs/registry.js';
import type { ResolvedIteration } from '../sim/simulation-input.js';
import { IterationKey, RandomStream, StreamPurpose } from '../sim/random-stream.js';
import type { Distribution } from '../schema/distributions.js';

/**
 * How the margin of each category is drawn: from the data, or from a distribution per category
 * (`oneForAll` when the scenario gives one distribution for every category, each drawing its own value).
 */
export type MarginPlan = { kind: 'data'; margins: number[] } | { kind: 'drawn'; perCategory: Distribution[]; oneForAll?: boolean };

export interface IterationPlan {
  seed: number;
  iterations: number;
  programs: ProgramDefinition[];
  margins: MarginPlan;
  /** Arrivals per month: a fixed rate (history or none) or a distribution (`{ perMonth: ... }`). */
  arrivals: number | Distribution;
  /** Share of purchases returned: a fixed rate (measured in the data) or `economics.returnRate`; default 0. */
  returnRate?: number | Distribution;
}

/** One draw of a program: the YAML's keys, with every distribution replaced by a number. */
function drawProgram(program: ProgramDefinition, uniform: () => number): ResolvedProgram {
  return drawAssumptions(program, uniform);
}

export function drawIterations(plan: IterationPlan): ResolvedIteration[] {
  const iterations: ResolvedIteration[] = [];
  const stream = new RandomStream();
  const uniform = () => stream.nextUniform();
  for (let i = 0; i < plan.iterations; i++) {
    const key = new IterationKey(plan.seed, i, StreamPurpose.assumptions);
    stream.reset(key, 0);
    const margins = plan.margins.kind === 'data' ? plan.margins.margins : plan.margins.perCategory.map((d) => drawAssumptions(d, uniform));
    const newCustomersPerMonth = typeof plan.arrivals === 'number' ? plan.arrivals : drawAssumptions(plan.arrivals, uniform);
    // Drawn after the others, so that a return rate leaves the margin and arrival draws unchanged.
    const returnRate = plan.returnRate === undefined || typeof plan.returnRate === 'number' ? (plan.returnRate ?? 0) : drawAssumptions(plan.returnRate, uniform);
    const programs = plan.programs.map((program, k) => {
      stream.reset(key, k + 1);
      return drawProgram(program, uniform);
    });
    iterations.push({ programs, margins, newCustomersPerMonth, returnRate });
  }
  return iterations;
}
