/**
 * The customers of one iteration as typed arrays indexed by slot: the existing customers first,
 * then the new arrivals, then (reusing the slots after those, world by world) the customers who
 * exist in one program world only. Allocated once and grown, never per customer.
 *
 * Each customer's traits come from their own stream keyed by (seed, iteration, customer): the
 * customer model's draw (active or not, then its traits, see model/customer-trait-model.ts), then
 * the enrolment, program and opening uniforms. Who shops in the horizon, and when first, is read
 * off the first entry of each customer's purchase stream (`findFirstPurchases`).
 */
import type { CustomerTraitModel, TraitColumns } from '../model/customer-trait-model.js';
import { appendPoissonArrivals } from './arrivals.js';
import { DAYS_PER_MONTH } from './calendar.js';
import type { CustomerSample } from './customer-sample.js';
import { DayList } from './day-list.js';
import { IterationKey, RandomStream, StreamPurpose } from './random-stream.js';

/** `joinFrom` of a customer who does not join. */
export const NEVER_JOINS = Infinity;
/** `joinFrom` of a customer who joins at the start of their simulation (day 0, or on arrival), whatever they buy. */
export const JOINS_AT_START = -1;

export class CustomerTable implements TraitColumns {
  /** Slots allocated. */
  capacity = 0;
  /** Customers of the iteration (existing and new arrivals); world-only customers come after. */
  count = 0;
  /** Existing customers of the iteration: slots 0 .. existingCount - 1 (all of them, or the sample's). */
  existingCount: number;
  /**
   * The index keying each slot's streams: the customer's index in the whole base (existing
   * customers, then new arrivals, then world-only customers), the slot itself without a sample.
   */
  source: Int32Array = new Int32Array(0);
  /** Existing customers of the whole base and all of the iteration's new arrivals (sampled or not): world-only customers' stream indices start here. */
  baseCount = 0;
  /** With a sample, the tally target of each sampled customer: its stratum and half (customer-sample.ts). */
  sampleTarget: Uint8Array = new Uint8Array(0);
  /** With a sample, the customers each sampled customer stands for (its stratum's weight); unused without one. */
  standsFor: Float64Array = new Float64Array(0);
  /** Whether the iteration simulates a sample (then `standsFor` applies). */
  get sampled(): boolean {
    return this.sample !== null;
  }
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
  /** The customer's opening uniform: when a gradual launch opens the program to them, the same in every world. */
  openingUniform: Float64Array = new Float64Array(0);
  /** Day of the customer's first purchase in the baseline (Infinity when inactive at the start). */
  firstPurchaseDay: Float64Array = new Float64Array(0);
  /** 1 when the customer shops in the horizon: their baseline first purchase is before its end. */
  shops: Uint8Array = new Uint8Array(0);
  /** Scratch of the enrolment pass (enrolment.ts). */
  capped: Uint8Array = new Uint8Array(0);
  weights: Float64Array = new Float64Array(0);
  /**
   * When customer c joins the program of world w, index w * capacity + c (enrolment-pass.ts):
   * NEVER_JOINS, JOINS_AT_START, or a day: they join at their first purchase on or after it.
   */
  joinFrom: Float64Array = new Float64Array(0);

  private readonly traitStream = new RandomStream();
  /** Arrival days of this iteration's new customers. */
  private readonly newArrivals = new DayList();

  constructor(
    readonly worldCount: number,
    /** Existing customers in the whole base. */
    readonly existingTotal: number,
    /** The sample an iteration simulates, or null for every customer. */
    private readonly sample: CustomerSample | null = null,
  ) {
    this.existingCount = existingTotal;
    this.ensureCapacity((sample === null ? existingTotal : Math.ceil(sample.size) + sample.strata) + 16);
  }

  /**
   * At least `capacity` slots. Traits and start days are kept; the enrolment scratch, who shops
   * and the joining days are not (they are recomputed for every iteration before use, and
   * world-only customers, for whom slots grow late, do not use them).
   */
  ensureCapacity(capacity: number): void {
    if (capacity <= this.capacity) return;
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.active = grow(this.active, (n) => new Uint8Array(n));
    this.source = grow(this.source, (n) => new Int32Array(n));
    this.sampleTarget = grow(this.sampleTarget, (n) => new Uint8Array(n));
    this.standsFor = grow(this.standsFor, (n) => new Float64Array(n));
    this.capped = new Uint8Array(capacity);
    this.weights = new Float64Array(capacity);
    this.shops = new Uint8Array(capacity);
    this.firstPurchaseDay = new Float64Array(capacity);
    this.joinFrom = new Float64Array(capacity * this.worldCount);
    this.startDay = grow(this.startDay, (n) => new Float64Array(n));
    this.ratePerDay = grow(this.ratePerDay, (n) => new Float64Array(n));
    this.dropout = grow(this.dropout, (n) => new Float64Array(n));
    this.spendRate = grow(this.spendRate, (n) => new Float64Array(n));
    this.enrolUniform = grow(this.enrolUniform, (n) => new Float64Array(n));
    this.programUniform = grow(this.programUniform, (n) => new Float64Array(n));
    this.openingUniform = grow(this.openingUniform, (n) => new Float64Array(n));
    this.capacity = capacity;
  }

