/**
 * Type `paid`: a membership the customer pays for (a club, a rail card). Members pay `fee` per
 * period (a month or a year) and get, on every purchase, `discountPercent` off and a free delivery
 * worth `deliveryValuePerOrder` to them that costs the business `deliveryCostPerOrder`. A points
 * multiplier is not a benefit of this type: combine a bonus program for that.
 *
 * Fees. The first fee is charged on joining; a period ends at the month end `periodMonths` months
 * after the joining month's start (periods run from month end to month end, so a customer who
 * joins mid-month gets a slightly shorter first period). At a period end the member renews or
 * leaves; a renewal charges the next fee at that month end, unless the next period starts after the
 * horizon. Hence, exactly, fee income = fee x (joiners + renewals within the horizon).
 *
 * Joining. `joining: share` uses the enrolment block (share and self-selection) like any program.
 * `joining: rational`: a customer joins when the benefit they can expect over one period exceeds
 * fee x hurdle, with noise. Expected benefit, from the customer's own traits with the program's
 * effects applied (rate lambda' per day, dropout p' per purchase, mean purchase value V'):
 *     N = (1 - exp(-lambda' p' D)) / p'      expected purchases in D days while possibly dropping
 *                                            out (BG/NBD individual level, Fader, Hardie and Lee
 *                                            2005, eq. 3); lambda' D when p' = 0
 *     B = N x (discountPercent x V' + deliveryValuePerOrder)
 * Noise model: the customer misjudges the ratio B / (fee x hurdle) by a logistic error of scale
 * `noise` on the log scale, so
 *     P(join) = 1 / (1 + (fee x hurdle / B)^(1 / noise))
 * and the customer joins when their enrolment uniform is below P(join). noise 0: exactly those with
 * B > fee x hurdle join; B 28% above the hurdle (e^0.25) with noise 0.25 joins with odds e, i.e.
 * 73%. fee x hurdle = 0: everyone joins.
 *
 * Renewal, whatever the joining rule: the same formula with B = the benefit the member actually got
 * in the period (discounts + delivery value), decided by the member's uniform for that month end.
 * A member who has dropped out (stopped buying) does not renew. The period is counted as falling
 * short when B < fee.
 *
 * Breakdown (who joins and whether it pays): members are grouped by the benefit they could expect
 * on joining, by the formula above, against the fee: below it (joined on a misjudgement, or by the
 * enrolment share), up to twice the fee, or more (heavy buyers who self-select in).
 */
import { checkNumber } from './parameter-checks.js';
import type { EnrolmentCandidate, MemberEvent, ProgramCommon, ProgramContext, ProgramEventOutcome, ProgramPolicy, ProgramPolicyType } from './program.js';
import { DAYS_PER_MONTH } from '../sim/calendar.js';
import { UserInputError } from '../errors.js';

export type MembershipPeriod = 'month' | 'year';
export type JoiningRule = 'share' | 'rational';

export interface PaidMechanics {
  /** Fee per period, in the currency, >= 0. */
  fee: number;
  period: MembershipPeriod;
  /** Discount on every member purchase, in [0, 1]. */
  discountPercent: number;
  /** Value of the free delivery of one order to the member. */
  deliveryValuePerOrder: number;
  /** Cost of the free delivery of one order to the business. */
  deliveryCostPerOrder: number;
  joining: JoiningRule;
  /** A customer joins or renews when the benefit exceeds fee x hurdle (>= 0). */
  hurdle: number;
  /** Scale of the logistic misjudgement of benefit / (fee x hurdle) on the log scale (>= 0). */
  noise: number;
}

export interface ResolvedPaidProgram extends ProgramCommon {
  type: 'paid';
  paid: PaidMechanics;
}

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

/**
 * Expected purchases in `days` days of a customer buying at `ratePerDay` who drops out with
 * probability `dropout` after each purchase: (1 - exp(-rate dropout days)) / dropout.
 */
export function individualExpectedPurchases(ratePerDay: number, dropout: number, days: number): number {
  if (dropout <= 0) return ratePerDay * days;
  return -Math.expm1(-ratePerDay * dropout * days) / dropout;
}

class PaidPolicy implements ProgramPolicy<ResolvedPaidProgram> {
  private mechanics!: PaidMechanics;
  private frequencyFactor = 1;
  private dropoutFactor = 1;
  private valueFactor = 1;
  private months = 12;

  private nextPeriodEnd = 0;
  private periodBenefit = 0;
  private stillBuying = true;

