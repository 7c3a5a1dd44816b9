/**
 * Per world, one iteration's resolved program parameters in the form the engine uses them (world 0,
 * the baseline, has no program: factors 1, costs 0). Members buy at rate lambda x rateFactor, drop
 * out with probability min(1, p x dropoutFactor) (programs/common.ts, memberDropout) and spend
 * values x valueFactor.
 */
import { memberDropoutFactor } from '../programs/common.js';
import type { ProgramPolicy } from '../programs/program.js';
import type { ResolvedProgram } from '../programs/registry.js';
import { DAYS_PER_MONTH, DAYS_PER_YEAR } from './calendar.js';
import type { ResolvedIteration } from './simulation-input.js';

export class WorldParameters {
  /** 1 + frequencyUplift. */
  readonly rateFactor: Float64Array;
  /** (1 - churnReduction) / (1 + frequencyUplift), or 1 - churnReduction with `dropoutKept: perPurchase` (memberDropoutFactor). */
  readonly dropoutFactor: Float64Array;
  /** 1 + spendUplift. */
  readonly valueFactor: Float64Array;
  /**
   * The share of a member purchase's value the customer would have spent anyway: 1 / (1 + uplift),
   * capped at 1 when members spend less (the baseline purchase covers the whole smaller one).
   */
  readonly subsidyFactor: Float64Array;
  /** Operating cost per member per day of membership: perMemberPerYear / DAYS_PER_YEAR. */
  readonly perMemberPerDay: Float64Array;
  readonly perTransaction: Float64Array;
  /** Customers each member brings per day of membership while buying (referral). */
  readonly referralsPerDay: Float64Array;
  readonly referralBonus: Float64Array;
  /** Share of non-members who buy with a benefit (shared codes). */
  readonly nonMemberShare: Float64Array;
  /** New customers per day reaching the business through the program. */
  readonly arrivalsPerDay: Float64Array;
  /** 1 - margin per category (the same in every world): cost of goods per unit of price. */
  readonly costShare: Float64Array;
  /** Share of purchases returned (the same in every world). */
  returnRate = 0;

  constructor(worldCount: number, categoryCount: number) {
    this.rateFactor = new Float64Array(worldCount);
    this.dropoutFactor = new Float64Array(worldCount);
    this.valueFactor = new Float64Array(worldCount);
    this.subsidyFactor = new Float64Array(worldCount);
    this.perMemberPerDay = new Float64Array(worldCount);
    this.perTransaction = new Float64Array(worldCount);
    this.referralsPerDay = new Float64Array(worldCount);
    this.referralBonus = new Float64Array(worldCount);
    this.nonMemberShare = new Float64Array(worldCount);
    this.arrivalsPerDay = new Float64Array(worldCount);
    this.costShare = new Float64Array(categoryCount);
  }

  /** Take this iteration's parameters; configures each program's policy (policies[k] is world k + 1's). */
  configure(resolved: ResolvedIteration, defaultMargins: readonly number[], policies: readonly ProgramPolicy<ResolvedProgram>[], defaultReturnRate = 0): void {
    this.rateFactor[0] = 1;
    this.dropoutFactor[0] = 1;
    this.valueFactor[0] = 1;
    resolved.programs.forEach((program, i) => {
      const w = i + 1;
      this.rateFactor[w] = 1 + program.effects.frequencyUplift;
      this.dropoutFactor[w] = memberDropoutFactor(program.effects);
      this.valueFactor[w] = 1 + program.effects.spendUplift;
      this.subsidyFactor[w] = program.effects.spendUplift > 0 ? 1 / (1 + program.effects.spendUplift) : 1;
      this.perMemberPerDay[w] = program.costs.perMemberPerYear / DAYS_PER_YEAR;
      this.perTransaction[w] = program.costs.perTransaction;
      this.referralsPerDay[w] = (program.referral?.perMemberPerMonth ?? 0) / DAYS_PER_MONTH;
      this.referralBonus[w] = program.referral?.bonus ?? 0;
      const policy = policies[i];
      policy.configure(program);
      this.nonMemberShare[w] = policy.nonMemberShare?.() ?? 0;
      this.arrivalsPerDay[w] = (policy.arrivalsPerMonth?.() ?? 0) / DAYS_PER_MONTH;
    });
    const margins = resolved.margins ?? defaultMargins;
    for (let k = 0; k < this.costShare.length; k++) this.costShare[k] = 1 - margins[k];
    this.returnRate = resolved.returnRate ?? defaultReturnRate;
  }
}