  /** Room for `count` customers: at least doubles the capacity when it is short. */
  ensureRoom(count: number): void {
    if (count > this.capacity) this.ensureCapacity(Math.max(count, 2 * this.capacity));
  }

  /**
   * Pass 1 of an iteration: arrival days of the new customers (a Poisson process of
   * `newCustomersPerMonth` from the iteration's arrival stream), who of the existing customers is
   * active, and every customer's traits.
   */
  draw(model: CustomerTraitModel, seed: number, iteration: number, newCustomersPerMonth: number, horizonDays: number): void {
    const sample = this.sample;
    const arrivals = this.newArrivals;
    arrivals.clear();
    if (newCustomersPerMonth > 0) {
      // With a sample, the arrivals thinned by its arrival weight (customer-sample.ts).
      const ratePerDay = newCustomersPerMonth / DAYS_PER_MONTH / (sample === null ? 1 : sample.arrivalWeight);
      const stream = new RandomStream(new IterationKey(seed, iteration, StreamPurpose.arrivals), 0);
      appendPoissonArrivals(stream, ratePerDay, 0, horizonDays, arrivals);
    }
    const total = this.existingTotal;
    const n = sample === null ? total : sample.selectExisting(seed, iteration, this);
    this.existingCount = n;
    this.count = n + arrivals.length;
    this.baseCount = total + arrivals.length;
    this.ensureRoom(this.count);
    if (sample === null) for (let c = 0; c < n; c++) this.source[c] = c;
    for (let j = 0; j < arrivals.length; j++) {
      this.source[n + j] = total + j;
      this.startDay[n + j] = arrivals.at(j);
      if (sample !== null) this.sampleTarget[n + j] = sample.arrivalTarget(j);
    }
    if (sample !== null) for (let c = 0; c < this.count; c++) this.standsFor[c] = sample.weightOfTarget(this.sampleTarget[c]);

    const traitKey = new IterationKey(seed, iteration, StreamPurpose.traits);
    const stream = this.traitStream;
    for (let c = 0; c < this.count; c++) {
      const source = this.source[c];
      stream.reset(traitKey, source);
      if (c < n) {
        this.startDay[c] = 0;
        if (!model.drawExisting(stream, source, this, c)) {
          this.active[c] = 0;
          continue;
        }
      } else {
        model.drawNew(stream, this, c);
      }
      this.drawUniforms(stream, c);
    }
  }

  /**
   * Who of the iteration's customers shops in the horizon of `horizonDays` days, and the day of
   * their first purchase in the baseline: an existing active customer's first purchase is the first
   * entry of their purchase stream, gap -ln U / lambda from day 0, computed exactly as the engine's
   * loop computes it (purchase-sequence.ts, iteration-simulator.ts; dropout comes only after a
   * purchase, so nothing stops it earlier); a new customer's first purchase is on arrival. Every
   * world is the baseline up to a customer's joining, so this is also when they first buy in a
   * program world they join at a purchase. One uniform per customer, from a stream of its own.
   */
  findFirstPurchases(seed: number, iteration: number, horizonDays: number): void {
    const key = new IterationKey(seed, iteration, StreamPurpose.purchases);
    const stream = this.traitStream;
    for (let c = 0; c < this.count; c++) {
      let first = Infinity;
      if (c >= this.existingCount) first = this.startDay[c];
      else if (this.active[c] === 1) {
        stream.reset(key, this.source[c]);
        first = this.startDay[c] + -Math.log(stream.nextUniform()) * (1 / this.ratePerDay[c]);
      }
      this.firstPurchaseDay[c] = first;
      this.shops[c] = first < horizonDays ? 1 : 0;
    }
  }

  /** Traits of a new customer in slot `c` (start day set by the caller) from the stream (traitKey, index). */
  drawNewCustomer(model: CustomerTraitModel, traitKey: IterationKey, index: number, c: number): void {
    const stream = this.traitStream;
    stream.reset(traitKey, index);
    model.drawNew(stream, this, c);
    this.drawUniforms(stream, c);
  }

  /** After the model's traits: the customer is active, and draws their enrolment, program and opening uniforms. */
  private drawUniforms(stream: RandomStream, c: number): void {
    this.active[c] = 1;
    this.enrolUniform[c] = stream.nextUniform();
    this.programUniform[c] = stream.nextUniform();
    this.openingUniform[c] = stream.nextUniform();
  }
}
