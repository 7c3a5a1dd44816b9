/**
 * Compression of customer summaries into weighted unique rows for the BG/NBD fit.
 *
 * The BG/NBD likelihood of a customer depends only on (x, t_x, T). Real data have few distinct
 * triples: x is a count and t_x, T are whole days (or weeks) since the first purchase, so a
 * million customers collapse to a few hundred thousand rows or fewer. The fitter then evaluates
 * each unique row once, weighted by how many customers share it.
 */
import { UserInputError } from '../errors.js';
import type { FrequencyRecency } from '../data/customer-summary.js';

export interface WeightedFrequencyRecency {
  /** Number of unique rows. */
  rows: number;
  /** Number of customers (the sum of the weights). */
  customers: number;
  /** Repeat purchases of each row; rows are sorted by x, then t_x, then T. */
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Customers sharing the row. */
  weight: Float64Array;
  /** The distinct values of t_x and T, ascending; `txIndex` and `TIndex` point into it. */
  times: Float64Array;
  txIndex: Int32Array;
  TIndex: Int32Array;
  /** Sum of x over all customers. */
  totalRepeatPurchases: number;
}

/** t_x may exceed T by rounding in the data's arithmetic; beyond this it is an input error. */
const TIME_SLACK = 1e-9;

/**
 * Check one customer's (x, t_x, T): finite, x a whole number >= 0, 0 <= t_x <= T. Throws a
 * UserInputError naming the field and the customer (1-based position in the input).
 */
function validateFrequencyRecency(x: number, tx: number, T: number, position: number): void {
  const where = `customer ${position}`;
  const hint = 'Each customer needs x (repeat purchases, a whole number >= 0), 0 <= t_x <= T, all finite.';
  if (!Number.isFinite(x) || x < 0 || !Number.isInteger(x)) {
    throw new UserInputError(`${where}: x must be a whole number >= 0, got ${x}`, { field: 'x' }, hint);
  }
  if (!Number.isFinite(T) || T < 0) {
    throw new UserInputError(`${where}: T must be a finite number >= 0, got ${T}`, { field: 'T' }, hint);
  }
  if (!Number.isFinite(tx) || tx < 0 || tx > T + TIME_SLACK * Math.max(1, T)) {
    throw new UserInputError(`${where}: t_x must be between 0 and T = ${T}, got ${tx}`, { field: 't_x' }, hint);
  }
}

/**
 * Stable counting sort of `order` by `key[order[k]]` (keys are integers in [0, keyCount)), one
 * pass of a least-significant-digit radix sort.
 */
function countingSortBy(order: Int32Array, key: Int32Array, keyCount: number): Int32Array {
  const counts = new Int32Array(keyCount + 1);
  for (let k = 0; k < order.length; k++) counts[key[order[k]] + 1]++;
  for (let j = 0; j < keyCount; j++) counts[j + 1] += counts[j];
  const sorted = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) sorted[counts[key[order[k]]]++] = order[k];
  return sorted;
}

/**
 * Validate the summaries and group identical (x, t_x, T) triples. For x = 0 the likelihood does
 * not involve t_x, which is set to 0.
 */
export function compressFrequencyRecency(data: FrequencyRecency): WeightedFrequencyRecency {
  const n = data.x.length;
  if (data.tx.length !== n || data.T.length !== n) {
    throw new UserInputError(`x, t_x and T must have the same length (got ${n}, ${data.tx.length}, ${data.T.length})`, { field: 'x' });
  }
  const allTx = new Float64Array(n);
  let maxX = 0;
  let totalRepeatPurchases = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const T = data.T[i];
    validateFrequencyRecency(x, data.tx[i], T, i + 1);
    allTx[i] = x === 0 ? 0 : Math.min(data.tx[i], T);
    if (x > maxX) maxX = x;
    totalRepeatPurchases += x;
  }
  // Distinct time values and each customer's rank among them. Real data sit on a grid of days or
  // weeks, so the map stays small. txRank and TRank first hold ids in order of appearance, then ranks.
  const timeIds = new Map<number, number>();
  const txRank = new Int32Array(n);
  const TRank = new Int32Array(n);
  const idOf = (value: number): number => {
    let id = timeIds.get(value);
    if (id === undefined) {
      id = timeIds.size;
      timeIds.set(value, id);
    }
    return id;
  };
  for (let i = 0; i < n; i++) {
    txRank[i] = idOf(allTx[i]);
    TRank[i] = idOf(data.T[i]);
  }
  const times = Float64Array.from(timeIds.keys()).sort();
  const rankOfId = new Int32Array(times.length);
  times.forEach((value, rank) => (rankOfId[timeIds.get(value)!] = rank));
  for (let i = 0; i < n; i++) {
    txRank[i] = rankOfId[txRank[i]];
    TRank[i] = rankOfId[TRank[i]];
  }
  const xKey = Int32Array.from(data.x as ArrayLike<number>);

  // Radix sort by (x, t_x, T): T first, then t_x, then x, each pass stable.
  let order: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order = countingSortBy(order, TRank, times.length);
  order = countingSortBy(order, txRank, times.length);
  order = countingSortBy(order, xKey, maxX + 1);

  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const weight = new Float64Array(n);
  const txIndex = new Int32Array(n);
  const TIndex = new Int32Array(n);
  let rows = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    if (rows > 0 && x[rows - 1] === xKey[i] && txIndex[rows - 1] === txRank[i] && TIndex[rows - 1] === TRank[i]) {
      weight[rows - 1] += 1;
      continue;
    }
    x[rows] = xKey[i];
    txIndex[rows] = txRank[i];
    TIndex[rows] = TRank[i];
    tx[rows] = times[txRank[i]];
    T[rows] = times[TRank[i]];
    weight[rows] = 1;
    rows++;
  }
  return {
    rows,
    customers: n,
    x: x.slice(0, rows),
    tx: tx.slice(0, rows),
    T: T.slice(0, rows),
    weight: weight.slice(0, rows),
    times,
    txIndex: txIndex.slice(0, rows),
    TIndex: TIndex.slice(0, rows),
    totalRepeatPurchases,
  };
}
