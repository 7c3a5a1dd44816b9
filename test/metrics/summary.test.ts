import { describe, expect, it } from 'vitest';
import { mean, monteCarloStandardError, percentile, quantileStandardError, sortedDefinedValues, summarize } from '../../src/metrics/summary.js';
import { normalDensity, normalQuantile } from '../../src/schema/quantile-functions.js';
import { IterationKey, RandomStream } from '../../src/sim/random-stream.js';

describe('summary statistics', () => {
  it('interpolates percentiles like R quantile(type = 7)', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // R: quantile(1:10, c(0.05, 0.5, 0.95), type = 7) = 1.45 5.50 9.55
    expect(percentile(x, 0.05)).toBeCloseTo(1.45, 12);
    expect(percentile(x, 0.5)).toBeCloseTo(5.5, 12);
    expect(percentile(x, 0.95)).toBeCloseTo(9.55, 12);
    expect(percentile(x, 0)).toBe(1);
    expect(percentile(x, 1)).toBe(10);
    expect(percentile(Float64Array.from([3]), 0.95)).toBe(3);
    expect(percentile(Float64Array.from([1, 5, Infinity, Infinity]), 0.95)).toBe(Infinity);
  });

  it('gives the Monte Carlo standard error sd / sqrt(n)', () => {
    // sd(1:4) = sqrt(5/3) = 1.290994; / sqrt(4) = 0.645497
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(monteCarloStandardError([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3) / 2, 14);
    expect(monteCarloStandardError([7])).toBeNaN();
  });

  it('summarises values in any order, leaving out undefined ones', () => {
    const summary = summarize([10, NaN, 1, 7, 4, NaN]);
    expect(summary.mean).toBe(5.5);
    expect(summary.p50).toBe(5.5);
    // sorted 1 4 7 10: h = 3 * 0.05 = 0.15 -> 1 + 0.15 * 3 = 1.45
    expect(summary.p5).toBeCloseTo(1.45, 12);
    expect(summary.p95).toBeCloseTo(9.55, 12);
    expect(summary.mcse).toBeCloseTo(Math.sqrt(15) / 2, 12);
    expect(summarize([NaN, NaN]).mean).toBeNaN();
  });
});

describe('quantileStandardError: the MCSE of a percentile (docs/methods.md section 7)', () => {
  /** Asymptotic standard error of the sample q-quantile of n standard normal draws: sqrt(q (1 - q) / n) / φ(Φ⁻¹(q)). */
  const normalQuantileSe = (q: number, n: number) => Math.sqrt((q * (1 - q)) / n) / normalDensity(normalQuantile(q));

  it('on an exact normal sample (the quantiles at (i + 1/2) / n) equals the closed form to 1%', () => {
    const n = 10_000;
    const sorted = Float64Array.from({ length: n }, (_, i) => normalQuantile((i + 0.5) / n));
    for (const q of [0.05, 0.5, 0.95]) {
      // q = 0.05: sqrt(0.0475 / 10000) / φ(-1.645) = 0.002179 / 0.10314 = 0.02113
      expect(quantileStandardError(sorted, q) / normalQuantileSe(q, n)).toBeCloseTo(1, 2);
    }
    expect(normalQuantileSe(0.05, n)).toBeCloseTo(0.02113, 4);
  });

  it('matches the spread of the sample percentile over repeated runs of 400 normal draws', () => {
    const n = 400;
    const runs = 2000;
    const stream = new RandomStream(new IterationKey(11, 0, 0));
    for (const q of [0.05, 0.5]) {
      const estimates = new Float64Array(runs);
      const mcses = new Float64Array(runs);
      for (let run = 0; run < runs; run++) {
        const sorted = Float64Array.from({ length: n }, () => stream.nextNormal()).sort();
        estimates[run] = percentile(sorted, q);
        mcses[run] = quantileStandardError(sorted, q);
      }
      // The standard deviation of the estimates over the runs is the true standard error; with 2000
      // runs it is known to about 1.6%, and the MCSE of one run should agree with it on average.
      const trueSe = monteCarloStandardError(estimates) * Math.sqrt(runs);
      expect(mean(mcses) / trueSe).toBeGreaterThan(0.92);
      expect(mean(mcses) / trueSe).toBeLessThan(1.08);
      expect(trueSe / normalQuantileSe(q, n)).toBeGreaterThan(0.92);
      expect(trueSe / normalQuantileSe(q, n)).toBeLessThan(1.08);
    }
  });

  it('is 0 for equal values and NaN for fewer than two; sortedDefinedValues leaves NaN out', () => {
    expect(quantileStandardError(Float64Array.from([2, 2, 2, 2]), 0.05)).toBe(0);
    expect(quantileStandardError(Float64Array.from([Infinity, Infinity, Infinity]), 0.5)).toBe(0);
    expect(quantileStandardError(Float64Array.from([3]), 0.5)).toBeNaN();
    expect(Array.from(sortedDefinedValues([3, NaN, 1, 2]))).toEqual([1, 2, 3]);
  });

  it('on 1..10 at the median: half of Q(0.5 + 0.158) - Q(0.5 - 0.158), by hand', () => {
    // d = sqrt(0.25 / 10) = 0.158114; type 7 on 1..10: Q(q) = 1 + 9 q, so (9 x 2d) / 2 = 9d = 1.42302
    expect(quantileStandardError(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 0.5)).toBeCloseTo(9 * Math.sqrt(0.025), 12);
  });
});
