/**
 * Draws from the distributions of the customer models (Gamma, Beta, Exponential), given a source of
 * uniform and normal numbers. Used by the simulation engine (with its sfc32 streams) and by the
 * synthetic-data generators (with a seeded Alea stream, `SeededVariateSource`). Every function
 * consumes a deterministic number of draws for a given source state, so a stream replays exactly.
 */

/** What the samplers draw from. */
export interface VariateSource {
  /** A uniform number in (0, 1]: never 0, so that ln U is finite. */
  nextUniform(): number;
  /** A standard normal number. */
  nextNormal(): number;
}

/**
 * Gamma(shape, 1) by Marsaglia and Tsang (2000), "A simple method for generating gamma variables",
 * ACM TOMS 26(3): with d = shape - 1/3, c = 1 / sqrt(9 d), Z normal and V = (1 + c Z)^3, accept
 * d V when U < 1 - 0.0331 Z^4 (the squeeze) or ln U < Z^2 / 2 + d (1 - V + ln V). For shape < 1
 * the boost Gamma(shape) = Gamma(shape + 1) * U^(1/shape) applies. Divide by a rate (or multiply
 * by a scale) for other parameterisations.
 */
export function sampleStandardGamma(source: VariateSource, shape: number): number {
  if (shape < 1) {
    const boosted = sampleStandardGamma(source, shape + 1);
    return boosted * Math.pow(source.nextUniform(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = source.nextNormal();
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = source.nextUniform();
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
  sampleInto(source: VariateSource, target: Float64Array, index: number): void {
    const d = this.d;
    const c = this.c;
    for (;;) {
      const x = source.nextNormal();
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = source.nextUniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
        target[index] = this.boostExponent === 0 ? d * v : d * v * Math.pow(source.nextUniform(), this.boostExponent);
        return;
      }
    }
  }
}

/** Gamma with the given shape and rate (mean shape / rate). */
export function sampleGamma(source: VariateSource, shape: number, rate: number): number {
  return sampleStandardGamma(source, shape) / rate;
}

/**
 * Natural log of a Gamma(shape, 1) draw. For small shapes a Gamma draw underflows to 0 in double
 * precision (U^(1/shape) with shape 0.01 is below 1e-300 for most U); its log stays finite:
 * ln Gamma(shape + 1) + ln U / shape.
 */
export function sampleLogStandardGamma(source: VariateSource, shape: number): number {
  if (shape < 1) {
    const boosted = sampleStandardGamma(source, shape + 1);
    return Math.log(boosted) + Math.log(source.nextUniform()) / shape;
  }
  return Math.log(sampleStandardGamma(source, shape));
}

/** Below this shape a Gamma draw can underflow (U^(1/shape) < 1e-308), so Beta works in logs. */
const SMALLEST_DIRECT_BETA_SHAPE = 0.05;

/**
 * Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). For very small shapes (a nearly
 * degenerate dropout probability) it is evaluated as `sampleBetaInLogs` so that it does not give
 * 0 / 0.
 */
export function sampleBeta(source: VariateSource, a: number, b: number): number {
  if (a >= SMALLEST_DIRECT_BETA_SHAPE && b >= SMALLEST_DIRECT_BETA_SHAPE) {
    const x = sampleStandardGamma(source, a);
    const y = sampleStandardGamma(source, b);
    return x / (x + y);
  }
  return sampleBetaInLogs(source, a, b);
}

/**
 * Beta(a, b) as 1 / (1 + exp(ln Y - ln X)) with X ~ Gamma(a), Y ~ Gamma(b): X / (X + Y) computed
 * from the logarithms, finite for any positive shapes. The synthetic-data generators always take
 * this route.
 */
export function sampleBetaInLogs(source: VariateSource, a: number, b: number): number {
  const logX = sampleLogStandardGamma(source, a);
  const logY = sampleLogStandardGamma(source, b);
  return 1 / (1 + Math.exp(logY - logX));
}

/**
 * Gamma with the given shape and rate as exp(ln Gamma(shape, 1)) / rate. The synthetic-data
 * generators draw their Gamma variables this way.
 */
export function sampleGammaFromLog(source: VariateSource, shape: number, rate: number): number {
  return Math.exp(sampleLogStandardGamma(source, shape)) / rate;
}

/** Exponential with the given rate: -ln(U) / rate. */
export function sampleExponential(source: VariateSource, rate: number): number {
  return -Math.log(source.nextUniform()) / rate;
}
