/**
 * Draws from the distributions of the customer model, given a seeded stream.
 * Every function consumes a deterministic number of uniforms for a given stream state, so a
 * stream replays exactly.
 */

/**
 * The draws a sampler takes from a seeded stream (in the simulation, sim/random-stream.ts):
 * uniforms strictly inside (0, 1) and standard normals.
 */
export interface RandomSource {
  nextUniform(): number;
  nextNormal(): number;
}

/**
 * Gamma(shape, 1) by Marsaglia and Tsang (2000), "A simple method for generating gamma variables",
 * ACM TOMS 26(3). For shape < 1 the boost Gamma(shape) = Gamma(shape + 1) * U^(1/shape) applies.
 * Divide by a rate (or multiply by a scale) for other parameterisations.
 */
export function sampleStandardGamma(stream: RandomSource, shape: number): number {
  if (shape < 1) {
    const boosted = sampleStandardGamma(stream, shape + 1);
    return boosted * Math.pow(stream.nextUniform(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = stream.nextNormal();
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = stream.nextUniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * Gamma(shape, 1) for one fixed shape, with Marsaglia and Tsang's constants computed once (the
 * same draws as `sampleStandardGamma`). Used for the purchase values, drawn for every purchase.
 */
export class StandardGammaSampler {
  private readonly d: number;
  private readonly c: number;
  /** 1 / shape when shape < 1 (boost), else 0. */
  private readonly boostExponent: number;

  constructor(readonly shape: number) {
    const base = shape < 1 ? shape + 1 : shape;
    this.d = base - 1 / 3;
    this.c = 1 / Math.sqrt(9 * this.d);
    this.boostExponent = shape < 1 ? 1 / shape : 0;
  }

  /**
   * Draw one value into target[index]. It writes instead of returning because V8 boxes a
   * floating-point result of a call it does not inline (this loop is too big to inline), which
   * would allocate on every purchase.
   */
  sampleInto(stream: RandomSource, target: Float64Array, index: number): void {
    const d = this.d;
    const c = this.c;
    for (;;) {
      const x = stream.nextNormal();
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = stream.nextUniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
        target[index] = this.boostExponent === 0 ? d * v : d * v * Math.pow(stream.nextUniform(), this.boostExponent);
        return;
      }
    }
  }
}

/** Gamma with the given shape and rate (mean shape / rate). */
export function sampleGamma(stream: RandomSource, shape: number, rate: number): number {
  return sampleStandardGamma(stream, shape) / rate;
}

/**
 * Natural log of a Gamma(shape, 1) draw. For small shapes a Gamma draw underflows to 0 in double
 * precision (U^(1/shape) with shape 0.01 is below 1e-300 for most U); its log stays finite.
 */
export function sampleLogStandardGamma(stream: RandomSource, shape: number): number {
  if (shape < 1) {
    const boosted = sampleStandardGamma(stream, shape + 1);
    return Math.log(boosted) + Math.log(stream.nextUniform()) / shape;
  }
  return Math.log(sampleStandardGamma(stream, shape));
}

/** Below this shape a Gamma draw can underflow (U^(1/shape) < 1e-308), so Beta works in logs. */
const SMALLEST_DIRECT_BETA_SHAPE = 0.05;

/**
 * Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). For very small shapes (a nearly
 * degenerate dropout probability) it is evaluated as 1 / (1 + exp(ln Y - ln X)) so that it does
 * not give 0 / 0.
 */
export function sampleBeta(stream: RandomSource, a: number, b: number): number {
  if (a >= SMALLEST_DIRECT_BETA_SHAPE && b >= SMALLEST_DIRECT_BETA_SHAPE) {
    const x = sampleStandardGamma(stream, a);
    const y = sampleStandardGamma(stream, b);
    return x / (x + y);
  }
  const logX = sampleLogStandardGamma(stream, a);
  const logY = sampleLogStandardGamma(stream, b);
  return 1 / (1 + Math.exp(logY - logX));
}
