/**
 * Distributions of uncertain assumptions (an enrolment share, an uplift, a cost): the typed form a
 * scenario's numbers take once parsed, and how to draw from them and summarise them.
 *
 * Every kind is sampled by its inverse CDF from exactly one uniform, so a draw is a deterministic
 * function of the uniform stream, and changing one assumption (say from a fixed number to a PERT)
 * never shifts the random numbers that the other assumptions receive.
 *
 * The `dist` names and parameter names are the ones of the YAML mapping form
 * (`{ dist: pert, min: 0, mode: 0.03, max: 0.1 }`).
 */
import { betaQuantile, normalCdf, normalDensity, normalQuantile } from './quantile-functions.js';

/** A number known for certain. */
export interface FixedDistribution {
  dist: 'fixed';
  value: number;
}

/** Every value in [min, max] equally likely. */
export interface UniformDistribution {
  dist: 'uniform';
  min: number;
  max: number;
}

/** Density rising linearly from min to mode and falling linearly to max. */
export interface TriangularDistribution {
  dist: 'triangular';
  min: number;
  mode: number;
  max: number;
}

/**
 * PERT: a Beta distribution scaled to [min, max] with shape parameters
 * α = 1 + 4 (mode - min) / (max - min), β = 1 + 4 (max - mode) / (max - min),
 * hence mean (min + 4 mode + max) / 6. Smoother than the triangular, with less weight in the tails.
 */
export interface PertDistribution {
  dist: 'pert';
  min: number;
  mode: number;
  max: number;
}

/** Normal with mean and standard deviation, optionally truncated to [min, max] (either bound may be absent). */
export interface NormalDistribution {
  dist: 'normal';
  mean: number;
  sd: number;
  min?: number;
  max?: number;
}

/**
 * Lognormal given by the mean and standard deviation of the value itself (not of its logarithm):
 * ln X ~ Normal(μ, σ) with σ² = ln(1 + sd² / mean²) and μ = ln(mean) - σ² / 2.
 */
export interface LognormalDistribution {
  dist: 'lognormal';
  mean: number;
  sd: number;
}

/** Beta(a, b) on [0, 1], mean a / (a + b). */
export interface BetaDistribution {
  dist: 'beta';
  a: number;
  b: number;
}

export type Distribution =
  | FixedDistribution
  | UniformDistribution
  | TriangularDistribution
  | PertDistribution
  | NormalDistribution
  | LognormalDistribution
  | BetaDistribution;

export type DistributionName = Distribution['dist'];

/** Parameter names of each kind, in the order of the short form `pert(min, mode, max)`. */
export const DISTRIBUTION_PARAMETERS = {
  fixed: ['value'],
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  pert: ['min', 'mode', 'max'],
  normal: ['mean', 'sd', 'min', 'max'],
  lognormal: ['mean', 'sd'],
  beta: ['a', 'b'],
} as const satisfies Record<DistributionName, readonly string[]>;

/** Shape parameters (α, β) of the Beta distribution underlying a PERT on [min, max]. */
function pertShape(d: PertDistribution): { alpha: number; beta: number } {
  const range = d.max - d.min;
  return { alpha: 1 + (4 * (d.mode - d.min)) / range, beta: 1 + (4 * (d.max - d.mode)) / range };
}

/** Parameters (μ, σ) of ln X for a lognormal with the given mean and standard deviation of X. */
function lognormalLogParameters(d: LognormalDistribution): { mu: number; sigma: number } {
  const variance = Math.log1p((d.sd * d.sd) / (d.mean * d.mean));
  return { mu: Math.log(d.mean) - variance / 2, sigma: Math.sqrt(variance) };
}

/** Standardised truncation bounds α = (min - mean) / sd and β = (max - mean) / sd (±∞ when absent). */
function standardisedBounds(d: NormalDistribution): { lower: number; upper: number } {
  return {
    lower: d.min === undefined ? -Infinity : (d.min - d.mean) / d.sd,
    upper: d.max === undefined ? Infinity : (d.max - d.mean) / d.sd,
  };
}

/**
 * Probability mass of the standard normal between the standardised bounds, computed in the tail
 * where it is precise (Φ(β) - Φ(α) loses all digits when both bounds lie far in the upper tail).
 */
function truncatedNormalMass(d: NormalDistribution): number {
  const { lower, upper } = standardisedBounds(d);
  return lower > 0 ? normalCdf(-lower) - normalCdf(-upper) : normalCdf(upper) - normalCdf(lower);
}

/**
 * The p-quantile of a distribution (its inverse CDF).
 * - uniform: min + p (max - min)
 * - triangular: min + √(p (max - min)(mode - min)) below F(mode) = (mode - min) / (max - min),
 *   max - √((1 - p)(max - min)(max - mode)) above it
 * - pert: min + (max - min) · BetaQuantile(p; α, β)
 * - normal truncated to [min, max]: mean + sd · Φ⁻¹(Φ(α) + p (Φ(β) - Φ(α))), worked in the lower tail by
 *   symmetry when α > 0, and clamped to the bounds against rounding
 * - lognormal: exp(μ + σ Φ⁻¹(p))
 * - beta: BetaQuantile(p; a, b)
 */
