/**
 * Purchase histories from the transaction generator (src/model/generate-transactions.ts) follow the models they
 * are drawn from. Rows are purchases (not purchase days), so counts can be compared with the
 * BG/NBD directly.
 */
import { describe, expect, it } from 'vitest';
import { formatCents, transactionCsvChunks } from '../../src/data/transaction-csv.js';
import { defaultBgNbdParameters, DEFAULT_GAMMA_GAMMA } from '../../src/model/customer-draws.js';
import { generateTransactions } from '../../src/model/generate-transactions.js';
import { expectedPurchases } from '../../src/model/bg-nbd.js';
import { parseIsoDateString } from '../../src/data/calendar.js';
import { UserInputError } from '../../src/errors.js';

/** Mean and standard error of a sample. */
function meanAndError(values: number[]): { mean: number; error: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, error: Math.sqrt(variance / values.length) };
}

describe('generateTransactions', () => {
  const generated = generateTransactions({
    customers: 20_000,
    start: '2022-01-01',
    end: '2025-12-31',
    categories: [
      { name: 'fuel', share: 0.6, margin: 0.08 },
      { name: 'shop', share: 0.4, margin: 0.35 },
    ],
    seed: 'model-check',
  });
  const startDay = parseIsoDateString('2022-01-01');
  const endDay = parseIsoDateString('2025-12-31');

  // Per customer: first purchase day, all purchase days, first purchase amount.
  const firstDay = new Map<number, number>();
  const days = new Map<number, number[]>();
  const firstAmount = new Map<number, number>();
  for (let i = 0; i < generated.purchases; i++) {
    const c = generated.customer[i];
    if (!firstDay.has(c)) {
      firstDay.set(c, generated.day[i]);
      firstAmount.set(c, generated.amountCents[i] / 100);
      days.set(c, []);
    }
    days.get(c)!.push(generated.day[i]);
  }

  it('gives every customer a first purchase on a join day inside the window, in date order', () => {
    expect(firstDay.size).toBe(20_000);
    for (let i = 1; i < generated.purchases; i++) expect(generated.day[i]).toBeGreaterThanOrEqual(generated.day[i - 1]);
    expect(generated.day[0]).toBeGreaterThanOrEqual(startDay);
    expect(generated.day[generated.purchases - 1]).toBeLessThanOrEqual(endDay);
    // Join days are uniform over the window: mean at its middle.
    const joins = meanAndError([...firstDay.values()].map((d) => d - startDay));
    expect(Math.abs(joins.mean - (endDay - startDay) / 2)).toBeLessThan(4 * joins.error);
  });

  it('makes as many repeat purchases in a customer’s first year as the BG/NBD expects (E[X(52 weeks)])', () => {
    // Customers who joined at least 52 weeks before the end: count purchases within 364 days.
    const counts: number[] = [];
    for (const [c, first] of firstDay) {
      if (first + 364 > endDay) continue;
      counts.push(days.get(c)!.filter((d) => d < first + 364).length - 1);
    }
    const { mean, error } = meanAndError(counts);
    expect(counts.length).toBeGreaterThan(10_000);
    expect(Math.abs(mean - expectedPurchases(defaultBgNbdParameters('week'), 52))).toBeLessThan(4 * error);
  });

  it('spends p v / (q - 1) per purchase on average (Gamma-Gamma)', () => {
    const { mean, error } = meanAndError([...firstAmount.values()]);
    const { p, q, v } = DEFAULT_GAMMA_GAMMA;
    expect(Math.abs(mean - (p * v) / (q - 1))).toBeLessThan(4 * error);
  });

  it('puts purchases in categories by their shares', () => {
    let fuel = 0;
    for (let i = 0; i < generated.purchases; i++) if (generated.category[i] === 0) fuel++;
    const share = fuel / generated.purchases;
    const error = Math.sqrt((0.6 * 0.4) / generated.purchases);
    expect(Math.abs(share - 0.6)).toBeLessThan(4 * error);
  });

  it('writes CSV with the category margin in currency', () => {
    const text = [...transactionCsvChunks(generated, 1000)].join('');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('customer_id,date,amount,category,margin');
    expect(lines.length).toBe(generated.purchases + 1);
    for (const line of lines.slice(1, 500)) {
      const [id, date, amount, category, margin] = line.split(',');
      expect(id).toMatch(/^C\d{5}$/);
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const rate = category === 'fuel' ? 0.08 : 0.35;
      expect(Number(margin)).toBeCloseTo(Math.round(Math.round(Number(amount) * 100) * rate) / 100, 10);
      expect(Number(amount)).toBeGreaterThanOrEqual(0.01);
    }
  });
});

describe('generateTransactions options', () => {
  it('is deterministic for a seed, and the seed matters', () => {
    const options = { customers: 200, start: '2024-01-01', end: '2024-12-31', seed: 5 };
    const first = [...transactionCsvChunks(generateTransactions(options))].join('');
    const again = [...transactionCsvChunks(generateTransactions(options))].join('');
    const other = [...transactionCsvChunks(generateTransactions({ ...options, seed: 6 }))].join('');
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('converts the default weekly rates to other periods', () => {
    const weekly = defaultBgNbdParameters('week');
    const daily = defaultBgNbdParameters('day');
    // Mean rate r / alpha per day is the weekly one over 7.
    expect(daily.r / daily.alpha).toBeCloseTo(weekly.r / weekly.alpha / 7, 12);
    expect(daily.a).toBe(weekly.a);
  });

  it('formats cents exactly', () => {
    expect(formatCents(1234)).toBe('12.34');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(-5)).toBe('-0.05');
    expect(formatCents(100)).toBe('1.00');
  });

  it('rejects impossible options with the field named', () => {
    const base = { customers: 10, start: '2024-01-01', end: '2024-12-31' };
    const fieldOf = (options: Parameters<typeof generateTransactions>[0]) => {
      try {
        generateTransactions(options);
      } catch (err) {
        expect(err).toBeInstanceOf(UserInputError);
        return (err as UserInputError).location.field;
      }
      return 'no error';
    };
    expect(fieldOf({ ...base, customers: 0 })).toBe('customers');
    expect(fieldOf({ ...base, start: '2024-02-30' })).toBe('start');
    expect(fieldOf({ ...base, end: '2023-12-31' })).toBe('end');
    expect(fieldOf({ ...base, bgnbd: { r: -1, alpha: 1, a: 1, b: 1 } })).toBe('bgnbd.r');
    expect(fieldOf({ ...base, categories: [{ name: 'a', share: 1, margin: 35 }] })).toBe('categories[0]');
    expect(fieldOf({ ...base, categories: [{ name: 'a', share: 0, margin: 0.3 }] })).toBe('categories[0]');
    expect(fieldOf({ ...base, categories: [{ name: 'a,b', share: 1, margin: 0.3 }] })).toBe('categories[0]');
  });
});
