/**
 * The points mechanics of a bonus program (tiered programs reuse them as their base points): how
 * many points a purchase earns, when they become usable and expire, what they are worth when
 * redeemed, and what the card costs the member; and how members redeem.
 */
import * as z from 'zod';
import { choice } from '../../schema/choice-schema.js';
import { integerIn, numberIn, uncertainIn } from '../../schema/number-schemas.js';
import { strictObject } from '../../schema/strict-object.js';
import { NON_NEGATIVE, NON_NEGATIVE_RATE, POSITIVE, SHARE } from '../../schema/value-ranges.js';

export const pointsSchema = strictObject({
  earnRate: numberIn(NON_NEGATIVE_RATE).describe('Points per currency unit spent (0.05 = 1 point per 20).'),
  byCategory: z
    .record(z.string().min(1), numberIn(NON_NEGATIVE_RATE))
    .optional()
    .describe('Earn rate per category, e.g. { fuel: 0.1, shop: 0.3 }; categories not listed earn earnRate.'),
  rounding: choice(['floor', 'round', 'none']).prefault('floor').describe('Rounding of the points earned on one purchase.'),
  welcomeBonus: numberIn(NON_NEGATIVE).prefault(0).describe('Points credited when a member joins.'),
  pendingDays: integerIn(NON_NEGATIVE).prefault(0).describe('Days before earned points can be redeemed.'),
  expiryMonths: integerIn(POSITIVE).optional().describe('Months after which points expire, oldest first; absent: never.'),
  minimumToRedeem: numberIn(NON_NEGATIVE).prefault(0).describe('Smallest usable balance a member can redeem from.'),
  maxShareOfPurchase: numberIn(SHARE).prefault(1).describe('Largest share of one purchase payable with points (0.2 or "20%").'),
  faceValue: numberIn(POSITIVE).describe('Value of one point to the customer, in the currency.'),
  costPerPoint: uncertainIn(NON_NEGATIVE)
    .optional()
    .describe('Cost to the business of one redeemed point (the reward\'s cost, not its price); default: faceValue.'),
  // Optional rather than defaulted to 0: an absent fee draws no number, so adding this key left
  // the draws of every existing scenario, and hence its results, unchanged.
  cardFee: uncertainIn(NON_NEGATIVE)
    .optional()
    .describe('One-off fee the member pays for the card on joining, booked as fee income in the joining month; default 0.'),
})
  .transform((points) => ({
    ...points,
    costPerPoint: points.costPerPoint ?? { dist: 'fixed' as const, value: points.faceValue },
  }))
  .describe('How points are earned, expire and are redeemed.');

export const redemptionSchema = strictObject({
  probability: uncertainIn(SHARE).describe('Chance that an eligible member redeems at a purchase.'),
  neverRedeemShare: uncertainIn(SHARE).prefault(0).describe('Share of members who never redeem.'),
}).describe('How members redeem their points.');
