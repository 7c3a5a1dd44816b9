/**
 * A population block means what it says: in the baseline world, the customers active at the start
 * of the horizon make `purchasesPerYear` purchases each over its first year, the share
 * `annualDropout` of them drops out within that year, and their purchases average `meanTicket`.
 * Measured from simulated tallies, for a controlled base and every shipped scenario with a
 * population block. New customers are left out (acquisition none): they are not among the
 * customers active at the start.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.js';
import type { Population } from '../../src/config/scenario-schema.js';
import { customerBaseFromPopulation } from '../../src/run/customer-base.js';
import { simulate } from '../../src/sim/simulate.js';
import { tallyValue } from '../../src/sim/tally.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
/** Simulated customers per measurement: the standard errors are then below 0.5% of each figure. */
const CUSTOMER_DRAWS = 150_000;

/**
 * The baseline over 13 months. Over months 1-12: purchases (kept and returned) per customer active
 * at the start, and revenue per purchase. A customer counts as active in month 13 unless they
 * dropped out before it began, i.e. within 12 x 365.2425 / 12 days: the share not active then
 * is the first year's dropout.
 */
async function firstYear(population: Population, seed: number) {
  const base = customerBaseFromPopulation(population);
  const iterations = Math.ceil(CUSTOMER_DRAWS / population.customers);
  const result = await simulate(
    {
      customers: base.customers,
      model: base.model,
      categories: { names: base.categoryNames, revenueShares: base.categoryRevenueShares, margins: [0.5] },
      newCustomersPerMonth: 0,
      horizonMonths: 13,
      seed,
      iterations: Array.from({ length: iterations }, () => ({ programs: [] })),
    },
    { workers: 1 },
  );
  const shape = { iterations, worldCount: 1, horizonMonths: 13 };
  const tally = (i: number, month: number, field: Parameters<typeof tallyValue>[5]) => tallyValue(result.tallies, shape, i, 0, month, field);
  let activeAtStart = 0;
  let purchases = 0;
  let revenue = 0;
  let activeInMonth13 = 0;
  for (let i = 0; i < iterations; i++) {
    activeAtStart += tally(i, 0, 'cohortActiveAtStart');
    activeInMonth13 += tally(i, 12, 'activeCustomers');
    for (let m = 0; m < 12; m++) {
      purchases += tally(i, m, 'purchases') + tally(i, m, 'returnedPurchases');
      revenue += tally(i, m, 'revenue');
    }
  }
  expect(activeAtStart).toBe(iterations * population.customers);
  return { purchasesPerYear: purchases / activeAtStart, annualDropout: 1 - activeInMonth13 / activeAtStart, meanTicket: revenue / purchases };
}

function expectWithin2Percent(measured: { purchasesPerYear: number; annualDropout: number; meanTicket: number }, population: Population) {
  expect(measured.purchasesPerYear / population.purchasesPerYear).toBeGreaterThan(0.98);
  expect(measured.purchasesPerYear / population.purchasesPerYear).toBeLessThan(1.02);
  expect(measured.annualDropout / population.annualDropout).toBeGreaterThan(0.98);
  expect(measured.annualDropout / population.annualDropout).toBeLessThan(1.02);
  expect(measured.meanTicket / population.meanTicket).toBeGreaterThan(0.98);
  expect(measured.meanTicket / population.meanTicket).toBeLessThan(1.02);
}

describe('population blocks realise their figures over the first year', () => {
  it.each([
    { heterogeneity: 1, label: 'medium' },
    { heterogeneity: 0.25, label: 'high' },
  ])('12 purchases a year, 30% dropout, heterogeneity $label', async ({ heterogeneity }) => {
    const population = { customers: 5000, purchasesPerYear: 12, meanTicket: 20, heterogeneity, annualDropout: 0.3 };
    expectWithin2Percent(await firstYear(population, 11), population);
  });

  const shipped = readdirSync(SCENARIOS)
    .filter((file) => file.endsWith('.yaml'))
    .sort();
  it('the shipped scenarios with a population block are the ones measured here', async () => {
    const withPopulation: string[] = [];
    for (const file of shipped) if ((await loadScenario(path.join(SCENARIOS, file))).scenario.population) withPopulation.push(file);
    expect(withPopulation).toEqual(['airline-tiers.yaml', 'coalition-operator.yaml', 'coalition-partner.yaml', 'coffee-shop.yaml', 'population-only.yaml', 'rail-card.yaml']);
  });

  it.each(['population-only.yaml', 'coffee-shop.yaml', 'airline-tiers.yaml', 'coalition-operator.yaml', 'coalition-partner.yaml', 'rail-card.yaml'])(
    'scenarios/%s',
    async (file) => {
      const { scenario } = await loadScenario(path.join(SCENARIOS, file));
      const population = scenario.population!;
      const measured = await firstYear(population, scenario.seed);
      expectWithin2Percent(measured, population);
    },
  );
});
