/**
 * The points block (`points` and `redemption` in YAML: how many points a purchase earns, when they
 * become usable and expire, what they are worth when redeemed, what the card costs the member, and
 * how members redeem) and a member's points account that applies its rules. Bonus programs use it
 * as it is; other types whose points work like a bonus program's differ around it: tiered
 * programs multiply what a purchase earns by the tier's multiplier, paid programs by theirs,
 * coalition programs price points issued and redeemed with an operator. The balance itself lives
 * in a `PointsLedger` (oldest first, expiry, pending days, exact units).
 *
 * Rules, as in bonus.ts:
 * - earned points = amount x earn rate of the category x multiplier, rounded (floor | round | none);
 * - a member who is not a never-redeemer (decided once, on enrolment, from the member's uniform)
 *   with a usable balance >= minimumToRedeem redeems on a purchase with probability `probability`
 *   (the purchase's uniform u);
 * - at the till (`redemption.form: till`, the default) they spend
 *   min(usable, maxShareOfPurchase x amount / faceValue) points, rounded down to whole points, or
 *   to whole vouchers of `voucherPoints`; the business takes points x faceValue less cash for
 *   goods it sells anyway: pointsPayments += points x faceValue (docs/methods.md section 3);
 * - as a reward (`form: reward`) they spend the same points on goods worth faceValue a point to
 *   them that cost the business `costPerPoint` a point; of these rewards the share d
 *   (`displacesPurchase`, default 1) replaces a purchase the member would have paid for:
 *   pointsPayments += d x points x faceValue, rewardCost += (1 - d) x points x costPerPoint;
 * - with a `catalogue` (reward form) a member whose usable balance also reaches the cheapest item
 *   takes one item among those they can afford, item i with probability proportional to its
 *   appeal: pointsPayments += d_i x value_i, rewardCost += (1 - d_i) x cost_i;
 * - at a month end the balance of a member who still buys and redeems at all is reported as
 *   `pointsRedeemable` (the engine's run-off, ../run-off.ts, follows those points past the horizon);
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
  maxShareOfPurchase: numberIn(SHARE).prefault(1).describe('Largest share of one purchase payable with points (0.2 or "20%"); a catalogue ignores it.'),
  faceValue: numberIn(POSITIVE).describe('Value of one point to the customer, in the currency.'),
  costPerPoint: uncertainIn(NON_NEGATIVE)
    .optional()
    .describe(
      'Reward form only (redemption.form: reward): cost to the business of the goods one redeemed point buys (their cost, not their price).',
    ),
  // Optional rather than defaulted to 0: an absent fee draws no number, so adding this key left
  // the draws of every existing scenario, and hence its results, unchanged.
  cardFee: uncertainIn(NON_NEGATIVE)
    .optional()
    .describe('One-off fee the member pays for the card on joining, collected and earned in the joining month; default 0.'),
}).describe('How points are earned, expire and are redeemed.');

const catalogueItemSchema = strictObject({
  name: z.string().trim().min(1).describe('Name of the reward.'),
  points: numberIn(POSITIVE).describe('Points the reward costs the member.'),
  cost: uncertainIn(NON_NEGATIVE).describe('What one reward costs the business (the goods at cost, not their price).'),
  value: numberIn(NON_NEGATIVE).optional().describe("The reward's price to the customer; default points x faceValue."),
  appeal: numberIn(POSITIVE).prefault(1).describe('Weight with which a redeeming member picks this reward among those they can afford (default 1).'),
  displacesPurchase: uncertainIn(SHARE)
    .optional()
    .describe('Share of these rewards that replace a purchase the member would have paid for (default 1).'),
}).describe('One reward of the catalogue.');

// The optional keys below are optional rather than defaulted: an absent key draws no number, so
// the draws of scenarios that do not use them stay as they were.
export const redemptionSchema = strictObject({
  probability: uncertainIn(SHARE).describe('Chance that an eligible member redeems at a purchase.'),
  neverRedeemShare: uncertainIn(SHARE).prefault(0).describe('Share of members who never redeem.'),
  form: choice(['till', 'reward'])
    .optional()
    .describe(
      'till: points pay part of a purchase (a point costs its face value); reward: points buy goods that cost points.costPerPoint ' +
        '(default till; reward with a catalogue).',
    ),
  displacesPurchase: uncertainIn(SHARE)
    .optional()
    .describe('Reward form: share of rewards that replace a purchase the member would have paid for (default 1).'),
  voucherPoints: numberIn(POSITIVE)
    .optional()
    .describe('Till form: points are redeemed in vouchers of this many points ("100 points = 5 off"), whole vouchers only.'),
  catalogue: z
    .array(catalogueItemSchema)
    .min(1)
    .optional()
    .describe('Rewards with a point price (reward form): [{ name: 20 litres, points: 3999, cost: 624 }, ...].'),
})
  .superRefine((redemption, ctx) => {
    const reward = redemption.form === 'reward' || (redemption.form === undefined && redemption.catalogue !== undefined);
    if (redemption.catalogue !== undefined && redemption.form === 'till') {
      ctx.addIssue({
        code: 'custom',
        path: ['form'],
        message: 'a catalogue is redeemed as rewards, not at the till: leave form out or set it to reward',
        input: redemption.form,
      });
    }
    if (redemption.voucherPoints !== undefined && reward) {
      ctx.addIssue({
        code: 'custom',
        path: ['voucherPoints'],
        message: 'vouchers pay part of a purchase at the till: remove voucherPoints, or use form: till without a catalogue',
        input: redemption.voucherPoints,
      });
    }
    if (redemption.displacesPurchase !== undefined && redemption.form !== 'reward') {
      ctx.addIssue({
        code: 'custom',
        path: ['displacesPurchase'],
        message:
          redemption.catalogue !== undefined
            ? 'with a catalogue each item has its own displacesPurchase: move it into the catalogue items'
            : 'applies to the reward form only (points at the till always displace cash): remove it, or set form: reward',
        input: redemption.displacesPurchase,
      });
    }
  })
  .transform((redemption) => ({
    ...redemption,
    form: redemption.form ?? (redemption.catalogue !== undefined ? ('reward' as const) : ('till' as const)),
  }))
  .describe('How members redeem their points: at the till (part of a purchase, vouchers) or for rewards (a catalogue).');

/**
 * The checks that need both blocks (`points` and `redemption` of one program, both parsed): a
 * cost per point belongs to the reward form without a catalogue, and that form needs one.
 * Issues are added at `points.costPerPoint` or `redemption.form` under the program.
 */
