/**
 * `type: coalition`: a shared points currency run by an operator, seen by one partner
 * (`view: partner`) or by the operator with its partners (`view: operator`); see
 * programs/coalition.ts for the settlement rules.
 */
import * as z from 'zod';
import { integerIn, numberIn, uncertainIn } from '../../schema/number-schemas.js';
import { strictObject } from '../../schema/strict-object.js';
import { NON_NEGATIVE, NON_NEGATIVE_RATE, POSITIVE, SHARE } from '../../schema/value-ranges.js';
import { memberProgramShape, programIdentity } from './common.js';
import { redemptionSchema } from './points.js';

/** Keys of the points both views share. */
const coalitionPointsShape = {
  faceValue: numberIn(POSITIVE).describe('Value of one point when a member pays with it.'),
  expiryMonths: integerIn(POSITIVE).optional().describe('Months after which points expire, oldest first; absent: never.'),
  minimumToRedeem: numberIn(NON_NEGATIVE).prefault(0).describe('Smallest usable balance a member can redeem from.'),
  maxShareOfPurchase: numberIn(SHARE).prefault(1).describe('Largest share of one purchase payable with points.'),
};

const partnerViewSchema = strictObject({
  view: z.literal('partner').describe('You are one business in the network.'),
  earnRate: numberIn(NON_NEGATIVE_RATE).describe('Points per currency unit spent with you.'),
  pricePerPointIssued: uncertainIn(NON_NEGATIVE).describe('What you pay the operator per point you issue.'),
  reimbursementPerPointRedeemed: uncertainIn(NON_NEGATIVE).describe('What the operator pays you per point redeemed at your business.'),
  platformFeePerMemberPerMonth: uncertainIn(NON_NEGATIVE).prefault(0).describe('Platform fee paid to the operator per member who still buys, per month.'),
  pointsElsewherePerPoint: uncertainIn(NON_NEGATIVE)
    .prefault(0)
    .describe('Points a member earns at other partners per point earned with you; they may be spent with you.'),
  networkArrivalsPerMonth: uncertainIn(NON_NEGATIVE)
    .prefault(0)
    .describe('New customers per month reaching you through the network; they join on arrival.'),
  ...coalitionPointsShape,
});

const partnerSchema = strictObject({
  name: z.string().trim().min(1).describe('Name of the partner.'),
  spendShare: numberIn(SHARE).describe("Share of members' purchases made at this partner; the shares sum to 100%."),
  earnRate: numberIn(NON_NEGATIVE_RATE).describe('Points per currency unit spent at this partner.'),
  pricePerPointIssued: uncertainIn(NON_NEGATIVE).describe('What the partner pays the operator per point issued.'),
  reimbursementPerPointRedeemed: uncertainIn(NON_NEGATIVE).describe('What the operator pays the partner per point redeemed there.'),
}).describe('One partner of the network.');

const operatorViewSchema = strictObject({
  view: z.literal('operator').describe('You run the network.'),
  partners: z
    .array(partnerSchema)
    .min(1)
    .superRefine((partners, ctx) => {
      partners.forEach((partner, i) => {
        if (partner.spendShare === 0) ctx.addIssue({ code: 'custom', path: [i, 'spendShare'], message: 'must be above 0: leave out a partner with no spend', input: 0 });
      });
      const total = partners.reduce((sum, partner) => sum + partner.spendShare, 0);
      if (Math.abs(total - 1) > 1e-6) {
        ctx.addIssue({ code: 'custom', message: `the partners' spend shares sum to ${Number(total.toFixed(6))}, not 1 (100%)`, input: partners });
      }
    })
    .describe('The partners with their share of members\' purchases and their point prices.'),
  ...coalitionPointsShape,
});

export const coalitionSchema = z
  .discriminatedUnion('view', [partnerViewSchema, operatorViewSchema], {
    error: (issue) => (issue.code === 'invalid_union' ? "expected view: partner or view: operator, with that view's keys" : undefined),
  })
  .describe('The network: your prices as a partner, or the partners as the operator.');

export const coalitionProgramSchema = strictObject({
  ...programIdentity,
  type: z.literal('coalition'),
  ...memberProgramShape,
  coalition: coalitionSchema,
  redemption: redemptionSchema,
})
  .superRefine((program, ctx) => {
    if (program.coalition.view !== 'operator') return;
    for (const key of ['frequencyUplift', 'spendUplift', 'churnReduction'] as const) {
      const effect = program.effects[key];
      if (effect.dist !== 'fixed' || effect.value !== 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['effects', key],
          message: "must be 0 in the operator view: members' purchases are the partners' sales, not the operator's income",
          input: effect,
        });
      }
    }
  })
  .describe('A shared points currency across partner businesses (partner or operator view).');
