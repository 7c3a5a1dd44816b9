/**
 * Returns from a purchase history to the simulation (docs/methods.md section 6). Two generated
 * histories with the same purchases, one where a fifth of the purchases are returned: the return
 * rate is measured back, the customer model fitted to the purchases before returns is the same for
 * both, and the simulation, returning purchases at the measured rate, keeps the history's share of
 * net to gross revenue, each return counted once.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.js';
import type { DataSource } from '../../src/config/scenario-schema.js';
import { ingestPurchaseHistory } from '../../src/data/ingest.js';
import { transactionCsvChunks } from '../../src/data/transaction-csv.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { generateTransactions, type GenerateOptions } from '../../src/model/generate-transactions.js';
import { resolvedProgram } from '../../src/programs/registry.js';
import { customerBaseFromData, type CustomerBase } from '../../src/run/customer-base.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { simulate } from '../../src/sim/simulate.js';
import type { SimulationInput } from '../../src/sim/simulation-input.js';

const RETURN_RATE = 0.2;
const OPTIONS: GenerateOptions = {
  customers: 3000,
  start: '2024-01-01',
  end: '2025-12-31',
  categories: [
    { name: 'grocery', share: 0.7, margin: 0.25 },
    { name: 'household', share: 0.3, margin: 0.4 },
  ],
  seed: 'returns',
};

const folder = mkdtempSync(path.join(os.tmpdir(), 'loyalty-returns-'));
function writeHistory(name: string, returnRate: number): { file: string; generated: ReturnType<typeof generateTransactions> } {
  const generated = generateTransactions({ ...OPTIONS, returnRate });
  const file = path.join(folder, name);
  writeFileSync(file, [...transactionCsvChunks(generated)].join(''));
  return { file, generated };
}
const withReturns = writeHistory('with-returns.csv', RETURN_RATE);
const without = writeHistory('without-returns.csv', 0);

function simulationInput(base: CustomerBase, returnRate: number): SimulationInput {
  const program = resolvedProgram({ name: 'nothing', type: 'none', enrolment: { share: 0.5, selfSelection: 1 } });
  return {
    customers: base.customers,
    model: base.model,
    categories: { names: base.categoryNames, revenueShares: base.categoryRevenueShares, margins: base.dataMargins! },
    newCustomersPerMonth: base.historyArrivalsPerMonth,
    returnRate,
    horizonMonths: 12,
    seed: 7,
    iterations: Array.from({ length: 8 }, () => ({ programs: [program] })),
  };
}

describe('returns from the history to the simulation', () => {
  it('generates the same purchases with and without returns, each return the negated amount of one of them', () => {
    const a = withReturns.generated;
    const b = without.generated;
    const purchaseRows: number[] = [];
    let returned = 0;
    let purchased = 0;
    for (let i = 0; i < a.purchases; i++) {
      if (a.amountCents[i] > 0) purchaseRows.push(i);
      else returned -= a.amountCents[i];
    }
    expect(purchaseRows.length).toBe(b.purchases);
    purchaseRows.forEach((row, k) => {
      expect(a.customer[row]).toBe(b.customer[k]);
      expect(a.day[row]).toBe(b.day[k]);
      expect(a.amountCents[row]).toBe(b.amountCents[k]);
      purchased += b.amountCents[k];
    });
    // A fifth of the value returned (returns after the end date, of purchases in its last 13 days,
    // take off about 1% of that): within 0.015, some 4 standard errors of the value-weighted share
    // of about 14,000 purchases.
    expect(Math.abs(returned / purchased - RETURN_RATE)).toBeLessThan(0.015);
  });

  it('measures the return rate back, and fits the same customer model to both histories', async () => {
    const a = await ingestPurchaseHistory(withReturns.file);
    const b = await ingestPurchaseHistory(without.file);
    const measured = a.quality.returnRate;
    expect(Math.abs(measured.rate - RETURN_RATE)).toBeLessThan(0.015);
    expect(measured.purchasedValue).toBeCloseTo(b.quality.returnRate.purchasedValue, 6);
    expect(b.quality.returnRate).toEqual({ rate: 0, purchasedValue: b.quality.returnRate.purchasedValue, returnedValue: 0 });
    // The history's net revenue is its purchases less the returned share.
    expect(a.quality.revenue).toBeCloseTo(b.quality.revenue * (1 - measured.rate), 6);
    // The purchase days and their values before returns are the same, so are the fits.
    for (const key of ['x', 'tx', 'T', 'monetaryValue'] as const) expect(a.summaries[key]).toEqual(b.summaries[key]);
    const baseA = await customerBaseFromData({ file: withReturns.file } as DataSource, 'with-returns.csv');
    const baseB = await customerBaseFromData({ file: without.file } as DataSource, 'without-returns.csv');
    expect(baseA.model).toEqual(baseB.model);
    expect(baseA.historyReturnRate).toBe(measured.rate);
    expect(baseB.historyReturnRate).toBe(0);
  });

  it('simulates net revenue at the history\'s share of gross revenue: returns counted once', async () => {
    const baseA = await customerBaseFromData({ file: withReturns.file } as DataSource, 'with-returns.csv');
    const baseB = await customerBaseFromData({ file: without.file } as DataSource, 'without-returns.csv');
    const resultA = await simulate(simulationInput(baseA, baseA.historyReturnRate), { workers: 1 });
    const resultB = await simulate(simulationInput(baseB, 0), { workers: 1 });
    let netA = 0;
    let grossB = 0;
    for (let i = 0; i < resultA.iterations; i++) {
      for (const world of [0, 1]) {
        const a = worldTotals(resultA, i, world);
        const b = worldTotals(resultB, i, world);
        expect(a.revenue + a.returnedRevenue).toBeCloseTo(b.revenue, 6);
        expect(a.purchases + a.returnedPurchases).toBe(b.purchases);
      }
      netA += worldTotals(resultA, i, 0).revenue;
      grossB += worldTotals(resultB, i, 0).revenue;
    }
    // Net / gross in the simulation = 1 - the measured rate, as in the history (about 0.8), within
    // the binomial noise of which purchases are returned (some 0.3% over 8 x 12 months). (Values
    // with the returns of a purchase day netted in, returned again at the rate, would count those
    // returns twice; the fits above would differ too.)
    expect(Math.abs(netA / grossB - (1 - baseA.historyReturnRate))).toBeLessThan(0.01);
  });

  it('returns purchases at the measured rate by default and at economics.returnRate when given', async () => {
    const incrementalRevenue = async (returnRate: string | undefined) => {
      const file = path.join(folder, `scenario-${returnRate ?? 'measured'}.yaml`);
      writeFileSync(
        file,
        [
          'name: returns',
          'data: { file: with-returns.csv }',
          'economics:',
          '  grossMargin: from-data',
          ...(returnRate === undefined ? [] : [`  returnRate: ${returnRate}`]),
          'iterations: 6',
          'programs:',
          '  - { name: ten off, type: discount, discount: { percent: 0.1 } }',
        ].join('\n') + '\n',
      );
      const report = await runScenario(await loadScenario(file), { workers: 1 });
      return report.programs[0].metrics.incrementalRevenue.mean;
    };
    const measured = (await ingestPurchaseHistory(withReturns.file)).quality.returnRate.rate;
    const [byDefault, explicit, none] = await Promise.all([incrementalRevenue(undefined), incrementalRevenue(String(measured)), incrementalRevenue('0')]);
    // With no behaviour change the incremental revenue is minus the discounts, 10% of the kept sales.
    expect(byDefault).toBe(explicit);
    expect(byDefault).toBeLessThan(0);
    expect(Math.abs(byDefault / none - (1 - measured))).toBeLessThan(0.01);
  });
});
