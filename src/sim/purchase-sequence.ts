/**
 * The replayed random purchase sequence of the current customer (common random numbers,
 * docs/methods.md section 7). The customer's purchase stream, keyed by (seed, iteration,
 * customer), gives entry k of the sequence:
 *     gap to the purchase  = E_k / rate, with E_k = -ln U_k      (inverse transform)
 *     dropout after it     when D_k < the world's dropout probability
 *     value                = G_k / nu, G_k ~ Gamma(purchaseValueShape, 1); a world scales it by its spend effect
 *     category             = by the cumulative revenue shares at uniform C_k (drawn only with several categories)
 *     the program's uniform for the purchase (e.g. whether points are redeemed)
 * in that order. Entries are drawn once, when a world first needs them, and replayed by the other
 * worlds, so the k-th purchase is the same draw in every world and a world with more purchases
 * extends the same sequence. The arrays are public for the hot loop (iteration-simulator.ts),
 * which reads them directly; they are replaced when they grow, so it reloads them after `draw`.
 */
import type { TraitColumns } from '../model/customer-trait-model.js';
import { StandardGammaSampler } from '../model/gamma-variates.js';
import { mix32, RandomStream, type IterationKey } from './random-stream.js';

const TWO_POW_32 = 4294967296;

/**
 * The uniform that decides whether a purchase is returned (returned when it is below the return
 * rate, docs/methods.md section 6): a hash of the purchase's program uniform u = (k + 0.5) / 2^32
 * (random-stream.ts), whose 32-bit output k is recovered exactly as u 2^32 - 0.5. So it is the
 * same in every world, takes nothing from the stream (no other draw moves), and, the hash being a
 * full-avalanche bijection, it is as good as independent of u.
 */
export function returnUniform(uniform: number): number {
  const h = mix32((uniform * TWO_POW_32 - 0.5) ^ 0x2c1b3c6d);
  return ((h >>> 0) + 0.5) / TWO_POW_32;
}

/** Up to this many categories a purchase's category is found by a linear scan, beyond it by bisection. */
const LINEAR_SEARCH_CATEGORIES = 16;

/**
 * The first category whose cumulative revenue share exceeds `u` (cumulative shares
 * non-decreasing, the last 1): a linear scan for a few categories, bisection for many (50,000
 * categories cost 16 steps a purchase, not 25,000). Both give the same category.
 */
export function categoryAt(cumulative: Float64Array | number[], u: number): number {
  let category = 0;
  if (cumulative.length <= LINEAR_SEARCH_CATEGORIES) {
    while (u >= cumulative[category]) category++;
    return category;
  }
  let high = cumulative.length - 1;
  while (category < high) {
    const middle = (category + high) >>> 1;
    if (u >= cumulative[middle]) category = middle + 1;
    else high = middle;
  }
  return category;
}

export class PurchaseSequence {
  /** Entries drawn so far for the current customer. */
  count = 0;
  gap: Float64Array = new Float64Array(64);
  dropUniform: Float64Array = new Float64Array(64);
  /** Value before any spend effect. */
  value: Float64Array = new Float64Array(64);
  category: Int32Array = new Int32Array(64);
  uniform: Float64Array = new Float64Array(64);

  private readonly stream = new RandomStream();
  private readonly valueSampler: StandardGammaSampler;
  /** Cumulative revenue shares of the categories, the last exactly 1. */
  private readonly cumulativeShare: Float64Array;
  /** Slot of the current customer in `traits`. */
  private slot = 0;

  constructor(
    /** The customers' traits; values are divided by the current customer's spend rate. */
    private readonly traits: TraitColumns,
    purchaseValueShape: number,
    revenueShares: readonly number[],
  ) {
    this.valueSampler = new StandardGammaSampler(purchaseValueShape);
    const count = revenueShares.length;
    this.cumulativeShare = new Float64Array(count);
    let cumulative = 0;
    for (let k = 0; k < count; k++) {
      cumulative += revenueShares[k];
      this.cumulativeShare[k] = cumulative;
    }
    this.cumulativeShare[count - 1] = 1;
  }

  /**
   * Start the sequence of the customer in slot `slot` of the traits, from the stream (key, index).
   * (The slot, not the spend rate, is passed: V8 would box a floating-point argument of this call.)
   */
  start(key: IterationKey, index: number, slot: number): void {
    this.stream.reset(key, index);
    this.count = 0;
    this.slot = slot;
  }

  /** Draw the next entry. */
  draw(): void {
    const k = this.count;
    if (k === this.gap.length) this.grow();
    const stream = this.stream;
    this.gap[k] = -Math.log(stream.nextUniform());
    this.dropUniform[k] = stream.nextUniform();
    this.valueSampler.sampleInto(stream, this.value, k);
    this.value[k] /= this.traits.spendRate[this.slot];
    let category = 0;
    const cumulative = this.cumulativeShare;
    if (cumulative.length > 1) category = categoryAt(cumulative, stream.nextUniform());
    this.category[k] = category;
    this.uniform[k] = stream.nextUniform();
    this.count = k + 1;
  }

  private grow(): void {
    const size = this.gap.length * 2;
    const grow = (old: Float64Array): Float64Array => {
      const next = new Float64Array(size);
      next.set(old);
      return next;
    };
    this.gap = grow(this.gap);
    this.dropUniform = grow(this.dropUniform);
    this.value = grow(this.value);
    this.uniform = grow(this.uniform);
    const category = new Int32Array(size);
    category.set(this.category);
    this.category = category;
  }
}
