/**
 * Type `discount`: members pay less on purchases in scope.
 *
 *   rate     = the ladder step for the member's spend so far, or `percent` below the first step
 *   discount = amount x rate   when the category is in scope and amount >= minimumPurchase
 *
 * The ladder is cumulative (docs/methods.md section 2: "lifetime spend 10,000 -> 5%, over 20,000 -> 10%"):
 * a step applies once the member's spend so far — every purchase since enrolment at list price,
 * in any category, before this purchase — has reached its `spend`.
 *
 * Shared codes (`leakShare`, docs/methods.md section 2: a coffee shop's codes "passed on to friends"): a
 * share of non-members gets the base `percent` on their purchases in scope, without membership,
 * its costs or the ladder (which needs a member's spend so far). Their behaviour does not change,
 * so every such discount is given on a purchase made anyway. The engine picks them (see
 * ProgramPolicy.nonMemberShare).
 */
import * as z from 'zod';
import { numberIn, uncertainIn } from '../../schema/number-schemas.js';
import { strictObject } from '../../schema/strict-object.js';
import { NON_NEGATIVE, SHARE } from '../../schema/value-ranges.js';
import { categoryListSchema, programSchema } from '../common.js';
import { checkCategories } from '../parameter-checks.js';
import { programModule, type MemberEvent, type ProgramContext, type ProgramEventOutcome, type ProgramPolicy, type ResolvedParameters } from '../program.js';

const ladderStepSchema = strictObject({
  spend: numberIn(NON_NEGATIVE).describe("The member's cumulative spend from which this step applies."),
  percent: numberIn(SHARE).describe('Discount from that spend on (0.05 or "5%").'),
});

const discountMechanicsSchema = strictObject({
  percent: numberIn(SHARE)
    .optional()
    .describe('Discount on each purchase in scope (0.05 or "5%"); below the first ladder step when a ladder is given.'),
  scope: z
    .union([z.literal('all'), categoryListSchema], { error: () => "expected 'all' or a list of categories such as [fuel, shop]" })
    .prefault('all')
    .describe("'all' or a list of categories the discount applies to."),
  minimumPurchase: numberIn(NON_NEGATIVE).prefault(0).describe('Smallest purchase that gets the discount.'),
  ladder: z
    .array(ladderStepSchema)
    .min(1)
    .optional()
    .describe("Steps by the member's cumulative spend, thresholds strictly ascending: [{ spend: 10000, percent: 0.05 }, ...]."),
  leakShare: uncertainIn(SHARE)
    .optional()
    .describe('Share of non-members who get the base percent through shared codes, without joining (default 0).'),
})
  .superRefine((discount, ctx) => {
    if (discount.percent === undefined && discount.ladder === undefined) {
      ctx.addIssue({ code: 'custom', message: "give 'percent', a 'ladder', or both", input: discount });
    }
    const ladder = discount.ladder ?? [];
    for (let i = 1; i < ladder.length; i++) {
      if (!(ladder[i].spend > ladder[i - 1].spend)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ladder', i, 'spend'],
          message: `ladder thresholds must rise strictly: ${ladder[i].spend} does not exceed the previous step's ${ladder[i - 1].spend}`,
          input: ladder[i].spend,
        });
      }
    }
  })
  .transform((discount) => ({ ...discount, percent: discount.percent ?? 0 }))
  .describe('Discount mechanics.');

const discountProgramSchema = programSchema('discount', {
  discount: discountMechanicsSchema,
}).describe('Members pay less on every purchase.');

export type ResolvedDiscountProgram = ResolvedParameters<typeof discountProgramSchema>;

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
    this.minimumPurchase = mechanics.minimumPurchase;
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

export const discountProgram = programModule({
  schema: discountProgramSchema,
  create: (context) => new DiscountPolicy(context),
  checkContext(parameters, field, context) {
    const scope = parameters.discount.scope;
    if (scope !== 'all') checkCategories(scope, context.categoryNames, `${field}.discount.scope`, 'list');
  },
});
