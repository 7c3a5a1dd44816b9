import { describe, expect, it } from 'vitest';
import { customerBaseFromPopulation, historyArrivalsPerMonth } from '../../src/run/customer-base.js';

describe('customerBaseFromPopulation', () => {
  const base = customerBaseFromPopulation({ customers: 500, purchasesPerYear: 24, meanTicket: 6.5, heterogeneity: 0.25, annualDropout: 0.3 });
  const { r, alpha, a, b } = base.model.bgnbd;
  const { p, q, v } = base.model.gammaGamma;

  it('matches the mean purchase rate: E[lambda] = r / alpha per week = 24 / 52.1775', () => {
    expect(r).toBe(0.25);
    expect((r / alpha) * (365.2425 / 7)).toBeCloseTo(24, 10);
  });

  it('matches the annual dropout of a customer with the mean purchases: 1 - (1 - E[p])^24 = 0.3', () => {
    const meanDropout = a / (a + b);
    expect(1 - Math.pow(1 - meanDropout, 24)).toBeCloseTo(0.3, 10);
  });

  it('matches the mean ticket: p v / (q - 1) = 6.5', () => {
    expect((p * v) / (q - 1)).toBeCloseTo(6.5, 10);
  });

  it('starts every customer fresh so that each draws from the population', () => {
    expect(base.customers.count).toBe(500);
    expect(base.customers.x.every((x) => x === 0)).toBe(true);
    expect(base.customers.T.every((T) => T === 0)).toBe(true);
  });
});

describe('historyArrivalsPerMonth', () => {
  it('counts first purchases in the last year of the calibration period, per month', () => {
    // Weekly periods: T = 10 weeks (70 days) and 50 weeks (350 days) are within the last year; 60 weeks is not.
    expect(historyArrivalsPerMonth([10, 50, 60], 7, 730)).toBeCloseTo(2 / 12, 12);
  });

  it('uses the whole history when it is shorter than a year', () => {
    // 3 customers over 182.62 days = 6 months: 0.5 a month.
    expect(historyArrivalsPerMonth([1, 2, 3], 7, 365.2425 / 2)).toBeCloseTo(0.5, 12);
  });
});
