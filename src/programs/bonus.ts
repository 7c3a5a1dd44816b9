/**
 * Type `bonus`: members earn points on purchases and pay part of later purchases with them.
 *
 * On each purchase, in this order:
 * 1. Redemption. An eligible member — not a never-redeemer, usable balance >= minimumToRedeem —
 *    redeems with probability `redemption.probability` (decided by the purchase's own uniform).
 *    They spend, oldest points first,
 *        points = min(usable balance, maxShareOfPurchase x amount / faceValue)
 *    rounded down to whole points (to 1/1024 point with rounding `none`). The member pays
 *    points x faceValue of the price with points; the business bears points x costPerPoint
 *    (a free coffee costs the shop its cost, not its price: domain.md section 3).
 * 2. Earning on the purchase's full price (as in domain.md's worked example, where a purchase partly
 *    paid with points still earns its 5%):
 *        points = amount x (byCategory[category] ?? earnRate), then rounded (floor | round | none).
 *    Floor allows 1e-9 point of floating-point slack, so 100 x 0.29 earns 29 points, not 28.
 * A welcome bonus is credited on enrolment. Whether a member never redeems is decided once, on
 * enrolment, with probability `redemption.neverRedeemShare`.
 *
 * Card fee. A member pays `cardFee` once, on enrolment, booked as fee income in the month of
 * enrolment: N members enrolled in a month bring exactly N x cardFee that month. Members are the
 * customers who chose to buy the card, so `enrolment.share` is the share who buy it; the fee
 * itself does not change who joins or how they buy (that is `enrolment` and `effects`).
 *
 * At each month end the member's outstanding points are reported, and the part expected to be
 * redeemed later: the whole balance of a member who is still buying and redeems at all, nothing
 * otherwise. This counts every point of an active redeemer as future redemption (an upper bound:
 * some will expire or stay below the minimum), so breakage is not overstated and the liability is
 * prudent.
 */
import { checkCategories, checkNumber } from './parameter-checks.js';
import { PointsLedger, pointsToUnits, unitsToPoints, UNITS_PER_POINT } from './points-ledger.js';
import type { MemberEvent, ProgramCommon, ProgramContext, ProgramEventOutcome, ProgramPolicy, ProgramPolicyType } from './program.js';
import { UserInputError } from '../errors.js';

export type PointsRounding = 'floor' | 'round' | 'none';

export interface PointsMechanics {
  /** Points per currency unit spent (0.05 = 1 point per 20). */
  earnRate: number;
  /** Earn rates of particular categories, overriding `earnRate`. */
  byCategory?: Readonly<Record<string, number>>;
  /** How points earned on a purchase are rounded. Default floor. */
  rounding?: PointsRounding;
  /** Points credited on enrolment. Default 0. */
  welcomeBonus?: number;
  /** Days before earned points can be spent. Default 0. */
  pendingDays?: number;
  /** Months after the earning month at whose end points expire; undefined or null: never. */
  expiryMonths?: number | null;
  /** Usable balance needed before a member can redeem. Default 0. */
  minimumToRedeem?: number;
  /** Largest share of a purchase payable with points, in [0, 1]. Default 1. */
  maxShareOfPurchase?: number;
  /** Currency value of one point to the customer. */
  faceValue: number;
  /** Cost to the business of one point redeemed. */
  costPerPoint: number;
  /** One-off fee the member pays for the card on enrolment (fee income). Default 0. */
  cardFee?: number;
}

export interface RedemptionBehaviour {
  /** Chance that an eligible member redeems on a purchase, in [0, 1]. */
  probability: number;
  /** Share of members who never redeem, in [0, 1]. */
  neverRedeemShare: number;
}

export interface ResolvedBonusProgram extends ProgramCommon {
  type: 'bonus';
  points: PointsMechanics;
  redemption: RedemptionBehaviour;
}

/** Tolerance for floating-point noise when rounding points down (in points). */
const FLOOR_SLACK = 1e-9;

class BonusPolicy implements ProgramPolicy<ResolvedBonusProgram> {
  private readonly ledger: PointsLedger;
  /** Earn rate per category index. */
  private readonly earnRates: Float64Array;
  private rounding: PointsRounding = 'floor';
  /** Smallest amount of points that is earned or redeemed, in units. */
  private granularityUnits = UNITS_PER_POINT;
  private welcomeBonusUnits = 0;
  private cardFee = 0;
  private minimumToRedeemUnits = 0;
  private maxShareOfPurchase = 1;
  private faceValue = 1;
  private costPerPoint = 0;
  private redemptionProbability = 0;
  private neverRedeemShare = 0;

  private neverRedeems = false;
  private stillBuying = true;

  constructor(private readonly context: ProgramContext) {
    this.ledger = new PointsLedger(context.horizonMonths);
    this.earnRates = new Float64Array(context.categoryNames.length);
  }

