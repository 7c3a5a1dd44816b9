/**
 * Type `paid`: a membership the customer pays for (a club, a rail card). Members pay `fee` per
 * period (a month or a year) and get, on every purchase, `discountPercent` off and a free delivery
 * worth `deliveryValuePerOrder` to them that costs the business `deliveryCostPerOrder`.
 *
 * Points. With a `points` block (and its `redemption` block) members also earn points as in a
 * bonus program (../points-account.ts), on a points base multiplied by `pointsMultiplier` (default 1):
 *     earned points = amount x (byCategory[category] ?? earnRate) x pointsMultiplier, rounded;
 * redemption first, then earning, as in bonus.ts, with its cost by the redemption form (at the till
 * points redeemed x faceValue of cash not taken; as rewards, see bonus.ts).
 * A `points.cardFee` is charged on joining besides the first fee, and earned then (it pays for the
 * card, handed over on joining; see points-account.ts). A member who does not renew
 * forfeits the balance: it is booked as forfeited at that month end (the points were breakage), so
 * issued = redeemed + expired + forfeited + outstanding holds. Without a `points` block nothing of this
 * applies.
 *
 * Fees. Periods run from month end to month end: the first from the joining day to the end of the
 * month `periodMonths` months after the joining month's start (a customer who joins mid-month gets
 * a shorter first period for the same fee), each later one `periodMonths` whole months. The first
 * fee is charged on joining, for the first period. At a period end the member renews or leaves; a
 * renewal's fee is charged at the start of the new period, the first day of the next month, and
 * pays for it. The engine books each fee's cash in the month its period starts, its revenue over
 * the period pro rata by day, and charges no fee for a period that starts after the horizon
 * (sim/membership.ts). Hence, exactly, fees collected = fee x (joiners + renewals whose new period
 * starts within the horizon), and fee revenue = the same fees x the share of their period inside it.
 *
 * Joining. `joining: share` uses the enrolment block (share and self-selection) like any program.
 * Either way members join when the enrolment block says (`at`, `rampMonths`: by default at their
 * first purchase in the horizon, when they buy the card), among the customers who shop in it.
 * `joining: rational`: a customer joins when the benefit they can expect over the first period (the
 * one the first fee pays for: D days from the joining day to its end) exceeds fee x hurdle, with
 * noise. Expected benefit, from the customer's own traits with the program's effects applied (rate
 * lambda' per day, dropout p' per purchase as in the engine (../common.ts, memberDropout), mean
 * purchase value V'):
 *     N = (1 - exp(-lambda' p' D)) / p'      expected purchases in D days while possibly dropping
 *                                            out (BG/NBD individual level, Fader, Hardie and Lee
 *                                            2005, eq. 3); lambda' D when p' = 0
 *     P = N x V' x earnRate x pointsMultiplier x faceValue
 *                                            expected value of the points earned (0 without a
 *                                            `points` block); the base `earnRate`, not the
 *                                            per-category rates (the customer's category mix is not
 *                                            known here), and before rounding
 *     B = N x (discountPercent x V' + deliveryValuePerOrder) + P
 * Noise model: the customer misjudges the ratio B / (fee x hurdle) by a logistic error of scale
 * `noise` on the log scale, so
 *     P(join) = 1 / (1 + (fee x hurdle / B)^(1 / noise))
 * and the customer joins when their enrolment uniform is below P(join). noise 0: exactly those with
 * B > fee x hurdle join; B 28% above the hurdle (e^0.25) with noise 0.25 joins with odds e, i.e.
 * 73%. fee x hurdle = 0: everyone joins.
 *
 * Renewal, whatever the joining rule: the same formula with B = the benefit the member actually got
 * in the period (discounts + delivery value + points earned x faceValue), decided by the member's uniform for that month end.
 * A member who has dropped out (stopped buying) does not renew. The period is counted as falling
 * short when B < fee.
 *
 * Breakdown (who joins and whether it pays): members are grouped by the benefit they could expect
 * on joining, by the formula above, against the fee: below it (joined on a misjudgement, or by the
 * enrolment share), up to twice the fee, or more (heavy buyers who self-select in).
 */