export function checkPointsRedemption(
  points: z.output<typeof pointsSchema>,
  redemption: z.output<typeof redemptionSchema>,
  ctx: z.RefinementCtx,
): void {
  if (points.costPerPoint !== undefined && redemption.form === 'till') {
    ctx.addIssue({
      code: 'custom',
      path: ['points', 'costPerPoint'],
      message:
        'applies to the reward form only: a point redeemed at the till costs its face value. Remove it, or set redemption.form: reward ' +
        'if points buy goods the business gives at their cost',
      input: points.costPerPoint,
    });
  } else if (points.costPerPoint !== undefined && redemption.catalogue !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['points', 'costPerPoint'],
      message: 'with a redemption.catalogue each item has its own cost: remove points.costPerPoint',
      input: points.costPerPoint,
    });
  } else if (points.costPerPoint === undefined && redemption.form === 'reward' && redemption.catalogue === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['redemption', 'form'],
      message: 'the reward form needs points.costPerPoint (what the goods a point buys cost the business) or a redemption.catalogue',
      input: redemption.form,
    });
  }
}

/** One iteration's points block. */
export type PointsMechanics = Drawn<z.output<typeof pointsSchema>>;
/** One iteration's redemption behaviour. */
export type RedemptionBehaviour = Drawn<z.output<typeof redemptionSchema>>;
export type PointsRounding = PointsMechanics['rounding'];

