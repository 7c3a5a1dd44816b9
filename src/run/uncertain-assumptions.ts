/**
 * The uncertain assumptions of a scenario (docs/methods.md section 8): every distribution that is
 * not a fixed number, named by its key path as the scenario writes it
 * (`programs["5% back in points"].effects.frequencyUplift`, `economics.grossMargin`), with its
 * value in each drawn iteration and a way to fix it at a value. They are read from the iteration
 * plan and the drawn iterations; the draws themselves are not touched.
 */
import type { ProgramDefinition } from '../config/program-schema.js';
import type { Distribution } from '../schema/distributions.js';
import { drawnValueAt, listDistributions, withDrawnValueAt } from '../schema/draw-assumptions.js';
import { formatKeyPath, type KeyPath } from '../schema/issue-text.js';
import type { ResolvedProgram } from '../programs/registry.js';
import type { ResolvedIteration } from '../sim/simulation-input.js';
import type { IterationPlan } from './draw-iterations.js';

/** What an assumption is: it decides how the tornado finds the profit with it fixed (sensitivity.ts). */
export type AssumptionKind = 'program' | 'marginForAll' | 'categoryMargin' | 'arrivals' | 'returnRate';

export interface UncertainAssumption {
  kind: AssumptionKind;
  /** The key path as the scenario writes it: `programs["Points card"].effects.frequencyUplift`. */
  name: string;
  /** In plain words: "the members' frequency uplift in 'Points card'". */
  description: string;
  /** The same without the program's name: "the members' frequency uplift". */
  words: string;
  distribution: Distribution;
  /** The program it belongs to (its index); absent for the economics, which every world shares, the baseline too. */
  program?: number;
  /** Its value in one drawn iteration (for the margin of every category, their mean weighted by revenue share). */
  drawn: (iteration: ResolvedIteration) => number;
  /** The iteration with the assumption at `value` (every category's margin for a margin given once for all). */
  fix: (iteration: ResolvedIteration, value: number) => ResolvedIteration;
  /** For a program's assumption: the drawn program with the assumption at `value`. */
  fixProgram?: (program: ResolvedProgram, value: number) => ResolvedProgram;
}

/** Plain words for the assumptions every program type may have, by key path within the program. */
const PROGRAM_ASSUMPTION_WORDS: Readonly<Record<string, string>> = {
  'enrolment.share': 'the share of customers who join',
  'enrolment.selfSelection': "heavy buyers' self-selection",
  'effects.frequencyUplift': "the members' frequency uplift",
  'effects.spendUplift': "the members' spend uplift",
  'effects.churnReduction': "the members' churn reduction",
  'costs.setup': 'the setup cost',
  'costs.perMemberPerYear': 'the cost per member per year',
  'costs.perTransaction': 'the cost per transaction',
  'redemption.probability': 'the redemption probability',
  'redemption.neverRedeemShare': 'the share of members who never redeem',
  'redemption.displacesPurchase': 'the share of rewards that replace a paid purchase',
  'referral.perMemberPerMonth': 'the referrals per member',
};

function programAssumption(definition: ProgramDefinition, program: number, path: KeyPath, distribution: Distribution): UncertainAssumption {
  const relative = formatKeyPath(path);
  const fixProgram = (drawn: ResolvedProgram, value: number) => withDrawnValueAt(drawn, path, value);
  const words = PROGRAM_ASSUMPTION_WORDS[relative] ?? relative;
  return {
    kind: 'program',
    name: `programs[${JSON.stringify(definition.name)}]${relative.startsWith('[') ? '' : '.'}${relative}`,
    description: `${words} in '${definition.name}'`,
    words,
    distribution,
    program,
    drawn: (iteration) => drawnValueAt(iteration.programs[program], path),
    fix: (iteration, value) => ({ ...iteration, programs: iteration.programs.map((p, k) => (k === program ? fixProgram(p, value) : p)) }),
    fixProgram,
  };
}

export function isUncertain(distribution: Distribution): boolean {
  return distribution.dist !== 'fixed';
}

/**
 * The uncertain assumptions of a plan, in the order they are drawn: the margins, the arrivals,
 * the return rate, then each program's in the order of its keys.
 */
export function uncertainAssumptions(plan: IterationPlan, categories: { names: readonly string[]; revenueShares: readonly number[] }): UncertainAssumption[] {
  return scenarioAssumptions(plan, categories, isUncertain);
}

/**
 * Every assumption of a plan given as a distribution, a fixed number included (`keep` picks some),
 * in the order they are drawn, as uncertainAssumptions lists the uncertain ones.
 */
export function scenarioAssumptions(
  plan: IterationPlan,
  categories: { names: readonly string[]; revenueShares: readonly number[] },
  keep: (distribution: Distribution) => boolean = () => true,
): UncertainAssumption[] {
  const assumptions: UncertainAssumption[] = [];
  const margins = plan.margins;
  if (margins.kind === 'drawn') {
    if (margins.oneForAll === true && margins.perCategory.length > 0) {
      if (keep(margins.perCategory[0])) {
        assumptions.push({
          kind: 'marginForAll',
          name: 'economics.grossMargin',
          description: 'the gross margin',
          words: 'the gross margin',
          distribution: margins.perCategory[0],
          drawn: (iteration) => iteration.margins!.reduce((sum, margin, k) => sum + margin * categories.revenueShares[k], 0),
          fix: (iteration, value) => ({ ...iteration, margins: iteration.margins!.map(() => value) }),
        });
      }
    } else {
      margins.perCategory.forEach((distribution, k) => {
        if (!keep(distribution)) return;
        const category = categories.names[k];
        assumptions.push({
          kind: 'categoryMargin',
          name: `economics.grossMargin[${JSON.stringify(category)}]`,
          description: `the gross margin of '${category}'`,
          words: `the gross margin of '${category}'`,
          distribution,
          drawn: (iteration) => iteration.margins![k],
          fix: (iteration, value) => ({ ...iteration, margins: iteration.margins!.map((margin, j) => (j === k ? value : margin)) }),
        });
      });
    }
  }
  if (typeof plan.arrivals !== 'number' && keep(plan.arrivals)) {
    assumptions.push({
      kind: 'arrivals',
      name: 'acquisition.perMonth',
      description: 'the new customers per month',
      words: 'the new customers per month',
      distribution: plan.arrivals,
      drawn: (iteration) => iteration.newCustomersPerMonth!,
      fix: (iteration, value) => ({ ...iteration, newCustomersPerMonth: value }),
    });
  }
  if (plan.returnRate !== undefined && typeof plan.returnRate !== 'number' && keep(plan.returnRate)) {
    assumptions.push({
      kind: 'returnRate',
      name: 'economics.returnRate',
      description: 'the return rate',
      words: 'the return rate',
      distribution: plan.returnRate,
      drawn: (iteration) => iteration.returnRate!,
      fix: (iteration, value) => ({ ...iteration, returnRate: value }),
    });
  }
  plan.programs.forEach((definition, program) => {
    for (const { path, distribution } of listDistributions(definition)) {
      if (keep(distribution)) assumptions.push(programAssumption(definition, program, path, distribution));
    }
  });
  return assumptions;
}
