/**
 * Type `coalition`: many businesses share one points currency run by an operator. The program is
 * seen from one of two sides (`coalition.view`).
 *
 * Partner view (`view: partner`, the default): you are one business in the network; the customers
 * simulated are yours. On each member purchase, in this order:
 * 1. Redemption at your till, by the rules of a bonus program (points-account.ts): r points pay
 *    r x faceValue of the price. You hand over goods for points instead of cash, so
 *        rewardCost        = r x faceValue
 *    and the operator reimburses you
 *        partnerPaymentsIn = r x reimbursementPerPointRedeemed.
 * 2. Earning: e = amount x earnRate (rounded) points, which you buy from the operator:
 *        partnerPaymentsOut = e x pricePerPointIssued.
 *    The member also earns e x pointsElsewherePerPoint points at other partners (their spend
 *    elsewhere as you see it through their balance); those cost you nothing and may be spent with
 *    you, and the operator reimburses them like your own.
 * 3. At each month end of a member who still buys, the operator's platform fee
 *        partnerPaymentsOut += platformFeePerMemberPerMonth.
 * New customers reach you through the network at `networkArrivalsPerMonth` (a Poisson process of
 * the engine's, in the program's world only); they arrive as members.
 * The points are the operator's obligation, not yours: your liability is 0, and breakage (points
 * that expire or are never spent) is the operator's gain (domain.md section 2). Points issued in
 * the tallies count every point credited to your members (yours and those earned elsewhere), so
 * issued = redeemed with you + expired + outstanding holds.
 *
 * Operator view (`view: operator`): you run the network; the customers simulated are the
 * network's members and their purchases the partners' sales. Each purchase happens at partner k
 * with probability spendShare_k (by the purchase's uniform u; the redemption decision then uses
 * (u - start of k's interval) / spendShare_k, uniform again given k). On it:
 *     partnerPaymentsIn  = points issued x partner k's pricePerPointIssued   (points sold)
 *     partnerPaymentsOut = points redeemed x partner k's reimbursementPerPointRedeemed
 * Points that are never redeemed were sold and never reimbursed: breakage is the operator's income.
 * The economic liability is redeemable points x the reimbursement per point averaged over the
 * partners by spendShare. Behaviour effects must stay 0 in this view: the purchases are the
 * partners' sales, not the operator's, so a change in them is no income of the operator's.
 *
 * The monthly settlement with the operator is partnerPaymentsIn - partnerPaymentsOut per month
 * (the `settlement` series of the report).
 */
import type { PointsMechanics, RedemptionBehaviour } from './bonus.js';
import { checkNumber } from './parameter-checks.js';
import { PointsAccount } from './points-account.js';
import type { MemberEvent, ProgramCommon, ProgramContext, ProgramEventOutcome, ProgramPolicy, ProgramPolicyType } from './program.js';
import { UserInputError } from '../errors.js';

/** How a member's network points work at the till (shared by both views). */
export interface CoalitionPoints {
  /** Value of one point when paying with it. */
  faceValue: number;
  /** Months after the earning month at whose end points expire; undefined or null: never. */
  expiryMonths?: number | null;
  /** Usable balance needed before a member can redeem. Default 0. */
  minimumToRedeem?: number;
  /** Largest share of a purchase payable with points, in [0, 1]. Default 1. */
  maxShareOfPurchase?: number;
}

/** One partner of the network, in the operator view. */
export interface CoalitionPartner {
  name: string;
  /** Share of members' purchases made at this partner; the shares sum to 1. */
  spendShare: number;
  /** Points per currency unit spent at this partner. */
  earnRate: number;
  /** What the partner pays the operator per point issued. */
  pricePerPointIssued: number;
  /** What the operator pays the partner per point redeemed there. */
  reimbursementPerPointRedeemed: number;
}

export interface PartnerViewMechanics extends CoalitionPoints {
  view: 'partner';
  /** Points per currency unit spent with you. */
  earnRate: number;
  /** What you pay the operator per point you issue. */
  pricePerPointIssued: number;
  /** What the operator pays you per point redeemed at your business. */
  reimbursementPerPointRedeemed: number;
  /** Platform fee per member who still buys, per month, paid to the operator. Default 0. */
  platformFeePerMemberPerMonth?: number;
  /** Points a member earns at other partners per point earned with you. Default 0. */
  pointsElsewherePerPoint?: number;
  /** New customers per month reaching you through the network; they join on arrival. Default 0. */
  networkArrivalsPerMonth?: number;
}

export interface OperatorViewMechanics extends CoalitionPoints {
  view: 'operator';
  partners: readonly CoalitionPartner[];
}

export interface ResolvedCoalitionProgram extends ProgramCommon {
  type: 'coalition';
  coalition: PartnerViewMechanics | OperatorViewMechanics;
  redemption: RedemptionBehaviour;
}

