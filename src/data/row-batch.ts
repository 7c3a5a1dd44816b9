/**
 * A batch of parsed rows waiting to be added to the customer ledger. Rows are collected a few
 * hundred at a time so that the ledger can look up all their customers in separate, tight loops
 * (see CustomerLedger.addBatch): random memory reads then overlap instead of waiting one by one.
 *
 * The customer id bytes are copied into the batch (with `""` undone), so a batch does not depend
 * on the read buffer it came from.
 */
import { withCapacity } from './growable-array.js';

const ROW_BATCH_SIZE = 256;

export class RowBatch {
  size = 0;
  idBytes = new Uint8Array(ROW_BATCH_SIZE * 16);
  private idBytesUsed = 0;
  readonly idStart = new Int32Array(ROW_BATCH_SIZE);
  readonly idEnd = new Int32Array(ROW_BATCH_SIZE);
  /** Filled by the ledger: each row's customer index (-1 when looked up without adding and absent). */
  readonly customer = new Int32Array(ROW_BATCH_SIZE);
  readonly day = new Int32Array(ROW_BATCH_SIZE);
  readonly value = new Float64Array(ROW_BATCH_SIZE);
  readonly margin = new Float64Array(ROW_BATCH_SIZE);
  readonly isPurchase = new Uint8Array(ROW_BATCH_SIZE);
  /** Each row's product category (CategoryAccumulator index), or -1 without a category column. */
  readonly category = new Int32Array(ROW_BATCH_SIZE);
  /** Filled by the ledger: the day each row counts on (its order's day, CustomerLedger.orderDay). */
  readonly countedDay = new Int32Array(ROW_BATCH_SIZE);
  readonly orderId: (string | null)[] = new Array<string | null>(ROW_BATCH_SIZE).fill(null);

  get isFull(): boolean {
    return this.size === ROW_BATCH_SIZE;
  }

  /** Add a row whose customer id is bytes[start, end) (`escaped`: with `""` to undo). */
  push(bytes: Uint8Array, start: number, end: number, escaped: boolean, day: number, value: number, margin: number, isPurchase: boolean, orderId: string | null, category = -1): void {
    const k = this.size++;
    if (this.idBytesUsed + (end - start) > this.idBytes.length) {
      this.idBytes = withCapacity(this.idBytes, Math.max(this.idBytes.length * 2, this.idBytesUsed + end - start));
    }
    const at = this.idBytesUsed;
    let length = 0;
    for (let p = start; p < end; p++) {
      this.idBytes[at + length++] = bytes[p];
      if (escaped && bytes[p] === 34 && p + 1 < end && bytes[p + 1] === 34) p++;
    }
    this.idStart[k] = at;
    this.idEnd[k] = at + length;
    this.idBytesUsed = at + length;
    this.day[k] = day;
    this.value[k] = value;
    this.margin[k] = margin;
    this.isPurchase[k] = isPurchase ? 1 : 0;
    this.orderId[k] = orderId;
    this.category[k] = category;
  }

  clear(): void {
    this.size = 0;
    this.idBytesUsed = 0;
  }
}
