/**
 * Type `coalition`: many businesses share one points currency run by an operator. The program is
 * seen from one of two sides (`coalition.view`).
 *
 * Partner view (`view: partner`, the default): you are one business in the network; the customers
 * simulated are yours. On each member purchase, in this order:
 * 1. Redemption at your till, by the rules of a bonus program's till form (points-account.ts,
 *    vouchers included): r points pay r x faceValue of the price. You take that much less cash for
 *    goods you sell anyway, so
 *        pointsPayments    = r x faceValue
 *    and the operator reimburses you
 *        partnerPaymentsIn = r x reimbursementPerPointRedeemed;
 *    a redemption costs you faceValue - reimbursement per point. Coalition points are always
 *    redeemed at the till: the reward form and a catalogue are the operator's business.
 * 2. Earning: e = amount x earnRate (rounded) points, which you buy from the operator:
 *        partnerPaymentsOut = e x pricePerPointIssued.
 *    The member also earns e x pointsElsewherePerPoint points at other partners (their spend
 *    elsewhere as you see it through their balance); those cost you nothing and may be spent with
 *    you, and the operator reimburses them like your own.
 * 3. At each month end of a member who still buys, the operator's platform fee
 *        partnerPaymentsOut += platformFeePerMemberPerMonth.
 * New customers reach you through the network at `networkArrivalsPerMonth` (a Poisson process of
 * the engine's, in the program's world only); they arrive as members.
 * The points are the operator's obligation, not yours: what you bear for each point redeemed with
 * you is faceValue - reimbursementPerPointRedeemed (the redemption cost), so that, per point, is
 * your liability for the points outstanding at the horizon's end (0 when the operator reimburses
 * the face value), and breakage (points that expire or are never spent) is the operator's gain
 * (docs/methods.md section 2). Points
 * issued in the tallies count every point credited to your members (yours and those earned
 * elsewhere), so issued = redeemed with you + expired + outstanding holds.
 *
 * Operator view (`view: operator`): you run the network; the customers simulated are the
 * network's members and their purchases the partners' sales. Each purchase happens at partner k
 * with probability spendShare_k (by the purchase's uniform u; the redemption decision then uses
 * (u - start of k's interval) / spendShare_k, uniform again given k). On it:
 *     partnerPaymentsIn  = points issued x partner k's pricePerPointIssued   (points sold)
 *     partnerPaymentsOut = points redeemed x partner k's reimbursementPerPointRedeemed
 * and nothing else: the cash a partner does not take at its till is the partner's, not the
 * operator's (PointsAccount.takePoints, which books no pointsPayments).
 * Points that are never redeemed were sold and never reimbursed: breakage is the operator's income.
 * The economic liability is the reimbursement the run-off's redemptions will cost (../run-off.ts).
 * Behaviour effects must stay 0 in this view: the purchases are the
 * partners' sales, not the operator's, so a change in them is no income of the operator's.
 *
 * The monthly settlement with the operator is partnerPaymentsIn - partnerPaymentsOut per month
 * (the `settlement` series of the report).
 */
import * as z from 'zod';
import { integerIn, numberIn, uncertainIn } from '../../schema/number-schemas.js';
import { strictObject } from '../../schema/strict-object.js';
import { ARRIVALS_PER_MONTH, NON_NEGATIVE, NON_NEGATIVE_RATE, POINTS_PER_POINT, POSITIVE, SHARE } from '../../schema/value-ranges.js';
import { programSchema } from '../common.js';
import { PointsAccount, redemptionSchema, type PointsMechanics } from '../points-account.js';
import type { PointsLedger } from '../points-ledger.js';
import { programModule, type MemberEvent, type ProgramContext, type ProgramEventOutcome, type ProgramPolicy, type ResolvedParameters } from '../program.js';

/** Keys of the points both views share. */
const coalitionPointsShape = {
  faceValue: numberIn(POSITIVE).describe('Value of one point when a member pays with it.'),
  expiryMonths: integerIn(POSITIVE).optional().describe('Months after which points expire, oldest first; absent: never.'),
  minimumToRedeem: numberIn(NON_NEGATIVE).prefault(0).describe('Smallest usable balance a member can redeem from.'),
  maxShareOfPurchase: numberIn(SHARE).prefault(1).describe('Largest share of one purchase payable with points.'),
};

const partnerViewSchema = strictObject({
  view: z.literal('partner').describe('You are one business in the network.'),
  earnRate: numberIn(NON_NEGATIVE_RATE).describe('Points per currency unit spent with you.'),
  pricePerPointIssued: uncertainIn(NON_NEGATIVE).describe('What you pay the operator per point you issue.'),
  reimbursementPerPointRedeemed: uncertainIn(NON_NEGATIVE).describe('What the operator pays you per point redeemed at your business.'),
  platformFeePerMemberPerMonth: uncertainIn(NON_NEGATIVE).prefault(0).describe('Platform fee paid to the operator per member who still buys, per month.'),
  pointsElsewherePerPoint: uncertainIn(POINTS_PER_POINT)
    .prefault(0)
    .describe('Points a member earns at other partners per point earned with you; they may be spent with you.'),
  networkArrivalsPerMonth: uncertainIn(ARRIVALS_PER_MONTH)
    .prefault(0)
    .describe('New customers per month reaching you through the network; they join on arrival.'),
  ...coalitionPointsShape,
});

const partnerSchema = strictObject({
  name: z.string().trim().min(1).describe('Name of the partner.'),
  spendShare: numberIn(SHARE).describe("Share of members' purchases made at this partner; the shares sum to 100%."),
  earnRate: numberIn(NON_NEGATIVE_RATE).describe('Points per currency unit spent at this partner.'),
  pricePerPointIssued: uncertainIn(NON_NEGATIVE).describe('What the partner pays the operator per point issued.'),
  reimbursementPerPointRedeemed: uncertainIn(NON_NEGATIVE).describe('What the operator pays the partner per point redeemed there.'),
}).describe('One partner of the network.');

