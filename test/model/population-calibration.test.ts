/**
 * The BG/NBD of a population block (model/population-calibration.ts): the first-year figures of
 * customers active at the start against the BG/NBD's hypergeometric closed forms and against
 * draws of the engine's samplers, and the calibration against its targets.
 */
import { describe, expect, it } from 'vitest';
import { activeCustomerFigures, maxAnnualDropout, populationBgNbd } from '../../src/model/population-calibration.js';
import { sampleBeta, sampleGamma } from '../../src/model/gamma-variates.js';
import { hyp2f1 } from '../../src/model/special-functions.js';
import { IterationKey, RandomStream } from '../../src/sim/random-stream.js';

const WEEKS_PER_YEAR = 365.2425 / 7;

/**
 * Purchases in t of a customer active at 0 under BG/NBD with Beta(a, b) dropout (Fader, Hardie and
 * Lee 2005, eq. 9, valid for any a > 0 with a + b > 1):
 *   (a + b - 1) / (a - 1) [1 - (alpha / (alpha + t))^r 2F1(r, b; a + b - 1; t / (alpha + t))].
 * At a = 1 both factors vanish; the value there is the mean of a = 1 -+ h (the error is O(h^2)).
 */
function purchasesClosedForm(r: number, alpha: number, a: number, b: number, t: number): number {
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, z));
}

/**
 * Share dropped out by t: 1 - E[(alpha / (alpha + p t))^r] over p ~ Beta(1, b), which is Euler's
 * integral of 2F1(r, 1; 1 + b; -t / alpha); after Pfaff's transformation
 *   1 - (alpha / (alpha + t))^r 2F1(r, b; 1 + b; t / (alpha + t)).
 */
function dropoutClosedForm(r: number, alpha: number, b: number, t: number): number {
  return 1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, 1 + b, t / (alpha + t));
}

describe('first-year figures of customers active at the start', () => {
  it.each([
    [1.3, 4, 30],
    [0.25, 0.2, 45],
    [4, 15, 10],
    [0.6, 2, 3],
  ])('r = %f, alpha = %f, b = %f: the hypergeometric closed forms', (r, alpha, b) => {
    const figures = activeCustomerFigures(r, alpha, b, WEEKS_PER_YEAR);
    const h = 1e-5;
    const purchases = (purchasesClosedForm(r, alpha, 1 - h, b, WEEKS_PER_YEAR) + purchasesClosedForm(r, alpha, 1 + h, b, WEEKS_PER_YEAR)) / 2;
    expect(figures.purchases / purchases - 1).toBeLessThan(1e-7);
    expect(purchases / figures.purchases - 1).toBeLessThan(1e-7);
    expect(figures.dropout).toBeCloseTo(dropoutClosedForm(r, alpha, b, WEEKS_PER_YEAR), 10);
  });

  it('without dropout the purchases are the mean rate times t, and nobody leaves', () => {
    const figures = activeCustomerFigures(0.5, 2, 1e12, WEEKS_PER_YEAR);
    expect(figures.purchases).toBeCloseTo((0.5 / 2) * WEEKS_PER_YEAR, 6);
    expect(figures.dropout).toBeLessThan(1e-9);
  });
});

describe('populationBgNbd', () => {
  const targets = [
    { purchasesPerYear: 12, annualDropout: 0.3, heterogeneity: 1 },
    { purchasesPerYear: 24, annualDropout: 0.3, heterogeneity: 0.25 },
    { purchasesPerYear: 40, annualDropout: 0.35, heterogeneity: 0.25 },
    { purchasesPerYear: 4, annualDropout: 0.2, heterogeneity: 0.25 },
    { purchasesPerYear: 30, annualDropout: 0.2, heterogeneity: 1 },
    { purchasesPerYear: 0.5, annualDropout: 0.45, heterogeneity: 4 },
    { purchasesPerYear: 12, annualDropout: 0.95, heterogeneity: 0.25 },
  ];

  it.each(targets)('keeps r = heterogeneity and a = 1 and realises $purchasesPerYear purchases and $annualDropout dropout in the first year', (target) => {
    const params = populationBgNbd(target, WEEKS_PER_YEAR)!;
    expect(params.r).toBe(target.heterogeneity);
    expect(params.a).toBe(1);
    const figures = activeCustomerFigures(params.r, params.alpha, params.b, WEEKS_PER_YEAR);
    expect(figures.purchases).toBeCloseTo(target.purchasesPerYear, 8);
    expect(figures.dropout).toBeCloseTo(target.annualDropout, 8);
  });

  it('is the same model in any period: alpha scales with the period, b does not', () => {
    const weekly = populationBgNbd(targets[1], WEEKS_PER_YEAR)!;
    const yearly = populationBgNbd(targets[1], 1)!;
    expect(weekly.alpha / yearly.alpha).toBeCloseTo(WEEKS_PER_YEAR, 6);
    expect(weekly.b / yearly.b).toBeCloseTo(1, 8);
  });

  it('gives the stated figures to customers drawn by the engine, each with the individual closed forms', () => {
    // 12 a year and 30% dropout with unit heterogeneity: 200,000 customers drawn as the engine
    // draws new ones (lambda ~ Gamma(r, alpha), p ~ Beta(a, b)), each contributing
    // (1 - exp(-lambda p t)) / p purchases and 1 - exp(-lambda p t) dropout.
    const params = populationBgNbd({ purchasesPerYear: 12, annualDropout: 0.3, heterogeneity: 1 }, WEEKS_PER_YEAR)!;
    const stream = new RandomStream(new IterationKey(3, 0, 1), 0);
    const n = 200_000;
    let purchases = 0;
    let dropout = 0;
    for (let i = 0; i < n; i++) {
      const lambda = sampleGamma(stream, params.r, params.alpha);
      const p = sampleBeta(stream, params.a, params.b);
      const dropped = -Math.expm1(-lambda * p * WEEKS_PER_YEAR);
      purchases += dropped / p;
      dropout += dropped;
    }
    // Standard errors: about 0.03 purchases and 0.001 dropout.
    expect(Math.abs(purchases / n - 12)).toBeLessThan(0.12);
    expect(Math.abs(dropout / n - 0.3)).toBeLessThan(0.005);
  });

  it('a dropout of 0 leaves the mean rate at the stated purchases', () => {
    const params = populationBgNbd({ purchasesPerYear: 24, annualDropout: 0, heterogeneity: 0.25 }, WEEKS_PER_YEAR)!;
    expect((params.r / params.alpha) * WEEKS_PER_YEAR).toBeCloseTo(24, 5);
    expect(params.a / (params.a + params.b)).toBeLessThan(1e-9);
  });

  it('has no parameters when more customers would leave than buy', () => {
    expect(maxAnnualDropout(12)).toBe(1);
    expect(maxAnnualDropout(0.4)).toBe(0.4);
    expect(populationBgNbd({ purchasesPerYear: 12, annualDropout: 1, heterogeneity: 1 }, WEEKS_PER_YEAR)).toBeUndefined();
    expect(populationBgNbd({ purchasesPerYear: 0.4, annualDropout: 0.4, heterogeneity: 1 }, WEEKS_PER_YEAR)).toBeUndefined();
    expect(populationBgNbd({ purchasesPerYear: 0.4, annualDropout: 0.38, heterogeneity: 1 }, WEEKS_PER_YEAR)).toBeDefined();
  });
});
