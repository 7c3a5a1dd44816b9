/**
 * One member's points, in lots by the month they were earned in.
 *
 * - Spending is first in, first out: the oldest points are spent first.
 * - Expiry: points earned in month e expire at the end of month e + expiryMonths (earned in the
 *   first month with expiryMonths 24: gone at the end of month 25, two years later).
 * - Pending: points earned on day d can be spent from day d + pendingDays. Pending points are
 *   always the newest ones, so spending at most (balance - pending) oldest-first never touches them.
 *
 * Arithmetic is in integer units of 1/1024 point (`UNITS_PER_POINT`). Sums of integers are exact in
 * double precision up to 2^53, and a power-of-two fraction converts back to points exactly, so
 * issued = redeemed + expired + outstanding holds exactly, not approximately — in the ledger and in
 * the engine's tallies summed over customers.
 *
 * The ledger also remembers, per earning month, how many of its units were redeemed, so the engine
 * can tell what became of the points of each month of the horizon once the run-off (run-off.ts)
 * has followed them to their end: `redeemedUnitsOfLot` and `unitsHeldBefore`.
 *
 * State is allocated once (one lot per month of the horizon and the run-off) and reused for every
 * member.
 */
import { monthsSimulated } from './run-off.js';

export const UNITS_PER_POINT = 1024;

/** Whole points -> units, rounding to the nearest unit. */
export function pointsToUnits(points: number): number {
  return Math.round(points * UNITS_PER_POINT);
}

/** Units -> points (exact: division by a power of two). */
export function unitsToPoints(units: number): number {
  return units / UNITS_PER_POINT;
}

export class PointsLedger {
  /** Units still held, by earning month. */
  private readonly lots: Float64Array;
  /** Units redeemed since the last reset, by earning month. */
  private readonly redeemedLots: Float64Array;
  /** Lots below this index are empty. */
  private oldestLot = 0;
  /** Highest lot index written since the last reset (-1: none). */
  private newestLot = -1;
  private balance = 0;

  private pendingDays = 0;
  /** Months a lot lives after its earning month; Infinity when points never expire. */
  private expiryMonths = Infinity;

  // Points not yet usable, oldest first, in a ring buffer (grows only if a member earns more
  // often within the pending window than any member before).
  private pendingAvailableDay = new Float64Array(16);
  private pendingAmount = new Float64Array(16);
  private pendingMonth = new Int32Array(16);
  private pendingHead = 0;
  private pendingCount = 0;
  private pendingTotal = 0;

  /** Lots for the horizon's months and the run-off's after it. */
  constructor(horizonMonths: number) {
    this.lots = new Float64Array(monthsSimulated(horizonMonths));
    this.redeemedLots = new Float64Array(this.lots.length);
  }

  /** Rules for this iteration; `expiryMonths` undefined or null means points never expire. */
  configure(pendingDays: number, expiryMonths: number | null | undefined): void {
    this.pendingDays = pendingDays;
    this.expiryMonths = expiryMonths ?? Infinity;
  }

  /** Empty the ledger for a new member. */
  reset(): void {
    for (let month = this.oldestLot; month <= this.newestLot; month++) this.lots[month] = 0;
    for (let month = 0; month <= this.newestLot; month++) this.redeemedLots[month] = 0;
    this.oldestLot = 0;
    this.newestLot = -1;
    this.balance = 0;
    this.pendingHead = 0;
    this.pendingCount = 0;
    this.pendingTotal = 0;
  }

  /** Units held (usable or pending). */
  get balanceUnits(): number {
    return this.balance;
  }

  /** Units held in the lot of one earning month. */
  lotUnits(month: number): number {
    return this.lots[month];
  }

  /** Units earned in `month` and redeemed since the last reset. */
  redeemedUnitsOfLot(month: number): number {
    return this.redeemedLots[month];
  }

  /** Units held that were earned before month `month` (e.g. in the horizon, before the run-off). */
  unitsHeldBefore(month: number): number {
    let held = 0;
    const last = Math.min(month - 1, this.newestLot);
    for (let lot = this.oldestLot; lot <= last; lot++) held += this.lots[lot];
    return held;
  }