export function distributionQuantile(d: Distribution, p: number): number {
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.min + p * (d.max - d.min);
    case 'triangular': {
      const range = d.max - d.min;
      const modeShare = (d.mode - d.min) / range;
      return p < modeShare
        ? d.min + Math.sqrt(p * range * (d.mode - d.min))
        : d.max - Math.sqrt((1 - p) * range * (d.max - d.mode));
    }
    case 'pert': {
      const { alpha, beta } = pertShape(d);
      return d.min + (d.max - d.min) * betaQuantile(p, alpha, beta);
    }
    case 'normal': {
      const { lower, upper } = standardisedBounds(d);
      let z: number;
      if (lower > 0) {
        const upperTailAtLower = normalCdf(-lower);
        const upperTailAtUpper = normalCdf(-upper);
        z = -normalQuantile(upperTailAtLower - p * (upperTailAtLower - upperTailAtUpper));
      } else {
        const cdfAtLower = normalCdf(lower);
        z = normalQuantile(cdfAtLower + p * (normalCdf(upper) - cdfAtLower));
      }
      z = Math.min(Math.max(z, lower), upper);
      return d.mean + d.sd * z;
    }
    case 'lognormal': {
      const { mu, sigma } = lognormalLogParameters(d);
      return Math.exp(mu + sigma * normalQuantile(p));
    }
    case 'beta':
      return betaQuantile(p, d.a, d.b);
  }
}

/** The open interval's edges a uniform is kept within, so unbounded distributions never return ±∞. */
const SMALLEST_UNIFORM = 2 ** -53;
const LARGEST_UNIFORM = 1 - 2 ** -53;

/**
 * One draw from `d`, using exactly one value of `uniform` (a generator of numbers in [0, 1), e.g. a
 * seedrandom stream), by inverse CDF: the same uniform always gives the same draw. The uniform is
 * kept inside [2⁻⁵³, 1 - 2⁻⁵³] so that a normal or lognormal stays finite. Fixed values also consume
 * their uniform, to keep streams aligned.
 */
export function sampleDistribution(d: Distribution, uniform: () => number): number {
  const u = Math.min(Math.max(uniform(), SMALLEST_UNIFORM), LARGEST_UNIFORM);
  return distributionQuantile(d, u);
}

/**
 * The mean of a distribution:
 * uniform (min + max) / 2; triangular (min + mode + max) / 3; pert (min + 4 mode + max) / 6;
 * normal truncated to [α, β] (standardised) mean + sd (φ(α) - φ(β)) / (Φ(β) - Φ(α));
 * lognormal its mean parameter; beta a / (a + b).
 */
export function distributionMean(d: Distribution): number {
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'pert':
      return (d.min + 4 * d.mode + d.max) / 6;
    case 'normal': {
      const { lower, upper } = standardisedBounds(d);
      return d.mean + (d.sd * (normalDensity(lower) - normalDensity(upper))) / truncatedNormalMass(d);
    }
    case 'lognormal':
      return d.mean;
    case 'beta':
      return d.a / (d.a + d.b);
  }
}

/** Smallest and largest value a distribution can take (its support; may be infinite). */
export function distributionSupport(d: Distribution): { min: number; max: number } {
  switch (d.dist) {
    case 'fixed':
      return { min: d.value, max: d.value };
    case 'uniform':
    case 'triangular':
    case 'pert':
      return { min: d.min, max: d.max };
    case 'normal':
      return { min: d.min ?? -Infinity, max: d.max ?? Infinity };
    case 'lognormal':
      return { min: 0, max: Infinity };
    case 'beta':
      return { min: 0, max: 1 };
  }
}

/**
 * What is wrong with a distribution's parameters, or undefined when they are valid: bounds in
 * order (min < max, min <= mode <= max), positive spreads and shapes, finite numbers, and a
 * truncated normal that keeps a usable share of its mass.
 */
export function distributionProblem(d: Distribution): string | undefined {
  for (const name of DISTRIBUTION_PARAMETERS[d.dist]) {
    const value = (d as unknown as Record<string, number | undefined>)[name];
    if (value !== undefined && !Number.isFinite(value)) return `${name} must be a finite number, got ${value}`;
  }
  switch (d.dist) {
    case 'fixed':
      return undefined;
    case 'uniform':
      return d.min < d.max ? undefined : `min (${d.min}) must be below max (${d.max})`;
    case 'triangular':
    case 'pert':
      if (!(d.min < d.max)) return `min (${d.min}) must be below max (${d.max})`;
      if (d.mode < d.min || d.mode > d.max) return `mode (${d.mode}) must lie between min (${d.min}) and max (${d.max})`;
      return undefined;
    case 'normal':
      if (!(d.sd > 0)) return `sd must be positive, got ${d.sd}`;
      if (d.min !== undefined && d.max !== undefined && !(d.min < d.max)) {
        return `min (${d.min}) must be below max (${d.max})`;
      }
      if (truncatedNormalMass(d) < 1e-9) return 'the bounds keep almost none of the distribution; they should lie within a few sd of the mean';
      return undefined;
    case 'lognormal':
      if (!(d.mean > 0)) return `mean must be positive, got ${d.mean}`;
      return d.sd > 0 ? undefined : `sd must be positive, got ${d.sd}`;
    case 'beta':
      if (!(d.a > 0)) return `a must be positive, got ${d.a}`;
      return d.b > 0 ? undefined : `b must be positive, got ${d.b}`;
  }
}

/**
 * The short form of a distribution as it is written in YAML: `pert(0, 0.03, 0.1)`, the number itself
 * for a fixed value; an absent bound of a truncated normal is written -inf or inf.
 */
export function formatDistribution(d: Distribution): string {
  switch (d.dist) {
    case 'fixed':
      return String(d.value);
    case 'normal': {
      const args = [d.mean, d.sd];
      if (d.min !== undefined || d.max !== undefined) args.push(d.min ?? -Infinity);
      if (d.max !== undefined) args.push(d.max);
      return `normal(${args.map(formatBound).join(', ')})`;
    }
    default:
      return `${d.dist}(${DISTRIBUTION_PARAMETERS[d.dist].map((name) => (d as unknown as Record<string, number>)[name]).join(', ')})`;
  }
}

function formatBound(value: number): string {
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}
