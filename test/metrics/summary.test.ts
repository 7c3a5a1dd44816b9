import { describe, expect, it } from 'vitest';
import { mean, monteCarloStandardError, percentile, summarize } from '../../src/metrics/summary.js';

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
