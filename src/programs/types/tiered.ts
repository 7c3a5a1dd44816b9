/**
 * Type `tiered`: members hold a status tier earned by what they buy; each tier brings an earn
 * multiplier on a points base, a discount and benefits that cost the business per member per year.
 *
 * Qualification (`qualification.metric`): spend at list price, purchases, or base points (points
 * before the tier's multiplier, so status does not feed on itself), counted over
 *   - a rolling window of `window` months, the current month included, or
 *   - `calendar-year`: the horizon's years (months 0-11, 12-23, ...), the count starting again at
 *     each year's start.
 * The member's qualifying value q selects the highest tier whose `threshold` <= q. Every member
 * starts in the first tier (its threshold is 0).
 *
 * - Upgrade at once: after each purchase, a member whose q reaches a higher tier moves up. The
 *   purchase that reaches the threshold is priced, and earns, at the tier held before it.
 * - Downgrade only at a review, the end of every `reviewEveryMonths`-th month of the horizon
 *   (months 11, 23, ... by default; at each calendar year's end with `calendar-year`). A member
 *   whose q selects a lower tier then is moved to it at once, or with `graceMonths` > 0 at the end
 *   of the month `graceMonths` later, to the higher of the tier decided at the review and the tier
 *   q selects at that time. Later reviews do not postpone a pending downgrade, and one falling due
 *   at a review month happens before that review.
 *
 * On a purchase: discount = amount x tier discount; points redeemed and earned as in a bonus
 * program (../points-account.ts) with earned points = amount x earn rate x tier multiplier.
 * Benefit cost: the tier's `benefitCostPerYear` pro rata by days in the tier, booked at month ends;
 * it stops when the member stops buying (benefits nobody uses cost nothing).
 *
 * The tiers are the program's breakdown groups: the report shows members and profit per tier.
 */
import * as z from 'zod';
import { DAYS_PER_YEAR } from '../../data/calendar.js';
import { choice } from '../../schema/choice-schema.js';
import { integerIn, numberIn, uncertainIn } from '../../schema/number-schemas.js';
import { strictObject } from '../../schema/strict-object.js';
import { NON_NEGATIVE, POSITIVE, SHARE } from '../../schema/value-ranges.js';
import { programSchema } from '../common.js';
import { checkPointsCategories, checkPointsRedemption, PointsAccount, pointsSchema, redemptionSchema, type RedemptionBehaviour } from '../points-account.js';
import { unitsToPoints, type PointsLedger } from '../points-ledger.js';
import { monthsSimulated } from '../run-off.js';
import { programModule, type MemberEvent, type ProgramContext, type ProgramEventOutcome, type ProgramPolicy, type ResolvedParameters } from '../program.js';

const tierQualificationSchema = strictObject({
  metric: choice(['spend', 'purchases', 'points']).prefault('spend').describe('What earns status: spend, purchases, or base points (before multipliers).'),
  window: z
    .union([integerIn(POSITIVE), z.literal('calendar-year')], {
      error: () => "expected a number of months such as 12, or 'calendar-year'",
    })
    .prefault(12)
    .describe("Rolling window in months (the current month included), or 'calendar-year' (the horizon's years)."),
  reviewEveryMonths: integerIn(POSITIVE)
    .prefault(12)
    .describe('Months between reviews, where members who fell short are downgraded (12 with calendar-year).'),
  graceMonths: integerIn(NON_NEGATIVE).prefault(0).describe('Months a member keeps the tier after a review found them short.'),
}).describe('How members qualify for tiers.');

const tierSchema = strictObject({
  name: z.string().trim().min(1).describe('Name of the tier, shown in the breakdown.'),
  threshold: numberIn(NON_NEGATIVE).describe('Qualifying value from which the tier applies: 0 for the first tier, then strictly ascending.'),
  earnMultiplier: numberIn(NON_NEGATIVE).prefault(1).describe('Points earned are multiplied by this (1.5 = 1.5x the base rate).'),
  discount: numberIn(SHARE).prefault(0).describe('Discount on every purchase of a member of the tier (0.05 or "5%").'),
  benefitCostPerYear: uncertainIn(NON_NEGATIVE)
    .prefault(0)
    .describe("Cost of the tier's services per member per year (lounge, free delivery, warranty)."),
}).describe('One status tier.');

