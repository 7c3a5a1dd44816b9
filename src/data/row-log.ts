/**
 * The used rows of an input that cannot be read a second time (a pipe, a FIFO), kept as
 * (customer, day, value, is purchase): 17 bytes a row. When some customers' rows turn out not to be
 * in date order, their purchase days are rebuilt from this log instead of a second read of the
 * input (see customer-ledger.ts and out-of-order-days.ts). Regular files keep no log.
 */
import { withCapacity } from './growable-array.js';

const INITIAL_ROWS = 4096;

export class RowLog {
  size = 0;
  customer = new Int32Array(INITIAL_ROWS);
  /** The day the row counts on (an order line: its order's day). */
  day = new Int32Array(INITIAL_ROWS);
  value = new Float64Array(INITIAL_ROWS);
  isPurchase = new Uint8Array(INITIAL_ROWS);

  add(customer: number, day: number, value: number, isPurchase: boolean): void {
    const k = this.size++;
    if (k === this.customer.length) {
      const rows = this.customer.length * 2;
      this.customer = withCapacity(this.customer, rows);
      this.day = withCapacity(this.day, rows);
      this.value = withCapacity(this.value, rows);
      this.isPurchase = withCapacity(this.isPurchase, rows);
    }
    this.customer[k] = customer;
    this.day[k] = day;
    this.value[k] = value;
    this.isPurchase[k] = isPurchase ? 1 : 0;
  }
}
