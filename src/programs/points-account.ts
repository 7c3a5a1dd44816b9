/**
 * A member's points account with the earning and redemption rules of a points block
 * (`PointsMechanics` and `RedemptionBehaviour`, as in bonus.ts), for program types whose points
 * work like a bonus program's but differ around them: tiered programs multiply what a purchase
 * earns by the tier's multiplier, coalition programs price points issued and redeemed with an
 * operator. The balance itself lives in a `PointsLedger` (oldest first, expiry, pending days,
 * exact units).
 *
 * Rules, as in bonus.ts:
 * - earned points = amount x earn rate of the category x multiplier, rounded (floor | round | none);
 * - a member who is not a never-redeemer (decided once, on enrolment, from the member's uniform)
 *   with a usable balance >= minimumToRedeem redeems on a purchase with probability `probability`
 *   (the purchase's uniform), spending min(usable, maxShareOfPurchase x amount / faceValue) points;
 * - at a month end the whole balance of a member who still buys and redeems at all is expected to
 *   be redeemed later (`pointsRedeemable`);
 * - a new member pays `cardFee` once, booked as fee income in the month of enrolment.
 */
import type { PointsMechanics, PointsRounding, RedemptionBehaviour } from './bonus.js';
import { PointsLedger, pointsToUnits, unitsToPoints, UNITS_PER_POINT } from './points-ledger.js';
import type { MemberEvent, ProgramContext, ProgramEventOutcome } from './program.js';

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
    this.rounding = points.rounding ?? 'floor';
    this.granularityUnits = this.rounding === 'none' ? 1 : UNITS_PER_POINT;
    this.welcomeBonusUnits = pointsToUnits(points.welcomeBonus ?? 0);
    this.cardFee = points.cardFee ?? 0;
    this.minimumToRedeemUnits = pointsToUnits(points.minimumToRedeem ?? 0);
    this.maxShareOfPurchase = points.maxShareOfPurchase ?? 1;
    this.faceValue = points.faceValue;
    this.redemptionProbability = redemption.probability;
    this.neverRedeemShare = redemption.neverRedeemShare;
    this.ledger.configure(points.pendingDays ?? 0, points.expiryMonths);
  }

  /**
   * A new member: empty account, never-redeemer or not, welcome bonus credited (sets
   * `pointsIssued`), card fee paid (sets `feeIncome` and `feePayments`).
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
      out.feeIncome = this.cardFee;
      out.feePayments = 1;
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