  /**
   * The member loses the whole balance (a membership that is not renewed); returns the units
   * forfeited. What was redeemed before stays on record, unlike `reset`.
   */
  forfeitAll(): number {
    const forfeited = this.balance;
    for (let month = this.oldestLot; month <= this.newestLot; month++) this.lots[month] = 0;
    this.oldestLot = this.newestLot + 1;
    this.balance = 0;
    this.pendingHead = 0;
    this.pendingCount = 0;
    this.pendingTotal = 0;
    return forfeited;
  }

  /** Credit `units` (a whole number) earned on `day` in `month`. */
  earn(day: number, month: number, units: number): void {
    if (units <= 0) return;
    this.lots[month] += units;
    if (month > this.newestLot) this.newestLot = month;
    // A redemption that emptied every lot, this month's included, moved the oldest lot past this
    // month (the lots in between are empty): move it back, or this lot would never expire and
    // reset() would leave it to the next member.
    if (month < this.oldestLot) this.oldestLot = month;
    this.balance += units;
    if (this.pendingDays > 0) this.pushPending(day + this.pendingDays, units, month);
  }

  /** Units that can be spent on `day`: the balance minus points still pending. */
  usableUnits(day: number): number {
    while (this.pendingCount > 0 && this.pendingAvailableDay[this.pendingHead] <= day) this.popPending();
    return this.balance - this.pendingTotal;
  }

  /** Spend `units`, oldest lots first. The caller checks `usableUnits` first. */
  redeem(units: number, day: number): void {
    if (units > this.usableUnits(day)) {
      throw new Error(`cannot redeem ${units} units: only ${this.usableUnits(day)} usable`);
    }
    let remaining = units;
    while (remaining > 0) {
      const lot = this.lots[this.oldestLot];
      if (lot > remaining) {
        this.lots[this.oldestLot] = lot - remaining;
        this.redeemedLots[this.oldestLot] += remaining;
        remaining = 0;
      } else {
        this.lots[this.oldestLot] = 0;
        this.redeemedLots[this.oldestLot] += lot;
        remaining -= lot;
        this.oldestLot++;
      }
    }
    this.balance -= units;
  }

  /** At the end of `month`, remove the lots that expire then; returns the units expired. */
  expireAtMonthEnd(month: number): number {
    const lastExpiringLot = Math.min(month - this.expiryMonths, this.newestLot);
    if (lastExpiringLot < this.oldestLot) return 0;
    let expired = 0;
    for (let lot = this.oldestLot; lot <= lastExpiringLot; lot++) {
      expired += this.lots[lot];
      this.lots[lot] = 0;
    }
    this.oldestLot = lastExpiringLot + 1;
    this.balance -= expired;
    // Pending points of expired lots are gone too (only possible with very short expiry).
    while (this.pendingCount > 0 && this.pendingMonth[this.pendingHead] <= lastExpiringLot) this.popPending();
    return expired;
  }

  /** The month at whose end the oldest points held expire; Infinity when none will. */
  nextExpiryMonth(): number {
    if (this.expiryMonths === Infinity) return Infinity;
    for (let lot = this.oldestLot; lot <= this.newestLot; lot++) {
      if (this.lots[lot] > 0) return lot + this.expiryMonths;
    }
    return Infinity;
  }

  private pushPending(availableDay: number, units: number, month: number): void {
    if (this.pendingCount === this.pendingAmount.length) this.growPending();
    const slot = (this.pendingHead + this.pendingCount) % this.pendingAmount.length;
    this.pendingAvailableDay[slot] = availableDay;
    this.pendingAmount[slot] = units;
    this.pendingMonth[slot] = month;
    this.pendingCount++;
    this.pendingTotal += units;
  }

  private popPending(): void {
    this.pendingTotal -= this.pendingAmount[this.pendingHead];
    this.pendingHead = (this.pendingHead + 1) % this.pendingAmount.length;
    this.pendingCount--;
  }

  private growPending(): void {
    const capacity = this.pendingAmount.length;
    const day = new Float64Array(capacity * 2);
    const amount = new Float64Array(capacity * 2);
    const month = new Int32Array(capacity * 2);
    for (let i = 0; i < this.pendingCount; i++) {
      const slot = (this.pendingHead + i) % capacity;
      day[i] = this.pendingAvailableDay[slot];
      amount[i] = this.pendingAmount[slot];
      month[i] = this.pendingMonth[slot];
    }
    this.pendingAvailableDay = day;
    this.pendingAmount = amount;
    this.pendingMonth = month;
    this.pendingHead = 0;
  }
}
