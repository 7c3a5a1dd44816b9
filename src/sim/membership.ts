/**
 * The member being simulated: their policy, where their tallies go, and their month ends. The
 * engine simulates one member of one world at a time (iteration-simulator.ts); this holds that
 * member's state from enrolment to the end of the horizon or of the membership.
 *
 * Month ends. Each month of membership costs perMemberPerYear / DAYS_PER_YEAR per day of
 * membership in it; the policy's monthEnd reports fees, expiry, reviews and the member's stocks.
 * A month end the policy promised to be quiet (no event since its last month end and before
 * `quietUntilMonth`, see ProgramEventOutcome) repeats the last stocks without a call.
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
const TWO_POW_32 = 4294967296;
/** Position of `pointsRedeemable` among the stocks a policy reports. */
const REDEEMABLE_STOCK = OUTCOME_STOCK_OFFSETS.indexOf(Tally.pointsRedeemable);

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
  ) {}

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
    addOutcomeFlows(this.tallies, worldOffset + event.month * F, outcome);
    this.breakdown.startMember(w, event.month, outcome);
  }

  /**
   * A month end of the run-off after the horizon (programs/run-off.ts): the policy's monthEnd, with
   * the member's uniform for that month, booked nowhere (the run-off's caller reads the member's
   * points ledger). Returns whether the member is still a member after it.
   */
  runOffMonthEnd(month: number): boolean {
    const event = this.event;
    const outcome = this.outcome;
    event.month = month;
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
    addOutcomeFlows(this.tallies, this.worldOffset + month * F, outcome);
    if (this.breakdown.memberBase >= 0) this.breakdown.addEvent(month, outcome, 0, 0);
  }

  /**
   * Process the member's month ends up to, not including, `limit`; returns false when the
   * membership ends at one of them (then `endDay` is the end of that month).
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
      const memberDays = (month + 1) * DAYS_PER_MONTH - (this.enrolDay > monthStart ? this.enrolDay : monthStart);
      const memberCost = this.perMemberPerDay * memberDays;
      out[o + OPERATING_COST] += memberCost;
      if (grouped) breakdown.addMemberCost(month, memberCost);
      if (this.hadEvent || month >= this.quietUntil) {
        this.event.month = month;
        this.event.uniform = monthEndUniform(this.bits, month);
        outcome.clear();
        this.policy!.monthEnd(this.event, outcome);
        addOutcomeFlows(out, o, outcome);
        if (grouped) breakdown.addEvent(month, outcome, 0, 0);
        this.hadEvent = false;
        this.quietUntil = outcome.quietUntilMonth;
        readOutcomeStocks(outcome, this.stocks);
        this.continues = outcome.member;
      }
      addOutcomeStocks(out, o, this.stocks);
      if (!this.continues) {
        this.endDay = (month + 1) * DAYS_PER_MONTH;
        return false;
      }
      out[o + MEMBERS] += 1;
      if (grouped) breakdown.addMember(month);
    }
    return true;
  }
}
