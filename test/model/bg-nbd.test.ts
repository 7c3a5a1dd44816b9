import { describe, expect, it } from 'vitest';
import {
  bgNbdLogLikelihood,
  bgNbdObjective,
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
} from '../../src/model/bg-nbd.js';
import { compressFrequencyRecency } from '../../src/model/weighted-customers.js';
import { invertPositiveDefinite } from '../../src/model/standard-errors.js';
import { simulateCustomerSummaries } from '../../src/model/generate-summaries.js';
import { UserInputError } from '../../src/errors.js';
import type { BgNbdParameters } from '../../src/model/parameters.js';
import { integratePosterior } from './posterior-quadrature.js';
import { loadCdnow, PUBLISHED_BG_NBD, PUBLISHED_BG_NBD_LOG_LIKELIHOOD } from './cdnow.js';

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

/** The value rounded to three significant digits, as published estimates are compared. */
const threeDigits = (value: number) => Number(value.toPrecision(3));

describe('bgNbdLogLikelihood of one customer, against the formula worked by hand', () => {
  it('r = 1, alpha = 2, a = 1, b = 2 and x = 2, t_x = 3, T = 5', () => {
    // A1 = lnG(3) - lnG(1) + 1 ln 2 = ln 2 + ln 2 = ln 4
    // A2 = lnG(3) + lnG(4) - lnG(2) - lnG(5) = ln 2 + ln 6 - 0 - ln 24 = ln(1/2)
    // A3 = -(1 + 2) ln(2 + 5) = -3 ln 7, so e^A3 = 1/343
    // A4 = ln 1 - ln(2 + 2 - 1) - 3 ln(2 + 3) = -ln 3 - 3 ln 5, so e^A4 = 1/375
    // LL = ln 4 + ln(1/2) + ln(1/343 + 1/375) = ln(2 * 718 / 128625) = ln(1436 / 128625)
    const params = { r: 1, alpha: 2, a: 1, b: 2 };
    expectRelative(bgNbdLogLikelihood(params, 2, 3, 5), Math.log(1436 / 128625), 1e-14);
  });

  it('a customer without repeat purchases: x = 0, T = 5', () => {
    // A1 = lnG(1) - lnG(1) + ln 2 = ln 2, A2 = 0, A3 = -1 ln 7: LL = ln(2/7), which is also
    // P(no purchase in 5 periods) = (alpha / (alpha + T))^r = 2/7.
    const params = { r: 1, alpha: 2, a: 1, b: 2 };
    expectRelative(bgNbdLogLikelihood(params, 0, 0, 5), Math.log(2 / 7), 1e-14);
  });

  it('half-integer parameters r = 1/2, alpha = 1, a = 2, b = 1/2 and x = 1, t_x = 1, T = 3', () => {
    // G(0.5) = sqrt(pi), G(1.5) = sqrt(pi)/2, G(2.5) = 0.75 sqrt(pi), G(3.5) = 1.875 sqrt(pi)
    // A1 = lnG(1.5) - lnG(0.5) + 0.5 ln 1 = ln(1/2)
    // A2 = lnG(2.5) + lnG(1.5) - lnG(0.5) - lnG(3.5) = ln(0.75 * 0.5 / 1.875) = ln(0.2)
    // A3 = -1.5 ln 4, so e^A3 = 1/8
    // A4 = ln 2 - ln(0.5 + 1 - 1) - 1.5 ln 2 = 0.5 ln 2, so e^A4 = sqrt(2)
    // LL = ln(0.5 * 0.2 * (1/8 + sqrt 2))
    const params = { r: 0.5, alpha: 1, a: 2, b: 0.5 };
    expectRelative(bgNbdLogLikelihood(params, 1, 1, 3), Math.log(0.1 * (0.125 + Math.SQRT2)), 1e-14);
  });

  it('stays finite in log space for x = 500 and T = 20,000', () => {
    // mpmath at 30 digits: -2333.64964540934879208800700956
    expectRelative(bgNbdLogLikelihood(PUBLISHED_BG_NBD, 500, 19000, 20000), -2333.64964540934879208800700956, 1e-12);
  });
});

