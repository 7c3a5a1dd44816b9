/**
 * Type `discount`: members pay less on purchases in scope.
 *
 *   rate     = the ladder step for the member's spend so far, or `percent` below the first step
 *   discount = amount x rate   when the category is in scope and amount >= minimumPurchase
 *
 * The ladder is cumulative (domain.md section 2: "lifetime spend 10,000 -> 5%, over 20,000 -> 10%"):
 * a step applies once the member's spend so far — every purchase since enrolment at list price,
 * in any category, before this purchase — has reached its `spend`.
 *
 * Shared codes (`leakShare`, domain.md section 2: a coffee shop's codes "passed on to friends"): a
 * share of non-members gets the base `percent` on their purchases in scope, without membership,
 * its costs or the ladder (which needs a member's spend so far). Their behaviour does not change,
 * so every such discount is given on a purchase made anyway. The engine picks them (see
 * ProgramPolicy.nonMemberShare).
 */
import { checkCategories, checkNumber } from './parameter-checks.js';
import type { MemberEvent, ProgramCommon, ProgramContext, ProgramEventOutcome, ProgramPolicy, ProgramPolicyType } from './program.js';
import { UserInputError } from '../errors.js';

export interface DiscountLadderStep {
  /** Spend so far from which this step applies. */
  spend: number;
  /** Discount as a share of the price, in [0, 1]. */
  percent: number;
}

export interface DiscountMechanics {
  /** Discount as a share of the price, in [0, 1] (0.05 = 5%). */
  percent: number;
  /** 'all' or the categories the discount applies to. */
  scope: 'all' | readonly string[];
  /** Purchases below this amount get no discount. Default 0. */
  minimumPurchase?: number;
  /** Steps by spend so far, strictly ascending by spend. Default none. */
  ladder?: readonly DiscountLadderStep[];
  /** Share of non-members who use a shared code for the base percent, in [0, 1]. Default 0. */
  leakShare?: number;
}

export interface ResolvedDiscountProgram extends ProgramCommon {
  type: 'discount';
  discount: DiscountMechanics;
}

class DiscountPolicy implements ProgramPolicy<ResolvedDiscountProgram> {
  private basePercent = 0;
  private minimumPurchase = 0;
  /** 1 when the category with this index gets the discount. */
  private readonly inScope: Uint8Array;
  private ladderSpend = new Float64Array(0);
  private ladderPercent = new Float64Array(0);
  private spendSoFar = 0;
  private leakShare = 0;

  constructor(private readonly context: ProgramContext) {
    this.inScope = new Uint8Array(context.categoryNames.length);
  }

  configure(parameters: ResolvedDiscountProgram): void {
    const mechanics = parameters.discount;
    this.basePercent = mechanics.percent;
    this.minimumPurchase = mechanics.minimumPurchase ?? 0;
    this.leakShare = mechanics.leakShare ?? 0;
    const names = this.context.categoryNames;
    for (let category = 0; category < names.length; category++) {
      this.inScope[category] = mechanics.scope === 'all' || mechanics.scope.includes(names[category]) ? 1 : 0;
    }
    const ladder = mechanics.ladder ?? [];
    if (this.ladderSpend.length !== ladder.length) {
      this.ladderSpend = new Float64Array(ladder.length);
      this.ladderPercent = new Float64Array(ladder.length);
    }
    ladder.forEach((step, i) => {
      this.ladderSpend[i] = step.spend;
      this.ladderPercent[i] = step.percent;
    });
  }

  enrol(): void {
    this.spendSoFar = 0;
  }

  purchase(event: MemberEvent, out: ProgramEventOutcome): void {
    const amount = event.amount;
    let rate = this.basePercent;
    for (let step = 0; step < this.ladderSpend.length && this.spendSoFar >= this.ladderSpend[step]; step++) {
      rate = this.ladderPercent[step];
    }
    if (this.inScope[event.category] === 1 && amount >= this.minimumPurchase) out.discount = amount * rate;
    this.spendSoFar += amount;
  }

  monthEnd(_event: MemberEvent, out: ProgramEventOutcome): void {
    out.member = true;
    out.quietUntilMonth = Infinity; // nothing happens at month ends
  }

  leave(): void {}

  nonMemberShare(): number {
    return this.leakShare;
  }

  /** A shared code: the base percent on purchases in scope from the minimum purchase on. */
  nonMemberPurchase(event: MemberEvent, out: ProgramEventOutcome): void {
    if (this.inScope[event.category] === 1 && event.amount >= this.minimumPurchase) out.discount = event.amount * this.basePercent;
  }
}

export const discountProgram: ProgramPolicyType<ResolvedDiscountProgram> = {
  type: 'discount',
  validate(parameters, field, context) {
    const mechanics = parameters.discount;
    if (mechanics === undefined) throw new UserInputError('a discount program needs a `discount` block', { field });
    checkNumber(mechanics.percent, `${field}.discount.percent`, { min: 0, max: 1 });
    if (mechanics.scope !== 'all') checkCategories(mechanics.scope, context.categoryNames, `${field}.discount.scope`);
    if (mechanics.minimumPurchase !== undefined) checkNumber(mechanics.minimumPurchase, `${field}.discount.minimumPurchase`, { min: 0 });
    if (mechanics.leakShare !== undefined) checkNumber(mechanics.leakShare, `${field}.discount.leakShare`, { min: 0, max: 1 });
    (mechanics.ladder ?? []).forEach((step, i) => {
      const stepField = `${field}.discount.ladder[${i}]`;
      checkNumber(step.spend, `${stepField}.spend`, { min: 0 });
      checkNumber(step.percent, `${stepField}.percent`, { min: 0, max: 1 });
      const previous = mechanics.ladder![i - 1];
      if (previous !== undefined && step.spend <= previous.spend) {
        throw new UserInputError(`spend ${step.spend} must be above the previous step's ${previous.spend}`, { field: `${stepField}.spend` }, 'list ladder steps in ascending order of spend');
      }
    });
  },
  create: (context) => new DiscountPolicy(context),
};
