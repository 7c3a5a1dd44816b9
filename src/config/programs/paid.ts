/**
 * `type: paid`: a membership the customer pays for. The fee, the period and the benefits on every
 * member purchase; how customers decide to join and renew (programs/paid.ts gives the formulas).
 */
import * as z from 'zod';
import { choice } from '../choice-schema.js';
import { numberIn, uncertainIn } from '../number-schemas.js';
import { strictObject } from '../strict-object.js';
import { NON_NEGATIVE, SHARE } from '../value-ranges.js';
import { memberProgramShape, programIdentity } from './common.js';

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
}).describe('Paid membership: fee, period, benefits, joining and renewal.');

export const paidProgramSchema = strictObject({
  ...programIdentity,
  type: z.literal('paid'),
  ...memberProgramShape,
  paid: paidMechanicsSchema,
}).describe('Customers pay a fee for membership benefits.');
