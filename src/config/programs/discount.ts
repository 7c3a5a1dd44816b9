/**
 * `type: discount`: members pay less on every purchase of the categories in scope, from a minimum
 * purchase on; optionally a ladder raises the percent once the member's cumulative spend (since
 * joining) reaches each threshold.
 */
import * as z from 'zod';
import { numberIn, uncertainIn } from '../../schema/number-schemas.js';
import { strictObject } from '../../schema/strict-object.js';
import { NON_NEGATIVE, SHARE } from '../../schema/value-ranges.js';
import { memberProgramShape, programIdentity } from './common.js';
import { categoryListSchema } from './category-list.js';

const ladderStepSchema = strictObject({
  spend: numberIn(NON_NEGATIVE).describe("The member's cumulative spend from which this step applies."),
  percent: numberIn(SHARE).describe('Discount from that spend on (0.05 or "5%").'),
});

export const discountMechanicsSchema = strictObject({
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

export const discountProgramSchema = strictObject({
  ...programIdentity,
  type: z.literal('discount'),
  ...memberProgramShape,
  discount: discountMechanicsSchema,
}).describe('Members pay less on every purchase.');
