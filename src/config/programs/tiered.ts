/**
 * `type: tiered`: members hold a status tier earned by their spend, purchases or points in a
 * rolling window or calendar year; each tier brings an earn multiplier on a points base, a discount
 * and benefits that cost the business per member per year (see programs/tiered.ts for the rules).
 */
import * as z from 'zod';
import { choice } from '../../schema/choice-schema.js';
import { integerIn, numberIn, uncertainIn } from '../../schema/number-schemas.js';
import { strictObject } from '../../schema/strict-object.js';
import { NON_NEGATIVE, POSITIVE, SHARE } from '../../schema/value-ranges.js';
import { memberProgramShape, programIdentity } from './common.js';
import { pointsSchema, redemptionSchema } from './points.js';

export const tierQualificationSchema = strictObject({
  metric: choice(['spend', 'purchases', 'points']).prefault('spend').describe('What earns status: spend, purchases, or base points (before multipliers).'),
  window: z
    .union([integerIn(POSITIVE), z.literal('calendar-year')], {
      error: () => "expected a number of months such as 12, or 'calendar-year'",
    })
    .prefault(12)
    .describe("Rolling window in months (the current month included), or 'calendar-year' (the horizon's years)."),
  reviewEveryMonths: integerIn(POSITIVE)
    .prefault(12)
    .describe('Months between reviews, where members who fell short are downgraded (12 with calendar-year).'),
  graceMonths: integerIn(NON_NEGATIVE).prefault(0).describe('Months a member keeps the tier after a review found them short.'),
}).describe('How members qualify for tiers.');

export const tierSchema = strictObject({
  name: z.string().trim().min(1).describe('Name of the tier, shown in the breakdown.'),
  threshold: numberIn(NON_NEGATIVE).describe('Qualifying value from which the tier applies: 0 for the first tier, then strictly ascending.'),
  earnMultiplier: numberIn(NON_NEGATIVE).prefault(1).describe('Points earned are multiplied by this (1.5 = 1.5x the base rate).'),
  discount: numberIn(SHARE).prefault(0).describe('Discount on every purchase of a member of the tier (0.05 or "5%").'),
  benefitCostPerYear: uncertainIn(NON_NEGATIVE)
    .prefault(0)
    .describe("Cost of the tier's services per member per year (lounge, free delivery, warranty)."),
}).describe('One status tier.');

export const tieredProgramSchema = strictObject({
  ...programIdentity,
  type: z.literal('tiered'),
  ...memberProgramShape,
  qualification: tierQualificationSchema.prefault({}),
  tiers: z
    .array(tierSchema)
    .min(1)
    .superRefine((tiers, ctx) => {
      if (tiers[0] !== undefined && tiers[0].threshold !== 0) {
        ctx.addIssue({ code: 'custom', path: [0, 'threshold'], message: 'the first tier starts at threshold 0: every member starts in it', input: tiers[0].threshold });
      }
      for (let i = 1; i < tiers.length; i++) {
        if (!(tiers[i].threshold > tiers[i - 1].threshold)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'threshold'],
            message: `tier thresholds must rise strictly: ${tiers[i].threshold} does not exceed the previous tier's ${tiers[i - 1].threshold}`,
            input: tiers[i].threshold,
          });
        }
      }
    })
    .describe('The tiers, lowest first: [{ name: Red, threshold: 0 }, { name: Silver, threshold: 1500, earnMultiplier: 1.5 }, ...].'),
  points: pointsSchema.optional().describe('Base points earned on purchases (before the tier multiplier); absent: no points.'),
  redemption: redemptionSchema.optional().describe('How members redeem their points; required with points.'),
})
  .superRefine((program, ctx) => {
    if (program.points !== undefined && program.redemption === undefined) {
      ctx.addIssue({ code: 'custom', path: ['points'], message: 'points need a redemption block (redemption: { probability: ... })', input: program.points });
    }
    if (program.qualification.window === 'calendar-year' && program.qualification.reviewEveryMonths !== 12) {
      ctx.addIssue({
        code: 'custom',
        path: ['qualification', 'reviewEveryMonths'],
        message: 'with a calendar-year window the review falls at each year\'s end: leave reviewEveryMonths out or set it to 12',
        input: program.qualification.reviewEveryMonths,
      });
    }
    if (program.qualification.metric === 'points' && program.points === undefined) {
      ctx.addIssue({ code: 'custom', path: ['qualification', 'metric'], message: 'qualifying on points needs a points block', input: 'points' });
    }
  })
  .describe('Status tiers from spend, purchases or points, each with multipliers, discounts and benefits.');
