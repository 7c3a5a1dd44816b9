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
 *    (a free coffee costs the shop its cost, not its price: docs/methods.md section 3).
 * 2. Earning on the purchase's full price (as in the worked example of docs/methods.md section 3,
 *    where a purchase partly paid with points still earns its 5%):
 *        points = amount x (byCategory[category] ?? earnRate), then rounded (floor | round | none).
 *    Floor allows 1e-9 point of floating-point slack, so 100 x 0.29 earns 29 points, not 28.
 * A welcome bonus is credited on enrolment. Whether a member never redeems is decided once, on
 * enrolment, with probability `redemption.neverRedeemShare`.
 *
 * Card fee. A member pays `cardFee` once, on enrolment, collected and earned (it pays for the card,
 * handed over then) in the month of enrolment: N members enrolled in a month bring exactly
 * N x cardFee of fees collected and of fee revenue that month. Members are the
 * customers who chose to buy the card, so `enrolment.share` is the share who buy it; the fee
 * itself does not change who joins or how they buy (that is `enrolment` and `effects`).
 *
 * At each month end the member's outstanding points are reported, and whether the member still
 * buys and redeems at all (their balance as `pointsRedeemable`, else 0). What becomes of the
 * points outstanding at the horizon's end is found by the engine's run-off (../run-off.ts).
 *
 * The account rules (earning, rounding, redemption, month-end stocks, card fee) live in
 * ../points-account.ts, shared with the tiered and coalition types; this file adds the reward cost.
 */
import { programSchema } from '../common.js';
import { checkPointsCategories, PointsAccount, pointsSchema, redemptionSchema } from '../points-account.js';
import type { PointsLedger } from '../points-ledger.js';
import { programModule, type MemberEvent, type ProgramContext, type ProgramEventOutcome, type ProgramPolicy, type ResolvedParameters } from '../program.js';

const bonusProgramSchema = programSchema('bonus', {
  points: pointsSchema,
  redemption: redemptionSchema,
}).describe('Members earn points on purchases and redeem them later.');

export type ResolvedBonusProgram = ResolvedParameters<typeof bonusProgramSchema>;

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
    if (redeemed > 0) {
      out.rewardCost = redeemed * this.costPerPoint;
      out.redemptionCost = out.rewardCost;
    }
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

  heldPoints(): PointsLedger {
    return this.account.ledger;
  }
}

export const bonusProgram = programModule({
  schema: bonusProgramSchema,
  create: (context) => new BonusPolicy(context),
  checkContext: (parameters, field, context) => checkPointsCategories(parameters.points, `${field}.points`, context),
  pointFaceValue: (parameters) => parameters.points.faceValue,
});
