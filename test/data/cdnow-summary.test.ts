/**
 * The CDNOW sample (Fader and Hardie): its 6,919 transactions, summarised with the published
 * calibration period (1997-01-01 .. 1997-09-30, 39 weeks, in weeks), equal the published
 * per-customer summary for every one of the 2,357 customers: x, t_x, T and zbar to the published
 * two decimals. The 8 customers whose only row has amount 0 are in the published summary; with
 * `zeroAmount: 'ignore'` they drop out (2,349 customers).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestPurchaseHistory } from '../../src/data/ingest.js';

const fixtures = fileURLToPath(new URL('../fixtures/cdnow/', import.meta.url));
const TRANSACTIONS = `${fixtures}cdnow-sample-transactions.csv`;
const OPTIONS = { calibrationEnd: '1997-09-30', period: 'week' } as const;

interface PublishedCustomer {
  id: number;
  x: number;
  tx: number;
  T: number;
  zbar: number;
}

function publishedSummary(): PublishedCustomer[] {
  const lines = readFileSync(`${fixtures}cdnow_customers_summary_with_transactions.csv`, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('ID,x,t_x,T,zbar');
  return lines.slice(1).map((line) => {
    const [id, x, tx, T, zbar] = line.split(',').map(Number);
    return { id, x, tx, T, zbar };
  });
}

/** Equal to a value published with two decimals. */
function roundsTo(value: number, published: number): boolean {
  return Math.abs(value - published) <= 0.005 + 1e-9;
}

describe('the CDNOW sample', () => {
  it('summarises to the published per-customer summary, all 2,357 customers', async () => {
    const { summaries, quality } = await ingestPurchaseHistory(TRANSACTIONS, OPTIONS);
    const published = publishedSummary();
    expect(published).toHaveLength(2357);
    expect(summaries.ids).toHaveLength(2357);
    expect(quality.rowsRead).toBe(6919);
    expect(quality.zeroValueRows).toBe(8);
    expect(quality.customersWithoutPurchase).toBe(0);
    // T: the calibration end is day 272 after 1997-01-01 (39 weeks less a day, the end day counted in).
    expect(summaries.calibrationStart).toBe('1997-01-01');
    expect(summaries.calibrationEnd).toBe('1997-09-30');
    const differences: string[] = [];
    published.forEach((customer, k) => {
      const ours = { id: Number(summaries.ids[k]), x: summaries.x[k], tx: summaries.tx[k], T: summaries.T[k], zbar: summaries.monetaryValue[k] };
      if (ours.id !== customer.id || ours.x !== customer.x || !roundsTo(ours.tx, customer.tx) || !roundsTo(ours.T, customer.T) || !roundsTo(ours.zbar, customer.zbar)) {
        differences.push(`${JSON.stringify(customer)} != ${JSON.stringify(ours)}`);
      }
    });
    expect(differences).toEqual([]);
    // 946 customers repeated (the published count), 1,411 bought once.
    expect(published.filter((customer) => customer.x > 0)).toHaveLength(946);
    expect(Array.from(summaries.x).filter((x) => x > 0)).toHaveLength(946);
  });

  it('keeps the customers whose only purchase has amount 0, with x = 0 and no mean value', async () => {
    const { summaries } = await ingestPurchaseHistory(TRANSACTIONS, OPTIONS);
    // Customer 0087: one row, 1997-01-05, quantity 1, amount 0.00; T = 268 days.
    const k = summaries.ids.indexOf('0087');
    expect([summaries.x[k], summaries.tx[k], summaries.T[k], summaries.monetaryValue[k], summaries.totalSpend[k]]).toEqual([0, 0, 268 / 7, 0, 0]);
  });

  it("with zeroAmount 'ignore' loses the 8 customers whose only rows have amount 0", async () => {
    const { summaries, quality } = await ingestPurchaseHistory(TRANSACTIONS, { ...OPTIONS, zeroAmount: 'ignore' });
    expect(summaries.ids).toHaveLength(2349);
    expect(quality.customersWithoutPurchase).toBe(8);
    expect(quality.zeroAmount).toBe('ignore');
    for (const id of ['0087', '0155', '0227', '0286', '1080', '1195', '1293', '2086']) expect(summaries.ids).not.toContain(id);
  });
});
