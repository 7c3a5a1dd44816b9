/**
 * Per-customer running totals while a purchase history streams by. Memory grows with customers,
 * never with rows: each customer is one fixed-size record in a growing Float64Array, found by its
 * id's bytes in a ByteKeyTable.
 *
 * Purchase days. A customer's purchase day is a calendar day with at least one purchase row (a
 * row that is not a return, with a positive value, or a value of 0 unless zero-value rows are
 * ignored). The day's value is what the customer bought that day: the sum of its purchase rows,
 * returns left out (gross). So:
 * - several purchases (or order lines) on one day are one purchase day;
 * - a return-only day is no purchase day and adds nothing to the purchase values; returns lower
 *   the customer's net spend (calibration and holdout spend) and are counted in the return
 *   totals, wherever they fall;
 * - a day with a purchase and a return is a purchase day worth its purchases;
 * - a day whose purchases are all of value 0 (paid with points or a voucher) is a purchase day of
 *   value 0: it counts in x and t_x, but the mean purchase value is taken over the repeat days
 *   of positive value only (the spend model needs positive values; docs/methods.md section 6).
 * The spend model is fitted to these gross values and the simulation takes returns off at the
 * history's return rate (returnedValue / purchasedValue, see `calibrationPurchasedValue`), so a
 * return is counted once (docs/methods.md section 6). Without returns gross and net are the same.
 *
 * Fast path: rows of one customer usually arrive in date order (exports are sorted by date, or
 * by customer and date). Then only the customer's open day is kept, and each finished day is
 * folded into the counts at once. A row dated before the customer's open day marks the customer
 * out of date order; the ingest then reads the file a second time (or, for a pipe, reads its
 * row log) and rebuilds that customer's days from all its rows (see out-of-order-days.ts). Spend and margin totals do not depend on the
 * order and are always kept here.
 *
 * Layout: one record of RECORD_SIZE numbers per customer, the fields a row touches side by side
 * (record = array of structs, not one array per field): with a million customers in random order
 * every separate array costs a cache miss per row, and those misses were most of the ingest time.
 */
import { ByteKeyTable } from './byte-key-table.js';
import { withCapacity } from './growable-array.js';
import { MoneySum } from './money.js';
import type { RowBatch } from './row-batch.js';
import type { RowLog } from './row-log.js';

/** "No day yet": smaller than every real day number. */
export const NO_DAY = -2147483648;

// Field offsets within a customer's record. The first eight (one 64-byte cache line) are the ones
// every row updates; the next five change when a day is folded.
const ROW_COUNT = 0;
const OUT_OF_DATE_ORDER = 1;
const OPEN_DAY = 2;
const OPEN_VALUE = 3;
const OPEN_HAS_PURCHASE = 4;
const CALIBRATION_SPEND = 5;
const CALIBRATION_MARGIN = 6;
const HOLDOUT_VALUE = 7;
const FIRST_PURCHASE_DAY = 8;
const LAST_PURCHASE_DAY = 9;
const REPEAT_DAYS = 10;
const REPEAT_VALUE = 11;
const HOLDOUT_DAYS = 12;
const VALUED_REPEAT_DAYS = 13;
const RECORD_SIZE = 16;

const INITIAL_CAPACITY = 1024;

export class CustomerLedger {
  count = 0;
  /** Orders counted so far (consecutive lines of one customer with the same order number are one). */
  orders = 0;
  customersOutOfDateOrder = 0;
  /** Value of the purchase rows (not returns) dated on or before the calibration end. */
  readonly calibrationPurchasedValue = new MoneySum();
  /** Value of the return rows dated on or before the calibration end, as a positive number. */
  readonly calibrationReturnedValue = new MoneySum();

