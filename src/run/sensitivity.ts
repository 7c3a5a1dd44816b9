/**
 * Sensitivity of a run (docs/methods.md section 8): the tornado of each program and the value of
 * information of each uncertain assumption for the decision to launch none or one of the programs.
 *
 * Tornado: each assumption is fixed at its P10 and then at its P90 in every iteration, every other
 * draw and the seed as in the run, and the programs are simulated again on common random numbers.
 * A program's assumption changes only that program's world: its two values are simulated as
 * program variants side by side with one baseline (program-variants.ts). The economics change the
 * baseline too: a margin given once for every category only the cost of goods, found from the
 * run's tallies; for the others (a category's margin, arrivals, return rate) the whole run
 * (baseline and every program) is simulated again.
 *
 * Value of information: from the run's own iterations, without simulating again (evppi.ts).
 */
import { bestOptionOnAverage, expectedValueOfPartialPerfectInformation, expectedValueOfPerfectInformation } from '../metrics/evppi.js';
import { incrementalProfit, incrementalProfitAtMargin } from '../metrics/profit.js';
import { mean } from '../metrics/summary.js';
import { worldTotals } from '../metrics/world-totals.js';
import { UserInputError } from '../errors.js';
import { checkResolvedProgram } from '../programs/registry.js';
import type {
  AssumptionValueOfInformation,
  ProgramTornado,
  SensitivityAssumption,
  SensitivitySection,
  TornadoBar,
} from '../report/report-model.js';
import { distributionQuantile, formatDistribution } from '../schema/distributions.js';
import { simulate } from '../sim/simulate.js';
import { IterationKey, RandomStream, StreamPurpose } from '../sim/random-stream.js';
import type { SimulationInput, SimulationOptions, SimulationResult } from '../sim/simulation-input.js';
import type { IterationPlan } from './draw-iterations.js';
import { programVariantProfits, type ProgramVariant } from './program-variants.js';
import { uncertainAssumptions, type UncertainAssumption } from './uncertain-assumptions.js';

/** The quantiles the tornado fixes each assumption at. */
export const TORNADO_QUANTILES = { low: 0.1, high: 0.9 } as const;

/** Program variants simulated together at most, which bounds the tallies held at once. */
const VARIANTS_PER_SIMULATION = 12;

/** Per program, its incremental profit in each iteration of `result`. */
function programProfits(result: SimulationResult): Float64Array[] {
  return result.programs.map((_, k) => {
    const profits = new Float64Array(result.iterations);
    for (let i = 0; i < result.iterations; i++) profits[i] = incrementalProfit(worldTotals(result, i, k + 1), worldTotals(result, i, 0));
    return profits;
  });
}

/** Why fixing a program's assumption at `value` is refused in some iteration (a rule it would break with another drawn value), or undefined. */
function refusal(input: SimulationInput, result: SimulationResult, assumption: UncertainAssumption, value: number): string | undefined {
  const context = { horizonMonths: result.horizonMonths, categoryNames: input.categories.names };
  for (const iteration of input.iterations) {
    try {
      checkResolvedProgram(assumption.fixProgram!(iteration.programs[assumption.program!], value), 'program', context);
    } catch (error) {
      if (error instanceof UserInputError) return error.message;
      throw error;
    }
  }
  return undefined;
}

/** The mean incremental profit of every program at the assumption's P10 and at its P90, per program [low, high]; undefined for a program it does not move. */
type Swings = Map<UncertainAssumption, ([number, number] | undefined)[]>;

/**
 * The swings of the economics. A margin given once for every category changes only the cost of
 * goods, revenue x (1 - margin), so its profits come from the run's tallies; a category's own
 * margin needs the category's revenue, which the tallies do not keep, and arrivals and returns
 * change what is simulated: the whole run is simulated again for each of their two values.
 */
async function economicsSwings(
  input: SimulationInput,
  result: SimulationResult,
  assumptions: UncertainAssumption[],
  options: Pick<SimulationOptions, 'workers'>,
  swings: Swings,
): Promise<void> {
  for (const assumption of assumptions) {
    const means: number[][] = [];
    for (const q of [TORNADO_QUANTILES.low, TORNADO_QUANTILES.high]) {
      const value = distributionQuantile(assumption.distribution, q);
      if (assumption.kind === 'marginForAll') {
        means.push(result.programs.map((_, k) => mean(Array.from({ length: result.iterations }, (_, i) => incrementalProfitAtMargin(worldTotals(result, i, k + 1), worldTotals(result, i, 0), value)))));
        continue;
      }
      const fixed = { ...input, iterations: input.iterations.map((iteration) => assumption.fix(iteration, value)) };
      const simulated = await simulate(fixed, { ...(options.workers !== undefined ? { workers: options.workers } : {}) });
      means.push(programProfits(simulated).map((profits) => mean(profits)));
    }
    swings.set(
      assumption,
      means[0].map((low, k) => [low, means[1][k]]),
    );
  }
}

