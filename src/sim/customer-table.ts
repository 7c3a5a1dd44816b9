/**
 * The customers of one iteration as typed arrays indexed by slot: the existing customers first,
 * then the new arrivals, then (reusing the slots after those, world by world) the customers who
 * exist in one program world only. Allocated once and grown, never per customer.
 */
import type { TraitColumns } from '../model/customer-trait-model.js';

export class CustomerTable implements TraitColumns {
  /** Slots allocated. */
  capacity = 0;
  /** Customers of the iteration (existing and new arrivals); world-only customers come after. */
  count = 0;
  /** 1 when the customer is active at the start (every new customer is). */
  active: Uint8Array = new Uint8Array(0);
  /** Day the customer's simulation starts: 0 for existing customers, the arrival day for new ones. */
  startDay: Float64Array = new Float64Array(0);
  ratePerDay: Float64Array = new Float64Array(0);
  dropout: Float64Array = new Float64Array(0);
  /** Gamma-Gamma rate nu of purchase values. */
  spendRate: Float64Array = new Float64Array(0);
  /** The customer's enrolment uniform: noise of whether they join, the same in every world. */
  enrolUniform: Float64Array = new Float64Array(0);
  /** The customer's program uniform: a program's once-per-member draw, and who holds a shared code. */
  programUniform: Float64Array = new Float64Array(0);
  /** Scratch of the enrolment pass (enrolment.ts). */
  capped: Uint8Array = new Uint8Array(0);
  weights: Float64Array = new Float64Array(0);
  /** 1 when customer c is a member of the program of world w: index w * capacity + c. */
  member: Uint8Array = new Uint8Array(0);

  constructor(
    readonly worldCount: number,
    /** Existing customers: slots 0 .. existingCount - 1. */
    readonly existingCount: number,
  ) {
    this.ensureCapacity(existingCount + 16);
  }

  /**
   * At least `capacity` slots. Traits and start days are kept; the enrolment scratch and the
   * membership flags are not (they are recomputed for every iteration before use, and world-only
   * customers, for whom slots grow late, do not use them).
   */
  ensureCapacity(capacity: number): void {
    if (capacity <= this.capacity) return;
    const grow = <T extends Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.active = grow(this.active, (n) => new Uint8Array(n));
    this.capped = new Uint8Array(capacity);
    this.weights = new Float64Array(capacity);
    this.member = new Uint8Array(capacity * this.worldCount);
    this.startDay = grow(this.startDay, (n) => new Float64Array(n));
    this.ratePerDay = grow(this.ratePerDay, (n) => new Float64Array(n));
    this.dropout = grow(this.dropout, (n) => new Float64Array(n));
    this.spendRate = grow(this.spendRate, (n) => new Float64Array(n));
    this.enrolUniform = grow(this.enrolUniform, (n) => new Float64Array(n));
    this.programUniform = grow(this.programUniform, (n) => new Float64Array(n));
    this.capacity = capacity;
  }

  /** Room for `count` customers: at least doubles the capacity when it is short. */
  ensureRoom(count: number): void {
    if (count > this.capacity) this.ensureCapacity(Math.max(count, 2 * this.capacity));
  }
}