import { DAYS_PER_MONTH } from '../../data/calendar.js';
import { individualExpectedPurchases } from '../../model/bg-nbd-traits.js';
import { choice } from '../../schema/choice-schema.js';
import { numberIn, uncertainIn } from '../../schema/number-schemas.js';
import { strictObject } from '../../schema/strict-object.js';
import { NON_NEGATIVE, SHARE } from '../../schema/value-ranges.js';
import { memberDropout, memberDropoutFactor, programSchema } from '../common.js';
import { checkPointsCategories, checkPointsRedemption, PointsAccount, pointsSchema, redemptionSchema, type RedemptionBehaviour } from '../points-account.js';
import { unitsToPoints, type PointsLedger } from '../points-ledger.js';
import {
  programModule,
  type EnrolmentCandidate,
  type MemberEvent,
  type ProgramContext,
  type ProgramEventOutcome,
  type ProgramPolicy,
  type ResolvedParameters,
} from '../program.js';

const paidMechanicsSchema = strictObject({
  fee: numberIn(NON_NEGATIVE).describe('Membership fee per period, in the currency.'),
  period: choice(['month', 'year']).prefault('year').describe('What one fee buys: a month or a year of membership (default year).'),
  discountPercent: numberIn(SHARE).prefault(0).describe('Discount on every member purchase (0.5 or "50%").'),
  deliveryValuePerOrder: numberIn(NON_NEGATIVE).prefault(0).describe('Value to the member of the free delivery of one order.'),
  deliveryCostPerOrder: uncertainIn(NON_NEGATIVE).prefault(0).describe('Cost to the business of the free delivery of one order.'),
  joining: choice(['share', 'rational'])
    .prefault('share')
    .describe('share: enrolment.share joins; rational: a customer joins when the benefit they can expect over a period exceeds fee x hurdle.'),
  hurdle: uncertainIn(NON_NEGATIVE).prefault(1).describe('Joining and renewal need an (expected or received) benefit above fee x hurdle (default 1).'),
  noise: uncertainIn(NON_NEGATIVE)
    .prefault(0.25)
    .describe('How much customers misjudge benefit / (fee x hurdle): scale of a logistic error on the log scale (0 = exact; default 0.25).'),
  // Optional rather than defaulted to 1: an absent multiplier draws no number, so the draws and
  // results of every scenario without it stay unchanged.
  pointsMultiplier: uncertainIn(NON_NEGATIVE)
    .optional()
    .describe('Points earned on the points base are multiplied by this (2 = double points); needs a points block; default 1.'),
}).describe('Paid membership: fee, period, benefits, joining and renewal.');

const paidProgramSchema = programSchema('paid', {
  paid: paidMechanicsSchema,
  points: pointsSchema.optional().describe('Base points earned on purchases (before paid.pointsMultiplier); absent: no points.'),
  redemption: redemptionSchema.optional().describe('How members redeem their points; required with points.'),
})
  .superRefine((program, ctx) => {
    if (program.points !== undefined && program.redemption === undefined) {
      ctx.addIssue({ code: 'custom', path: ['points'], message: 'points need a redemption block (redemption: { probability: ... })', input: program.points });
    }
    if (program.points !== undefined && program.redemption !== undefined) checkPointsRedemption(program.points, program.redemption, ctx);
    if (program.paid.pointsMultiplier !== undefined && program.points === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['paid', 'pointsMultiplier'],
        message: 'a points multiplier needs a points block: the points base it multiplies',
        input: program.paid.pointsMultiplier,
      });
    }
  })
  .describe('Customers pay a fee for membership benefits.');

export type ResolvedPaidProgram = ResolvedParameters<typeof paidProgramSchema>;
type PaidMechanics = ResolvedPaidProgram['paid'];
type MembershipPeriod = PaidMechanics['period'];

