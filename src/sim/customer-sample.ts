/**
 * The customers an iteration simulates when the base is large (docs/methods.md section 7,
 * "Customer sample"): a stratified sample, drawn afresh for every iteration from the stream
 * (seed, iteration, customer sample), so the sample depends only on (seed, iteration).
 *
 * Strata. The existing customers are sorted by their expected revenue at the start,
 * m_i = P(active) x E[revenue rate | active], and cut into STRATA strata of equal counts N_h.
 * The sample's n customers are allocated by Neyman's rule, n_h proportional to N_h S_h
 * (capped at N_h, the rest spread over the other strata, at least MIN_PER_STRATUM each), with S_h
 * the root mean square of s_i = sqrt(P(active)) x E[revenue rate | active], the square root of a
 * customer's E[revenue rate^2] when purchases are ignored: a proxy of the spread of what the
 * customer adds to the totals.
 *
 * Within stratum h the sample is systematic with step W_h = N_h / n_h >= 1 and a random start
 * u_h: the positions floor((u_h + j) W_h), j = 0, 1, ..., are distinct and each customer of the
 * stratum is in it with probability exactly 1 / W_h, whatever u_h ~ U(0, 1). So W_h times the
 * stratum's sampled totals, summed over the strata, is an unbiased (Horvitz-Thompson) estimate
 * of the whole base's totals. The iteration's new arrivals are thinned: a Poisson process of rate
 * rate / W_new with W_new = N / n, each arrival standing for W_new (thinning a Poisson process by
 * 1 / W_new gives one of rate / W_new). Sampled customers keep their own streams, keyed by their
 * index in the whole base, so an existing customer's realisation is the one a full run gives them.
 *
 * Halves. Alternate sampled customers of each stratum (j even, j odd) form two halves, each
 * alone an estimate with twice the weights; the spread between the halves' estimates measures
 * the full sample's variance within the iteration (metrics/sample-noise.ts).
 */
import { IterationKey, RandomStream, StreamPurpose } from './random-stream.js';

/** Strata of the existing customers (fewer when the sample is too small for MIN_PER_STRATUM in each). */
export const STRATA = 10;
/** The fewest sampled customers of a stratum: two, one in each half. */
export const MIN_PER_STRATUM = 2;

/** Customers in the sample and where their tallies go, filled for one iteration. */
export interface SampleSelection {
  /** Stream index (in the whole base) of each sampled customer. */
  source: Int32Array;
  /** Tally target of each sampled customer: 1 + 2 h + half for stratum h (the arrivals are stratum `strata`). */
  sampleTarget: Uint8Array;
}

export class CustomerSample {
  /** Strata of the existing customers; the new arrivals are one more. */
  readonly strata: number;
  /** Positions in the sorted order where each stratum starts, and the end (length strata + 1). */
  private readonly bounds: Int32Array;
  /** Per stratum (then the arrivals): customers each sampled one stands for, W_h = N_h / n_h. */
  readonly weights: Float64Array;
  private readonly stream = new RandomStream();

  constructor(
    /** Existing customers in sampling order (ascending expected revenue): their indices. */
    private readonly order: Int32Array,
    /** Per existing customer (by index): the allocation's spread proxy s_i. */
    spread: Float64Array,
    /** Sample size n of the existing customers, 1 <= n < N. */
    readonly size: number,
  ) {
    const N = order.length;
    this.strata = Math.max(1, Math.min(STRATA, Math.floor(size / MIN_PER_STRATUM)));
    const H = this.strata;
    this.bounds = new Int32Array(H + 1);
    for (let h = 0; h <= H; h++) this.bounds[h] = Math.floor((h * N) / H);
    const counts = new Float64Array(H);
    const scores = new Float64Array(H);
    for (let h = 0; h < H; h++) {
      let squares = 0;
      for (let i = this.bounds[h]; i < this.bounds[h + 1]; i++) squares += spread[order[i]] ** 2;
      counts[h] = this.bounds[h + 1] - this.bounds[h];
      scores[h] = counts[h] * Math.sqrt(squares / counts[h]);
    }
    const allocated = neymanAllocation(counts, scores, size);
    this.weights = new Float64Array(H + 1);
    for (let h = 0; h < H; h++) this.weights[h] = counts[h] / allocated[h];
    this.weights[H] = N / size;
  }

  /** Existing customers in the whole base. */
  get population(): number {
    return this.order.length;
  }

  /** Tally targets of the sampled customers: 2 (strata + 1); target t >= 1 has weight weightOfTarget(t). */
  get targets(): number {
    return 2 * (this.strata + 1);
  }

  /** The weight of tally target t (1 .. targets): its stratum's W_h. */
  weightOfTarget(target: number): number {
    return this.weights[(target - 1) >> 1];
  }

  /** The weight of the new arrivals, W_new = N / n: the thinned arrival process has rate / W_new. */
  get arrivalWeight(): number {
    return this.weights[this.strata];
  }

  /** Tally target of the j-th sampled new arrival. */
  arrivalTarget(j: number): number {
    return 1 + 2 * this.strata + (j & 1);
  }

  /**
   * The existing customers sampled in `iteration`, into `out` from slot 0 (room for
   * size + strata entries); returns how many.
   */
  selectExisting(seed: number, iteration: number, out: SampleSelection): number {
    const key = new IterationKey(seed, iteration, StreamPurpose.customerSample);
    let count = 0;
    for (let h = 0; h < this.strata; h++) {
      this.stream.reset(key, h);
      const start = this.stream.nextUniform();
      const first = this.bounds[h];
      const size = this.bounds[h + 1] - first;
      const step = this.weights[h];
      for (let j = 0; ; j++) {
        const position = Math.floor((start + j) * step);
        if (position >= size) break;
        out.source[count] = this.order[first + position];
        out.sampleTarget[count] = 1 + 2 * h + (j & 1);
        count++;
      }
    }
    return count;
  }
}

/**
 * Neyman allocation of `size` over strata with `counts` N_h and `scores` N_h S_h: n_h = size x
 * score_h / sum of scores, a stratum given more than N_h taking all of it and the rest shared by
 * the others in the same way, and no stratum given fewer than min(N_h, MIN_PER_STRATUM).
 */
export function neymanAllocation(counts: Float64Array, scores: Float64Array, size: number): Float64Array {
  const H = counts.length;
  const allocated = new Float64Array(H);
  const fixed = new Uint8Array(H);
  for (;;) {
    let left = size;
    let scoreLeft = 0;
    for (let h = 0; h < H; h++) {
      if (fixed[h] === 1) left -= allocated[h];
      else scoreLeft += scores[h];
    }
    let changed = false;
    for (let h = 0; h < H; h++) {
      if (fixed[h] === 1) continue;
      const share = scoreLeft > 0 ? (left * scores[h]) / scoreLeft : left / H;
      const floor = Math.min(counts[h], MIN_PER_STRATUM);
      allocated[h] = share;
      if (share >= counts[h] || share <= floor) {
        allocated[h] = share >= counts[h] ? counts[h] : floor;
        fixed[h] = 1;
        changed = true;
      }
    }
    if (!changed) return allocated;
  }
}

/**
 * The sampling order of existing customers: their indices sorted by `key` (expected revenue at
 * the start), ties by index, so that the order is the same on every machine.
 */
export function samplingOrder(key: Float64Array): Int32Array {
  const order = new Int32Array(key.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((i, j) => key[i] - key[j] || i - j);
  return order;
}
