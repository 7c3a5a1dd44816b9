/**
 * Seeded random numbers for the synthetic-data generators: a uniform stream (seedrandom's Alea,
 * 53-bit doubles) and the few distributions the customer models draw from. The same seed gives
 * the same sequence on every platform.
 */
import seedrandom from 'seedrandom';

/** Uniform numbers in [0, 1). */
export type UniformSource = () => number;

/** A deterministic uniform stream for `seed`. */
export function seededUniform(seed: string | number): UniformSource {
  const generator = seedrandom.alea(String(seed));
  return () => generator.double();
}

/** A uniform number in (0, 1], safe to take the logarithm of. */
function positiveUniform(random: UniformSource): number {
  return 1 - random();
}

/** Exponential with the given rate: -ln(U) / rate. */
export function sampleExponential(random: UniformSource, rate: number): number {
  return -Math.log(positiveUniform(random)) / rate;
}

/** Standard normal by the Box-Muller transform (one of the pair; simple and stateless). */
export function sampleStandardNormal(random: UniformSource): number {
  return Math.sqrt(-2 * Math.log(positiveUniform(random))) * Math.cos(2 * Math.PI * random());
}

/**
 * ln of a Gamma(shape, rate 1) draw. Marsaglia and Tsang (2000), "A simple method for generating
 * gamma variables"; for shape < 1, Gamma(shape) = Gamma(shape + 1) * U^(1/shape), kept in log
 * space because U^(1/shape) underflows for small shapes.
 */
export function sampleLogGamma(random: UniformSource, shape: number): number {
  if (shape < 1) return sampleLogGamma(random, shape + 1) + Math.log(positiveUniform(random)) / shape;
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = sampleStandardNormal(random);
    const root = 1 + c * z;
    if (root <= 0) continue;
    const v = root * root * root;
    if (Math.log(positiveUniform(random)) < 0.5 * z * z + d - d * v + d * Math.log(v)) return Math.log(d * v);
  }
}

/** Gamma with the given shape and rate (mean shape / rate). */
export function sampleGamma(random: UniformSource, shape: number, rate: number): number {
  return Math.exp(sampleLogGamma(random, shape)) / rate;
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b), computed from their logarithms. */
export function sampleBeta(random: UniformSource, a: number, b: number): number {
  const logX = sampleLogGamma(random, a);
  const logY = sampleLogGamma(random, b);
  return 1 / (1 + Math.exp(logY - logX));
}
