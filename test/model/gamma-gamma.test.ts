import { describe, expect, it } from 'vitest';
import { conditionalExpectedSpend, fitGammaGamma, gammaGammaLogLikelihood } from '../../src/model/gamma-gamma.js';
import { simulateCustomerSummaries } from '../../src/model/generate-summaries.js';
import { logGamma } from '../../src/model/special-functions.js';
import { UserInputError } from '../../src/errors.js';
import { loadCdnow, PUBLISHED_GAMMA_GAMMA } from './cdnow.js';

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

const threeDigits = (value: number) => Number(value.toPrecision(3));

describe('gammaGammaLogLikelihood of one customer, against the formula worked by hand', () => {
  it('p = 1, q = 2, v = 3, one repeat purchase of 2', () => {
    // lnG(3) - lnG(1) - lnG(2) + 2 ln 3 + 0 ln 2 + 1 ln 1 - 3 ln(3 + 2) = ln(2 * 9 / 125).
    // Independently: one Exp(nu) value with nu ~ Gamma(2, 3) has the Lomax density
    // 2 * 3^2 / (3 + m)^3 = 18/125 at m = 2.
    expectRelative(gammaGammaLogLikelihood({ p: 1, q: 2, v: 3 }, 1, 2), Math.log(18 / 125), 1e-14);
  });

  it('p = 2, q = 3, v = 1, two repeat purchases of mean 1.5', () => {
    // lnG(7) - lnG(4) - lnG(3) + 3 ln 1 + (4 - 1) ln 1.5 + 4 ln 2 - 7 ln(1 + 3)
    //   = ln(720 / (6 * 2)) + ln 3.375 + ln 16 - ln 16384 = ln(3240 / 16384)
    expectRelative(gammaGammaLogLikelihood({ p: 2, q: 3, v: 1 }, 2, 1.5), Math.log(3240 / 16384), 1e-14);
  });
});

describe('conditionalExpectedSpend', () => {
  it('gives p (v + x m) / (p x + q - 1), worked by hand', () => {
    // 6.25 (15.44 + 2 * 22.35) / (6.25 * 2 + 3.74 - 1) = 6.25 * 60.14 / 15.24
    expectRelative(conditionalExpectedSpend(PUBLISHED_GAMMA_GAMMA, 2, 22.35), (6.25 * 60.14) / 15.24, 1e-14);
    // A customer without repeat purchases gets the population mean p v / (q - 1).
    expectRelative(conditionalExpectedSpend(PUBLISHED_GAMMA_GAMMA, 0, 0), (6.25 * 15.44) / 2.74, 1e-14);
  });

  it('matches the posterior mean of p / nu by numerical integration over nu', () => {
    // Posterior of nu given x purchases of mean m: prior Gamma(q, v) times the density of the mean
    // of x Gamma(p, nu) values, which is Gamma(p x, rate x nu). Trapezoid rule in ln nu.
    const { p, q, v } = PUBLISHED_GAMMA_GAMMA;
    for (const [x, m] of [
      [1, 10],
      [3, 45.2],
      [12, 29.5],
    ]) {
      let weightSum = 0;
      let meanSum = 0;
      for (let u = -12; u <= 6; u += 0.01) {
        const nu = Math.exp(u);
        const logPrior = q * Math.log(v) - logGamma(q) + (q - 1) * Math.log(nu) - v * nu;
        const logDensity = p * x * Math.log(x * nu) - logGamma(p * x) + (p * x - 1) * Math.log(m) - x * nu * m;
        const weight = Math.exp(logPrior + logDensity) * nu;
        weightSum += weight;
        meanSum += (weight * p) / nu;
      }
      expectRelative(conditionalExpectedSpend(PUBLISHED_GAMMA_GAMMA, x, m), meanSum / weightSum, 1e-9);
    }
  });

  it('is Infinity when the mean does not exist (q <= 1 and no repeat purchases)', () => {
    expect(conditionalExpectedSpend({ p: 2, q: 0.8, v: 10 }, 0, 0)).toBe(Infinity);
  });
});