/** Redemption when a points block comes without one (validation rejects that; configure stays total). */
const NO_REDEMPTION: RedemptionBehaviour = { probability: 0, neverRedeemShare: 1, form: 'till' };

/** Breakdown groups: expected benefit over a period on joining, against the fee. */
export const PAID_GROUPS = ['expected benefit below the fee', '1-2x the fee', 'over 2x the fee'] as const;

/** Months in a membership period. */
export function periodMonths(period: MembershipPeriod): number {
  return period === 'year' ? 12 : 1;
}

/**
 * Probability that a customer expecting `benefit` joins (or renews) at `fee` x `hurdle` with the
 * given noise: 1 / (1 + (fee x hurdle / benefit)^(1 / noise)); a step at benefit = fee x hurdle
 * when noise is 0.
 */
export function joiningProbability(benefit: number, fee: number, hurdle: number, noise: number): number {
  const threshold = fee * hurdle;
  if (threshold <= 0) return 1;
  if (benefit <= 0) return 0;
  if (noise === 0) return benefit > threshold ? 1 : 0;
  return 1 / (1 + Math.pow(threshold / benefit, 1 / noise));
}

class PaidPolicy implements ProgramPolicy<ResolvedPaidProgram> {
  private mechanics!: PaidMechanics;
  private frequencyFactor = 1;
  private dropoutFactor = 1;
  private valueFactor = 1;
  private months = 12;
  private readonly account: PointsAccount;
  private hasPoints = false;
  private pointsMultiplier = 1;
  /** Points value per currency unit of purchase on the base rate: earnRate x multiplier x faceValue. */
  private pointsValuePerCurrency = 0;

  private nextPeriodEnd = 0;
  private periodBenefit = 0;
  private stillBuying = true;

  constructor(context: ProgramContext) {
    this.account = new PointsAccount(context);
  }

  configure(parameters: ResolvedPaidProgram): void {
    this.mechanics = parameters.paid;
    this.frequencyFactor = 1 + parameters.effects.frequencyUplift;
    this.dropoutFactor = memberDropoutFactor(parameters.effects);
    this.valueFactor = 1 + parameters.effects.spendUplift;
    this.months = periodMonths(parameters.paid.period);
    this.hasPoints = parameters.points !== undefined;
    this.pointsMultiplier = parameters.paid.pointsMultiplier ?? 1;
    this.pointsValuePerCurrency = 0;
    if (parameters.points !== undefined) {
      this.account.configure(parameters.points, parameters.redemption ?? NO_REDEMPTION);
      this.pointsValuePerCurrency = parameters.points.earnRate * this.pointsMultiplier * parameters.points.faceValue;
    }
  }

  decidesEnrolment(): boolean {
    return this.mechanics.joining === 'rational';
  }

  /** Rational joining: the expected benefit over the first period against fee x hurdle (file comment). */
  joins(candidate: EnrolmentCandidate): boolean {
    const m = this.mechanics;
    return candidate.uniform < joiningProbability(this.expectedBenefit(candidate), m.fee, m.hurdle, m.noise);
  }

  /** Days of the first period of a member who joins on `day`: to the end of its last month. */
  private firstPeriodDays(day: number): number {
    return (Math.floor(day / DAYS_PER_MONTH) + this.months) * DAYS_PER_MONTH - day;
  }

  /**
   * B: expected benefit over the first period (of a member joining on `traits.day`) from the
   * customer's traits, with the program's effects.
   */
  private expectedBenefit(traits: { day: number; ratePerDay: number; dropout: number; meanPurchaseValue: number }): number {
    const m = this.mechanics;
    const days = this.firstPeriodDays(traits.day);
    const purchases = individualExpectedPurchases(traits.ratePerDay * this.frequencyFactor, memberDropout(traits.dropout, this.dropoutFactor), days);
    const purchaseValue = traits.meanPurchaseValue * this.valueFactor;
    return purchases * ((m.discountPercent + this.pointsValuePerCurrency) * purchaseValue + m.deliveryValuePerOrder);
  }

