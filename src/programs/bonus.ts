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
 *
 * The account rules (earning, rounding, redemption, month-end stocks, card fee) live in
 * points-account.ts, shared with the tiered and coalition types; this file adds the reward cost.
 */
import { checkCategories, checkNumber } from './parameter-checks.js';
import { PointsAccount } from './points-account.js';
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

/** The bonus program's policy: the member's points account, plus the reward cost of redemptions. */
class BonusPolicy implements ProgramPolicy<ResolvedBonusProgram> {
  private readonly account: PointsAccount;
  private costPerPoint = 0;

  constructor(context: ProgramContext) {
    this.account = new PointsAccount(context);
  }

  configure(parameters: ResolvedBonusProgram): void {
    this.account.configure(parameters.points, parameters.redemption);
    this.costPerPoint = parameters.points.costPerPoint;
  }

  enrol(event: MemberEvent, out: ProgramEventOutcome): void {
    this.account.enrol(event, out);
  }

  /** Redeem first (on the balance before this purchase), then earn on the purchase. */
  purchase(event: MemberEvent, out: ProgramEventOutcome): void {
    const redeemed = this.account.redeem(event, out);
    if (redeemed > 0) out.rewardCost = redeemed * this.costPerPoint;
    this.account.credit(event, this.account.earnedUnits(event, 1), out);
  }

  monthEnd(event: MemberEvent, out: ProgramEventOutcome): void {
    this.account.monthEnd(event.month, this.costPerPoint, out);
    out.member = true;
    // Until the next expiry, month ends change nothing unless the member buys or leaves.
    out.quietUntilMonth = this.account.ledger.nextExpiryMonth();
  }

  leave(): void {
    this.account.leave();
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