describe('fitGammaGamma', () => {
  it('reproduces the published CDNOW estimates on the 946 repeat customers', () => {
    const fit = fitGammaGamma(loadCdnow());
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(946);
    expect(threeDigits(fit.params.p)).toBe(threeDigits(PUBLISHED_GAMMA_GAMMA.p));
    expect(threeDigits(fit.params.q)).toBe(threeDigits(PUBLISHED_GAMMA_GAMMA.q));
    expect(threeDigits(fit.params.v)).toBe(threeDigits(PUBLISHED_GAMMA_GAMMA.v));
  });

  it('recovers the parameters of 20,000 simulated customers (within 5% or the 95% interval)', () => {
    const truth = { p: 6, q: 4, v: 20 };
    const simulated = simulateCustomerSummaries({
      customers: 20_000,
      bgnbd: { r: 0.75, alpha: 7.5, a: 0.8, b: 6 },
      gammaGamma: truth,
      minT: 26,
      maxT: 104,
      seed: 'gamma-gamma-recovery',
    });
    const fit = fitGammaGamma(simulated);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(simulated.x.filter((x) => x > 0).length);
    for (const name of ['p', 'q', 'v'] as const) {
      const error = Math.abs(fit.params[name] - truth[name]);
      expect(error).toBeLessThanOrEqual(Math.max(0.05 * truth[name], 1.96 * fit.standardErrors[name]));
    }
  });

  it('reports parameters that run off to a boundary when every mean value is the same', () => {
    const fit = fitGammaGamma({ x: new Float64Array(100).fill(3), monetaryValue: new Float64Array(100).fill(20) });
    expect(fit.converged).toBe(false);
    // No spread within customers: the purchase values' shape p grows without bound.
    expect(fit.atBound).toContainEqual({ parameter: 'p', towards: 'infinity' });
    expect(fit.message).toMatch(/^p ran off towards infinity.*: the data cannot pin/);
  });

  it('is equivariant in the money unit: the CDNOW values x 1000 (and x 1e12, fitted scaled) give v x the factor, the same p and q', () => {
    const cdnow = loadCdnow();
    const fit = fitGammaGamma(cdnow);
    expect(fit.scale).toBe(1);
    for (const factor of [1000, 1e12, 1e-12]) {
      const scaled = fitGammaGamma({ x: cdnow.x, monetaryValue: cdnow.monetaryValue.map((m) => m * factor) });
      // Within 2^+-32 of 1 the values are fitted as they are; beyond, divided by a power of two.
      if (factor === 1000) expect(scaled.scale).toBe(1);
      else expect([scaled.scale !== 1, Number.isInteger(Math.log2(scaled.scale))]).toEqual([true, true]);
      expect(scaled.converged).toBe(true);
      expectRelative(scaled.params.p, fit.params.p, 1e-6);
      expectRelative(scaled.params.q, fit.params.q, 1e-6);
      expectRelative(scaled.params.v, factor * fit.params.v, 1e-6);
      expectRelative(scaled.standardErrors.v, factor * fit.standardErrors.v, 1e-4);
      // The density of factor x m is the density of m divided by the factor, for each of the 946 customers.
      expectRelative(scaled.logLikelihood, fit.logLikelihood - 946 * Math.log(factor), 1e-9);
    }
  });

  it('fits values at the ends of the doubles, 1.8e308 and 5e-324, to the same p and q as the values themselves', () => {
    // Purchase values of 1 to 9 with some spread, then the same values times 2^1000 and 2^-1070
    // (exact: the small ones are multiples of 2^-1072, within the subnormal doubles).
    const x = Float64Array.from({ length: 60 }, (_, i) => 1 + (i % 5));
    const m = Float64Array.from({ length: 60 }, (_, i) => 1 + ((i * 7) % 9) + (i % 4) / 4);
    const plain = fitGammaGamma({ x, monetaryValue: m });
    expect(plain.converged).toBe(true);
    for (const power of [1000, -1070]) {
      const factor = 2 ** power;
      const fit = fitGammaGamma({ x, monetaryValue: m.map((value) => value * factor) });
      expectRelative(fit.params.p, plain.params.p, 1e-9);
      expectRelative(fit.params.q, plain.params.q, 1e-9);
      expectRelative(fit.params.v, plain.params.v * factor, 1e-9);
      expect(fit.converged).toBe(true);
    }
    // Every value the largest double, 1.8e308: the scale v of such values is beyond the doubles, an input error that says what to do.
    const largest = () => fitGammaGamma({ x: new Float64Array(10).fill(2), monetaryValue: new Float64Array(10).fill(1.7976931348623157e308) });
    expect(largest).toThrow(UserInputError);
    expect(largest).toThrow(/beyond the range of numbers/);
    // Every value the smallest double, 5e-324: p at its bound (as for any constant values), no exception.
    const smallest = fitGammaGamma({ x: new Float64Array(10).fill(2), monetaryValue: new Float64Array(10).fill(5e-324) });
    expect(smallest.atBound.map((bound) => bound.parameter)).toContain('p');
  });

  it('needs at least two customers with a repeat purchase of positive value', () => {
    expect(() => fitGammaGamma({ x: [0, 3, 0], monetaryValue: [0, 25, 0] })).toThrow(UserInputError);
    expect(() => fitGammaGamma({ x: [0, 3, 0], monetaryValue: [0, 25, 0] })).toThrow(/at least 2 customers .* got 1/);
  });

  it('rejects a non-finite mean value, naming the customer', () => {
    expect(() => fitGammaGamma({ x: [1, 2], monetaryValue: [10, NaN] })).toThrow(/customer 2: the mean repeat-purchase value must be finite/);
  });
});
