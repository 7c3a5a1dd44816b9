/**
 * The member being simulated: their policy, where their tallies go, and their month ends. The
 * engine simulates one member of one world at a time (iteration-simulator.ts); this holds that
 * member's state from enrolment to the end of the horizon or of the membership.
 *
 * Month ends. Each month of membership costs perMemberPerYear / DAYS_PER_YEAR per day of
 * membership in it (from the joining day; `memberMonths` counts the same days in months); the
 * policy's monthEnd reports fees, expiry, reviews and the member's stocks.
 * The event's day at a month end is the month's last instant: (m + 1) x DAYS_PER_MONTH, except for
 * a horizon ending inside its last month, whose month end is the horizon's end (docs/methods.md
 * section 7): that month's cost counts the days up to the horizon's end, its stocks are those at
 * the horizon's end, and the run-off's months are counted from there (runOffMonthEnd).
 * A month end the policy promised to be quiet (no event since its last month end and before
 * `quietUntilMonth`, see ProgramEventOutcome) repeats the last stocks without a call.
 *
 * Fees (docs/methods.md section 5). An event whose outcome charges fees (`feePayments` non-zero)
 * says what they pay for: a service period of `feePeriodDays` days from day `feePeriodStartDay`.
 * In months of DAYS_PER_MONTH days, with the period from s to e = s + L months:
 *   feesCollected, feePayments   in month floor(s) (the month of the period's first day; not before
 *                                the event's month); nothing at all when s is at or after the
 *                                horizon's end H: the fee is not charged within the horizon;
 *   feeRevenue in month m        fee x (min(e, m + 1, H) - max(s, m)) / L for the months m < H the
 *                                period overlaps: pro rata by day, up to the horizon's exact end;
 *   feesDeferred                 fee x (e - H) / L when e > H, in the month of the cash: the part
 *                                for service after the horizon (a contract liability at its end).
 * L = 0, and the outcome's `feeEarnedAtOnce` part of the sum, are earned in the month of the cash.
 * Over the horizon feesCollected = feeRevenue + feesDeferred. Breakdown groups get the revenue
 * (the group the member was in when charged), not the cash.
 */
import type { MemberEvent, ProgramEventOutcome, ProgramPolicy } from '../programs/program.js';
import type { ResolvedProgram } from '../programs/registry.js';
import type { BreakdownBook } from './breakdown-book.js';
import { DAYS_PER_MONTH } from './calendar.js';
import { mix32 } from './random-stream.js';
import type { WorldParameters } from './world-parameters.js';
import { addOutcomeFlows, addOutcomeStocks, OUTCOME_STOCK_COUNT, OUTCOME_STOCK_OFFSETS, readOutcomeStocks, Tally, TALLY_FIELD_COUNT } from './tally.js';

const F = TALLY_FIELD_COUNT;
const OPERATING_COST = Tally.operatingCost;
const MEMBERS = Tally.members;
const ENROLMENTS = Tally.enrolments;
const MEMBER_MONTHS = Tally.memberMonths;
const FEES_COLLECTED = Tally.feesCollected;
const FEE_PAYMENTS = Tally.feePayments;
const FEE_REVENUE = Tally.feeRevenue;
const FEES_DEFERRED = Tally.feesDeferred;
const TWO_POW_32 = 4294967296;
/** Position of `pointsRedeemable` among the stocks a policy reports. */
const REDEEMABLE_STOCK = OUTCOME_STOCK_OFFSETS.indexOf(Tally.pointsRedeemable);

/**
 * A time in months, or the whole number of months within 1e-9 month (3 ms) of it. A policy states
 * periods in days, and n x DAYS_PER_MONTH days divided back by DAYS_PER_MONTH gives n only up to
 * rounding: without this a renewal starting at the end of month 11 could land in month 11, and a
 * year's fee would not split into exact twelfths.
 */
function wholeMonthsIfClose(months: number): number {
  const whole = Math.round(months);
  return Math.abs(months - whole) < 1e-9 ? whole : months;
}

/**
 * A member's uniform for one month end: a hash of the member's program uniform (its 32 bits) and
 * the month, so it is the same in every world and whether or not earlier month ends were skipped.
 */
function monthEndUniform(memberBits: number, month: number): number {
  const h = mix32(memberBits ^ mix32(month + 0x632be5ab));
  return ((h >>> 0) + 0.5) / TWO_POW_32;
}

