import { describe, expect, it } from 'vitest';
import { customerLifetimeValue, discountedExpectedPurchases } from '../../src/model/clv.js';
import { conditionalExpectedPurchases, probabilityAlive } from '../../src/model/bg-nbd.js';
import { conditionalExpectedSpend } from '../../src/model/gamma-gamma.js';
import { sampleBetaInLogs, sampleExponential, sampleGammaFromLog } from '../../src/model/gamma-variates.js';
import { SeededVariateSource } from '../../src/model/seeded-variate-source.js';
import { PUBLISHED_BG_NBD, PUBLISHED_GAMMA_GAMMA } from './cdnow.js';

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

const WEEK = 7;
const MONTH_IN_WEEKS = 365.2425 / 12 / 7;

describe('customerLifetimeValue', () => {
  const customer = { x: 4, tx: 30, T: 38, monetaryValue: 35 };

  it('without discounting is margin x expected spend x expected purchases over the horizon', () => {
    const options = { horizonMonths: 24, annualDiscountRate: 0, margin: 0.3, daysPerPeriod: WEEK };
    const purchases = conditionalExpectedPurchases(PUBLISHED_BG_NBD, 24 * MONTH_IN_WEEKS, 4, 30, 38);
    const spend = conditionalExpectedSpend(PUBLISHED_GAMMA_GAMMA, 4, 35);
    expectRelative(customerLifetimeValue(PUBLISHED_BG_NBD, PUBLISHED_GAMMA_GAMMA, customer, options), 0.3 * spend * purchases, 1e-12);
  });

  it('discounting lowers it, and a longer horizon raises it', () => {
    const base = { horizonMonths: 24, annualDiscountRate: 0, margin: 1, daysPerPeriod: WEEK };
    const undiscounted = customerLifetimeValue(PUBLISHED_BG_NBD, PUBLISHED_GAMMA_GAMMA, customer, base);
    const discounted = customerLifetimeValue(PUBLISHED_BG_NBD, PUBLISHED_GAMMA_GAMMA, customer, { ...base, annualDiscountRate: 0.1 });
    const longer = customerLifetimeValue(PUBLISHED_BG_NBD, PUBLISHED_GAMMA_GAMMA, customer, { ...base, annualDiscountRate: 0.1, horizonMonths: 36 });
    expect(discounted).toBeLessThan(undiscounted);
    expect(longer).toBeGreaterThan(discounted);
  });

  it('does not depend on the time unit of the parameters', () => {
    const options = { horizonMonths: 12, annualDiscountRate: 0.08, margin: 1 };
    const weekly = discountedExpectedPurchases(PUBLISHED_BG_NBD, customer, { ...options, daysPerPeriod: WEEK });
    const daily = discountedExpectedPurchases(
      { ...PUBLISHED_BG_NBD, alpha: PUBLISHED_BG_NBD.alpha * 7 },
      { x: 4, tx: 30 * 7, T: 38 * 7, monetaryValue: 35 },
      { ...options, daysPerPeriod: 1 },
    );
    expectRelative(daily, weekly, 1e-12);
  });

  it('matches a simulation of the customer from the posterior, with monthly discounting', () => {
    // Independent of the closed forms: draw whether the customer is still active (P(active)), then
    // lambda ~ Gamma(r + x, alpha + T), p ~ Beta(a, b + x), nu ~ Gamma(q + p_gg x, v + x m); simulate
    // purchases over 12 months, each of value Gamma(p_gg, nu) discounted at the end of its month.
    const { r, alpha, a, b } = PUBLISHED_BG_NBD;
    const { p: shape, q, v } = PUBLISHED_GAMMA_GAMMA;
    const { x, tx, T, monetaryValue: m } = customer;
    const months = 12;
    const monthlyFactor = Math.pow(1.1, 1 / 12);
    const random = new SeededVariateSource('clv-posterior');
    const alive = probabilityAlive(PUBLISHED_BG_NBD, x, tx, T);
    const draws = 200_000;
    let sum = 0;
    let sumOfSquares = 0;
    for (let k = 0; k < draws; k++) {
      let value = 0;
      if (random.next() < alive) {
        const lambda = sampleGammaFromLog(random, r + x, alpha + T);
        const dropout = sampleBetaInLogs(random, a, b + x);
        const nu = sampleGammaFromLog(random, q + shape * x, v + x * m);
        let time = 0;
        for (;;) {
          time += sampleExponential(random, lambda);
          if (time > months * MONTH_IN_WEEKS) break;
          const month = Math.ceil(time / MONTH_IN_WEEKS);
          value += sampleGammaFromLog(random, shape, nu) / Math.pow(monthlyFactor, month);
          if (random.next() < dropout) break;
        }
      }
      sum += value;
      sumOfSquares += value * value;
    }
    const mean = sum / draws;
    const standardError = Math.sqrt((sumOfSquares / draws - mean * mean) / draws);
    const options = { horizonMonths: months, annualDiscountRate: 0.1, margin: 1, daysPerPeriod: WEEK };
    const clv = customerLifetimeValue(PUBLISHED_BG_NBD, PUBLISHED_GAMMA_GAMMA, customer, options);
    expect(Math.abs(clv - mean)).toBeLessThan(4 * standardError);
  });

  it('uses the population mean spend for a customer whose repeat purchases have no positive value', () => {
    const options = { horizonMonths: 6, annualDiscountRate: 0, margin: 1, daysPerPeriod: WEEK };
    const withoutValue = customerLifetimeValue(PUBLISHED_BG_NBD, PUBLISHED_GAMMA_GAMMA, { x: 2, tx: 10, T: 20, monetaryValue: 0 }, options);
    const purchases = conditionalExpectedPurchases(PUBLISHED_BG_NBD, 6 * MONTH_IN_WEEKS, 2, 10, 20);
    const { p, q, v } = PUBLISHED_GAMMA_GAMMA;
    expectRelative(withoutValue, purchases * ((p * v) / (q - 1)), 1e-12);
  });

  it('takes the returned share off: a return rate of 20% leaves 80% of it', () => {
    const customer = { x: 4, tx: 30, T: 38, monetaryValue: 35 };
    const options = { horizonMonths: 12, annualDiscountRate: 0.1, margin: 0.3, daysPerPeriod: 7 };
    const kept = customerLifetimeValue(PUBLISHED_BG_NBD, PUBLISHED_GAMMA_GAMMA, customer, { ...options, returnRate: 0.2 });
    expectRelative(kept, 0.8 * customerLifetimeValue(PUBLISHED_BG_NBD, PUBLISHED_GAMMA_GAMMA, customer, options), 1e-12);
    expect(customerLifetimeValue(PUBLISHED_BG_NBD, PUBLISHED_GAMMA_GAMMA, customer, { ...options, returnRate: 0 })).toBe(
      customerLifetimeValue(PUBLISHED_BG_NBD, PUBLISHED_GAMMA_GAMMA, customer, options),
    );
  });
});