  enrol(event: MemberEvent, out: ProgramEventOutcome): void {
    const expected = this.expectedBenefit(event);
    const fee = this.mechanics.fee;
    out.group = expected < fee ? 0 : expected <= 2 * fee ? 1 : 2;
    this.nextPeriodEnd = event.month + this.months - 1;
    this.periodBenefit = 0;
    this.stillBuying = true;
    // The account books a card fee, if any (earned at once): add the first fee, for the first period.
    if (this.hasPoints) this.account.enrol(event, out);
    out.feesCollected += fee;
    out.feePayments += 1;
    out.feePeriodStartDay = event.day;
    out.feePeriodDays = (this.nextPeriodEnd + 1) * DAYS_PER_MONTH - event.day;
  }

  purchase(event: MemberEvent, out: ProgramEventOutcome): void {
    const m = this.mechanics;
    const discount = event.amount * m.discountPercent;
    out.discount = discount;
    out.benefitCost = m.deliveryCostPerOrder;
    this.periodBenefit += discount + m.deliveryValuePerOrder;
    if (this.hasPoints) {
      // Redeem first (on the balance before this purchase), then earn on the purchase, as bonus.ts.
      this.account.redeem(event, out);
      const earned = this.account.credit(event, this.account.earnedUnits(event, this.pointsMultiplier), out);
      this.periodBenefit += earned * this.account.faceValue;
    }
  }

  monthEnd(event: MemberEvent, out: ProgramEventOutcome): void {
    const m = this.mechanics;
    if (this.hasPoints) this.account.monthEnd(event.month, out);
    if (event.month === this.nextPeriodEnd) {
      out.periodsEnded = 1;
      if (this.periodBenefit < m.fee) out.benefitShortfalls = 1;
      const renews = this.stillBuying && event.uniform < joiningProbability(this.periodBenefit, m.fee, m.hurdle, m.noise);
      if (renews) {
        out.renewals = 1;
        // The new period's fee, charged when it starts: on the first day of the next month (the
        // engine books it there, and not at all when that is after the horizon).
        out.feesCollected = m.fee;
        out.feePayments = 1;
        out.feePeriodStartDay = (event.month + 1) * DAYS_PER_MONTH;
        out.feePeriodDays = this.months * DAYS_PER_MONTH;
        this.nextPeriodEnd += this.months;
        this.periodBenefit = 0;
      } else {
        out.member = false;
        if (this.hasPoints) this.forfeitPoints(out);
      }
    }
    // Nothing happens on its own before the next period end (or the next expiry of points).
    out.quietUntilMonth = this.hasPoints ? Math.min(this.nextPeriodEnd, this.account.ledger.nextExpiryMonth()) : this.nextPeriodEnd;
  }

  leave(): void {
    this.stillBuying = false;
    if (this.hasPoints) this.account.leave();
  }

  heldPoints(): PointsLedger | null {
    return this.hasPoints ? this.account.ledger : null;
  }

  /** A member who does not renew loses the balance: booked as forfeited, nothing left outstanding. */
  private forfeitPoints(out: ProgramEventOutcome): void {
    const units = this.account.ledger.forfeitAll();
    if (units > 0) out.pointsForfeited = unitsToPoints(units);
    out.pointsOutstanding = 0;
    out.pointsRedeemable = 0;
  }
}

export const paidProgram = programModule({
  schema: paidProgramSchema,
  create: (context) => new PaidPolicy(context),
  checkContext(parameters, field, context) {
    if (parameters.points !== undefined) checkPointsCategories(parameters.points, `${field}.points`, context);
  },
  breakdownGroups: () => PAID_GROUPS,
  pointFaceValue: (parameters) => parameters.points?.faceValue ?? NaN,
});