export class Membership {
  /** This iteration's tallies (set by `begin`). */
  private tallies: Float64Array = new Float64Array(0);
  private policy: ProgramPolicy<ResolvedProgram> | null = null;
  /** Offset of the member's world in the iteration's tallies. */
  private worldOffset = 0;
  private enrolDay = 0;
  private perMemberPerDay = 0;
  /** The member's first month whose end has not been processed. */
  private nextMonth = 0;
  /** Whether the member had an event since the last month end the policy processed. */
  hadEvent = true;
  /** The last processed month end's promise, stocks and membership (see ProgramEventOutcome.quietUntilMonth). */
  private quietUntil = 0;
  private readonly stocks = new Float64Array(OUTCOME_STOCK_COUNT);
  private continues = true;
  /** The member's program uniform as 32 bits, for month-end uniforms. */
  private bits = 0;
  /** Day the membership ended at a month end (Infinity while it lasts). */
  endDay = Infinity;

  constructor(
    private readonly event: MemberEvent,
    private readonly outcome: ProgramEventOutcome,
    private readonly breakdown: BreakdownBook,
    private readonly worlds: WorldParameters,
    private readonly horizonMonths: number,
    private readonly horizonDays: number,
  ) {
    const end = horizonDays / DAYS_PER_MONTH;
    this.horizonEnd = Math.abs(end - horizonMonths) < 1e-9 ? horizonMonths : end;
  }

  /** The horizon's end in months (horizonMonths exactly for a horizon of whole months). */
  private readonly horizonEnd: number;

  /** Tally into `tallies` (one iteration's block) from now on. */
  begin(tallies: Float64Array): void {
    this.tallies = tallies;
  }

  /**
   * The customer joins the program of world `w`, whose tallies start at `worldOffset`, on
   * `event.day` in `event.month`: the policy's enrol, with the event the caller filled (the
   * customer's program uniform and own traits as a non-member, see MemberEvent), booked in the
   * month of joining. The event is filled by the caller rather than passed as numbers: V8 boxes
   * floating-point arguments of calls it does not inline, which would allocate per member.
   */
  enrol(w: number, worldOffset: number, policy: ProgramPolicy<ResolvedProgram>): void {
    const event = this.event;
    this.policy = policy;
    this.worldOffset = worldOffset;
    this.enrolDay = event.day;
    this.perMemberPerDay = this.worlds.perMemberPerDay[w];
    this.nextMonth = event.month;
    this.hadEvent = true;
    this.endDay = Infinity;
    this.bits = Math.floor(event.uniform * TWO_POW_32) | 0;
    const outcome = this.outcome;
    outcome.clear();
    policy.enrol(event, outcome);
    // The member's group first: the fees of the enrolment count for the group they join in.
    this.breakdown.startMember(w, event.month, outcome);
    if (outcome.feePayments !== 0) this.bookFees(event.month);
    addOutcomeFlows(this.tallies, worldOffset + event.month * F, outcome);
    this.tallies[worldOffset + event.month * F + ENROLMENTS] += 1;
  }

  /**
   * A month end of the run-off after the horizon (programs/run-off.ts): the policy's monthEnd, with
   * the member's uniform for that month, booked nowhere (the run-off's caller reads the member's
   * points ledger). Returns whether the member is still a member after it.
   */
  runOffMonthEnd(month: number, shift: number): boolean {
    const event = this.event;
    const outcome = this.outcome;
    event.month = month;
    // Run-off months start at the horizon's end: `shift` is its distance from the horizon's last month end.
    event.day = (month + 1) * DAYS_PER_MONTH + shift;
    event.uniform = monthEndUniform(this.bits, month);
    outcome.clear();
    this.policy!.monthEnd(event, outcome);
    return outcome.member;
  }

  /** Points held at the last processed month end by a member expected to redeem them (the `pointsRedeemable` stock). */
  get redeemablePoints(): number {
    return this.stocks[REDEEMABLE_STOCK];
  }

  /** The member drops out (stops buying for good) on `event.day` (set by the caller), in `month`. Month ends still follow. */
  leave(month: number): void {
    const event = this.event;
    const outcome = this.outcome;
    event.month = month;
    outcome.clear();
    this.policy!.leave(event, outcome);
    this.hadEvent = true;
    if (outcome.feePayments !== 0) this.bookFees(month);
    addOutcomeFlows(this.tallies, this.worldOffset + month * F, outcome);
    if (this.breakdown.memberBase >= 0) this.breakdown.addEvent(month, outcome, 0, 0);
  }