  configure(parameters: ResolvedBonusProgram): void {
    const points = parameters.points;
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
    this.costPerPoint = points.costPerPoint;
    this.redemptionProbability = parameters.redemption.probability;
    this.neverRedeemShare = parameters.redemption.neverRedeemShare;
    this.ledger.configure(points.pendingDays ?? 0, points.expiryMonths);
  }

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

  purchase(event: MemberEvent, out: ProgramEventOutcome): void {
    const { day, amount } = event;
    if (!this.neverRedeems) {
      const usable = this.ledger.usableUnits(day);
      if (usable > 0 && usable >= this.minimumToRedeemUnits && event.uniform < this.redemptionProbability) {
        const capUnits = this.roundDown((this.maxShareOfPurchase * amount * UNITS_PER_POINT) / this.faceValue);
        const units = Math.min(this.roundDown(usable), capUnits);
        if (units > 0) {
          this.ledger.redeem(units, day);
          const points = unitsToPoints(units);
          out.pointsRedeemed = points;
          out.paidWithPoints = points * this.faceValue;
          out.rewardCost = points * this.costPerPoint;
        }
      }
    }
    const earnedUnits = this.earnedUnits(amount * this.earnRates[event.category]);
    if (earnedUnits > 0) {
      this.ledger.earn(day, event.month, earnedUnits);
      out.pointsIssued = unitsToPoints(earnedUnits);
    }
  }

  monthEnd(event: MemberEvent, out: ProgramEventOutcome): void {
    const expired = this.ledger.expireAtMonthEnd(event.month);
    if (expired > 0) out.pointsExpired = unitsToPoints(expired);
    const outstanding = unitsToPoints(this.ledger.balanceUnits);
    out.pointsOutstanding = outstanding;
    const redeemable = this.stillBuying && !this.neverRedeems && this.redemptionProbability > 0 ? outstanding : 0;
    out.pointsRedeemable = redeemable;
    out.liability = redeemable * this.costPerPoint;
    out.member = true;
    // Until the next expiry, month ends change nothing unless the member buys or leaves.
    out.quietUntilMonth = this.ledger.nextExpiryMonth();
  }

  leave(): void {
    this.stillBuying = false;
  }

  /** Units earned for `points`, by the rounding rule. */
  private earnedUnits(points: number): number {
    switch (this.rounding) {
      case 'floor':
        return Math.floor(points + FLOOR_SLACK) * UNITS_PER_POINT;
      case 'round':
        return Math.round(points) * UNITS_PER_POINT;
      case 'none':
        return Math.round(points * UNITS_PER_POINT);
    }
  }

  /** Round a number of units down to the redemption granularity. */
  private roundDown(units: number): number {
    const g = this.granularityUnits;
    return Math.floor(units / g + FLOOR_SLACK) * g;
  }
}

export const bonusProgram: ProgramPolicyType<ResolvedBonusProgram> = {
  type: 'bonus',
  validate(parameters, field, context) {
    const points = parameters.points;
    if (points === undefined) throw new UserInputError('a bonus program needs a `points` block', { field });
    if (parameters.redemption === undefined) throw new UserInputError('a bonus program needs a `redemption` block', { field });
    const f = `${field}.points`;
    checkNumber(points.earnRate, `${f}.earnRate`, { min: 0 });
    for (const [category, rate] of Object.entries(points.byCategory ?? {})) {
      checkCategories([category], context.categoryNames, `${f}.byCategory`);
      checkNumber(rate, `${f}.byCategory.${category}`, { min: 0 });
    }
    if (points.rounding !== undefined && !['floor', 'round', 'none'].includes(points.rounding)) {
      throw new UserInputError(`must be floor, round or none, got ${String(points.rounding)}`, { field: `${f}.rounding` });
    }
    if (points.welcomeBonus !== undefined) checkNumber(points.welcomeBonus, `${f}.welcomeBonus`, { min: 0 });
    if (points.pendingDays !== undefined) checkNumber(points.pendingDays, `${f}.pendingDays`, { min: 0 });
    if (points.expiryMonths !== undefined && points.expiryMonths !== null) {
      checkNumber(points.expiryMonths, `${f}.expiryMonths`, { min: 0, integer: true });
    }
    if (points.minimumToRedeem !== undefined) checkNumber(points.minimumToRedeem, `${f}.minimumToRedeem`, { min: 0 });
    if (points.maxShareOfPurchase !== undefined) checkNumber(points.maxShareOfPurchase, `${f}.maxShareOfPurchase`, { min: 0, max: 1 });
    checkNumber(points.faceValue, `${f}.faceValue`, { min: 0, exclusive: true });
    checkNumber(points.costPerPoint, `${f}.costPerPoint`, { min: 0 });
    if (points.cardFee !== undefined) checkNumber(points.cardFee, `${f}.cardFee`, { min: 0 });
    checkNumber(parameters.redemption.probability, `${field}.redemption.probability`, { min: 0, max: 1 });
    checkNumber(parameters.redemption.neverRedeemShare, `${field}.redemption.neverRedeemShare`, { min: 0, max: 1 });
  },
  create: (context) => new BonusPolicy(context),
};
