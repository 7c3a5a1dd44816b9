/**
 * Per-customer running totals while a purchase history streams by. Memory grows with customers,
 * never with rows: every customer is one index into a set of growing typed arrays, found through
 * one Map from customer id to index.
 *
 * Purchase days. A customer's purchase day is a calendar day with at least one purchase row (a
 * row with a positive value that is not a return). The day's value is the customer's net spend
 * that day: every row of that day, returns subtracted. So:
 * - several purchases (or order lines) on one day are one purchase day;
 * - a return-only day (or a day with only zero-value rows) is no purchase day: it lowers the
 *   customer's spend but never creates a purchase;
 * - a day where returns outweigh purchases is still a purchase day (the customer came and
 *   bought); its net value, zero or negative, enters the mean repeat value as it is, so that the
 *   day values always add up to the customer's net spend.
 *
 * Fast path: rows of one customer usually arrive in date order (exports are sorted by date, or
 * by customer and date). Then only the customer's open day is kept, and each finished day is
 * folded into the counts at once. A row dated before the customer's open day marks the customer
 * out of date order; the ingest then reads the file a second time and rebuilds that customer's
 * days from all its rows (see out-of-order-days.ts). Spend and margin totals do not depend on the
 * order and are always kept here.
 */
import { withCapacity } from './growable-array.js';

/** "No day yet": smaller than every real day number. */
export const NO_DAY = -2147483648;

const INITIAL_CAPACITY = 1024;

export class CustomerLedger {
  count = 0;
  readonly ids: string[] = [];
  /** Orders counted so far (consecutive lines of one customer with the same order number are one). */
  orders = 0;
  customersOutOfDateOrder = 0;

  // Day bookkeeping (fast path).
  openDay = new Int32Array(INITIAL_CAPACITY);
  openValue = new Float64Array(INITIAL_CAPACITY);
  openHasPurchase = new Uint8Array(INITIAL_CAPACITY);
  /** 1 when a row arrived dated before the customer's open day. */
  outOfDateOrder = new Uint8Array(INITIAL_CAPACITY);
  // Folded purchase days.
  firstPurchaseDay = new Int32Array(INITIAL_CAPACITY);
  /** Latest purchase day on or before the calibration end. */
  lastPurchaseDay = new Int32Array(INITIAL_CAPACITY);
  /** Purchase days after the first one, on or before the calibration end. */
  repeatDays = new Int32Array(INITIAL_CAPACITY);
  repeatValue = new Float64Array(INITIAL_CAPACITY);
  holdoutDays = new Int32Array(INITIAL_CAPACITY);
  // Order-independent totals.
  calibrationSpend = new Float64Array(INITIAL_CAPACITY);
  calibrationMargin = new Float64Array(INITIAL_CAPACITY);
  holdoutValue = new Float64Array(INITIAL_CAPACITY);
  /** Rows used per customer (sizes the second pass). */
  rowCount = new Int32Array(INITIAL_CAPACITY);

  private readonly indexById = new Map<string, number>();
  // The last id looked up, as bytes: consecutive rows of one customer skip decoding and hashing.
  private lastIdBytes = Buffer.alloc(64);
  private lastIdLength = -1;
  private lastIdEscaped = false;
  private lastIndex = -1;
  // Order dating, only when the file has an order column.
  private readonly lastOrderId: (string | null)[] | null;
  private lastOrderDay: Int32Array;

  /**
   * @param calibrationEnd last calibration day (a day number), or Infinity while it is not known
   *   (it then defaults to the last date of the file, so every row is in the calibration period).
   */
  constructor(
    readonly calibrationEnd: number,
    trackOrders: boolean,
  ) {
    this.lastOrderId = trackOrders ? [] : null;
    this.lastOrderDay = new Int32Array(trackOrders ? INITIAL_CAPACITY : 0);
  }

  /** Index of the customer whose id is bytes[start, end), added if new. */
  customerIndex(bytes: Buffer, start: number, end: number, escaped: boolean): number {
    const found = this.lookup(bytes, start, end, escaped, true);
    return found;
  }

  /** Index of the customer whose id is bytes[start, end), or -1. */
  findCustomer(bytes: Buffer, start: number, end: number, escaped: boolean): number {
    return this.lookup(bytes, start, end, escaped, false);
  }

  private lookup(bytes: Buffer, start: number, end: number, escaped: boolean, create: boolean): number {
    const length = end - start;
    if (length === this.lastIdLength && escaped === this.lastIdEscaped && bytes.compare(this.lastIdBytes, 0, length, start, end) === 0) {
      return this.lastIndex;
    }
    let id = bytes.toString('utf8', start, end);
    if (escaped) id = id.replaceAll('""', '"');
    let index = this.indexById.get(id);
    if (index === undefined) {
      if (!create) return -1;
      index = this.addCustomer(id);
    }
    if (length > this.lastIdBytes.length) this.lastIdBytes = Buffer.alloc(length * 2);
    bytes.copy(this.lastIdBytes, 0, start, end);
    this.lastIdLength = length;
    this.lastIdEscaped = escaped;
    this.lastIndex = index;
    return index;
  }