describe('P(active) and the conditional expectation, against numerical integration of the posterior', () => {
  const histories: [number, number, number][] = [
    [0, 0, 38.86],
    [1, 1.71, 38.86],
    [2, 30.43, 38.86],
    [7, 29.43, 38.86],
    [10, 34.14, 38.86],
    [3, 20, 30],
  ];
  for (const [x, tx, T] of histories) {
    it(`CDNOW parameters, x = ${x}, t_x = ${tx}, T = ${T}, next 39 weeks`, () => {
      const reference = integratePosterior(PUBLISHED_BG_NBD, x, tx, T, 39);
      expectRelative(probabilityAlive(PUBLISHED_BG_NBD, x, tx, T), reference.probabilityAlive, 1e-9);
      expectRelative(conditionalExpectedPurchases(PUBLISHED_BG_NBD, 39, x, tx, T), reference.expectedPurchases, 1e-8);
    });
  }

  it('a long horizon (z = t / (alpha + T + t) = 0.97, where 2F1 needs its transformation)', () => {
    const reference = integratePosterior(PUBLISHED_BG_NBD, 3, 20, 30, 1000);
    expectRelative(conditionalExpectedPurchases(PUBLISHED_BG_NBD, 1000, 3, 20, 30), reference.expectedPurchases, 1e-8);
  });

  it('other parameter regimes: a > 1, b < 1, a = 1 exactly (a removable singularity of the formula)', () => {
    const cases: BgNbdParameters[] = [
      { r: 2, alpha: 10, a: 3.5, b: 0.4 },
      { r: 0.8, alpha: 30, a: 1, b: 4 },
      { r: 1.3, alpha: 0.5, a: 0.3, b: 12 },
    ];
    for (const params of cases) {
      for (const [x, tx, T, t] of [
        [0, 0, 20, 10],
        [4, 12.5, 20, 10],
        [1, 3, 50, 100],
      ]) {
        const reference = integratePosterior(params, x, tx, T, t);
        expectRelative(probabilityAlive(params, x, tx, T), reference.probabilityAlive, 1e-9);
        expectRelative(conditionalExpectedPurchases(params, t, x, tx, T), reference.expectedPurchases, 1e-8);
      }
    }
  });

  it('matches an independent evaluation of the published formula (mpmath, unreduced 2F1, 30 digits)', () => {
    expectRelative(conditionalExpectedPurchases(PUBLISHED_BG_NBD, 39, 2, 30.43, 38.86), 1.22602817476714444629394396003, 1e-12);
    expectRelative(conditionalExpectedPurchases(PUBLISHED_BG_NBD, 52, 10, 34.14, 38.86), 7.44978963458983571010994465599, 1e-12);
    expectRelative(conditionalExpectedPurchases(PUBLISHED_BG_NBD, 1000, 3, 20, 30), 13.4524618824650784823327351725, 1e-11);
    // x = 500 and T = 20,000: finite, and right.
    expectRelative(conditionalExpectedPurchases(PUBLISHED_BG_NBD, 52, 500, 19999, 20000), 1.29690892331309166067963015463, 1e-10);
    expectRelative(conditionalExpectedPurchases(PUBLISHED_BG_NBD, 52, 500, 19000, 20000), 5.93552671635244247909621297336e-9, 1e-6);
  });

  it('is zero for t = 0 and grows with t', () => {
    expect(conditionalExpectedPurchases(PUBLISHED_BG_NBD, 0, 2, 30.43, 38.86)).toBe(0);
    let previous = 0;
    for (const t of [1, 5, 20, 100, 500]) {
      const value = conditionalExpectedPurchases(PUBLISHED_BG_NBD, t, 2, 30.43, 38.86);
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
  });
});

describe('expectedPurchases of a new customer', () => {
  it('matches mpmath for the CDNOW parameters over 39 and 78 weeks', () => {
    expectRelative(expectedPurchases(PUBLISHED_BG_NBD, 39), 1.19672319332081684186417850671, 1e-12);
    expectRelative(expectedPurchases(PUBLISHED_BG_NBD, 78), 1.86051905794276853629762213019, 1e-12);
  });

  it('stays computable where a fit runs a and b to their bounds (z within 1e-9 of 1, c - a - b near an integer)', () => {
    // mpmath at 50 digits of the published formula (a + b - 1)/(a - 1) [1 - (alpha/(alpha + t))^r 2F1(r, b; a + b - 1; t/(alpha + t))].
    const cases: [BgNbdParameters, number, number][] = [
      [{ r: 1e-9, alpha: 1e-9, a: 1e-9, b: 1e-9 }, 1, 0.50000000050000009],
      [{ r: 1e-9, alpha: 1e-9, a: 1e-9, b: 1e-9 }, 26, 12.999999713232974],
      [{ r: 1e-9, alpha: 1e-9, a: 1e-9, b: 0.5 }, 26, 25.999999366440933],
      [{ r: 0.5, alpha: 1e-7, a: 1e-7, b: 3e6 }, 26, 129999953.39630593],
    ];
    // c - a - b is taken as the integer within 1e-7 of it: about 1e-7 of the value moves.
    for (const [params, t, expected] of cases) expectRelative(expectedPurchases(params, t), expected, 1e-6);
  });

  it('stays quick and right where a fit runs a off to infinity (a = 8e15, b = 1e-16)', () => {
    // Then p = 1: a customer drops out at his next purchase, so the expected purchases are the
    // chance of one more, 1 - ((alpha + T)/(alpha + T + t))^(r + x); the terms left out are ~1e-15.
    const params = { r: 0.106, alpha: 1.08, a: 8.13e15, b: 1.26e-16 };
    for (const [t, T] of [[52, 0], [52, 2.57], [1, 2.57], [500, 10]]) {
      expectRelative(conditionalExpectedPurchases(params, t, 0, 0, T), 1 - ((params.alpha + T) / (params.alpha + T + t)) ** params.r, 1e-12);
    }
  });

  it('matches the mean of 200,000 simulated customers within 4 standard errors', () => {
    const params = { r: 0.75, alpha: 7.5, a: 0.8, b: 6 };
    const t = 52;
    const simulated = simulateCustomerSummaries({ customers: 200_000, bgnbd: params, minT: t, maxT: t, seed: 'expected-purchases' });
    let sum = 0;
    let sumOfSquares = 0;
    for (const x of simulated.x) {
      sum += x;
      sumOfSquares += x * x;
    }
    const n = simulated.x.length;
    const mean = sum / n;
    const standardError = Math.sqrt((sumOfSquares / n - mean * mean) / n);
    expect(Math.abs(mean - expectedPurchases(params, t))).toBeLessThan(4 * standardError);
  });
});

describe('fitBgNbd', () => {
  const cdnow = loadCdnow();

  it('reproduces the published CDNOW estimates to three significant digits', () => {
    const fit = fitBgNbd(cdnow);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(2357);
    expect(threeDigits(fit.params.r)).toBe(threeDigits(PUBLISHED_BG_NBD.r));
    expect(threeDigits(fit.params.alpha)).toBe(threeDigits(PUBLISHED_BG_NBD.alpha));
    expect(threeDigits(fit.params.a)).toBe(threeDigits(PUBLISHED_BG_NBD.a));
    expect(threeDigits(fit.params.b)).toBe(threeDigits(PUBLISHED_BG_NBD.b));
    expect(Math.abs(fit.logLikelihood - PUBLISHED_BG_NBD_LOG_LIKELIHOOD)).toBeLessThan(0.05);
    // The maximum: the published (rounded) estimates cannot do better.
    let publishedLogLikelihood = 0;
    for (let i = 0; i < cdnow.x.length; i++) publishedLogLikelihood += bgNbdLogLikelihood(PUBLISHED_BG_NBD, cdnow.x[i], cdnow.tx[i], cdnow.T[i]);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(publishedLogLikelihood);
  });

  it('gives standard errors equal to those from second differences of the log-likelihood itself', () => {
    const fit = fitBgNbd(cdnow);
    // Observed information from second differences of the total log-likelihood in log-parameters.
    const names = ['r', 'alpha', 'a', 'b'] as const;
    const theta = names.map((name) => Math.log(fit.params[name]));
    const totalLogLikelihood = (point: number[]) => {
      const params = { r: Math.exp(point[0]), alpha: Math.exp(point[1]), a: Math.exp(point[2]), b: Math.exp(point[3]) };
      let sum = 0;
      for (let i = 0; i < cdnow.x.length; i++) sum += bgNbdLogLikelihood(params, cdnow.x[i], cdnow.tx[i], cdnow.T[i]);
      return sum;
    };
    const h = 1e-3;
    const information = new Float64Array(16);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const shifted = (di: number, dj: number) => {
          const point = [...theta];
          point[i] += di;
          point[j] += dj;
          return totalLogLikelihood(point);
        };
        information[i * 4 + j] = -(shifted(h, h) - shifted(h, -h) - shifted(-h, h) + shifted(-h, -h)) / (4 * h * h);
      }
    }
    const covariance = invertPositiveDefinite(information, 4)!;
    names.forEach((name, i) => {
      const expected = fit.params[name] * Math.sqrt(covariance[i * 4 + i]);
      expectRelative(fit.standardErrors[name], expected, 1e-3);
    });
  });

  it('is equivariant in the time unit: the same data in days gives alpha x 7 and the same r, a, b', () => {
    const weekly = fitBgNbd(cdnow);
    const daily = fitBgNbd({ x: cdnow.x, tx: cdnow.tx.map((t) => t * 7), T: cdnow.T.map((t) => t * 7) });
    expect(daily.converged).toBe(true);
    expectRelative(daily.params.alpha, 7 * weekly.params.alpha, 1e-5);
    expectRelative(daily.params.r, weekly.params.r, 1e-5);
    expectRelative(daily.params.a, weekly.params.a, 1e-5);
    expectRelative(daily.params.b, weekly.params.b, 1e-5);
    // Densities in days are 1/7 of those in weeks for each of the 2,457 repeat purchases.
    const totalRepeats = cdnow.x.reduce((sum, x) => sum + x, 0);
    expectRelative(daily.logLikelihood, weekly.logLikelihood - totalRepeats * Math.log(7), 1e-9);
  });

  it('reaches the same optimum from a distant start', () => {
    const fit = fitBgNbd(cdnow, { start: { r: 5, alpha: 200, a: 5, b: 0.2 } });
    expect(fit.converged).toBe(true);
    expectRelative(fit.params.r, 0.2425929, 1e-4);
    expectRelative(fit.params.b, 2.4257533, 1e-4);
  });

  it('recovers the parameters of 20,000 simulated customers (within 5% or the 95% interval)', () => {
    const truth = { r: 0.75, alpha: 7.5, a: 0.8, b: 6 };
    const simulated = simulateCustomerSummaries({ customers: 20_000, bgnbd: truth, minT: 26, maxT: 104, seed: 'bg-nbd-recovery' });
    const fit = fitBgNbd(simulated);
    expect(fit.converged).toBe(true);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      const error = Math.abs(fit.params[name] - truth[name]);
      expect(error).toBeLessThanOrEqual(Math.max(0.05 * truth[name], 1.96 * fit.standardErrors[name]));
    }
  });

  it('evaluates the same likelihood on compressed rows as customer by customer, with the right gradient', () => {
    // 3,000 customers on a coarse grid, so many share a row.
    const simulated = simulateCustomerSummaries({
      customers: 3000,
      bgnbd: { r: 1.2, alpha: 5, a: 1.5, b: 3 },
      minT: 0,
      maxT: 20,
      timeResolution: 1,
      seed: 'compression',
    });
    const rows = compressFrequencyRecency(simulated);
    expect(rows.rows).toBeLessThan(1000);
    expect(rows.weight.reduce((sum, w) => sum + w, 0)).toBe(3000);
    const params = { r: 0.9, alpha: 4, a: 1.2, b: 2.5 };
    const logParams = Float64Array.from([params.r, params.alpha, params.a, params.b], Math.log);
    const gradient = new Float64Array(4);
    const objective = bgNbdObjective(rows);
    const meanNegative = objective(logParams, gradient);
    let direct = 0;
    for (let i = 0; i < 3000; i++) direct += bgNbdLogLikelihood(params, simulated.x[i], simulated.tx[i], simulated.T[i]);
    expectRelative(-meanNegative * 3000, direct, 1e-12);
    for (let k = 0; k < 4; k++) {
      const h = 1e-6;
      const plus = Float64Array.from(logParams);
      const minus = Float64Array.from(logParams);
      plus[k] += h;
      minus[k] -= h;
      const numeric = (objective(plus, new Float64Array(4)) - objective(minus, new Float64Array(4))) / (2 * h);
      expect(Math.abs(gradient[k] - numeric)).toBeLessThan(1e-7);
    }
  });

  it('reports parameters that run off to a boundary instead of claiming convergence', () => {
    // 200 identical customers: the same rate for everyone drives r (and alpha) towards infinity.
    const n = 200;
    const fit = fitBgNbd({ x: new Float64Array(n).fill(5), tx: new Float64Array(n).fill(9.5), T: new Float64Array(n).fill(10) });
    expect(fit.converged).toBe(false);
    expect(fit.atBound[0]).toEqual({ parameter: 'r', towards: 'infinity' });
    expect(fit.message).toMatch(/^r ran off towards infinity, .*: the data cannot pin them down$/);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });

  describe('data that cannot identify the model', () => {
    it('a single customer', () => {
      expect(() => fitBgNbd({ x: [3], tx: [10], T: [20] })).toThrow(UserInputError);
      expect(() => fitBgNbd({ x: [3], tx: [10], T: [20] })).toThrow(/at least 2 customers, got 1/);
    });

    it('nobody ever repeated', () => {
      expect(() => fitBgNbd({ x: [0, 0, 0], tx: [0, 0, 0], T: [5, 10, 20] })).toThrow(/none of the 3 customers made a repeat purchase/);
    });

    it('non-finite or impossible summaries name the customer and the field', () => {
      const check = (data: { x: number[]; tx: number[]; T: number[] }, field: string, message: RegExp) => {
        try {
          fitBgNbd(data);
          expect.unreachable();
        } catch (err) {
          expect(err).toBeInstanceOf(UserInputError);
          expect((err as UserInputError).location.field).toBe(field);
          expect((err as UserInputError).message).toMatch(message);
        }
      };
      check({ x: [1, NaN], tx: [1, 1], T: [2, 2] }, 'x', /customer 2: x must be a whole number/);
      check({ x: [1, 1.5], tx: [1, 1], T: [2, 2] }, 'x', /customer 2/);
      check({ x: [1, 1], tx: [1, 1], T: [2, Infinity] }, 'T', /customer 2: T must be a finite number/);
      check({ x: [1, 1], tx: [3, 1], T: [2, 2] }, 't_x', /customer 1: t_x must be between 0 and T = 2, got 3/);
    });
  });
});
