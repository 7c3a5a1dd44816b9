/**
 * The break-even figures of every program by re-simulation (docs/methods.md section 5): for its
 * frequency uplift, its spend uplift and its enrolment share, the value at which the mean
 * incremental profit over the iterations is zero, with every other draw and the seed as in the
 * run. A value is tried by replacing that one assumption of that program by the value in every
 * iteration and simulating the program's world again (with the baseline, not the other
 * programs), from the random numbers its world has in the run (program-variants.ts). The
 * searches (metrics/break-even-search.ts) run in rounds: each round simulates the values every
 * unfinished search asks for as worlds side by side in one simulation, so the customers' draws and
 * the baseline are made once per round.
 */
import { monthsOfHorizon } from '../sim/calendar.js';
import { UserInputError } from '../errors.js';
import { BreakEvenSearch, type BreakEvenSearchSpec, type SearchPoint } from '../metrics/break-even-search.js';
import {
  breakEvenCoverage,
  firstOrderEnrolmentShare,
  firstOrderFrequencyUplift,
  firstOrderSpendUplift,
  type BreakEvenFigures,
  type BreakEvenMethod,
  type FirstOrderBreakEven,
} from '../metrics/break-even.js';
import { incrementalProfit } from '../metrics/profit.js';
import { mean, monteCarloStandardError } from '../metrics/summary.js';
import { worldTotals } from '../metrics/world-totals.js';
import { checkResolvedProgram, createProgramPolicy, type ResolvedProgram } from '../programs/registry.js';
import type { SimulationInput, SimulationOptions, SimulationResult } from '../sim/simulation-input.js';
import { programVariantProfits } from './program-variants.js';

export type BreakEvenLever = 'frequencyUplift' | 'spendUplift' | 'enrolmentShare';

interface LeverRule {
  lower: number;
  upper: number;
  /** See BreakEvenSearchSpec.firstStep. */
  firstStep?: number;
  /** See BreakEvenSearchSpec.upperMustPay. */
  upperMustPay?: boolean;
  /** A value the schema accepts when the program has the lever. */
  probe: number;
  drawn: (program: ResolvedProgram) => number;
  set: (program: ResolvedProgram, value: number) => ResolvedProgram;
}

/** What is searched, and where: uplifts from -99% (members nearly stop) to +500%, shares from 0 to 1. */
export const BREAK_EVEN_LEVERS: Readonly<Record<BreakEvenLever, LeverRule>> = {
  frequencyUplift: {
    lower: -0.99,
    upper: 5,
    firstStep: 0.1,
    probe: 0.1,
    drawn: (program) => program.effects.frequencyUplift,
    set: (program, value) => ({ ...program, effects: { ...program.effects, frequencyUplift: value } }) as ResolvedProgram,
  },
  spendUplift: {
    lower: -0.99,
    upper: 5,
    probe: 0.1,
    drawn: (program) => program.effects.spendUplift,
    set: (program, value) => ({ ...program, effects: { ...program.effects, spendUplift: value } }) as ResolvedProgram,
  },
  enrolmentShare: {
    lower: 0,
    upper: 1,
    upperMustPay: true,
    probe: 0.5,
    drawn: (program) => program.enrolment.share,
    set: (program, value) => ({ ...program, enrolment: { ...program.enrolment, share: value } }) as ResolvedProgram,
  },
};
const LEVERS = Object.keys(BREAK_EVEN_LEVERS) as BreakEvenLever[];

/** Whether program `p` has the lever: its schema accepts a changed value, and (a share) it does not choose its members itself. */
function hasLever(input: SimulationInput, p: number, lever: BreakEvenLever): boolean {
  const program = input.iterations[0].programs[p];
  const horizonMonths = input.horizonMonths ?? monthsOfHorizon(input.horizonDays!);
  const context = { horizonMonths, categoryNames: input.categories.names };
  if (lever === 'enrolmentShare') {
    const policy = createProgramPolicy(program.type, context);
    policy.configure(program);
    if (policy.decidesEnrolment?.() === true) return false;
  }
  try {
    checkResolvedProgram(BREAK_EVEN_LEVERS[lever].set(program, BREAK_EVEN_LEVERS[lever].probe), 'program', context);
    return true;
  } catch (error) {
    if (error instanceof UserInputError) return false;
    throw error;
  }
}