/** The categories `byCategory` names must be the data's (`field`: the points block's key). */
export function checkPointsCategories(points: PointsMechanics, field: string, context: ProgramContext): void {
  checkCategories(Object.keys(points.byCategory ?? {}), context.categoryNames, `${field}.byCategory`, 'keys');
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
  /** Points are redeemed in whole multiples of this (a voucher, in units); 0: no vouchers. */
  private voucherUnits = 0;
  /** Without a catalogue: what one redeemed point adds to `pointsPayments` and to `rewardCost`. */
  private paymentPerPoint = 1;
  private rewardCostPerPoint = 0;
  /** The catalogue, one entry per item (empty without one): price in units, appeal, and what one redemption books. */
  private itemUnits = new Float64Array(0);
  private itemAppeal = new Float64Array(0);
  private itemPayment = new Float64Array(0);
  private itemRewardCost = new Float64Array(0);
  private cheapestItemUnits = 0;
  /** The catalogue item taken by the last redemption; -1: points at the till or the reward form. */
  private item = -1;

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
    this.voucherUnits = redemption.voucherPoints === undefined ? 0 : pointsToUnits(redemption.voucherPoints);
    this.configureCosts(points, redemption);
    this.ledger.configure(points.pendingDays, points.expiryMonths);
  }

  /** What a redemption books in each form. */
  private configureCosts(points: PointsMechanics, redemption: RedemptionBehaviour): void {
    const catalogue = redemption.catalogue ?? [];
    const n = catalogue.length;
    if (this.itemUnits.length !== n) {
      this.itemUnits = new Float64Array(n);
      this.itemAppeal = new Float64Array(n);
      this.itemPayment = new Float64Array(n);
      this.itemRewardCost = new Float64Array(n);
    }
    if (n > 0) {
      this.cheapestItemUnits = Infinity;
      catalogue.forEach((item, i) => {
        const displaced = item.displacesPurchase ?? 1;
        const value = item.value ?? item.points * points.faceValue;
        this.itemUnits[i] = pointsToUnits(item.points);
        this.itemAppeal[i] = item.appeal;
        this.itemPayment[i] = displaced * value;
        this.itemRewardCost[i] = (1 - displaced) * item.cost;
        this.cheapestItemUnits = Math.min(this.cheapestItemUnits, this.itemUnits[i]);
      });
      this.paymentPerPoint = 0;
      this.rewardCostPerPoint = 0;
      return;
    }
    this.cheapestItemUnits = 0;
    if (redemption.form === 'reward') {
      // Each point buys goods worth faceValue to the member that cost the business costPerPoint;
      // the displaced share d of them replaces a paid purchase (its price is lost), the rest
      // costs the goods. Booked in expectation, d x points at the price and (1 - d) x points at
      // cost on every redemption, rather than by a draw per redemption: the same mean with no
      // extra randomness, and no uniform to spend on it.
      const displaced = redemption.displacesPurchase ?? 1;
      this.paymentPerPoint = displaced * points.faceValue;
      this.rewardCostPerPoint = (1 - displaced) * (points.costPerPoint ?? points.faceValue);
    } else {
      this.paymentPerPoint = points.faceValue;
      this.rewardCostPerPoint = 0;
    }
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
   * Redeem on a purchase if the member does (see the file comment) and book what it costs the
   * business in the program's form (adds to `pointsPayments` and `rewardCost`, and their sum to
   * `redemptionCost`); sets
   * `pointsRedeemed` and returns the points redeemed (0 when none). `uniform` decides whether the
   * member redeems (default: the purchase's own). The one place every points type books a
   * redemption's cost.
   */
  redeem(event: MemberEvent, out: ProgramEventOutcome, uniform = event.uniform): number {
    const points = this.takePoints(event, out, uniform);
    if (points > 0) {
      const item = this.item;
      const payment = item >= 0 ? this.itemPayment[item] : points * this.paymentPerPoint;
      const rewardCost = item >= 0 ? this.itemRewardCost[item] : points * this.rewardCostPerPoint;
      out.pointsPayments += payment;
      out.rewardCost += rewardCost;
      out.redemptionCost += payment + rewardCost;
    }
    return points;
  }

  /**
   * The points side of `redeem` alone: takes the points from the balance and sets
   * `pointsRedeemed`, but books no cost. For a coalition operator, whose cost of a redemption is
   * the reimbursement it pays the partner, not goods or cash of its own.
   */
  takePoints(event: MemberEvent, out: ProgramEventOutcome, uniform = event.uniform): number {
    this.item = -1;
    if (this.neverRedeems) return 0;
    const usable = this.ledger.usableUnits(event.day);
    if (usable <= 0 || usable < this.minimumToRedeemUnits || uniform >= this.redemptionProbability) return 0;
    let units: number;
    if (this.itemUnits.length > 0) {
      if (usable < this.cheapestItemUnits) return 0;
      units = this.itemUnits[(this.item = this.chooseItem(usable, uniform / this.redemptionProbability))];
    } else {
      // Till: at most maxShareOfPurchase of the price, in whole points (or vouchers), rounded down.
      const step = this.voucherUnits > 0 ? this.voucherUnits : this.granularityUnits;
      const capUnits = (this.maxShareOfPurchase * event.amount * UNITS_PER_POINT) / this.faceValue;
      units = Math.floor(Math.min(usable, capUnits) / step + FLOOR_SLACK) * step;
      if (units <= 0) return 0;
    }
    this.ledger.redeem(units, event.day);
    const points = unitsToPoints(units);
    out.pointsRedeemed = points;
    return points;
  }

  /**
   * The catalogue item a redeeming member with `usable` units takes: among the items they can
   * afford (at least the cheapest), item i with probability appeal_i / (sum of their appeals).
   * `v` is the purchase's uniform u over the redemption probability p: given u < p (the member
   * redeems), u / p is uniform on (0, 1) again, so one uniform decides both whether and what.
   */
  private chooseItem(usable: number, v: number): number {
    const n = this.itemUnits.length;
    let total = 0;
    for (let i = 0; i < n; i++) if (this.itemUnits[i] <= usable) total += this.itemAppeal[i];
    let rest = v * total;
    let chosen = -1;
    for (let i = 0; i < n; i++) {
      if (this.itemUnits[i] > usable) continue;
      chosen = i;
      rest -= this.itemAppeal[i];
      if (rest < 0) break;
    }
    return chosen;
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
   * Month end: expire what falls due and report the stocks (`pointsOutstanding`, and the balance
   * as `pointsRedeemable` while the member still buys and redeems at all).
   */
  monthEnd(month: number, out: ProgramEventOutcome): void {
    const expired = this.ledger.expireAtMonthEnd(month);
    if (expired > 0) out.pointsExpired = unitsToPoints(expired);
    const outstanding = unitsToPoints(this.ledger.balanceUnits);
    out.pointsOutstanding = outstanding;
    const redeemable = this.stillBuying && !this.neverRedeems && this.redemptionProbability > 0 ? outstanding : 0;
    out.pointsRedeemable = redeemable;
  }

  /** The member stopped buying: nothing of the balance is expected to be redeemed any more. */
  leave(): void {
    this.stillBuying = false;
  }
}
