/**
 * The points block (`points` and `redemption` in YAML: how many points a purchase earns, when they
 * become usable and expire, what they are worth when redeemed, what the card costs the member, and
 * how members redeem) and a member's points account that applies its rules. Bonus programs use it
 * as it is; other types whose points work like a bonus program's differ around it: tiered
 * programs multiply what a purchase earns by the tier's multiplier, paid programs by theirs,
 * coalition programs price points issued and redeemed with an operator. The balance itself lives in a `PointsLedger` (oldest first, expiry, pending days,
 * exact units).
 *
 * Rules, as in bonus.ts:
 * - earned points = amount x earn rate of the category x multiplier, rounded (floor | round | none);
 * - a member who is not a never-redeemer (decided once, on enrolment, from the member's uniform)
 *   with a usable balance >= minimumToRedeem redeems on a purchase with probability `probability`
 *   (the purchase's uniform), spending min(usable, maxShareOfPurchase x amount / faceValue) points;
 * - at a month end the whole balance of a member who still buys and redeems at all is expected to
 *   be redeemed later (`pointsRedeemable`);
 * - a new member pays `cardFee` once, on enrolment: collected and earned in the month of
 *   enrolment. It pays for the card, which the member is handed then, not for a period of
 *   membership, so nothing of it is deferred (a membership fee charged with it, as in a paid club,
 *   is earned over its period: ProgramEventOutcome.feeEarnedAtOnce keeps the two apart).
 */
import * as z from 'zod';
import type { Drawn } from '../schema/draw-assumptions.js';
import { choice } from '../schema/choice-schema.js';
import { integerIn, numberIn, uncertainIn } from '../schema/number-schemas.js';
import { strictObject } from '../schema/strict-object.js';
import { NON_NEGATIVE, NON_NEGATIVE_RATE, POSITIVE, SHARE } from '../schema/value-ranges.js';
import { checkCategories } from './parameter-checks.js';
import { PointsLedger, pointsToUnits, unitsToPoints, UNITS_PER_POINT } from './points-ledger.js';
import type { MemberEvent, ProgramContext, ProgramEventOutcome } from './program.js';

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
    .describe('One-off fee the member pays for the card on joining, collected and earned in the joining month; default 0.'),
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

/** One iteration's points block. */
export type PointsMechanics = Drawn<z.output<typeof pointsSchema>>;
/** One iteration's redemption behaviour. */
export type RedemptionBehaviour = Drawn<z.output<typeof redemptionSchema>>;
export type PointsRounding = PointsMechanics['rounding'];

/** The categories `byCategory` names must be the data's (`field`: the points block's key). */
export function checkPointsCategories(points: PointsMechanics, field: string, context: ProgramContext): void {
  checkCategories(Object.keys(points.byCategory ?? {}), context.categoryNames, `${field}.byCategory`);
}

/** Tolerance for floating-point noise when rounding points down (in points). */
const FLOOR_SLACK = 1e-9;

export class PointsAccount {
  readonly ledger: PointsLedger;
  private readonly earnRates: Float64Array;
  private rounding: PointsRounding = 'floor';
  private granularityUnits = UNITS_PER_POINT;
  private welcomeBonusUnits = 0;
  private cardFee = 0;
  private minimumToRedeemUnits = 0;
  private maxShareOfPurchase = 1;
  /** Currency value of one point to the customer. */
  faceValue = 1;
  private redemptionProbability = 0;
  private neverRedeemShare = 0;

  private neverRedeems = false;
  private stillBuying = true;

  constructor(private readonly context: ProgramContext) {
    this.ledger = new PointsLedger(context.horizonMonths);
    this.earnRates = new Float64Array(context.categoryNames.length);
  }

  configure(points: PointsMechanics, redemption: RedemptionBehaviour): void {
    const names = this.context.categoryNames;
    for (let category = 0; category < names.length; category++) {
      this.earnRates[category] = points.byCategory?.[names[category]] ?? points.earnRate;
    }
    this.rounding = points.rounding;
    this.granularityUnits = this.rounding === 'none' ? 1 : UNITS_PER_POINT;
    this.welcomeBonusUnits = pointsToUnits(points.welcomeBonus);
    this.cardFee = points.cardFee ?? 0;
    this.minimumToRedeemUnits = pointsToUnits(points.minimumToRedeem);
    this.maxShareOfPurchase = points.maxShareOfPurchase;
    this.faceValue = points.faceValue;
    this.redemptionProbability = redemption.probability;
    this.neverRedeemShare = redemption.neverRedeemShare;
    this.ledger.configure(points.pendingDays, points.expiryMonths);
  }