/** The first-order figures of program `p` from the run's result. */
function firstOrderFigures(input: SimulationInput, result: SimulationResult, p: number): Record<BreakEvenLever, FirstOrderBreakEven> {
  const programs = input.iterations.map((iteration) => iteration.programs[p]);
  const worlds = programs.map((_, i) => worldTotals(result, i, p + 1));
  const profits = worlds.map((world, i) => incrementalProfit(world, worldTotals(result, i, 0)));
  return {
    frequencyUplift: firstOrderFrequencyUplift(worlds, programs.map(BREAK_EVEN_LEVERS.frequencyUplift.drawn)),
    spendUplift: firstOrderSpendUplift(worlds, programs.map(BREAK_EVEN_LEVERS.spendUplift.drawn)),
    enrolmentShare: firstOrderEnrolmentShare(profits, programs.map((program) => program.costs.setup), programs.map(BREAK_EVEN_LEVERS.enrolmentShare.drawn)),
  };
}

interface Search {
  program: number;
  lever: BreakEvenLever;
  search: BreakEvenSearch;
}

export interface BreakEvenOptions extends Pick<SimulationOptions, 'workers'> {
  /** Default re-simulated. */
  method?: BreakEvenMethod;
}

/**
 * The break-even figures of every program of a run: `input` as simulated, `result` its result.
 * First-order figures need no simulation; re-simulated ones start from them.
 */
export async function breakEvenFigures(input: SimulationInput, result: SimulationResult, options: BreakEvenOptions = {}): Promise<BreakEvenFigures[]> {
  const method = options.method ?? 're-simulated';
  const programCount = input.iterations[0].programs.length;
  const figures: BreakEvenFigures[] = [];
  const searches: Search[] = [];
  for (let p = 0; p < programCount; p++) {
    const worlds = input.iterations.map((_, i) => worldTotals(result, i, p + 1));
    const covers = breakEvenCoverage(
      worlds,
      input.iterations.map((iteration) => iteration.programs[p].costs),
    );
    const firstOrder = firstOrderFigures(input, result, p);
    const values: Partial<Record<BreakEvenLever, number | null>> = {};
    for (const lever of LEVERS) {
      if (!hasLever(input, p, lever)) continue;
      const estimate = firstOrder[lever];
      if (method === 'first-order') {
        values[lever] = Number.isFinite(estimate.value) ? estimate.value : null;
        continue;
      }
      const rule = BREAK_EVEN_LEVERS[lever];
      const drawnMean = mean(input.iterations.map((iteration) => rule.drawn(iteration.programs[p])));
      // Without a first-order value (the first-order profit does not rise with it) the search
      // starts at the drawn mean, or for a share at 1: if the program loses even then, none pays.
      const spec: BreakEvenSearchSpec = {
        start: Number.isFinite(estimate.value) ? estimate.value : rule.upperMustPay ? rule.upper : drawnMean,
        slope: Number.isFinite(estimate.value) ? estimate.slope : NaN,
        lower: rule.lower,
        upper: rule.upper,
        ...(rule.upperMustPay ? { upperMustPay: true } : {}),
        ...(rule.firstStep !== undefined ? { firstStep: rule.firstStep } : {}),
      };
      searches.push({ program: p, lever, search: new BreakEvenSearch(spec) });
    }
    figures.push({ ...values, method, covers });
  }
  await runSearches(input, searches, options);
  for (const { program, lever, search } of searches) figures[program][lever] = search.result ?? null;
  // Keys in a fixed order, whichever search finished first.
  return figures.map(({ frequencyUplift, spendUplift, enrolmentShare, method: how, covers }) => ({
    ...(frequencyUplift !== undefined ? { frequencyUplift } : {}),
    ...(spendUplift !== undefined ? { spendUplift } : {}),
    ...(enrolmentShare !== undefined ? { enrolmentShare } : {}),
    method: how,
    covers,
  }));
}

/** Run the searches to the end, one simulation per round for all of them. */
async function runSearches(input: SimulationInput, searches: readonly Search[], options: BreakEvenOptions): Promise<void> {
  for (;;) {
    const requests = searches.flatMap((entry) => entry.search.next().map((x) => ({ entry, x })));
    if (requests.length === 0) return;
    const profits = await programVariantProfits(
      input,
      requests.map(({ entry, x }) => ({ program: entry.program, resolve: (drawn) => BREAK_EVEN_LEVERS[entry.lever].set(drawn, x) })),
      options,
    );
    const points = requests.map(({ x }, v): SearchPoint => ({ x, profit: mean(profits[v]), mcse: monteCarloStandardError(profits[v]) }));
    for (const entry of searches) entry.search.tell(points.filter((_, v) => requests[v].entry === entry));
  }
}