  private addCustomer(id: string): number {
    const index = this.count;
    if (index === this.openDay.length) this.grow(index * 2);
    this.count++;
    this.ids.push(id);
    this.indexById.set(id, index);
    this.openDay[index] = NO_DAY;
    this.firstPurchaseDay[index] = NO_DAY;
    this.lastPurchaseDay[index] = NO_DAY;
    if (this.lastOrderId) this.lastOrderId.push(null);
    return index;
  }

  private grow(capacity: number): void {
    this.openDay = withCapacity(this.openDay, capacity);
    this.openValue = withCapacity(this.openValue, capacity);
    this.openHasPurchase = withCapacity(this.openHasPurchase, capacity);
    this.outOfDateOrder = withCapacity(this.outOfDateOrder, capacity);
    this.firstPurchaseDay = withCapacity(this.firstPurchaseDay, capacity);
    this.lastPurchaseDay = withCapacity(this.lastPurchaseDay, capacity);
    this.repeatDays = withCapacity(this.repeatDays, capacity);
    this.repeatValue = withCapacity(this.repeatValue, capacity);
    this.holdoutDays = withCapacity(this.holdoutDays, capacity);
    this.calibrationSpend = withCapacity(this.calibrationSpend, capacity);
    this.calibrationMargin = withCapacity(this.calibrationMargin, capacity);
    this.holdoutValue = withCapacity(this.holdoutValue, capacity);
    this.rowCount = withCapacity(this.rowCount, capacity);
    if (this.lastOrderId) this.lastOrderDay = withCapacity(this.lastOrderDay, capacity);
  }

  /**
   * The day a line counts on: the lines of one order are one purchase, dated by the order's
   * first line, so a line continuing the customer's previous order takes that order's day.
   * `countOrders` is false when rows are read a second time.
   */
  orderDay(customer: number, orderId: string | null, day: number, countOrders: boolean): number {
    const lastOrderId = this.lastOrderId;
    if (lastOrderId === null || orderId === null) return day;
    if (lastOrderId[customer] === orderId) return this.lastOrderDay[customer];
    lastOrderId[customer] = orderId;
    this.lastOrderDay[customer] = day;
    if (countOrders) this.orders++;
    return day;
  }

  /** Forget the customer's last order (before its rows are read again). */
  resetOrder(customer: number): void {
    if (this.lastOrderId) this.lastOrderId[customer] = null;
  }

  /** Add one used row. `isPurchase`: positive value and not a return. */
  addRow(customer: number, day: number, value: number, margin: number, isPurchase: boolean): void {
    this.rowCount[customer]++;
    if (day <= this.calibrationEnd) {
      this.calibrationSpend[customer] += value;
      this.calibrationMargin[customer] += margin;
    } else {
      this.holdoutValue[customer] += value;
    }
    if (this.outOfDateOrder[customer] === 1) return;
    const open = this.openDay[customer];
    if (day === open) {
      this.openValue[customer] += value;
      if (isPurchase) this.openHasPurchase[customer] = 1;
    } else if (day > open) {
      if (open !== NO_DAY) this.closeDay(customer, open, this.openValue[customer], this.openHasPurchase[customer] === 1);
      this.openDay[customer] = day;
      this.openValue[customer] = value;
      this.openHasPurchase[customer] = isPurchase ? 1 : 0;
    } else {
      this.outOfDateOrder[customer] = 1;
      this.customersOutOfDateOrder++;
    }
  }

  /** Fold every customer's open day (after the last row). */
  closeOpenDays(): void {
    for (let customer = 0; customer < this.count; customer++) {
      const open = this.openDay[customer];
      if (this.outOfDateOrder[customer] === 0 && open !== NO_DAY) {
        this.closeDay(customer, open, this.openValue[customer], this.openHasPurchase[customer] === 1);
      }
      this.openDay[customer] = NO_DAY;
    }
  }

  /** Clear a customer's folded purchase days, before they are rebuilt from sorted days. */
  resetPurchaseDays(customer: number): void {
    this.firstPurchaseDay[customer] = NO_DAY;
    this.lastPurchaseDay[customer] = NO_DAY;
    this.repeatDays[customer] = 0;
    this.repeatValue[customer] = 0;
    this.holdoutDays[customer] = 0;
  }

  /**
   * Fold one finished day of a customer; days of one customer must come in increasing order.
   * The first purchase day starts the customer; later ones are repeat purchases up to the
   * calibration end and holdout purchases after it.
   */
  closeDay(customer: number, day: number, value: number, isPurchase: boolean): void {
    if (!isPurchase) return;
    if (this.firstPurchaseDay[customer] === NO_DAY) {
      this.firstPurchaseDay[customer] = day;
      this.lastPurchaseDay[customer] = day;
    } else if (day <= this.calibrationEnd) {
      this.repeatDays[customer]++;
      this.repeatValue[customer] += value;
      this.lastPurchaseDay[customer] = day;
    } else {
      this.holdoutDays[customer]++;
    }
  }
}
