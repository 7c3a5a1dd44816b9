/**
 * The value of information: EVPI on a worked example, the regression spline on functions it holds
 * exactly, and the regression EVPPI against the closed form for a net benefit linear in a normal
 * assumption (docs/methods.md section 8).
 */
import { describe, expect, it } from 'vitest';
import {
  expectedValueOfPartialPerfectInformation,
  expectedValueOfPerfectInformation,
  regressionSpline,
  splineKnots,
} from '../../src/metrics/evppi.js';
import { IterationKey, RandomStream } from '../../src/sim/random-stream.js';
import { normalCdf, normalDensity } from '../../src/schema/quantile-functions.js';

function seededNormal(seed: number): () => number {
  const stream = new RandomStream(new IterationKey(seed, 0, 99), 0);
  return () => stream.nextNormal();
}

/** n draws of Normal(mu, sigma). */
function normals(n: number, mu: number, sigma: number, seed: number): Float64Array {
  const normal = seededNormal(seed);
  return Float64Array.from({ length: n }, () => mu + sigma * normal());
}

/** E[max(0, a + b theta)] - max(0, a + b mu) for theta ~ Normal(mu, sigma): m Phi(m/s) + s phi(m/s) - max(0, m), m = a + b mu, s = |b| sigma. */
function closedFormEvppi(a: number, b: number, mu: number, sigma: number): number {
  const m = a + b * mu;
  const s = Math.abs(b) * sigma;
  return m * normalCdf(m / s) + s * normalDensity(m / s) - Math.max(0, m);
}

describe('EVPI', () => {
  it('is the mean of the best option per iteration less the best mean', () => {
    // Per iteration max(0, NB_1, NB_2) = 10, 20, 30 (mean 20); means 10 and 5: EVPI = 20 - 10 = 10.
    const evpi = expectedValueOfPerfectInformation([
      [10, -10, 30],
      [0, 20, -5],
    ]);
    expect(evpi.value).toBeCloseTo(10, 12);
    // Regret of launching program 1 in each iteration: 0, 30, 0 (mean 10); sd sqrt(300), over sqrt(3).
    expect(evpi.standardError).toBeCloseTo(Math.sqrt(300) / Math.sqrt(3), 10);
  });

  it('is 0 when one option is best in every iteration', () => {
    expect(expectedValueOfPerfectInformation([[5, 7, 9], [1, 2, 3]]).value).toBe(0);
    expect(expectedValueOfPerfectInformation([[-5, -7, -9]]).value).toBe(0);
  });
});

describe('regression spline', () => {
  it('puts 5 knots at quantiles from 100 values, fewer below, and none for 2 distinct values', () => {
    const x = Float64Array.from({ length: 101 }, (_, i) => i);
    const close = (knots: number[], expected: number[]) => {
      expect(knots).toHaveLength(expected.length);
      knots.forEach((knot, j) => expect(knot).toBeCloseTo(expected[j], 12));
    };
    close(splineKnots(x), [5, 27.5, 50, 72.5, 95]);
    close(splineKnots(x.subarray(0, 31)), [1.5, 10.5, 19.5, 28.5]);
    close(splineKnots(x.subarray(0, 11)), [1, 5, 9]);
    expect(splineKnots([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0])).toEqual([]);
  });

  it('holds a straight line exactly', () => {
    const x = normals(500, 2, 3, 1);
    const y = x.map((value) => 3 - 2 * value);
    const fit = regressionSpline(x, y)!;
    expect(fit.columns).toBe(5);
    for (let i = 0; i < x.length; i++) expect(fit.fitted[i]).toBeCloseTo(y[i], 8);
    expect(fit.residualVariance).toBeLessThan(1e-16);
  });

  it('follows a smooth curve within the outer knots', () => {
    const x = Float64Array.from({ length: 400 }, (_, i) => (i / 399) * Math.PI);
    const y = x.map(Math.sin);
    const fit = regressionSpline(x, y)!;
    // Largest error of a 5-knot natural spline on sin over [0, pi]: well under 1% of the range.
    let worst = 0;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(fit.fitted[i] - y[i]));
    expect(worst).toBeLessThan(0.01);
  });
});

describe('EVPPI by regression', () => {
  const n = 4000;
  const [a, b, mu, sigma] = [-50, 100, 0.4, 0.5];
  const theta = normals(n, mu, sigma, 2);
  const other = normals(n, 0, 1, 3);
  const noise = normals(n, 0, 60, 4);
  // Program 1 linear in theta with noise unrelated to theta; program 2 never pays.
  const decisive = theta.map((t, i) => a + b * t + noise[i]);
  const losing = noise.map((e) => -200 + e);

  it('matches the closed form of a net benefit linear in a normal assumption', () => {
    const expected = closedFormEvppi(a, b, mu, sigma);
    expect(expected).toBeCloseTo(15.345, 2);
    const estimate = expectedValueOfPartialPerfectInformation(theta, [decisive, losing], seededNormal(5));
    expect(estimate.standardError).toBeGreaterThan(0);
    expect(estimate.standardError).toBeLessThan(2);
    // The sample of theta adds its own error, sd(max(0, a + b theta)) / sqrt(n), about 0.5 here.
    expect(Math.abs(estimate.value - expected)).toBeLessThan(3 * Math.hypot(estimate.standardError, 0.5));
  });

  it('is about 0 for an assumption the net benefits do not depend on', () => {
    const decisiveEstimate = expectedValueOfPartialPerfectInformation(theta, [decisive, losing], seededNormal(5));
    const estimate = expectedValueOfPartialPerfectInformation(other, [decisive, losing], seededNormal(6));
    expect(estimate.value).toBeGreaterThanOrEqual(0);
    // The upward bias of the regression noise only: a few percent of the decisive assumption's value.
    expect(estimate.value).toBeLessThan(0.1 * decisiveEstimate.value);
    expect(estimate.value).toBeLessThan(3 * estimate.standardError);
  });

  it('is 0 when the decision cannot change: one option best whatever the assumption', () => {
    const clear = theta.map((t, i) => 1000 + b * t + noise[i]);
    expect(expectedValueOfPartialPerfectInformation(theta, [clear, losing], seededNormal(7)).value).toBeCloseTo(0, 6);
    expect(expectedValueOfPartialPerfectInformation(new Float64Array(n).fill(0.3), [decisive], seededNormal(8))).toEqual({ value: 0, standardError: 0 });
    expect(expectedValueOfPartialPerfectInformation([0.1, 0.2], [[5, -5]], seededNormal(9)).value).toBeNaN();
  });

  it('is at most the EVPI', () => {
    const evpi = expectedValueOfPerfectInformation([decisive, losing]).value;
    const evppi = expectedValueOfPartialPerfectInformation(theta, [decisive, losing], seededNormal(5)).value;
    expect(evppi).toBeLessThan(evpi);
  });
});
