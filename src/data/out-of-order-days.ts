/**
 * The correct fallback for customers whose rows were not in date order (see customer-ledger.ts):
 * on a second read of the file, every row of those customers is stored as (day, value, is
 * purchase) in one shared pool, each customer's rows in its own contiguous segment (sized from
 * the row counts of the first pass). Each segment is then sorted by day, rows of one day are
 * merged, and the customer's purchase days are folded again in date order.
 *
 * Memory: 13 bytes per row of such customers, nothing for customers that were in order.
 */
import type { CustomerLedger } from './customer-ledger.js';

const SMALL_SEGMENT = 32;

export class OutOfOrderDays {
  private readonly segmentStart: Int32Array;
  private readonly filled: Int32Array;
  private readonly day: Int32Array;
  private readonly value: Float64Array;
  private readonly isPurchase: Uint8Array;

  constructor(private readonly ledger: CustomerLedger) {
    const count = ledger.count;
    this.segmentStart = new Int32Array(count + 1);
    let total = 0;
    for (let customer = 0; customer < count; customer++) {
      this.segmentStart[customer] = total;
      if (ledger.isOutOfDateOrder(customer)) total += ledger.rowCount(customer);
    }
    this.segmentStart[count] = total;
    this.filled = new Int32Array(count);
    this.day = new Int32Array(total);
    this.value = new Float64Array(total);
    this.isPurchase = new Uint8Array(total);
  }

  /** True for customers whose rows are collected here. */
  tracks(customer: number): boolean {
    return this.ledger.isOutOfDateOrder(customer);
  }

  add(customer: number, day: number, value: number, isPurchase: boolean): void {
    const at = this.segmentStart[customer] + this.filled[customer]++;
    if (at >= this.segmentStart[customer + 1]) {
      throw new Error(`customer ${this.ledger.customerId(customer)}: more rows on the second read than on the first`);
    }
    this.day[at] = day;
    this.value[at] = value;
    this.isPurchase[at] = isPurchase ? 1 : 0;
  }

  /** Sort each tracked customer's rows by day and fold its purchase days again. */
  refold(): void {
    const ledger = this.ledger;
    for (let customer = 0; customer < ledger.count; customer++) {
      if (!this.tracks(customer)) continue;
      const start = this.segmentStart[customer];
      const end = this.segmentStart[customer + 1];
      if (start + this.filled[customer] !== end) {
        throw new Error(`customer ${ledger.customerId(customer)}: fewer rows on the second read than on the first`);
      }
      this.sortSegment(start, end);
      ledger.resetPurchaseDays(customer);
      let p = start;
      while (p < end) {
        const day = this.day[p];
        let value = 0;
        let isPurchase = false;
        // The day's purchases only, as on the first read (customer-ledger.ts).
        for (; p < end && this.day[p] === day; p++) {
          if (this.isPurchase[p] === 1) {
            value += this.value[p];
            isPurchase = true;
          }
        }
        ledger.closeDay(customer, day, value, isPurchase);
      }
    }
  }

  /**
   * Sort rows [start, end) by day, stably (rows of one day keep their file order, so a day's value
   * is summed in the same order as on the fast path).
   */
  private sortSegment(start: number, end: number): void {
    const { day, value, isPurchase } = this;
    if (end - start <= SMALL_SEGMENT) {
      for (let i = start + 1; i < end; i++) {
        const d = day[i];
        const v = value[i];
        const purchase = isPurchase[i];
        let j = i - 1;
        while (j >= start && day[j] > d) {
          day[j + 1] = day[j];
          value[j + 1] = value[j];
          isPurchase[j + 1] = isPurchase[j];
          j--;
        }
        day[j + 1] = d;
        value[j + 1] = v;
        isPurchase[j + 1] = purchase;
      }
      return;
    }
    const order = Array.from({ length: end - start }, (_, k) => start + k);
    order.sort((a, b) => day[a] - day[b] || a - b);
    const sortedDay = order.map((k) => day[k]);
    const sortedValue = order.map((k) => value[k]);
    const sortedPurchase = order.map((k) => isPurchase[k]);
    day.set(sortedDay, start);
    value.set(sortedValue, start);
    isPurchase.set(sortedPurchase, start);
  }
}
