/**
 * How a frequency uplift and a churn reduction change members' dropout (docs/methods.md section 6),
 * and the dropout the engine reports (section 5), against the BG/NBD's closed forms. The customers
 * are nearly identical: no history (x = t_x = T = 0: everyone active, traits from the prior) and
 * shapes so large that lambda ~ Gamma(1e6, 5e6) is 0.2 a week within 0.1% and p ~ Beta(2e4, 9.8e5)
 * is 0.02 within 0.7%. While active such a customer buys as a Poisson process of rate lambda and
 * drops out after each purchase with probability p: the dropout is a Poisson thinning at rate
 * lambda p, so over t
 *     P(dropped out by t) = 1 - exp(-lambda p t)
 *     E[purchases in t]   = (1 - exp(-lambda p t)) / p      (the purchase before dropping out counts)
 */
import { describe, expect, it } from 'vitest';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { simulate } from '../../src/sim/simulate.js';
import { discount, identicalCustomers, input, NO_EFFECTS } from './fixtures.js';

const LAMBDA = 0.2; // purchases a week
const P = 0.02; // dropout per purchase
const model = { bgnbd: { r: 1e6, alpha: 5e6, a: 2e4, b: 9.8e5 }, gammaGamma: { p: 6, q: 4, v: 20 }, daysPerPeriod: 7 };
const HORIZON_MONTHS = 60;
const WEEKS = (HORIZON_MONTHS * 365.2425) / 12 / 7; // 260.9 weeks
const CUSTOMERS = 20000;

const dropped = (rate: number, p: number) => 1 - Math.exp(-rate * p * WEEKS);
const expectedPurchases = (rate: number, p: number) => dropped(rate, p) / p;

async function fiveYears() {
  const programs = [
    discount(0, { effects: { ...NO_EFFECTS, frequencyUplift: 0.25 } }, 'calendar'),
    discount(0, { effects: { ...NO_EFFECTS, frequencyUplift: 0.25, dropoutKept: 'perPurchase' } }, 'per purchase'),
    discount(0, { effects: { ...NO_EFFECTS, churnReduction: 0.5 } }, 'half the churn'),
  ];
  return simulate(input(identicalCustomers(CUSTOMERS, 0, 0, 0, 0), programs, { model, horizonMonths: HORIZON_MONTHS, iterations: 1 }), { workers: 1 });
}

describe('members\' dropout under a frequency uplift and a churn reduction', () => {
  it('keeps the calendar-time dropout by default: +25% frequency gives 1.25 x the purchases over 5 years; per purchase far less', async () => {
    const result = await fiveYears();
    const baseline = worldTotals(result, 0, 0);
    const calendar = worldTotals(result, 0, 1);
    const perPurchase = worldTotals(result, 0, 2);
    // Closed forms: baseline (1 - e^-1.0435) / 0.02 = 32.4 purchases; calendar: rate 0.25, dropout
    // 0.02 / 1.25, the same lambda p: exactly 1.25 x; per purchase: (1 - e^-1.3044) / 0.02 = 36.4, 1.125 x.
    expect(baseline.purchases / CUSTOMERS / expectedPurchases(LAMBDA, P)).toBeCloseTo(1, 1);
    expect(Math.abs(calendar.purchases / baseline.purchases / 1.25 - 1)).toBeLessThan(0.01);
    const perPurchaseRatio = expectedPurchases(1.25 * LAMBDA, P) / expectedPurchases(LAMBDA, P);
    expect(perPurchaseRatio).toBeCloseTo(1.125, 3);
    expect(Math.abs(perPurchase.purchases / baseline.purchases / perPurchaseRatio - 1)).toBeLessThan(0.01);
    // Calendar: members leave as often as before (the dropout shares agree within noise);
    // per purchase: 1 - e^-1.3044 = 72.9% against 64.8%.
    const share = (totals: typeof baseline) => totals.cohortDroppedOut / totals.cohortActiveAtStart;
    expect(baseline.cohortActiveAtStart).toBe(CUSTOMERS);
    expect(Math.abs(share(calendar) - share(baseline))).toBeLessThan(0.01);
    expect(Math.abs(share(perPurchase) - dropped(1.25 * LAMBDA, P))).toBeLessThan(0.01);
  });

  it('reports the dropout within the horizon: 1 - exp(-lambda p t), and 1 - exp(-lambda p (1 - c) t) for members with churn reduction c', async () => {
    const result = await fiveYears();
    const [, , halved] = computeMetrics(result, { annualDiscountRate: 0 }).map((program) => program.metrics);
    // Binomial standard error of a share of 20,000: at most 0.0035; 1 - e^-1.0435 = 64.8%, 1 - e^-0.5217 = 40.65%.
    expect(dropped(LAMBDA, P)).toBeCloseTo(0.648, 3);
    expect(dropped(LAMBDA, 0.5 * P)).toBeCloseTo(0.4065, 4);
    expect(Math.abs(halved.dropoutBaseline.mean - dropped(LAMBDA, P))).toBeLessThan(0.01);
    expect(Math.abs(halved.dropoutProgram.mean - dropped(LAMBDA, 0.5 * P))).toBeLessThan(0.01);
    // Everyone is a member: member retention is 1 - dropout, there are no non-members.
    expect(halved.memberRetention.mean).toBeCloseTo(1 - halved.dropoutProgram.mean, 12);
    expect(halved.nonMemberRetention.mean).toBeNaN();
    expect(worldTotals(result, 0, 3).cohortMembers).toBe(CUSTOMERS);
    expect(worldTotals(result, 0, 0).cohortMembers).toBe(0);
    // The lapse (no purchase in the first 12 months) cannot see it: a customer drops out only
    // after a purchase, so whether they lapse depends on the purchase rate alone, and with the
    // same rate and the same random numbers exactly the same customers lapse.
    expect(halved.lapsedProgram.mean).toBe(halved.lapsedBaseline.mean);
    expect(halved.dropoutProgram.mean).toBeLessThan(halved.dropoutBaseline.mean - 0.2);
  });
});
