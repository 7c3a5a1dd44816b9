/**
 * `type: threshold-gift`: one gift each time a member's visits or spend reach a threshold — a stamp
 * card ("10th coffee free") or "1 free item per 50 spent" (see programs/threshold-gift.ts).
 */
import * as z from 'zod';
import { choice } from '../../schema/choice-schema.js';
import { integerIn, numberIn, uncertainIn } from '../../schema/number-schemas.js';
import { strictObject } from '../../schema/strict-object.js';
import { NON_NEGATIVE, POSITIVE, SHARE } from '../../schema/value-ranges.js';
import { memberProgramShape, programIdentity } from './common.js';
import { MINIMUM_GIFT_THRESHOLD } from '../../programs/threshold-gift.js';

export const giftSchema = strictObject({
  countOn: choice(['visits', 'spend']).describe('What earns stamps: visits (one per purchase) or spend (one per currency unit).'),
  threshold: numberIn(POSITIVE).describe('Stamps per gift: 10 visits, or 50 spent.'),
  giftValue: numberIn(NON_NEGATIVE).describe("The gift's price to the customer."),
  giftCost: uncertainIn(NON_NEGATIVE).describe('What one gift costs the business (its cost, not its price).'),
  minimumPurchase: numberIn(NON_NEGATIVE).prefault(0).describe('Smallest purchase that earns stamps.'),
  expiryMonths: integerIn(POSITIVE).optional().describe('Months after which stamps expire, oldest first; absent: never.'),
})
  .superRefine((gift, ctx) => {
    if (gift.countOn === 'visits' && !Number.isInteger(gift.threshold)) {
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: `a number of visits must be whole, got ${gift.threshold}`, input: gift.threshold });
    }
    if (gift.threshold < MINIMUM_GIFT_THRESHOLD) {
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: `must be at least ${MINIMUM_GIFT_THRESHOLD}, got ${gift.threshold}`, input: gift.threshold });
    }
  })
  .describe('The stamp card: what earns stamps and what a full card gives.');

export const giftClaimSchema = strictObject({
  probability: uncertainIn(SHARE).prefault(1).describe('Chance that a member with a full card claims the gift at a purchase.'),
  neverRedeemShare: uncertainIn(SHARE).prefault(0).describe('Share of members who never claim (lose the card).'),
}).describe('How members claim their gifts.');

export const thresholdGiftProgramSchema = strictObject({
  ...programIdentity,
  type: z.literal('threshold-gift'),
  ...memberProgramShape,
  gift: giftSchema,
  redemption: giftClaimSchema.prefault({}),
}).describe('One gift after a number of visits or an amount spent (stamp card).');
