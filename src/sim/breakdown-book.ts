/**
 * Breakdown bookkeeping (tally.ts, "Breakdown"): per program world with groups (tiers, ...), the
 * current member's group and every tally of it, per month and group. The member's flows count for
 * the group they were in when each event happened; a month end's members for the group after it.
 * Per group and month:
 *   profit = grossProfit - benefits - memberCost + feeRevenue + partnerPaymentsIn - partnerPaymentsOut
 * with benefits = discount + points payments + reward cost + benefit cost of the member's outcomes,
 * and feeRevenue the fees as earned (membership.ts books them month by month, in the group the
 * member was in when charged; fees collected for service after the horizon are no group's profit).
 */
import type { MemberEvent, ProgramEventOutcome } from '../programs/program.js';
import { type PurchaseSequence, returnUniform } from './purchase-sequence.js';
import { BREAKDOWN_FIELD_COUNT, BreakdownField, type BreakdownLayout } from './tally.js';
import type { WorldParameters } from './world-parameters.js';

const BF = BREAKDOWN_FIELD_COUNT;

export class BreakdownBook {
  /** This iteration's breakdown array (set by `begin`). */
  private breakdown: Float64Array = new Float64Array(0);
  /** Per world: start of its block in an iteration's breakdown array, -1 without groups. */
  private readonly base: Int32Array;
  private readonly groupCounts: Int32Array;

  // The current member.
  /** Start of the member's world block; -1 when the world has no groups (nothing is booked). */
  memberBase = -1;
  private memberWorld = 0;
  private memberGroupCount = 0;
  /** The group the member is in now. */
  private group = 0;

  constructor(
    worldCount: number,
    layout: BreakdownLayout,
    /** The engine's reused event: a purchase's amount and category are read from it. */
    private readonly event: MemberEvent,
    private readonly worlds: WorldParameters,
    /** The current customer's purchase sequence: the baseline purchases' values and categories. */
    private readonly sequence: PurchaseSequence,
  ) {
    this.base = new Int32Array(worldCount).fill(-1);
    this.groupCounts = new Int32Array(worldCount);
    layout.groupCounts.forEach((groups, program) => {
      this.groupCounts[program + 1] = groups;
      if (groups > 0) this.base[program + 1] = layout.offsets[program];
    });
  }

  /** Book into `breakdown` (one iteration's block) from now on. */
  begin(breakdown: Float64Array): void {
    this.breakdown = breakdown;
  }

  /** A member of world `w` enrolled with `outcome` in `month`: group 0 unless the outcome says, then the enrolment's flows. */
  startMember(w: number, month: number, outcome: ProgramEventOutcome): void {
    this.memberBase = this.base[w];
    this.memberWorld = w;
    this.memberGroupCount = this.groupCounts[w];
    if (this.memberBase < 0) return;
    this.group = outcome.group >= 0 ? outcome.group : 0;
    this.addEvent(month, outcome, 0, 0);
  }

  /** Index of the current group's field 0 in `month`. */
  private cell(month: number): number {
    return this.memberBase + (month * this.memberGroupCount + this.group) * BF;
  }

  /**
   * An event's outcome (plus a purchase's gross profit and a member cost) for the current group in
   * `month`; then the group moves as the outcome says.
   */
  addEvent(month: number, outcome: ProgramEventOutcome, grossProfit: number, memberCost: number): void {
    const b = this.cell(month);
    const breakdown = this.breakdown;
    const benefits = outcome.discount + outcome.pointsPayments + outcome.rewardCost + outcome.benefitCost;
    breakdown[b + BreakdownField.grossProfit] += grossProfit;
    breakdown[b + BreakdownField.benefits] += benefits;
    breakdown[b + BreakdownField.profit] +=
      grossProfit - benefits - memberCost + outcome.partnerPaymentsIn - outcome.partnerPaymentsOut;
    if (outcome.group >= 0) this.group = outcome.group;
  }

  /**
   * A member purchase in `month` (amount at list price and category from the event) and its
   * outcome; `pairedEntry` is the index of the customer's baseline purchase it is paired with (the
   * same index in the sequence), -1 when the customer made fewer purchases in the baseline.
   * Numbers come from the event and the sequence, not as arguments: V8 would box floating-point
   * arguments of a call it does not inline, on every purchase.
   */
  addPurchase(month: number, outcome: ProgramEventOutcome, pairedEntry: number): void {
    // Hot: once per member purchase of a program with groups. The event's bookkeeping is written
    // out here rather than passed to addEvent and baselineGrossProfit, whose floating-point
    // arguments and result V8 would box when it does not inline them.
    const b = this.cell(month);
    const breakdown = this.breakdown;
    const costShare = this.worlds.costShare;
    const value = this.event.amount;
    const grossProfit = value - value * costShare[this.event.category];
    breakdown[b + BreakdownField.purchases] += 1;
    breakdown[b + BreakdownField.revenue] += value;
    if (pairedEntry >= 0) {
      const baselineValue = this.sequence.value[pairedEntry];
      breakdown[b + BreakdownField.baselineGrossProfit] += baselineValue - baselineValue * costShare[this.sequence.category[pairedEntry]];
    }
    const benefits = outcome.discount + outcome.pointsPayments + outcome.rewardCost + outcome.benefitCost;
    breakdown[b + BreakdownField.grossProfit] += grossProfit;
    breakdown[b + BreakdownField.benefits] += benefits;
    breakdown[b + BreakdownField.profit] +=
      grossProfit - benefits - this.worlds.perTransaction[this.memberWorld] + outcome.partnerPaymentsIn - outcome.partnerPaymentsOut;
    if (outcome.group >= 0) this.group = outcome.group;
  }

  /**
   * The customer's baseline purchases `from` .. `to` - 1, which the member did not make: their gross
   * profit counts for the group the member ended in, in `month`.
   */
  addUnpairedBaseline(month: number, from: number, to: number): void {
    const b = this.cell(month);
    for (let k = from; k < to; k++) this.breakdown[b + BreakdownField.baselineGrossProfit] += this.baselineGrossProfit(k);
  }

  /** Gross profit of the customer's k-th purchase in the baseline world (no effects; 0 when returned). */
  private baselineGrossProfit(k: number): number {
    const returnRate = this.worlds.returnRate;
    if (returnRate > 0 && returnUniform(this.sequence.uniform[k]) < returnRate) return 0;
    const value = this.sequence.value[k];
    return value - value * this.worlds.costShare[this.sequence.category[k]];
  }

  /** The per-member cost of `month`, booked before the month end (in the group the member was in). */
  addMemberCost(month: number, memberCost: number): void {
    this.breakdown[this.cell(month) + BreakdownField.profit] -= memberCost;
  }

  /** Fee revenue earned in `month`, for the group the member is in now (when the fee was charged). */
  addFeeRevenue(month: number, revenue: number): void {
    this.breakdown[this.cell(month) + BreakdownField.profit] += revenue;
  }

  /** The member is a member at the end of `month` (in the group after the month end). */
  addMember(month: number): void {
    this.breakdown[this.cell(month) + BreakdownField.members] += 1;
  }
}