/** Tolerance of the partners' spend shares summing to 1. */
const SHARE_SUM_TOLERANCE = 1e-6;

class CoalitionPolicy implements ProgramPolicy<ResolvedCoalitionProgram> {
  private readonly account: PointsAccount;
  private operatorView = false;
  private faceValue = 1;
  // Partner view.
  private pricePerPointIssued = 0;
  private reimbursement = 0;
  private platformFee = 0;
  private elsewherePerPoint = 0;
  private networkArrivals = 0;
  // Operator view, per partner.
  private cumulativeShare = new Float64Array(0);
  private partnerShare = new Float64Array(0);
  private partnerEarnRate = new Float64Array(0);
  private partnerPrice = new Float64Array(0);
  private partnerReimbursement = new Float64Array(0);
  private meanReimbursement = 0;

  private stillBuying = true;

  constructor(context: ProgramContext) {
    this.account = new PointsAccount(context);
  }

  configure(parameters: ResolvedCoalitionProgram): void {
    const c = parameters.coalition;
    this.operatorView = c.view === 'operator';
    this.faceValue = c.faceValue;
    const points: PointsMechanics = {
      earnRate: c.view === 'partner' ? c.earnRate : 0,
      rounding: 'floor',
      expiryMonths: c.expiryMonths,
      minimumToRedeem: c.minimumToRedeem,
      maxShareOfPurchase: c.maxShareOfPurchase,
      faceValue: c.faceValue,
      costPerPoint: 0,
    };
    this.account.configure(points, parameters.redemption);
    if (c.view === 'partner') {
      this.pricePerPointIssued = c.pricePerPointIssued;
      this.reimbursement = c.reimbursementPerPointRedeemed;
      this.platformFee = c.platformFeePerMemberPerMonth ?? 0;
      this.elsewherePerPoint = c.pointsElsewherePerPoint ?? 0;
      this.networkArrivals = c.networkArrivalsPerMonth ?? 0;
      return;
    }
    this.networkArrivals = 0;
    const n = c.partners.length;
    if (this.partnerShare.length !== n) {
      this.cumulativeShare = new Float64Array(n);
      this.partnerShare = new Float64Array(n);
      this.partnerEarnRate = new Float64Array(n);
      this.partnerPrice = new Float64Array(n);
      this.partnerReimbursement = new Float64Array(n);
    }
    let cumulative = 0;
    this.meanReimbursement = 0;
    c.partners.forEach((partner, k) => {
      cumulative += partner.spendShare;
      this.cumulativeShare[k] = cumulative;
      this.partnerShare[k] = partner.spendShare;
      this.partnerEarnRate[k] = partner.earnRate;
      this.partnerPrice[k] = partner.pricePerPointIssued;
      this.partnerReimbursement[k] = partner.reimbursementPerPointRedeemed;
      this.meanReimbursement += partner.spendShare * partner.reimbursementPerPointRedeemed;
    });
    this.cumulativeShare[n - 1] = 1;
  }

  arrivalsPerMonth(): number {
    return this.networkArrivals;
  }

  enrol(event: MemberEvent, out: ProgramEventOutcome): void {
    this.account.enrol(event, out);
    this.stillBuying = true;
  }

  purchase(event: MemberEvent, out: ProgramEventOutcome): void {
    if (this.operatorView) this.operatorPurchase(event, out);
    else this.partnerPurchase(event, out);
  }

  private partnerPurchase(event: MemberEvent, out: ProgramEventOutcome): void {
    const redeemed = this.account.redeem(event, out);
    if (redeemed > 0) {
      out.rewardCost = redeemed * this.faceValue;
      out.partnerPaymentsIn = redeemed * this.reimbursement;
    }
    const earnedUnits = this.account.earnedUnits(event, 1);
    const earned = this.account.credit(event, earnedUnits, out);
    out.partnerPaymentsOut = earned * this.pricePerPointIssued;
    if (this.elsewherePerPoint > 0) this.account.credit(event, this.account.roundEarned(earned * this.elsewherePerPoint), out);
  }

  private operatorPurchase(event: MemberEvent, out: ProgramEventOutcome): void {
    const u = event.uniform;
    let k = 0;
    while (u >= this.cumulativeShare[k] && k + 1 < this.cumulativeShare.length) k++;
    const start = this.cumulativeShare[k] - this.partnerShare[k];
    const redemptionUniform = (u - start) / this.partnerShare[k];
    const redeemed = this.account.redeem(event, out, redemptionUniform);
    if (redeemed > 0) out.partnerPaymentsOut = redeemed * this.partnerReimbursement[k];
    const earned = this.account.credit(event, this.account.roundEarned(event.amount * this.partnerEarnRate[k]), out);
    out.partnerPaymentsIn = earned * this.partnerPrice[k];
  }