  /**
   * A new member: empty account, never-redeemer or not, welcome bonus credited (sets
   * `pointsIssued`), card fee paid (adds to `feesCollected`, `feeEarnedAtOnce` and `feePayments`;
   * the fee is earned on the day of joining, when the card is handed over).
   */
  enrol(event: MemberEvent, out: ProgramEventOutcome): void {
    this.ledger.reset();
    this.neverRedeems = event.uniform < this.neverRedeemShare;
    this.stillBuying = true;
    if (this.welcomeBonusUnits > 0) {
      this.ledger.earn(event.day, event.month, this.welcomeBonusUnits);
      out.pointsIssued = unitsToPoints(this.welcomeBonusUnits);
    }
    if (this.cardFee > 0) {
      out.feesCollected += this.cardFee;
      out.feeEarnedAtOnce += this.cardFee;
      out.feePayments += 1;
      out.feePeriodStartDay = event.day;
    }
  }

  /**
   * Redeem on a purchase if the member does (see the file comment): sets `pointsRedeemed` and
   * `paidWithPoints` and returns the points redeemed (0 when none). `uniform` decides whether the
   * member redeems (default: the purchase's own).
   */
  redeem(event: MemberEvent, out: ProgramEventOutcome, uniform = event.uniform): number {
    if (this.neverRedeems) return 0;
    const usable = this.ledger.usableUnits(event.day);
    if (usable <= 0 || usable < this.minimumToRedeemUnits || uniform >= this.redemptionProbability) return 0;
    const capUnits = this.roundDown((this.maxShareOfPurchase * event.amount * UNITS_PER_POINT) / this.faceValue);
    const units = Math.min(this.roundDown(usable), capUnits);
    if (units <= 0) return 0;
    this.ledger.redeem(units, event.day);
    const points = unitsToPoints(units);
    out.pointsRedeemed = points;
    out.paidWithPoints = points * this.faceValue;
    return points;
  }

  /** Points (in units) a purchase earns at its category's rate times `multiplier`, rounded. */
  earnedUnits(event: MemberEvent, multiplier: number): number {
    return this.roundEarned(event.amount * this.earnRates[event.category] * multiplier);
  }

  /** Units for `points` earned, by the rounding rule. */
  roundEarned(points: number): number {
    switch (this.rounding) {
      case 'floor':
        return Math.floor(points + FLOOR_SLACK) * UNITS_PER_POINT;
      case 'round':
        return Math.round(points) * UNITS_PER_POINT;
      case 'none':
        return Math.round(points * UNITS_PER_POINT);
    }
  }

  /** Credit `units` earned on the event's day (adds to `pointsIssued`); returns the points. */
  credit(event: MemberEvent, units: number, out: ProgramEventOutcome): number {
    if (units <= 0) return 0;
    this.ledger.earn(event.day, event.month, units);
    const points = unitsToPoints(units);
    out.pointsIssued += points;
    return points;
  }

  /**
   * Month end: expire what falls due and report the stocks (`pointsOutstanding`,
   * `pointsRedeemable`, and `liability` at `costPerPoint` per redeemable point).
   */
  monthEnd(month: number, costPerPoint: number, out: ProgramEventOutcome): void {
    const expired = this.ledger.expireAtMonthEnd(month);
    if (expired > 0) out.pointsExpired = unitsToPoints(expired);
    const outstanding = unitsToPoints(this.ledger.balanceUnits);
    out.pointsOutstanding = outstanding;
    const redeemable = this.stillBuying && !this.neverRedeems && this.redemptionProbability > 0 ? outstanding : 0;
    out.pointsRedeemable = redeemable;
    out.liability = redeemable * costPerPoint;
  }

  /** The member stopped buying: nothing of the balance is expected to be redeemed any more. */
  leave(): void {
    this.stillBuying = false;
  }

  private roundDown(units: number): number {
    const g = this.granularityUnits;
    return Math.floor(units / g + FLOOR_SLACK) * g;
  }
}