const tieredProgramSchema = programSchema('tiered', {
  qualification: tierQualificationSchema.prefault({}),
  tiers: z
    .array(tierSchema)
    .min(1)
    .superRefine((tiers, ctx) => {
      if (tiers[0] !== undefined && tiers[0].threshold !== 0) {
        ctx.addIssue({ code: 'custom', path: [0, 'threshold'], message: 'the first tier starts at threshold 0: every member starts in it', input: tiers[0].threshold });
      }
      for (let i = 1; i < tiers.length; i++) {
        if (!(tiers[i].threshold > tiers[i - 1].threshold)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'threshold'],
            message: `tier thresholds must rise strictly: ${tiers[i].threshold} does not exceed the previous tier's ${tiers[i - 1].threshold}`,
            input: tiers[i].threshold,
          });
        }
      }
    })
    .describe('The tiers, lowest first: [{ name: Red, threshold: 0 }, { name: Silver, threshold: 1500, earnMultiplier: 1.5 }, ...].'),
  points: pointsSchema.optional().describe('Base points earned on purchases (before the tier multiplier); absent: no points.'),
  redemption: redemptionSchema.optional().describe('How members redeem their points; required with points.'),
})
  .superRefine((program, ctx) => {
    if (program.points !== undefined && program.redemption === undefined) {
      ctx.addIssue({ code: 'custom', path: ['points'], message: 'points need a redemption block (redemption: { probability: ... })', input: program.points });
    }
    if (program.points !== undefined && program.redemption !== undefined) checkPointsRedemption(program.points, program.redemption, ctx);
    if (program.qualification.window === 'calendar-year' && program.qualification.reviewEveryMonths !== 12) {
      ctx.addIssue({
        code: 'custom',
        path: ['qualification', 'reviewEveryMonths'],
        message: 'with a calendar-year window the review falls at each year\'s end: leave reviewEveryMonths out or set it to 12',
        input: program.qualification.reviewEveryMonths,
      });
    }
    if (program.qualification.metric === 'points' && program.points === undefined) {
      ctx.addIssue({ code: 'custom', path: ['qualification', 'metric'], message: 'qualifying on points needs a points block', input: 'points' });
    }
  })
  .describe('Status tiers from spend, purchases or points, each with multipliers, discounts and benefits.');

export type ResolvedTieredProgram = ResolvedParameters<typeof tieredProgramSchema>;
type TierMetric = ResolvedTieredProgram['qualification']['metric'];

/** Redemption when a points block comes without one (the schema rejects that; configure stays total). */
const NO_REDEMPTION: RedemptionBehaviour = { probability: 0, neverRedeemShare: 1, form: 'till' };

class TieredPolicy implements ProgramPolicy<ResolvedTieredProgram> {
  private tierCount = 0;
  private thresholds = new Float64Array(0);
  private multipliers = new Float64Array(0);
  private discounts = new Float64Array(0);
  private benefitCostPerDay = new Float64Array(0);
  private metric: TierMetric = 'spend';
  /** Rolling window in months; 0 with calendar years. */
  private windowMonths = 12;
  private reviewEveryMonths = 12;
  private graceMonths = 0;
  private readonly account: PointsAccount;
  private hasPoints = false;

  // The member.
  /** Qualifying value earned in each month of the horizon. */
  private readonly monthlyValue: Float64Array;
  private firstMonth = 0;
  /** Qualifying value in the current window (or calendar year). */
  private qualifying = 0;
  private tier = 0;
  /** Day from which the current tier's benefit cost is not yet booked. */
  private benefitBookedTo = 0;
  private stillBuying = true;
  /** Month at whose end a pending downgrade falls due; -1: none. */
  private downgradeMonth = -1;
  private downgradeTarget = 0;

  constructor(context: ProgramContext) {
    this.account = new PointsAccount(context);
    this.monthlyValue = new Float64Array(monthsSimulated(context.horizonMonths));
  }

  configure(parameters: ResolvedTieredProgram): void {
    const tiers = parameters.tiers;
    if (this.tierCount !== tiers.length) {
      this.tierCount = tiers.length;
      this.thresholds = new Float64Array(tiers.length);
      this.multipliers = new Float64Array(tiers.length);
      this.discounts = new Float64Array(tiers.length);
      this.benefitCostPerDay = new Float64Array(tiers.length);
    }
    tiers.forEach((tier, i) => {
      this.thresholds[i] = tier.threshold;
      this.multipliers[i] = tier.earnMultiplier;
      this.discounts[i] = tier.discount;
      this.benefitCostPerDay[i] = tier.benefitCostPerYear / DAYS_PER_YEAR;
    });
    const q = parameters.qualification;
    this.metric = q.metric;
    this.windowMonths = q.window === 'calendar-year' ? 0 : q.window;
    this.reviewEveryMonths = q.window === 'calendar-year' ? 12 : q.reviewEveryMonths;
    this.graceMonths = q.graceMonths;
    this.hasPoints = parameters.points !== undefined;
    if (parameters.points !== undefined) {
      this.account.configure(parameters.points, parameters.redemption ?? NO_REDEMPTION);
    }
  }

