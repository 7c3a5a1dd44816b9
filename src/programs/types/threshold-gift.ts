/**
 * Type `threshold-gift`: one gift each time a member's visits or spend reach a threshold — the
 * stamp card ("10th coffee free": a stamp per visit, a gift at 10 stamps) and "1 free item per 50
 * spent" (a stamp per currency unit, a gift at 50).
 *
 * A stamp card is a points program whose only reward costs exactly `threshold` points, so stamps
 * are kept in the points ledger (../points-ledger.ts): optional expiry comes for free, and stamps
 * issued = redeemed + expired + outstanding holds exactly, so breakage and the liability of unused
 * stamps are reported like any points program's.
 *
 * On each member purchase of at least `minimumPurchase`:
 * 1. the purchase earns its stamps: 1 (`countOn: visits`) or its amount (`countOn: spend`);
 * 2. then, if the member claims gifts at all (not one of the `neverRedeemShare`, decided once on
 *    enrolment) and claims on this purchase (probability `redemption.probability`), they take
 *        gifts = floor(stamps / threshold)
 *    and give up gifts x threshold stamps, oldest first. So the 10th coffee is the free one.
 * A gift is a reward (docs/methods.md section 3): the customer receives goods worth `giftValue`
 * that cost the business `giftCost`. Of the gifts, the share d (`gift.displacesPurchase`, default
 * 1: the 10th coffee of a daily customer is one they would have paid for) replaces a paid
 * purchase, whose price the business no longer takes; the rest are goods given on top. Per gift,
 * in expectation (no draw per gift, as for points in the reward form, points-account.ts):
 *     pointsPayments += d x giftValue        rewardCost += (1 - d) x giftCost
 * Stamps held at the horizon's end are followed by the engine's run-off (../run-off.ts); a gift
 * claimed then costs what it costs in the horizon (`redemptionCost`).
 */
import { choice } from '../../schema/choice-schema.js';
import { integerIn, numberIn, uncertainIn } from '../../schema/number-schemas.js';
import { strictObject } from '../../schema/strict-object.js';
import { NON_NEGATIVE, POSITIVE, SHARE } from '../../schema/value-ranges.js';
import { programSchema } from '../common.js';
import { PointsLedger, pointsToUnits, unitsToPoints } from '../points-ledger.js';
import { programModule, type MemberEvent, type ProgramContext, type ProgramEventOutcome, type ProgramPolicy, type ResolvedParameters } from '../program.js';

/**
 * Smallest threshold a card may have: stamps are kept in the points ledger's units of 1/1024
 * (../points-ledger.ts), so a smaller threshold would round to no units and a card would never fill.
 */
const MINIMUM_GIFT_THRESHOLD = 0.01;

const giftSchema = strictObject({
  countOn: choice(['visits', 'spend']).describe('What earns stamps: visits (one per purchase) or spend (one per currency unit).'),
  threshold: numberIn(POSITIVE).describe('Stamps per gift: 10 visits, or 50 spent.'),
  giftValue: numberIn(NON_NEGATIVE).describe("The gift's price to the customer."),
  giftCost: uncertainIn(NON_NEGATIVE).describe('What one gift costs the business (its cost, not its price).'),
  // Optional rather than defaulted: an absent share draws no number, so the draws of cards
  // without it stay as they were.
  displacesPurchase: uncertainIn(SHARE)
    .optional()
    .describe('Share of gifts that replace a purchase the member would have paid for (default 1: the free coffee of a regular).'),
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

const giftClaimSchema = strictObject({
  probability: uncertainIn(SHARE).prefault(1).describe('Chance that a member with a full card claims the gift at a purchase.'),
  neverRedeemShare: uncertainIn(SHARE).prefault(0).describe('Share of members who never claim (lose the card).'),
}).describe('How members claim their gifts.');

const thresholdGiftProgramSchema = programSchema('threshold-gift', {
  gift: giftSchema,
  redemption: giftClaimSchema.prefault({}),
}).describe('One gift after a number of visits or an amount spent (stamp card).');

export type ResolvedThresholdGiftProgram = ResolvedParameters<typeof thresholdGiftProgramSchema>;

class ThresholdGiftPolicy implements ProgramPolicy<ResolvedThresholdGiftProgram> {
  private readonly ledger: PointsLedger;
  private perVisit = true;
  private thresholdUnits = 1;
  /** What one gift books: d x giftValue of price not taken, (1 - d) x giftCost of goods given. */
  private giftPayment = 0;
  private giftRewardCost = 0;
  private minimumPurchase = 0;
  private claimProbability = 1;
  private neverClaimShare = 0;

  private neverClaims = false;
  private stillBuying = true;

  constructor(context: ProgramContext) {
    this.ledger = new PointsLedger(context.horizonMonths);
  }

  configure(parameters: ResolvedThresholdGiftProgram): void {
    const gift = parameters.gift;
    this.perVisit = gift.countOn === 'visits';
    this.thresholdUnits = pointsToUnits(gift.threshold);
    const displaced = gift.displacesPurchase ?? 1;
    this.giftPayment = displaced * gift.giftValue;
    this.giftRewardCost = (1 - displaced) * gift.giftCost;
    this.minimumPurchase = gift.minimumPurchase;
    this.claimProbability = parameters.redemption.probability;
    this.neverClaimShare = parameters.redemption.neverRedeemShare;
    this.ledger.configure(0, gift.expiryMonths);
  }

  enrol(event: MemberEvent): void {
    this.ledger.reset();
    this.neverClaims = event.uniform < this.neverClaimShare;
    this.stillBuying = true;
  }

  purchase(event: MemberEvent, out: ProgramEventOutcome): void {
    if (event.amount < this.minimumPurchase) return;
    const stampUnits = pointsToUnits(this.perVisit ? 1 : event.amount);
    this.ledger.earn(event.day, event.month, stampUnits);
    out.pointsIssued = unitsToPoints(stampUnits);
    if (this.neverClaims || event.uniform >= this.claimProbability) return;
    const gifts = Math.floor(this.ledger.balanceUnits / this.thresholdUnits);
    if (gifts === 0) return;
    const units = gifts * this.thresholdUnits;
    this.ledger.redeem(units, event.day);
    out.pointsRedeemed = unitsToPoints(units);
    out.pointsPayments = gifts * this.giftPayment;
    out.rewardCost = gifts * this.giftRewardCost;
    out.redemptionCost = out.pointsPayments + out.rewardCost;
  }

  monthEnd(event: MemberEvent, out: ProgramEventOutcome): void {
    const expired = this.ledger.expireAtMonthEnd(event.month);
    if (expired > 0) out.pointsExpired = unitsToPoints(expired);
    const outstanding = unitsToPoints(this.ledger.balanceUnits);
    out.pointsOutstanding = outstanding;
    const redeemable = this.stillBuying && !this.neverClaims && this.claimProbability > 0 ? outstanding : 0;
    out.pointsRedeemable = redeemable;
    out.member = true;
    out.quietUntilMonth = this.ledger.nextExpiryMonth();
  }

  leave(): void {
    this.stillBuying = false;
  }

  heldPoints(): PointsLedger {
    return this.ledger;
  }
}

export const thresholdGiftProgram = programModule({
  schema: thresholdGiftProgramSchema,
  create: (context) => new ThresholdGiftPolicy(context),
  /** A stamp is worth its share of the gift: giftValue / threshold. */
  pointFaceValue: (parameters) => parameters.gift.giftValue / parameters.gift.threshold,
});