const operatorViewSchema = strictObject({
  view: z.literal('operator').describe('You run the network.'),
  partners: z
    .array(partnerSchema)
    .min(1)
    .superRefine((partners, ctx) => {
      partners.forEach((partner, i) => {
        if (partner.spendShare === 0) ctx.addIssue({ code: 'custom', path: [i, 'spendShare'], message: 'must be above 0: leave out a partner with no spend', input: 0 });
      });
      const total = partners.reduce((sum, partner) => sum + partner.spendShare, 0);
      if (Math.abs(total - 1) > 1e-6) {
        ctx.addIssue({ code: 'custom', message: `the partners' spend shares sum to ${Number(total.toFixed(6))}, not 1 (100%)`, input: partners });
      }
    })
    .describe('The partners with their share of members\' purchases and their point prices.'),
  ...coalitionPointsShape,
});

const coalitionSchema = z
  .discriminatedUnion('view', [partnerViewSchema, operatorViewSchema], {
    error: (issue) => (issue.code === 'invalid_union' ? "expected view: partner or view: operator, with that view's keys" : undefined),
  })
  .describe('The network: your prices as a partner, or the partners as the operator.');

const coalitionProgramSchema = programSchema('coalition', {
  coalition: coalitionSchema,
  redemption: redemptionSchema,
})
  .superRefine((program, ctx) => {
    const redemption = program.redemption;
    if (redemption.form !== 'till') {
      ctx.addIssue({
        code: 'custom',
        path: ['redemption', redemption.catalogue !== undefined ? 'catalogue' : 'form'],
        message: 'coalition points are redeemed at the partners\' tills (the operator reimburses them): remove it, the form is till',
        input: redemption.catalogue ?? redemption.form,
      });
    }
    if (program.coalition.view !== 'operator') return;
    for (const key of ['frequencyUplift', 'spendUplift', 'churnReduction'] as const) {
      const effect = program.effects[key];
      if (effect.dist !== 'fixed' || effect.value !== 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['effects', key],
          message: "must be 0 in the operator view: members' purchases are the partners' sales, not the operator's income",
          input: effect,
        });
      }
    }
  })
  .describe('A shared points currency across partner businesses (partner or operator view).');

export type ResolvedCoalitionProgram = ResolvedParameters<typeof coalitionProgramSchema>;

class CoalitionPolicy implements ProgramPolicy<ResolvedCoalitionProgram> {
  private readonly account: PointsAccount;
  private operatorView = false;
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

  private stillBuying = true;

  constructor(context: ProgramContext) {
    this.account = new PointsAccount(context);
  }

  configure(parameters: ResolvedCoalitionProgram): void {
    const c = parameters.coalition;
    this.operatorView = c.view === 'operator';
    const points: PointsMechanics = {
      earnRate: c.view === 'partner' ? c.earnRate : 0,
      rounding: 'floor',
      welcomeBonus: 0,
      pendingDays: 0,
      expiryMonths: c.expiryMonths,
      minimumToRedeem: c.minimumToRedeem,
      maxShareOfPurchase: c.maxShareOfPurchase,
      faceValue: c.faceValue,
    };
    this.account.configure(points, parameters.redemption);
    if (c.view === 'partner') {
      this.pricePerPointIssued = c.pricePerPointIssued;
      this.reimbursement = c.reimbursementPerPointRedeemed;
      this.platformFee = c.platformFeePerMemberPerMonth;
      this.elsewherePerPoint = c.pointsElsewherePerPoint;
      this.networkArrivals = c.networkArrivalsPerMonth;
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
    c.partners.forEach((partner, k) => {
      cumulative += partner.spendShare;
      this.cumulativeShare[k] = cumulative;
      this.partnerShare[k] = partner.spendShare;
      this.partnerEarnRate[k] = partner.earnRate;
      this.partnerPrice[k] = partner.pricePerPointIssued;
      this.partnerReimbursement[k] = partner.reimbursementPerPointRedeemed;
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
      out.partnerPaymentsIn = redeemed * this.reimbursement;
      // The cash not taken at your till, less what the operator pays back for it.
      out.redemptionCost -= out.partnerPaymentsIn;
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
    const redeemed = this.account.takePoints(event, out, redemptionUniform);
    if (redeemed > 0) {
      out.partnerPaymentsOut = redeemed * this.partnerReimbursement[k];
      out.redemptionCost = out.partnerPaymentsOut;
    }
    const earned = this.account.credit(event, this.account.roundEarned(event.amount * this.partnerEarnRate[k]), out);
    out.partnerPaymentsIn = earned * this.partnerPrice[k];
  }

  monthEnd(event: MemberEvent, out: ProgramEventOutcome): void {
    this.account.monthEnd(event.month, out);
    if (this.stillBuying && this.platformFee > 0) out.partnerPaymentsOut = this.platformFee;
    out.member = true;
    if (!this.stillBuying || this.platformFee === 0) out.quietUntilMonth = this.account.ledger.nextExpiryMonth();
  }

  leave(): void {
    this.stillBuying = false;
    this.account.leave();
  }

  heldPoints(): PointsLedger {
    return this.account.ledger;
  }
}

export const coalitionProgram = programModule({
  schema: coalitionProgramSchema,
  create: (context) => new CoalitionPolicy(context),
  reportSections: ['settlement'],
  pointFaceValue: (parameters) => parameters.coalition.faceValue,
});
