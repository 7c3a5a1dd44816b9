/**
 * Seeded random streams for the simulation.
 *
 * Generator: sfc32, Chris Doty-Humphrey's "small fast chaotic" generator from PractRand (128-bit
 * state, passes PractRand and BigCrush). It is chosen over seedrandom because the engine opens a
 * fresh stream for every customer in every iteration (tens of millions of streams per run):
 * seeding sfc32 from a hashed key costs a few dozen integer operations, while seedrandom's
 * string-keyed seeding costs about a microsecond (ARC4) — more than the rest of the customer's
 * simulation. Per draw the two are comparable.
 *
 * Keys: a stream is named by (seed, iteration, customer, purpose). The key is hashed with the
 * MurmurHash3 finaliser into the three free words of the state (96 bits, so streams of different
 * customers or iterations do not collide), the fourth word is sfc32's counter, and the first
 * outputs are discarded as the generator's author recommends. Because a stream depends only on its
 * key, results do not depend on how iterations are split across worker threads.
 *
 * Uniforms are strictly inside (0, 1) — (k + 0.5) / 2^32 for a 32-bit output k — so that
 * inverse transforms such as -ln(U) never see 0.
 */

/** What a stream is used for; part of its key so that a customer's streams are independent. */
export const StreamPurpose = {
  /** Per-customer traits: alive, purchase rate, dropout, spend, enrolment uniforms. */
  traits: 1,
  /** Per-customer purchase sequence: gaps, dropout uniforms, values, categories. */
  purchases: 2,
  /** Per-iteration arrival times of new customers. */
  arrivals: 3,
  /** Per-iteration draws of the scenario's uncertain assumptions (run/draw-iterations.ts). */
  assumptions: 4,
  /** Per program world: arrival times of new customers reaching the business through the program. */
  programArrivals: 5,
  /** Per program world and referring customer: referral times. */
  referrals: 6,
  /** Per program world and customer who exists in that world only: traits. */
  worldCustomerTraits: 7,
  /** Per program world and customer who exists in that world only: purchase sequence. */
  worldCustomerPurchases: 8,
  /** Per assumption: draws of the regression coefficients for the standard error of its EVPPI (run/sensitivity.ts). */
  valueOfInformation: 9,
  /** Per iteration: the random starts of the customer sample (customer-sample.ts). */
  customerSample: 10,
} as const;

/** Purpose of a stream used by one program world only: distinct for every (purpose, world). */
export function worldPurpose(purpose: number, world: number): number {
  return purpose + 16 * world;
}

const TWO_POW_MINUS_32 = 2.3283064365386963e-10;
const DISCARDED_OUTPUTS = 12;

/** MurmurHash3's 32-bit finaliser: a bijection on 32-bit integers with full avalanche. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** Hash of a 32-bit state and one more 32-bit value. */
function combine(hash: number, value: number): number {
  return mix32(hash ^ mix32((value | 0) + 0x9e3779b9));
}

/**
 * The part of a stream key shared by every customer of one iteration: three 32-bit words derived
 * from (seed, iteration, purpose). Computing it once per iteration keeps per-customer seeding cheap.
 */
export class IterationKey {
  readonly words = new Int32Array(3);

  constructor(seed: number, iteration: number, purpose: number) {
    if (!Number.isSafeInteger(seed)) throw new Error(`seed must be a safe integer, got ${seed}`);
    const seedLow = seed % 0x100000000 | 0;
    const seedHigh = Math.floor(seed / 0x100000000) | 0;
    for (let word = 0; word < 3; word++) {
      let h = mix32(0x243f6a88 + word * 0x6a09e667);
      h = combine(h, seedLow);
      h = combine(h, seedHigh);
      h = combine(h, iteration);
      h = combine(h, purpose);
      this.words[word] = h;
    }
  }
}

export class RandomStream {
  /** sfc32 state a, b, c and the counter d, as int32 (a typed array keeps them unboxed). */
  private readonly state = new Int32Array(4);
  private spareNormal = 0;
  private hasSpareNormal = false;

  constructor(key?: IterationKey, index = 0) {
    if (key) this.reset(key, index);
  }

  /** Restart the stream for element `index` (a customer) of an iteration key. */
  reset(key: IterationKey, index: number): void {
    const s = this.state;
    const w = key.words;
    s[0] = mix32(w[0] ^ index);
    s[1] = mix32(w[1] + Math.imul(index, 0x9e3779b9));
    s[2] = mix32(w[2] ^ Math.imul(index, 0x85ebca6b));
    s[3] = 1;
    this.hasSpareNormal = false;
    for (let i = 0; i < DISCARDED_OUTPUTS; i++) this.nextInt32();
  }

  /** One sfc32 step: a 32-bit output as a signed int32. */
  nextInt32(): number {
    const s = this.state;
    const a = s[0];
    const b = s[1];
    const c = s[2];
    const d = s[3];
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t;
  }

  /** Uniform on the open interval (0, 1), 32 bits of resolution. */
  nextUniform(): number {
    return ((this.nextInt32() >>> 0) + 0.5) * TWO_POW_MINUS_32;
  }

  /**
   * Standard normal by Marsaglia's polar method (a rejection form of Box–Muller without sine and
   * cosine); each accepted pair gives two normals, the second is kept for the next call.
   */
  nextNormal(): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return this.spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.nextUniform() - 1;
      v = 2 * this.nextUniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    this.hasSpareNormal = true;
    return u * factor;
  }
}