async function programSwings(
  input: SimulationInput,
  assumptions: UncertainAssumption[],
  programCount: number,
  options: Pick<SimulationOptions, 'workers'>,
  swings: Swings,
): Promise<void> {
  const requests = assumptions.flatMap((assumption) =>
    [TORNADO_QUANTILES.low, TORNADO_QUANTILES.high].map((q) => {
      const value = distributionQuantile(assumption.distribution, q);
      const variant: ProgramVariant = { program: assumption.program!, resolve: (drawn) => assumption.fixProgram!(drawn, value) };
      return { assumption, variant };
    }),
  );
  const means: number[] = [];
  for (let start = 0; start < requests.length; start += VARIANTS_PER_SIMULATION) {
    const batch = requests.slice(start, start + VARIANTS_PER_SIMULATION);
    const profits = await programVariantProfits(input, batch.map((request) => request.variant), options);
    means.push(...profits.map((values) => mean(values)));
  }
  assumptions.forEach((assumption, a) => {
    const row: ([number, number] | undefined)[] = Array.from({ length: programCount }, () => undefined);
    row[assumption.program!] = [means[2 * a], means[2 * a + 1]];
    swings.set(assumption, row);
  });
}

/** The tornado of program k: a bar per assumption that moves it, largest swing first (the scenario's order among equal swings). */
function programTornado(result: SimulationResult, k: number, profits: Float64Array, assumptions: UncertainAssumption[], swings: Swings): ProgramTornado {
  const bars: TornadoBar[] = [];
  for (const assumption of assumptions) {
    const pair = swings.get(assumption)?.[k];
    if (pair === undefined) continue;
    bars.push({ assumption: assumption.name, profitAtP10: pair[0], profitAtP90: pair[1], swing: Math.abs(pair[1] - pair[0]) });
  }
  const order = bars.map((bar, index) => ({ bar, index }));
  order.sort((x, y) => y.bar.swing - x.bar.swing || x.index - y.index);
  return { program: result.programs[k].name, meanProfit: mean(profits), bars: order.map(({ bar }) => bar) };
}

/** Worker threads of the re-simulations (the figures do not depend on them). */
export type SensitivityOptions = Pick<SimulationOptions, 'workers'>;

/** The sensitivity section of a run: `input` as simulated (drawn by `plan`), `result` its result. */
export async function sensitivityAnalysis(
  input: SimulationInput,
  plan: IterationPlan,
  result: SimulationResult,
  options: SensitivityOptions = {},
): Promise<SensitivitySection> {
  const assumptions = uncertainAssumptions(plan, input.categories);
  const profits = programProfits(result);
  const programNames = result.programs.map((program) => program.name);

  const reported: SensitivityAssumption[] = assumptions.map((assumption) => {
    const p10 = distributionQuantile(assumption.distribution, TORNADO_QUANTILES.low);
    const p90 = distributionQuantile(assumption.distribution, TORNADO_QUANTILES.high);
    const notVaried =
      assumption.program === undefined ? undefined : (refusal(input, result, assumption, p10) ?? refusal(input, result, assumption, p90));
    return {
      name: assumption.name,
      description: assumption.description,
      ...(assumption.program !== undefined ? { program: programNames[assumption.program] } : {}),
      distribution: formatDistribution(assumption.distribution),
      meanAsDrawn: mean(input.iterations.map(assumption.drawn)),
      p10,
      p90,
      ...(notVaried !== undefined ? { notVaried } : {}),
    };
  });
  const varied = assumptions.filter((_, a) => reported[a].notVaried === undefined);
  const swings: Swings = new Map();
  await economicsSwings(input, result, varied.filter((assumption) => assumption.program === undefined), options, swings);
  await programSwings(input, varied.filter((assumption) => assumption.program !== undefined), programNames.length, options, swings);
  const tornado = programNames.map((_, k) => programTornado(result, k, profits[k], varied, swings));

  // The regression's coefficient draws come from a stream of their own, one per assumption.
  const key = new IterationKey(input.seed, 0, StreamPurpose.valueOfInformation);
  const stream = new RandomStream();
  const evppi: AssumptionValueOfInformation[] = assumptions.map((assumption, a) => {
    stream.reset(key, a);
    const theta = Float64Array.from(input.iterations, assumption.drawn);
    const estimate = expectedValueOfPartialPerfectInformation(theta, profits, () => stream.nextNormal());
    return { assumption: assumption.name, value: estimate.value, standardError: estimate.standardError };
  });
  const order = evppi.map((entry, index) => ({ entry, index }));
  order.sort((x, y) => (y.entry.value || 0) - (x.entry.value || 0) || x.index - y.index);
  const best = bestOptionOnAverage(profits);
  return {
    quantiles: { ...TORNADO_QUANTILES },
    assumptions: reported,
    tornado,
    decision: {
      options: ['none', ...programNames],
      bestOnAverage: best === 0 ? 'none' : programNames[best - 1],
      evpi: expectedValueOfPerfectInformation(profits),
      evppi: order.map(({ entry }) => entry),
    },
  };
}