  /**
   * Process the member's month ends up to, not including, `limit`; returns false when the
   * membership ends at one of them (then `endDay` is the end of that month, or the horizon's end).
   */
  closeMonthsBefore(limit: number): boolean {
    // Called before every member purchase; usually there is no month end to process.
    if (this.nextMonth >= limit) return true;
    const out = this.tallies;
    const breakdown = this.breakdown;
    const grouped = breakdown.memberBase >= 0;
    const outcome = this.outcome;
    while (this.nextMonth < limit) {
      const month = this.nextMonth++;
      const o = this.worldOffset + month * F;
      const monthStart = month * DAYS_PER_MONTH;
      // The last month ends at the horizon's end (inside the month when the horizon is not whole months).
      const monthEnd = month + 1 < this.horizonMonths ? (month + 1) * DAYS_PER_MONTH : this.horizonDays;
      const memberDays = monthEnd - (this.enrolDay > monthStart ? this.enrolDay : monthStart);
      const memberCost = this.perMemberPerDay * memberDays;
      out[o + OPERATING_COST] += memberCost;
      out[o + MEMBER_MONTHS] += memberDays / DAYS_PER_MONTH;
      if (grouped) breakdown.addMemberCost(month, memberCost);
      if (this.hadEvent || month >= this.quietUntil) {
        this.event.month = month;
        this.event.day = monthEnd;
        this.event.uniform = monthEndUniform(this.bits, month);
        outcome.clear();
        this.policy!.monthEnd(this.event, outcome);
        if (outcome.feePayments !== 0) this.bookFees(month);
        addOutcomeFlows(out, o, outcome);
        if (grouped) breakdown.addEvent(month, outcome, 0, 0);
        this.hadEvent = false;
        this.quietUntil = outcome.quietUntilMonth;
        readOutcomeStocks(outcome, this.stocks);
        this.continues = outcome.member;
      }
      addOutcomeStocks(out, o, this.stocks);
      if (!this.continues) {
        this.endDay = monthEnd;
        return false;
      }
      out[o + MEMBERS] += 1;
      if (grouped) breakdown.addMember(month);
    }
    return true;
  }

  /**
   * Book the fees an event of `month` charged (the outcome's `feePayments` is non-zero): cash,
   * revenue and deferral as in the file comment, and the revenue for the member's breakdown group.
   * Then the outcome's fee flows are zeroed, so adding its flows into `month` afterwards adds no fee
   * a second time, and its fee period is reset (ProgramEventOutcome.clearFeePeriod).
   */
  bookFees(month: number): void {
    const outcome = this.outcome;
    const collected = outcome.feesCollected;
    const payments = outcome.feePayments;
    const start = wholeMonthsIfClose(outcome.feePeriodStartDay / DAYS_PER_MONTH);
    const length = outcome.feePeriodDays > 0 ? wholeMonthsIfClose(outcome.feePeriodDays / DAYS_PER_MONTH) : 0;
    const atOnce = outcome.feeEarnedAtOnce;
    outcome.feesCollected = 0;
    outcome.feePayments = 0;
    outcome.clearFeePeriod();
    const horizon = this.horizonMonths;
    const horizonEnd = this.horizonEnd;
    const cashMonth = Math.max(month, Math.floor(start));
    // A period that starts at or after the horizon's end is charged after it.
    if (cashMonth >= horizon || start >= horizonEnd) return;
    const tallies = this.tallies;
    const grouped = this.breakdown.memberBase >= 0;
    const o = this.worldOffset + cashMonth * F;
    tallies[o + FEES_COLLECTED] += collected;
    tallies[o + FEE_PAYMENTS] += payments;
    // What is earned now: the whole sum for a period of no length, else the part earned at once.
    const now = length > 0 ? atOnce : collected;
    if (now !== 0) {
      tallies[o + FEE_REVENUE] += now;
      if (grouped) this.breakdown.addFeeRevenue(cashMonth, now);
    }
    if (length === 0 || now === collected) return;
    const overPeriod = atOnce === 0 ? collected : collected - atOnce;
    const end = wholeMonthsIfClose(start + length);
    // Month by month from the cash month; service before it (a period starting before the event's
    // month) is earned in the cash month.
    let m = cashMonth;
    let from = start;
    for (;;) {
      let to = end < m + 1 ? end : m + 1;
      if (to > horizonEnd) to = horizonEnd;
      const earned = (overPeriod * (to - from)) / length;
      tallies[this.worldOffset + m * F + FEE_REVENUE] += earned;
      if (grouped) this.breakdown.addFeeRevenue(m, earned);
      m++;
      if (m >= horizon || m >= end) break;
      from = m;
    }
    if (end > horizonEnd) tallies[o + FEES_DEFERRED] += (overPeriod * (end - horizonEnd)) / length;
  }
}
