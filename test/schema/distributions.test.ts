import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import {
  distributionMean,
  distributionProblem,
  distributionQuantile,
  formatDistribution,
  sampleDistribution,
  type Distribution,
} from '../../src/schema/distributions.js';

const DRAWS = 200_000;

function draw(d: Distribution, seed = 'distributions'): Float64Array {
  const uniform = seedrandom(seed);
  const values = new Float64Array(DRAWS);
  for (let i = 0; i < DRAWS; i++) values[i] = sampleDistribution(d, uniform);
  return values;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function variance(values: Float64Array): number {
  const m = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - m) ** 2;
  return sum / (values.length - 1);
}

function minOf(values: Float64Array): number {
  return values.reduce((a, b) => Math.min(a, b), Infinity);
}

function maxOf(values: Float64Array): number {
  return values.reduce((a, b) => Math.max(a, b), -Infinity);
}

/** Share of values at or below x: the empirical CDF. */
function empiricalCdf(values: Float64Array, x: number): number {
  let count = 0;
  for (const v of values) if (v <= x) count++;
  return count / values.length;
}

/** The sample mean lies within 5 standard errors of the true mean (a 1-in-a-million miss for a fixed seed). */
function expectMeanNear(values: Float64Array, trueMean: number, trueVariance: number): void {
  expect(Math.abs(mean(values) - trueMean)).toBeLessThan(5 * Math.sqrt(trueVariance / values.length));
}

/** The empirical CDF at x lies within 5 binomial standard errors of the true CDF. */
function expectCdfNear(values: Float64Array, x: number, trueCdf: number): void {
  expect(Math.abs(empiricalCdf(values, x) - trueCdf)).toBeLessThan(5 * Math.sqrt((trueCdf * (1 - trueCdf)) / values.length) + 1e-9);
}

describe('sampleDistribution', () => {
  it('uniform(2, 6): mean 4, variance (6 - 2)² / 12, linear CDF', () => {
    const d: Distribution = { dist: 'uniform', min: 2, max: 6 };
    const values = draw(d);
    expectMeanNear(values, 4, 16 / 12);
    expect(Math.abs(variance(values) - 16 / 12)).toBeLessThan(0.02);
    expectCdfNear(values, 3, 0.25);
    expect(distributionMean(d)).toBe(4);
  });

  it('triangular(0, 2, 10): mean 4 and the CDF (x - min)² / ((max - min)(mode - min)) below the mode', () => {
    const d: Distribution = { dist: 'triangular', min: 0, mode: 2, max: 10 };
    // variance (a² + b² + c² - ab - ac - bc) / 18 = (0 + 4 + 100 - 0 - 0 - 20) / 18
    const values = draw(d);
    expectMeanNear(values, 4, 84 / 18);
    expectCdfNear(values, 1, 1 / 20);
    expectCdfNear(values, 2, 4 / 20);
    // above the mode: 1 - (max - x)² / ((max - min)(max - mode))
    expectCdfNear(values, 6, 1 - 16 / 80);
    expect(distributionMean(d)).toBe(4);
  });

  it('pert(0, 0.03, 0.1): mean (min + 4 mode + max) / 6', () => {
    const d: Distribution = { dist: 'pert', min: 0, mode: 0.03, max: 0.1 };
    const expectedMean = (0 + 4 * 0.03 + 0.1) / 6;
    // PERT is Beta(α, β) on [min, max] with α = 1 + 4 (mode - min) / range = 2.2, β = 1 + 4 (max - mode) / range = 3.8
    const alpha = 2.2;
    const beta = 3.8;
    const pertVariance = (0.1 ** 2 * alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1));
    const values = draw(d);
    expect(distributionMean(d)).toBeCloseTo(expectedMean, 15);
    expectMeanNear(values, expectedMean, pertVariance);
    expect(Math.abs(variance(values) - pertVariance) / pertVariance).toBeLessThan(0.02);
    expect(minOf(values)).toBeGreaterThanOrEqual(0);
    expect(maxOf(values)).toBeLessThanOrEqual(0.1);
  });

  it('normal(10, 2): mean, variance and the 97.5% quantile 10 + 1.959964 · 2', () => {
    const d: Distribution = { dist: 'normal', mean: 10, sd: 2 };
    const values = draw(d);
    expectMeanNear(values, 10, 4);
    expect(Math.abs(variance(values) - 4)).toBeLessThan(0.06);
    expectCdfNear(values, 10 + 1.959963984540054 * 2, 0.975);
    expect(distributionQuantile(d, 0.975)).toBeCloseTo(13.919927969080108, 11);
  });

  it('normal(0, 1, 0): the half-normal, mean √(2/π), never below 0', () => {
    const d: Distribution = { dist: 'normal', mean: 0, sd: 1, min: 0 };
    const halfNormalMean = Math.sqrt(2 / Math.PI);
    const values = draw(d);
    expect(minOf(values)).toBeGreaterThanOrEqual(0);
    expectMeanNear(values, halfNormalMean, 1 - 2 / Math.PI);
    expect(distributionMean(d)).toBeCloseTo(halfNormalMean, 13);
  });

  it('normal(0, 1, -1, 1): symmetric truncation, mean 0 and variance 1 - 2φ(1) / (2Φ(1) - 1) = 0.291120', () => {
    const d: Distribution = { dist: 'normal', mean: 0, sd: 1, min: -1, max: 1 };
    const values = draw(d);
    expect(minOf(values)).toBeGreaterThanOrEqual(-1);
    expect(maxOf(values)).toBeLessThanOrEqual(1);
    expectMeanNear(values, 0, 0.29112);
    expect(Math.abs(variance(values) - 0.29112)).toBeLessThan(0.004);
    expect(distributionMean(d)).toBeCloseTo(0, 14);
  });

  it('respects a truncation far in the upper tail: normal(0, 1, 5, 6)', () => {
    const d: Distribution = { dist: 'normal', mean: 0, sd: 1, min: 5, max: 6 };
    const values = draw(d);
    expect(minOf(values)).toBeGreaterThanOrEqual(5);
    expect(maxOf(values)).toBeLessThanOrEqual(6);
    // Mills ratio: for a bound this far out, the mean exceeds it by about 1 / 5 minus a little.
    expect(distributionMean(d)).toBeGreaterThan(5.18);
    expect(distributionMean(d)).toBeLessThan(5.2);
    expect(Math.abs(mean(values) - distributionMean(d))).toBeLessThan(0.002);
  });

  it('lognormal(mean 50, sd 20) has that mean and sd, and median mean / √(1 + cv²)', () => {
    const d: Distribution = { dist: 'lognormal', mean: 50, sd: 20 };
    const values = draw(d);
    expectMeanNear(values, 50, 400);
    expect(Math.abs(Math.sqrt(variance(values)) - 20)).toBeLessThan(0.5);
    expectCdfNear(values, 50 / Math.sqrt(1 + 0.16), 0.5);
  });

  it('beta(2, 5): mean 2/7, variance ab / ((a + b)² (a + b + 1)) = 10/392', () => {
    const d: Distribution = { dist: 'beta', a: 2, b: 5 };
    const values = draw(d);
    expectMeanNear(values, 2 / 7, 10 / 392);
    expect(Math.abs(variance(values) - 10 / 392)).toBeLessThan(0.0005);
    // CDF of Beta(2, 5) at 0.2: 1 - (1 - x)⁵ (1 + 5x) = 1 - 0.8⁵ · 2
    expectCdfNear(values, 0.2, 1 - 0.8 ** 5 * 2);
  });

  it('uses exactly one uniform per draw, also for fixed values, and is deterministic', () => {
    const kinds: Distribution[] = [
      { dist: 'fixed', value: 3 },
      { dist: 'uniform', min: 0, max: 1 },
      { dist: 'triangular', min: 0, mode: 0.2, max: 1 },
      { dist: 'pert', min: 0, mode: 0.2, max: 1 },
      { dist: 'normal', mean: 0, sd: 1, min: -2 },
      { dist: 'lognormal', mean: 1, sd: 0.5 },
      { dist: 'beta', a: 0.5, b: 0.5 },
    ];
    for (const d of kinds) {
      let calls = 0;
      const stream = seedrandom('one-each');
      const counted = () => {
        calls++;
        return stream();
      };
      const first = [sampleDistribution(d, counted), sampleDistribution(d, counted), sampleDistribution(d, counted)];
      expect(calls).toBe(3);
      const again = seedrandom('one-each');
      expect([sampleDistribution(d, again), sampleDistribution(d, again), sampleDistribution(d, again)]).toEqual(first);
    }
  });

  it('stays finite when the uniform stream returns exactly 0', () => {
    expect(Number.isFinite(sampleDistribution({ dist: 'normal', mean: 0, sd: 1 }, () => 0))).toBe(true);
    expect(sampleDistribution({ dist: 'lognormal', mean: 1, sd: 1 }, () => 0)).toBeGreaterThan(0);
    expect(sampleDistribution({ dist: 'uniform', min: 2, max: 3 }, () => 0)).toBeCloseTo(2, 12);
  });
});

