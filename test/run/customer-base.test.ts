import { describe, expect, it } from 'vitest';
import { activeCustomerFigures } from '../../src/model/population-calibration.js';
import { customerBaseFromPopulation, historyArrivalsPerMonth } from '../../src/run/customer-base.js';

describe('customerBaseFromPopulation', () => {
  const base = customerBaseFromPopulation({ customers: 500, purchasesPerYear: 24, meanTicket: 6.5, heterogeneity: 0.25, annualDropout: 0.3 });
  const { r, alpha, a, b } = base.model.bgnbd;
  const { p, q, v } = base.model.gammaGamma;

  it('keeps the heterogeneity as the Gamma shape r of purchase rates and Beta(1, b) dropout', () => {
    expect(r).toBe(0.25);
    expect(a).toBe(1);
  });

  it('gives the customers active at the start 24 purchases each and 30% dropout over the first year (52.18 weeks)', () => {
    const figures = activeCustomerFigures(r, alpha, b, 365.2425 / 7);
    expect(figures.purchases).toBeCloseTo(24, 6);
    expect(figures.dropout).toBeCloseTo(0.3, 6);
    // Some of the heaviest buyers leave early, so the rate while active is above the purchases made.
    expect((r / alpha) * (365.2425 / 7)).toBeGreaterThan(24);
  });

  it('matches the mean ticket: p v / (q - 1) = 6.5', () => {
    expect((p * v) / (q - 1)).toBeCloseTo(6.5, 10);
  });

  it('refuses a dropout no customer base reaches, naming the key', () => {
    expect(() => customerBaseFromPopulation({ customers: 10, purchasesPerYear: 0.5, meanTicket: 5, heterogeneity: 1, annualDropout: 0.6 })).toThrow(
      expect.objectContaining({ name: 'UserInputError', location: { field: 'population.annualDropout' } }),
    );
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
