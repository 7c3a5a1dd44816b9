/**
 * The scenario's assumptions as the run drew them, and for each program the uncertain assumption
 * that matters most to its incremental profit (docs/methods.md section 8).
 */
import { summarize } from '../metrics/summary.js';
import { varianceShare } from '../metrics/variance-share.js';
import type { DrawnAssumption, KeyAssumption, SensitivitySection } from '../report/report-model.js';
import { formatDistribution } from '../schema/distributions.js';
import type { SimulationInput } from '../sim/simulation-input.js';
import type { IterationPlan } from './draw-iterations.js';
import { isUncertain, scenarioAssumptions, uncertainAssumptions } from './uncertain-assumptions.js';

/** Every assumption the scenario gives as a distribution (fixed numbers too), summarised over the drawn iterations. */
export function drawnAssumptions(input: SimulationInput, plan: IterationPlan): DrawnAssumption[] {
  const programNames = plan.programs.map((program) => program.name);
  return scenarioAssumptions(plan, input.categories).map((assumption) => ({
    name: assumption.name,
    description: assumption.description,
    ...(assumption.program !== undefined ? { program: programNames[assumption.program] } : {}),
    distribution: formatDistribution(assumption.distribution),
    uncertain: isUncertain(assumption.distribution),
    drawn: summarize(Float64Array.from(input.iterations, assumption.drawn)),
  }));
}

/**
 * Per program, the uncertain assumption that matters most to its incremental profit, or undefined
 * when none can move it. With the sensitivity section, the top bar of the program's tornado (the
 * largest swing of the mean profit between the assumption's P10 and P90); without it, the largest
 * share of the profit's variance over the iterations that the assumption explains on its own
 * (variance-share.ts), which needs no extra simulation.
 */
export function keyAssumptions(
  input: SimulationInput,
  plan: IterationPlan,
  incrementalProfits: readonly ArrayLike<number>[],
  sensitivity?: SensitivitySection,
): (KeyAssumption | undefined)[] {
  const assumptions = uncertainAssumptions(plan, input.categories);
  return incrementalProfits.map((profits, k) => {
    if (sensitivity !== undefined) {
      const top = sensitivity.tornado[k].bars[0];
      const assumption = assumptions.find((candidate) => candidate.name === top?.assumption);
      if (top === undefined || assumption === undefined) return undefined;
      return { assumption: assumption.name, description: assumption.words, measure: 'tornadoSwing', value: top.swing };
    }
    let best: KeyAssumption | undefined;
    for (const assumption of assumptions) {
      if (assumption.program !== undefined && assumption.program !== k) continue;
      const share = varianceShare(Float64Array.from(input.iterations, assumption.drawn), profits);
      if (share === undefined || (best !== undefined && share <= best.value)) continue;
      best = { assumption: assumption.name, description: assumption.words, measure: 'varianceShare', value: share };
    }
    return best;
  });
}
