/**
 * The streaming ingest against a plain reference implementation of the documented rules, on a
 * random purchase history (seeded): rows in date order, and the same rows shuffled (which sends
 * every customer through the out-of-date-order second pass), with and without a holdout.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { ingestText } from './write-csv.js';
import { dayNumber, isoDate } from '../../src/data/calendar.js';
import type { IngestResult } from '../../src/data/ingest.js';

interface Row {
  customer: string;
  day: number;
  amount: number;
}

function randomHistory(seed: string): Row[] {
  const random = seedrandom(seed);
  const start = dayNumber(2024, 1, 1);
  const rows: Row[] = [];
  for (let c = 0; c < 300; c++) {
    const visits = 1 + Math.floor(random() * 12);
    const first = start + Math.floor(random() * 300);
    for (let v = 0; v < visits; v++) {
      const day = first + Math.floor(random() * 60);
      const lines = 1 + Math.floor(random() * 3);
      for (let l = 0; l < lines; l++) {
        // One line in six is a return; amounts in cents.
        const cents = 1 + Math.floor(random() * 10_000);
        rows.push({ customer: `cust-${c}`, day, amount: (random() < 1 / 6 ? -cents : cents) / 100 });
      }
    }
  }
  return rows;
}

/** The rules of the README, written the plain way: group by customer and day, then count. */
function reference(rows: Row[], calibrationEnd: number, daysPerPeriod: number) {
  const byCustomer = new Map<string, Map<number, { value: number; purchase: boolean }>>();
  const spend = new Map<string, { calibration: number; holdout: number }>();
  const returns = { purchasedValue: 0, returnedValue: 0 };
  for (const row of rows) {
    if (!byCustomer.has(row.customer)) {
      byCustomer.set(row.customer, new Map());
      spend.set(row.customer, { calibration: 0, holdout: 0 });
    }
    const days = byCustomer.get(row.customer)!;
    const day = days.get(row.day) ?? { value: 0, purchase: false };
    // A purchase day's value is its purchases (gross); returns count in the spend and the return rate.
    if (row.amount > 0) day.value += row.amount;
    day.purchase ||= row.amount > 0;
    days.set(row.day, day);
    spend.get(row.customer)![row.day <= calibrationEnd ? 'calibration' : 'holdout'] += row.amount;
    if (row.day <= calibrationEnd) {
      if (row.amount > 0) returns.purchasedValue += row.amount;
      else returns.returnedValue -= row.amount;
    }
  }
  const result = new Map<string, { x: number; tx: number; T: number; m: number; spend: number; holdoutPurchases: number; holdoutValue: number }>();
  for (const [customer, days] of byCustomer) {
    const purchaseDays = [...days.entries()].filter(([, d]) => d.purchase).sort((a, b) => a[0] - b[0]);
    if (purchaseDays.length === 0 || purchaseDays[0][0] > calibrationEnd) continue;
    const first = purchaseDays[0][0];
    const repeats = purchaseDays.slice(1).filter(([day]) => day <= calibrationEnd);
    const last = repeats.length > 0 ? repeats[repeats.length - 1][0] : first;
    result.set(customer, {
      x: repeats.length,
      tx: (last - first) / daysPerPeriod,
      T: (calibrationEnd - first) / daysPerPeriod,
      m: repeats.length > 0 ? repeats.reduce((sum, [, d]) => sum + d.value, 0) / repeats.length : 0,
      spend: spend.get(customer)!.calibration,
      holdoutPurchases: purchaseDays.filter(([day]) => day > calibrationEnd).length,
      holdoutValue: spend.get(customer)!.holdout,
    });
  }
  return { customers: result, returns };
}

function toCsv(rows: Row[]): string {
  return 'customer_id,date,amount\n' + rows.map((r) => `${r.customer},${isoDate(r.day)},${r.amount.toFixed(2)}`).join('\n') + '\n';
}

function expectMatchesReference(result: IngestResult, expected: ReturnType<typeof reference>) {
  const { summaries } = result;
  expect(summaries.ids.length).toBe(expected.customers.size);
  const { purchasedValue, returnedValue } = expected.returns;
  expect(result.quality.returnRate.purchasedValue).toBeCloseTo(purchasedValue, 6);
  expect(result.quality.returnRate.returnedValue).toBeCloseTo(returnedValue, 6);
  expect(result.quality.returnRate.rate).toBeCloseTo(returnedValue / purchasedValue, 12);
  summaries.ids.forEach((id, k) => {
    const want = expected.customers.get(id)!;
    expect(want, id).toBeDefined();
    expect(summaries.x[k], id).toBe(want.x);
    expect(summaries.tx[k], id).toBeCloseTo(want.tx, 12);
    expect(summaries.T[k], id).toBeCloseTo(want.T, 12);
    expect(summaries.monetaryValue[k], id).toBeCloseTo(want.m, 9);
    expect(summaries.totalSpend[k], id).toBeCloseTo(want.spend, 9);
    expect(summaries.holdoutPurchases[k], id).toBe(want.holdoutPurchases);
    expect(summaries.holdoutValue[k], id).toBeCloseTo(want.holdoutValue, 9);
  });
}

function shuffled<T>(items: T[], seed: string): T[] {
  const random = seedrandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe('ingest against a reference implementation', () => {
  const rows = randomHistory('reference-1');
  const inDateOrder = [...rows].sort((a, b) => a.day - b.day);
  const lastDay = inDateOrder[inDateOrder.length - 1].day;
  const calibrationEnd = dayNumber(2024, 9, 30);

  it('agrees on rows in date order', async () => {
    const result = await ingestText(toCsv(inDateOrder), { period: 'week' });
    expect(result.quality.customersOutOfDateOrder).toBe(0);
    expectMatchesReference(result, reference(inDateOrder, lastDay, 7));
  });

  it('agrees on shuffled rows (second pass), with a holdout', async () => {
    const mixed = shuffled(rows, 'shuffle-1');
    const result = await ingestText(toCsv(mixed), { period: 'day', calibrationEnd: isoDate(calibrationEnd) });
    expect(result.quality.customersOutOfDateOrder).toBeGreaterThan(250);
    expectMatchesReference(result, reference(mixed, calibrationEnd, 1));
  });

  it('gives the same summaries, customer by customer, whatever the row order', async () => {
    const sorted = await ingestText(toCsv(inDateOrder), { calibrationEnd: isoDate(calibrationEnd) });
    const mixed = await ingestText(toCsv(shuffled(rows, 'shuffle-2')), { calibrationEnd: isoDate(calibrationEnd) });
    const byId = (result: IngestResult) =>
      Object.fromEntries(result.summaries.ids.map((id, k) => [id, [result.summaries.x[k], result.summaries.tx[k], result.summaries.T[k], result.summaries.holdoutPurchases[k]]]));
    expect(byId(mixed)).toEqual(byId(sorted));
    expect(mixed.quality.purchases).toBe(sorted.quality.purchases);
    expect(mixed.quality.holdout).toEqual({ ...sorted.quality.holdout, value: expect.closeTo(sorted.quality.holdout!.value, 6) });
  });

  it('is deterministic: the same file gives identical numbers', async () => {
    const text = toCsv(shuffled(rows, 'shuffle-3'));
    const a = await ingestText(text);
    const b = await ingestText(text);
    expect(a.summaries).toEqual(b.summaries);
    expect(a.quality).toEqual({ ...b.quality, file: a.quality.file });
  });
});