describe('distributionProblem', () => {
  it('accepts valid parameters', () => {
    expect(distributionProblem({ dist: 'pert', min: 0, mode: 0, max: 1 })).toBeUndefined();
    expect(distributionProblem({ dist: 'normal', mean: 1, sd: 0.1, min: 0 })).toBeUndefined();
  });

  it('names what is wrong', () => {
    expect(distributionProblem({ dist: 'uniform', min: 2, max: 1 })).toBe('min (2) must be below max (1)');
    expect(distributionProblem({ dist: 'uniform', min: 1, max: 1 })).toBe('min (1) must be below max (1)');
    expect(distributionProblem({ dist: 'triangular', min: 0, mode: 2, max: 1 })).toBe('mode (2) must lie between min (0) and max (1)');
    expect(distributionProblem({ dist: 'normal', mean: 0, sd: 0 })).toBe('sd must be positive, got 0');
    expect(distributionProblem({ dist: 'normal', mean: 0, sd: 1, min: 40, max: 41 })).toMatch(/almost none/);
    expect(distributionProblem({ dist: 'lognormal', mean: -1, sd: 1 })).toBe('mean must be positive, got -1');
    expect(distributionProblem({ dist: 'beta', a: 1, b: 0 })).toBe('b must be positive, got 0');
  });
});

describe('formatDistribution', () => {
  it('writes the short form', () => {
    expect(formatDistribution({ dist: 'fixed', value: 0.05 })).toBe('0.05');
    expect(formatDistribution({ dist: 'pert', min: 0, mode: 0.03, max: 0.1 })).toBe('pert(0, 0.03, 0.1)');
    expect(formatDistribution({ dist: 'normal', mean: 1, sd: 2 })).toBe('normal(1, 2)');
    expect(formatDistribution({ dist: 'normal', mean: 1, sd: 2, max: 3 })).toBe('normal(1, 2, -inf, 3)');
    expect(formatDistribution({ dist: 'normal', mean: 1, sd: 2, min: 0 })).toBe('normal(1, 2, 0)');
  });
});