  /** The member's current tier (0 = the first). */
  get currentTier(): number {
    return this.tier;
  }

  enrol(event: MemberEvent, out: ProgramEventOutcome): void {
    this.monthlyValue.fill(0, this.firstMonth);
    this.firstMonth = event.month;
    this.qualifying = 0;
    this.tier = 0;
    this.benefitBookedTo = event.day;
    this.stillBuying = true;
    this.downgradeMonth = -1;
    if (this.hasPoints) this.account.enrol(event, out);
  }

  purchase(event: MemberEvent, out: ProgramEventOutcome): void {
    const tier = this.tier;
    out.discount = event.amount * this.discounts[tier];
    let basePoints = 0;
    if (this.hasPoints) {
      this.account.redeem(event, out);
      const multiplier = this.multipliers[tier];
      this.account.credit(event, this.account.earnedUnits(event, multiplier), out);
      basePoints = unitsToPoints(this.account.earnedUnits(event, 1));
    }
    const value = this.metric === 'spend' ? event.amount : this.metric === 'purchases' ? 1 : basePoints;
    this.monthlyValue[event.month] += value;
    this.qualifying += value;
    const qualified = this.qualifiedTier();
    if (qualified > tier) this.changeTier(qualified, event.day, out);
  }

  monthEnd(event: MemberEvent, out: ProgramEventOutcome): void {
    const month = event.month;
    // The month end's day: the month's last instant, or the horizon's end inside its last month (sim/membership.ts).
    const monthEndDay = event.day;
    if (this.stillBuying) this.bookBenefits(monthEndDay, out);

    // A downgrade falling due first: a review in the same month (grace = review interval) must not
    // reschedule it before it happens.
    if (month === this.downgradeMonth) {
      const target = Math.max(this.downgradeTarget, this.qualifiedTier());
      if (target < this.tier) this.changeTier(target, monthEndDay, out);
      this.downgradeMonth = -1;
    }
    if ((month + 1) % this.reviewEveryMonths === 0) {
      const target = this.qualifiedTier();
      if (target < this.tier) {
        if (this.graceMonths === 0) this.changeTier(target, monthEndDay, out);
        else if (this.downgradeMonth < 0) {
          // A downgrade already pending (grace longer than the review interval) keeps its date.
          this.downgradeMonth = month + this.graceMonths;
          this.downgradeTarget = target;
        }
      }
    }

    // Move the window on to the next month.
    if (this.windowMonths === 0) {
      if ((month + 1) % 12 === 0) this.qualifying = 0;
    } else {
      const leaving = month - this.windowMonths + 1;
      if (leaving >= this.firstMonth) this.qualifying -= this.monthlyValue[leaving];
    }

    if (this.hasPoints) this.account.monthEnd(month, out);
    out.member = true;
  }

  leave(event: MemberEvent, out: ProgramEventOutcome): void {
    this.bookBenefits(event.day, out);
    this.stillBuying = false;
    if (this.hasPoints) this.account.leave();
  }

  heldPoints(): PointsLedger | null {
    return this.hasPoints ? this.account.ledger : null;
  }

  /** The highest tier whose threshold the current qualifying value reaches. */
  private qualifiedTier(): number {
    // 1e-9 of slack: a window's sum after subtractions may be a hair below a threshold it meets.
    const value = this.qualifying + 1e-9;
    let tier = 0;
    while (tier + 1 < this.tierCount && this.thresholds[tier + 1] <= value) tier++;
    return tier;
  }

  private changeTier(tier: number, day: number, out: ProgramEventOutcome): void {
    if (this.stillBuying) this.bookBenefits(day, out);
    this.tier = tier;
    out.group = tier; // the engine's per-tier breakdown follows the member
  }

  /** Book the current tier's benefit cost up to `day`. */
  private bookBenefits(day: number, out: ProgramEventOutcome): void {
    if (day > this.benefitBookedTo) {
      out.benefitCost += (day - this.benefitBookedTo) * this.benefitCostPerDay[this.tier];
      this.benefitBookedTo = day;
    }
  }
}

export const tieredProgram = programModule({
  schema: tieredProgramSchema,
  create: (context) => new TieredPolicy(context),
  checkContext(parameters, field, context) {
    if (parameters.points !== undefined) checkPointsCategories(parameters.points, `${field}.points`, context);
  },
  breakdownGroups: (parameters) => parameters.tiers.map((tier) => tier.name),
  pointFaceValue: (parameters) => parameters.points?.faceValue ?? NaN,
});
