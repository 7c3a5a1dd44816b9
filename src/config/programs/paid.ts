/**
 * `type: paid`: a membership the customer pays for. The fee, the period and the benefits on every
 * member purchase (optionally points, with the blocks of a bonus program and a multiplier); how
 * customers decide to join and renew (programs/paid.ts gives the formulas).
 */
import * as z from 'zod';
import { choice } from '../../schema/choice-schema.js';
import { numberIn, uncertainIn } from '../../schema/number-schemas.js';
import { strictObject } from '../../schema/strict-object.js';
import { NON_NEGATIVE, SHARE } from '../../schema/value-ranges.js';
import { memberProgramShape, programIdentity } from './common.js';
import { pointsSchema, redemptionSchema } from './points.js';

export const paidMechanicsSchema = strictObject({
  fee: numberIn(NON_NEGATIVE).describe('Membership fee per period, in the currency.'),
  period: choice(['month', 'year']).prefault('year').describe('What one fee buys: a month or a year of membership (default year).'),
  discountPercent: numberIn(SHARE).prefault(0).describe('Discount on every member purchase (0.5 or "50%").'),
  deliveryValuePerOrder: numberIn(NON_NEGATIVE).prefault(0).describe('Value to the member of the free delivery of one order.'),
  deliveryCostPerOrder: uncertainIn(NON_NEGATIVE).prefault(0).describe('Cost to the business of the free delivery of one order.'),
  joining: choice(['share', 'rational'])
    .prefault('share')
    .describe('share: enrolment.share joins; rational: a customer joins when the benefit they can expect over a period exceeds fee x hurdle.'),
  hurdle: uncertainIn(NON_NEGATIVE).prefault(1).describe('Joining and renewal need an (expected or received) benefit above fee x hurdle (default 1).'),
  noise: uncertainIn(NON_NEGATIVE)
    .prefault(0.25)
    .describe('How much customers misjudge benefit / (fee x hurdle): scale of a logistic error on the log scale (0 = exact; default 0.25).'),
  // Optional rather than defaulted to 1: an absent multiplier draws no number, so the draws and
  // results of every scenario without it stay unchanged.
  pointsMultiplier: uncertainIn(NON_NEGATIVE)
    .optional()
    .describe('Points earned on the points base are multiplied by this (2 = double points); needs a points block; default 1.'),
}).describe('Paid membership: fee, period, benefits, joining and renewal.');

export const paidProgramSchema = strictObject({
  ...programIdentity,
  type: z.literal('paid'),
  ...memberProgramShape,
  paid: paidMechanicsSchema,
  points: pointsSchema.optional().describe('Base points earned on purchases (before paid.pointsMultiplier); absent: no points.'),
  redemption: redemptionSchema.optional().describe('How members redeem their points; required with points.'),
})
  .superRefine((program, ctx) => {
    if (program.points !== undefined && program.redemption === undefined) {
      ctx.addIssue({ code: 'custom', path: ['points'], message: 'points need a redemption block (redemption: { probability: ... })', input: program.points });
    }
    if (program.paid.pointsMultiplier !== undefined && program.points === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['paid', 'pointsMultiplier'],
        message: 'a points multiplier needs a points block: the points base it multiplies',
        input: program.paid.pointsMultiplier,
      });
    }
  })
  .describe('Customers pay a fee for membership benefits.');