  constructor(private readonly context: ProgramContext) {}

  configure(parameters: ResolvedPaidProgram): void {
    this.mechanics = parameters.paid;
    this.frequencyFactor = 1 + parameters.effects.frequencyUplift;
    this.dropoutFactor = 1 - parameters.effects.churnReduction;
    this.valueFactor = 1 + parameters.effects.spendUplift;
    this.months = periodMonths(parameters.paid.period);
  }

  decidesEnrolment(): boolean {
    return this.mechanics.joining === 'rational';
  }

  /** Rational joining: the expected benefit over one period against fee x hurdle (file comment). */
  joins(candidate: EnrolmentCandidate): boolean {
    const m = this.mechanics;
    return candidate.uniform < joiningProbability(this.expectedBenefit(candidate), m.fee, m.hurdle, m.noise);
  }

  /** B: expected benefit over one period from the customer's traits, with the program's effects. */
  private expectedBenefit(traits: { ratePerDay: number; dropout: number; meanPurchaseValue: number }): number {
    const m = this.mechanics;
    const purchases = individualExpectedPurchases(traits.ratePerDay * this.frequencyFactor, traits.dropout * this.dropoutFactor, this.months * DAYS_PER_MONTH);
    return purchases * (m.discountPercent * traits.meanPurchaseValue * this.valueFactor + m.deliveryValuePerOrder);
  }

  enrol(event: MemberEvent, out: ProgramEventOutcome): void {
    const expected = this.expectedBenefit(event);
    const fee = this.mechanics.fee;
    out.group = expected < fee ? 0 : expected <= 2 * fee ? 1 : 2;
    this.nextPeriodEnd = event.month + this.months - 1;
    this.periodBenefit = 0;
    this.stillBuying = true;
    out.feeIncome = this.mechanics.fee;
    out.feePayments = 1;
  }

  purchase(event: MemberEvent, out: ProgramEventOutcome): void {
    const m = this.mechanics;
    const discount = event.amount * m.discountPercent;
    out.discount = discount;
    out.benefitCost = m.deliveryCostPerOrder;
    this.periodBenefit += discount + m.deliveryValuePerOrder;
  }

  monthEnd(event: MemberEvent, out: ProgramEventOutcome): void {
    const m = this.mechanics;
    if (event.month === this.nextPeriodEnd) {
      out.periodsEnded = 1;
      if (this.periodBenefit < m.fee) out.benefitShortfalls = 1;
      const renews = this.stillBuying && event.uniform < joiningProbability(this.periodBenefit, m.fee, m.hurdle, m.noise);
      if (renews) {
        out.renewals = 1;
        // The next period's fee, unless that period starts after the horizon.
        if (event.month + 1 < this.context.horizonMonths) {
          out.feeIncome = m.fee;
          out.feePayments = 1;
        }
        this.nextPeriodEnd += this.months;
        this.periodBenefit = 0;
      } else {
        out.member = false;
      }
    }
    // Nothing happens on its own before the next period end.
    out.quietUntilMonth = this.nextPeriodEnd;
  }

  leave(): void {
    this.stillBuying = false;
  }
}

export const paidProgram: ProgramPolicyType<ResolvedPaidProgram> = {
  type: 'paid',
  validate(parameters, field) {
    const m = parameters.paid;
    if (m === undefined) throw new UserInputError('a paid program needs a `paid` block', { field });
    const f = `${field}.paid`;
    checkNumber(m.fee, `${f}.fee`, { min: 0 });
    if (m.period !== 'month' && m.period !== 'year') throw new UserInputError(`must be month or year, got ${String(m.period)}`, { field: `${f}.period` });
    checkNumber(m.discountPercent, `${f}.discountPercent`, { min: 0, max: 1 });
    checkNumber(m.deliveryValuePerOrder, `${f}.deliveryValuePerOrder`, { min: 0 });
    checkNumber(m.deliveryCostPerOrder, `${f}.deliveryCostPerOrder`, { min: 0 });
    if (m.joining !== 'share' && m.joining !== 'rational') {
      throw new UserInputError(`must be share or rational, got ${String(m.joining)}`, { field: `${f}.joining` });
    }
    checkNumber(m.hurdle, `${f}.hurdle`, { min: 0 });
    checkNumber(m.noise, `${f}.noise`, { min: 0 });
  },
  create: (context) => new PaidPolicy(context),
  breakdownGroups: () => PAID_GROUPS,
};