  monthEnd(event: MemberEvent, out: ProgramEventOutcome): void {
    this.account.monthEnd(event.month, this.operatorView ? this.meanReimbursement : 0, out);
    if (this.stillBuying && this.platformFee > 0) out.partnerPaymentsOut = this.platformFee;
    out.member = true;
    if (!this.stillBuying || this.platformFee === 0) out.quietUntilMonth = this.account.ledger.nextExpiryMonth();
  }

  leave(): void {
    this.stillBuying = false;
    this.account.leave();
  }
}

function checkCoalitionPoints(c: CoalitionPoints, f: string): void {
  checkNumber(c.faceValue, `${f}.faceValue`, { min: 0, exclusive: true });
  if (c.expiryMonths !== undefined && c.expiryMonths !== null) checkNumber(c.expiryMonths, `${f}.expiryMonths`, { min: 0, integer: true });
  if (c.minimumToRedeem !== undefined) checkNumber(c.minimumToRedeem, `${f}.minimumToRedeem`, { min: 0 });
  if (c.maxShareOfPurchase !== undefined) checkNumber(c.maxShareOfPurchase, `${f}.maxShareOfPurchase`, { min: 0, max: 1 });
}

export const coalitionProgram: ProgramPolicyType<ResolvedCoalitionProgram> = {
  type: 'coalition',
  validate(parameters, field) {
    const c = parameters.coalition;
    if (c === undefined) throw new UserInputError('a coalition program needs a `coalition` block', { field });
    if (parameters.redemption === undefined) throw new UserInputError('a coalition program needs a `redemption` block', { field });
    const f = `${field}.coalition`;
    checkCoalitionPoints(c, f);
    checkNumber(parameters.redemption.probability, `${field}.redemption.probability`, { min: 0, max: 1 });
    checkNumber(parameters.redemption.neverRedeemShare, `${field}.redemption.neverRedeemShare`, { min: 0, max: 1 });
    if (c.view === 'partner') {
      checkNumber(c.earnRate, `${f}.earnRate`, { min: 0 });
      checkNumber(c.pricePerPointIssued, `${f}.pricePerPointIssued`, { min: 0 });
      checkNumber(c.reimbursementPerPointRedeemed, `${f}.reimbursementPerPointRedeemed`, { min: 0 });
      if (c.platformFeePerMemberPerMonth !== undefined) checkNumber(c.platformFeePerMemberPerMonth, `${f}.platformFeePerMemberPerMonth`, { min: 0 });
      if (c.pointsElsewherePerPoint !== undefined) checkNumber(c.pointsElsewherePerPoint, `${f}.pointsElsewherePerPoint`, { min: 0 });
      if (c.networkArrivalsPerMonth !== undefined) checkNumber(c.networkArrivalsPerMonth, `${f}.networkArrivalsPerMonth`, { min: 0 });
      return;
    }
    if (c.view !== 'operator') throw new UserInputError(`must be partner or operator, got ${String((c as { view: unknown }).view)}`, { field: `${f}.view` });
    if (!Array.isArray(c.partners) || c.partners.length === 0) throw new UserInputError('the operator view needs at least one partner', { field: `${f}.partners` });
    let total = 0;
    c.partners.forEach((partner, k) => {
      const pf = `${f}.partners[${k}]`;
      checkNumber(partner.spendShare, `${pf}.spendShare`, { min: 0, max: 1, exclusive: false });
      if (partner.spendShare === 0) throw new UserInputError('must be above 0', { field: `${pf}.spendShare` }, 'leave out a partner with no spend');
      checkNumber(partner.earnRate, `${pf}.earnRate`, { min: 0 });
      checkNumber(partner.pricePerPointIssued, `${pf}.pricePerPointIssued`, { min: 0 });
      checkNumber(partner.reimbursementPerPointRedeemed, `${pf}.reimbursementPerPointRedeemed`, { min: 0 });
      total += partner.spendShare;
    });
    if (Math.abs(total - 1) > SHARE_SUM_TOLERANCE) {
      throw new UserInputError(`the partners' spend shares sum to ${Number(total.toFixed(6))}, not 1`, { field: `${f}.partners` }, 'give each partner its share of members\' purchases, summing to 100%');
    }
    const effects = parameters.effects;
    for (const key of ['frequencyUplift', 'spendUplift', 'churnReduction'] as const) {
      if (effects[key] !== 0) {
        throw new UserInputError(
          `must be 0 in the operator view, got ${effects[key]}`,
          { field: `${field}.effects.${key}` },
          "members' purchases are the partners' sales, not the operator's income",
        );
      }
    }
  },
  create: (context) => new CoalitionPolicy(context),
};
