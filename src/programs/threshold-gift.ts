/**
 * Type `threshold-gift`: one gift each time a member's visits or spend reach a threshold — the
 * stamp card ("10th coffee free": a stamp per visit, a gift at 10 stamps) and "1 free item per 50
 * spent" (a stamp per currency unit, a gift at 50).
 *
 * A stamp card is a points program whose only reward costs exactly `threshold` points, so stamps
 * are kept in the points ledger (points-ledger.ts): optional expiry comes for free, and stamps
 * issued = redeemed + expired + outstanding holds exactly, so breakage and the liability of unused
 * stamps are reported like any points program's.
 *
 * On each member purchase of at least `minimumPurchase`:
 * 1. the purchase earns its stamps: 1 (`countOn: visits`) or its amount (`countOn: spend`);
 * 2. then, if the member claims gifts at all (not one of the `neverRedeemShare`, decided once on
 *    enrolment) and claims on this purchase (probability `redemption.probability`), they take
 *        gifts = floor(stamps / threshold)
 *    and give up gifts x threshold stamps, oldest first. So the 10th coffee is the free one.
 * A gift costs the business `giftCost` (its cost, not its price: domain.md section 3); the
 * customer receives `giftValue`, reported as paid with points.
 * Liability at a month end: stamps of members still buying who claim, x giftCost / threshold.
 */
import { checkNumber } from './parameter-checks.js';
import { PointsLedger, pointsToUnits, unitsToPoints } from './points-ledger.js';
import type { RedemptionBehaviour } from './bonus.js';
import type { MemberEvent, ProgramCommon, ProgramContext, ProgramEventOutcome, ProgramPolicy, ProgramPolicyType } from './program.js';
import { UserInputError } from '../errors.js';

export interface GiftMechanics {
  /** What earns stamps: each visit (purchase) one, or each currency unit spent one. */
  countOn: 'visits' | 'spend';
  /** Stamps (visits or spend) per gift. */
  threshold: number;
  /** Price of the gift to the customer. */
  giftValue: number;
  /** Cost of one gift to the business. */
  giftCost: number;
  /** Purchases below this amount earn no stamp. Default 0. */
  minimumPurchase?: number;
  /** Months after the earning month at whose end stamps expire; undefined or null: never. */
  expiryMonths?: number | null;
}

export interface ResolvedThresholdGiftProgram extends ProgramCommon {
  type: 'threshold-gift';
  gift: GiftMechanics;
  redemption: RedemptionBehaviour;
}

class ThresholdGiftPolicy implements ProgramPolicy<ResolvedThresholdGiftProgram> {
  private readonly ledger: PointsLedger;
  private perVisit = true;
  private thresholdUnits = 1;
  private giftValue = 0;
  private giftCost = 0;
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
    this.giftValue = gift.giftValue;
    this.giftCost = gift.giftCost;
    this.minimumPurchase = gift.minimumPurchase ?? 0;
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
    out.rewardCost = gifts * this.giftCost;
    out.paidWithPoints = gifts * this.giftValue;
  }

  monthEnd(event: MemberEvent, out: ProgramEventOutcome): void {
    const expired = this.ledger.expireAtMonthEnd(event.month);
    if (expired > 0) out.pointsExpired = unitsToPoints(expired);
    const outstanding = unitsToPoints(this.ledger.balanceUnits);
    out.pointsOutstanding = outstanding;
    const redeemable = this.stillBuying && !this.neverClaims && this.claimProbability > 0 ? outstanding : 0;
    out.pointsRedeemable = redeemable;
    out.liability = (redeemable * this.giftCost) / unitsToPoints(this.thresholdUnits);
    out.member = true;
    out.quietUntilMonth = this.ledger.nextExpiryMonth();
  }

  leave(): void {
    this.stillBuying = false;
  }
}

/**
 * Smallest threshold a card may have: stamps are kept in the points ledger's units of 1/1024
 * (points-ledger.ts), so a smaller threshold would round to no units and a card would never fill.
 */
export const MINIMUM_GIFT_THRESHOLD = 0.01;

export const thresholdGiftProgram: ProgramPolicyType<ResolvedThresholdGiftProgram> = {
  type: 'threshold-gift',
  validate(parameters, field) {
    const gift = parameters.gift;
    if (gift === undefined) throw new UserInputError('a threshold-gift program needs a `gift` block', { field });
    if (parameters.redemption === undefined) throw new UserInputError('a threshold-gift program needs a `redemption` block', { field });
    const f = `${field}.gift`;
    if (gift.countOn !== 'visits' && gift.countOn !== 'spend') {
      throw new UserInputError(`must be visits or spend, got ${String(gift.countOn)}`, { field: `${f}.countOn` });
    }
    checkNumber(gift.threshold, `${f}.threshold`, { min: MINIMUM_GIFT_THRESHOLD, integer: gift.countOn === 'visits' });
    checkNumber(gift.giftValue, `${f}.giftValue`, { min: 0 });
    checkNumber(gift.giftCost, `${f}.giftCost`, { min: 0 });
    if (gift.minimumPurchase !== undefined) checkNumber(gift.minimumPurchase, `${f}.minimumPurchase`, { min: 0 });
    if (gift.expiryMonths !== undefined && gift.expiryMonths !== null) checkNumber(gift.expiryMonths, `${f}.expiryMonths`, { min: 0, integer: true });
    checkNumber(parameters.redemption.probability, `${field}.redemption.probability`, { min: 0, max: 1 });
    checkNumber(parameters.redemption.neverRedeemShare, `${field}.redemption.neverRedeemShare`, { min: 0, max: 1 });
  },
  create: (context) => new ThresholdGiftPolicy(context),
};
