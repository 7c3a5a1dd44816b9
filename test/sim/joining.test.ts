/**
 * When members join (docs/methods.md section 6): at a purchase, after a gradual launch, or at the
 * start; the members ever enrolled, at the end and the member-months each counted once.
 */
import { describe, expect, it } from 'vitest';
import { DAYS_PER_MONTH } from '../../src/data/calendar.js';
import { monthTallies, worldTotals } from '../../src/metrics/world-totals.js';
import { simulate } from '../../src/sim/simulate.js';
import { discount, identicalCustomers, input } from './fixtures.js';

// Customers without repeat purchases (so all active) who buy about twice a day, and practically
// never drop out: lambda ~ Gamma(r, alpha + T) per day, p ~ Beta(a, b) with mean 1e-6.
const FREQUENT = { bgnbd: { r: 200, alpha: 99, a: 0.001, b: 1000 }, gammaGamma: { p: 6, q: 4, v: 20 }, daysPerPeriod: 1 };
const R_POSTERIOR = 200;
const ALPHA_POSTERIOR = 99 + 1;

describe('joining', () => {
  it('over a 6-month ramp gives the member-months of the hand-computed integral', async () => {
    // Each chosen customer's opening time o is uniform on (0, 6) months; they join at their next
    // purchase, an exponential wait of rate lambda (purchases are a Poisson process), so their
    // expected member-months over a 12-month horizon are
    //     12 - E[o] - E[1 / lambda] / DAYS_PER_MONTH = 12 - 3 - (alpha / (r - 1)) / DAYS_PER_MONTH,
    // and for n members the total has standard deviation about sqrt(n Var(o)) = sqrt(3 n) months.
    const programs = [discount(0.05, { enrolment: { share: 0.5, selfSelection: 0, rampMonths: 6 } })];
    const result = await simulate(input(identicalCustomers(800, 0, 0, 1, 0), programs, { model: FREQUENT, iterations: 3 }), { workers: 1 });
    let members = 0;
    let memberMonths = 0;
    const joinsByMonth = new Array<number>(12).fill(0);
    for (let i = 0; i < result.iterations; i++) {
      const totals = worldTotals(result, i, 1);
      members += totals.enrolments;
      memberMonths += totals.memberMonths;
      expect(totals.members).toBe(totals.enrolments);
      for (let m = 0; m < 12; m++) joinsByMonth[m] += monthTallies(result, i, 1, m).enrolments;
    }
    const expected = members * (12 - 3 - ALPHA_POSTERIOR / (R_POSTERIOR - 1) / DAYS_PER_MONTH);
    expect(Math.abs(memberMonths - expected)).toBeLessThan(4 * Math.sqrt(3 * members));
    // Joins spread evenly over the first six months (each about members / 6, binomial error), none later.
    for (let m = 0; m < 6; m++) expect(Math.abs(joinsByMonth[m] - members / 6)).toBeLessThan(4 * Math.sqrt((members * (1 / 6) * (5 / 6))));
    for (let m = 7; m < 12; m++) expect(joinsByMonth[m]).toBe(0);
  });

  it('at the first purchase: member-months are the horizon less the wait for that purchase; at: start, the whole horizon', async () => {
    const atPurchase = discount(0.05, { enrolment: { share: 1, selfSelection: 0 } }, 'at a purchase');
    const atStart = discount(0.05, { enrolment: { share: 1, selfSelection: 0, at: 'start' } }, 'at the start');
    const result = await simulate(input(identicalCustomers(500, 0, 0, 1, 0), [atPurchase, atStart], { model: FREQUENT, iterations: 2 }), { workers: 1 });
    for (let i = 0; i < result.iterations; i++) {
      const baseline = worldTotals(result, i, 0);
      const first = worldTotals(result, i, 1);
      const start = worldTotals(result, i, 2);
      // Everyone shops, so everyone joins, in month 0 either way.
      expect(first.enrolments).toBe(baseline.shoppers);
      expect(monthTallies(result, i, 1, 0).enrolments).toBe(500);
      expect(start.enrolments).toBe(500);
      // From day 0: exactly 12 months each (up to rounding of the sum).
      expect(start.memberMonths).toBeCloseTo(12 * 500, 6);
      // From the first purchase, an exponential wait of mean E[1 / lambda] days.
      const waitMonths = (12 * 500 - first.memberMonths) / 500;
      const meanWait = ALPHA_POSTERIOR / (R_POSTERIOR - 1) / DAYS_PER_MONTH;
      expect(Math.abs(waitMonths - meanWait)).toBeLessThan((4 * meanWait * 1.1) / Math.sqrt(500));
    }
  });

  it('chooses the same customers for the same share in every world, whatever the effects', async () => {
    const programs = [
      discount(0.05, { enrolment: { share: 0.4, selfSelection: 0 } }, 'a'),
      discount(0.2, { enrolment: { share: 0.4, selfSelection: 0 }, effects: { frequencyUplift: 0.3, spendUplift: 0.1, churnReduction: 0.5 } }, 'b'),
    ];
    const result = await simulate(input(identicalCustomers(1000, 0, 0, 1, 0), programs, { model: FREQUENT, iterations: 2 }), { workers: 1 });
    for (let i = 0; i < result.iterations; i++) {
      // The same enrolment uniforms and the same first purchases: the same joiners, whatever the effects.
      expect(worldTotals(result, i, 2).enrolments).toBe(worldTotals(result, i, 1).enrolments);
      expect(worldTotals(result, i, 1).memberMonths).toBe(worldTotals(result, i, 2).memberMonths);
    }
  });
});