  private records = new Float64Array(INITIAL_CAPACITY * RECORD_SIZE);
  private readonly idTable = new ByteKeyTable();
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
    /** Where every used row is logged, for an input that cannot be read twice (null: none). */
    readonly rowLog: RowLog | null = null,
  ) {
    this.lastOrderId = trackOrders ? [] : null;
    this.lastOrderDay = new Int32Array(trackOrders ? INITIAL_CAPACITY : 0);
  }

  /**
   * Add a batch of rows: find (or add) each row's customer, then add the rows in batch order.
   * Fills `batch.customer` and `batch.countedDay`.
   *
   * Done in loops over the whole batch rather than row by row: with a million customers in
   * random order every row's record is a cache miss, and a loop that only reads the records of
   * the whole batch lets the processor wait for those misses together (see
   * ByteKeyTable.indexMany).
   */
  addBatch(batch: RowBatch): void {
    const count = batch.size;
    this.idTable.indexMany(batch.idBytes, batch.idStart, batch.idEnd, count, batch.customer, true);
    while (this.count < this.idTable.size) this.addCustomer();
    const records = this.records;
    let warmUp = 0;
    for (let k = 0; k < count; k++) {
      const record = batch.customer[k] * RECORD_SIZE;
      warmUp += records[record + ROW_COUNT] + records[record + FIRST_PURCHASE_DAY];
    }
    this.warmUp = warmUp;
    const rowLog = this.rowLog;
    for (let k = 0; k < count; k++) {
      const customer = batch.customer[k];
      const day = this.orderDay(customer, batch.orderId[k], batch.day[k], true);
      batch.countedDay[k] = day;
      this.addRow(customer, day, batch.value[k], batch.margin[k], batch.isPurchase[k] === 1);
      if (rowLog !== null) rowLog.add(customer, day, batch.value[k], batch.isPurchase[k] === 1);
    }
  }

  /** Fill `batch.customer` with each row's customer index, or -1 for ids not seen on the first read. */
  findCustomers(batch: RowBatch): void {
    this.idTable.indexMany(batch.idBytes, batch.idStart, batch.idEnd, batch.size, batch.customer, false);
  }

  /** Sum of warm-up reads (kept only so that they are not optimised away). */
  warmUp = 0;

  /** The id of a customer, as written in the file (until takeCustomerIds). */
  customerId(customer: number): string {
    return this.idTable.text(customer);
  }

  /**
   * Every customer's id, as written in the file, by customer index. Releases the id table's bytes
   * as the strings are made (see ByteKeyTable.takeTexts): no customer can be looked up afterwards.
   */
  takeCustomerIds(): string[] {
    return this.idTable.takeTexts();
  }

  private addCustomer(): void {
    const index = this.count++;
    if ((index + 1) * RECORD_SIZE > this.records.length) {
      this.records = withCapacity(this.records, this.records.length * 2);
      if (this.lastOrderId) this.lastOrderDay = withCapacity(this.lastOrderDay, this.records.length / RECORD_SIZE);
    }
    const record = index * RECORD_SIZE;
    this.records[record + OPEN_DAY] = NO_DAY;
    this.records[record + FIRST_PURCHASE_DAY] = NO_DAY;
    this.records[record + LAST_PURCHASE_DAY] = NO_DAY;
    if (this.lastOrderId) this.lastOrderId.push(null);
  }

  // Read access for building the summaries.
  firstPurchaseDay(customer: number): number {
    return this.records[customer * RECORD_SIZE + FIRST_PURCHASE_DAY];
  }
  /** Latest purchase day on or before the calibration end. */
  lastPurchaseDay(customer: number): number {
    return this.records[customer * RECORD_SIZE + LAST_PURCHASE_DAY];
  }
  /** Purchase days after the first one, on or before the calibration end. */
  repeatDays(customer: number): number {
    return this.records[customer * RECORD_SIZE + REPEAT_DAYS];
  }
  /** Sum of the values of the repeat purchase days. */
  repeatValue(customer: number): number {
    return this.records[customer * RECORD_SIZE + REPEAT_VALUE];
  }
  /** Repeat purchase days of positive value (those the mean purchase value is taken over). */
  valuedRepeatDays(customer: number): number {
    return this.records[customer * RECORD_SIZE + VALUED_REPEAT_DAYS];
  }
  /** Purchase days after the calibration end. */
  holdoutDays(customer: number): number {
    return this.records[customer * RECORD_SIZE + HOLDOUT_DAYS];
  }
  /** Net spend on or before the calibration end. */
  calibrationSpend(customer: number): number {
    return this.records[customer * RECORD_SIZE + CALIBRATION_SPEND];
  }
  /** Gross margin on or before the calibration end (NaN when unknown). */
  calibrationMargin(customer: number): number {
    return this.records[customer * RECORD_SIZE + CALIBRATION_MARGIN];
  }
  /** Net spend after the calibration end. */
  holdoutValue(customer: number): number {
    return this.records[customer * RECORD_SIZE + HOLDOUT_VALUE];
  }
  /** Rows used. */
  rowCount(customer: number): number {
    return this.records[customer * RECORD_SIZE + ROW_COUNT];
  }
  /** True when a row of the customer arrived dated before an earlier row's day. */
  isOutOfDateOrder(customer: number): boolean {
    return this.records[customer * RECORD_SIZE + OUT_OF_DATE_ORDER] === 1;
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

  /** Add one used row. `isPurchase`: a purchase row (not a return; see the header for zero values). */
  private addRow(customer: number, day: number, value: number, margin: number, isPurchase: boolean): void {
    const records = this.records;
    const record = customer * RECORD_SIZE;
    records[record + ROW_COUNT]++;
    if (day <= this.calibrationEnd) {
      records[record + CALIBRATION_SPEND] += value;
      records[record + CALIBRATION_MARGIN] += margin;
      // A purchase row has a positive value, a return row a negative one (or 0, adding nothing).
      if (isPurchase) this.calibrationPurchasedValue.add(value);
      else this.calibrationReturnedValue.add(-value);
    } else {
      records[record + HOLDOUT_VALUE] += value;
    }
    if (records[record + OUT_OF_DATE_ORDER] === 1) return;
    const open = records[record + OPEN_DAY];
    // The open day's value is its purchases only (gross); returns are in the spend totals above.
    if (day === open) {
      if (isPurchase) {
        records[record + OPEN_VALUE] += value;
        records[record + OPEN_HAS_PURCHASE] = 1;
      }
    } else if (day > open) {
      if (open !== NO_DAY) this.closeDay(customer, open, records[record + OPEN_VALUE], records[record + OPEN_HAS_PURCHASE] === 1);
      records[record + OPEN_DAY] = day;
      records[record + OPEN_VALUE] = isPurchase ? value : 0;
      records[record + OPEN_HAS_PURCHASE] = isPurchase ? 1 : 0;
    } else {
      records[record + OUT_OF_DATE_ORDER] = 1;
      this.customersOutOfDateOrder++;
    }
  }

  /** Fold every customer's open day (after the last row). */
  closeOpenDays(): void {
    const records = this.records;
    for (let customer = 0; customer < this.count; customer++) {
      const record = customer * RECORD_SIZE;
      const open = records[record + OPEN_DAY];
      if (records[record + OUT_OF_DATE_ORDER] === 0 && open !== NO_DAY) {
        this.closeDay(customer, open, records[record + OPEN_VALUE], records[record + OPEN_HAS_PURCHASE] === 1);
      }
      records[record + OPEN_DAY] = NO_DAY;
    }
  }

  /** Clear a customer's folded purchase days, before they are rebuilt from sorted days. */
  resetPurchaseDays(customer: number): void {
    const record = customer * RECORD_SIZE;
    this.records[record + FIRST_PURCHASE_DAY] = NO_DAY;
    this.records[record + LAST_PURCHASE_DAY] = NO_DAY;
    this.records[record + REPEAT_DAYS] = 0;
    this.records[record + REPEAT_VALUE] = 0;
    this.records[record + VALUED_REPEAT_DAYS] = 0;
    this.records[record + HOLDOUT_DAYS] = 0;
  }

  /**
   * Fold one finished day of a customer; days of one customer must come in increasing order.
   * The first purchase day starts the customer; later ones are repeat purchases up to the
   * calibration end and holdout purchases after it.
   */
  closeDay(customer: number, day: number, value: number, isPurchase: boolean): void {
    if (!isPurchase) return;
    const records = this.records;
    const record = customer * RECORD_SIZE;
    if (records[record + FIRST_PURCHASE_DAY] === NO_DAY) {
      records[record + FIRST_PURCHASE_DAY] = day;
      records[record + LAST_PURCHASE_DAY] = day;
    } else if (day <= this.calibrationEnd) {
      records[record + REPEAT_DAYS]++;
      records[record + REPEAT_VALUE] += value;
      if (value > 0) records[record + VALUED_REPEAT_DAYS]++;
      records[record + LAST_PURCHASE_DAY] = day;
    } else {
      records[record + HOLDOUT_DAYS]++;
    }
  }
}
