/**
 * Numbers that cannot be money (NaN, infinities, values above MAX_ROW_AMOUNT, a product that
 * overflows) are located bad rows; sums of money come out as the exact decimal sums.
 */
import { describe, expect, it } from 'vitest';
import { lastParsed, parseDecimalNumber } from '../../src/data/decimal-number.js';
import { MAX_ROW_AMOUNT, MoneySum, roundToDecimals } from '../../src/data/money.js';
import { ingestText, failure } from './write-csv.js';


describe('numbers that are not amounts', () => {
  it.each([
    ['NaN', "'NaN' is not a number"],
    ['Infinity', "'Infinity' is not a number"],
    ['-Infinity', "'-Infinity' is not a number"],
    ['1e309', "'1e309' is too large: values above 1,000,000,000,000,000 (1e15) per row are not read"],
    ['1e308', "'1e308' is too large: values above 1,000,000,000,000,000 (1e15) per row are not read"],
    ['-2000000000000000', "'-2000000000000000' is too large: values above 1,000,000,000,000,000 (1e15) per row are not read"],
  ])('%s is a bad number on its line', async (amount, message) => {
    const error = await failure(ingestText(`customer_id,date,amount\na,2024-01-01,5\nb,2024-01-02,${amount}\n`));
    expect(error.location).toEqual({ file: expect.any(String), line: 3, field: "column 'amount'" });
    expect(error.message).toBe(message);
    expect(error.hint).toContain('--on-bad-row skip');
  });

  it('reads the limit itself', async () => {
    expect(MAX_ROW_AMOUNT).toBe(1e15);
    const { quality } = await ingestText(`customer_id,date,amount\na,2024-01-01,1000000000000000\n`);
    expect(quality.revenue).toBe(1e15);
  });

  it('refuses a quantity x unit price above the limit, naming both columns', async () => {
    const error = await failure(ingestText(`customer_id,date,quantity,unit_price\na,2024-01-01,2,5\nb,2024-01-02,1e10,1e10\n`));
    expect(error.location.line).toBe(3);
    expect(error.location.field).toBe("column 'quantity' x column 'unit_price'");
    expect(error.message).toBe('10000000000 x 10000000000 = 100000000000000000000 is too large: values above 1,000,000,000,000,000 (1e15) per row are not read');
  });

  it('skips and counts them with onBadRow skip, and every total stays finite', async () => {
    const { quality, summaries } = await ingestText(
      `customer_id,date,amount\na,2024-01-01,NaN\nb,2024-01-02,1e308\nb,2024-01-03,1e308\nc,2024-01-04,Infinity\nd,2024-01-05,20.7\n`,
      { onBadRow: 'skip' },
    );
    expect(quality.rowsSkipped.badNumber).toBe(4);
    expect(quality.skippedExamples.map((row) => row.line)).toEqual([2, 3, 4, 5]);
    expect(quality.revenue).toBe(20.7);
    expect(summaries.ids).toEqual(['d']);
  });
});

describe('sums of money', () => {
  it('quantity x unit price is the decimal product: 3 x 6.90 is 20.7', async () => {
    const { summaries, quality } = await ingestText(`customer_id,date,quantity,unit_price\nb,2024-01-02,3,6.9\nb,2024-01-03,1,0.1\nb,2024-01-03,1,0.2\n`);
    expect(3 * 6.9).toBe(20.700000000000003);
    // 20.7 on 01-02; 0.1 + 0.2 = 0.3 on 01-03 (a repeat day worth 0.3).
    expect(summaries.totalSpend[0]).toBe(21);
    expect(summaries.monetaryValue[0]).toBe(0.3);
    expect(quality.revenue).toBe(21);
    expect(quality.returnRate.purchasedValue).toBe(21);
  });

  it('a customer spending 0.10 and 0.20 spent 0.30', async () => {
    const { summaries, quality, categories } = await ingestText(`customer_id,date,amount,cost,category\na,2024-01-01,0.1,0.05,x\na,2024-01-02,0.2,0.15,x\na,2024-01-03,10.1,3.3,x\n`);
    expect(0.1 + 0.2).toBe(0.30000000000000004);
    expect(summaries.totalSpend[0]).toBe(10.4);
    // Margins 0.05 + 0.05 + 6.8 (10.1 - 3.3 = 6.799999999999999 in binary).
    expect(summaries.grossMargin[0]).toBe(6.9);
    expect(quality.grossMargin).toBe(6.9);
    expect(categories[0]).toMatchObject({ revenue: 10.4, grossMargin: 6.9 });
    // Repeat days 0.2 and 10.1: mean 5.15.
    expect(summaries.monetaryValue[0]).toBe(5.15);
  });

  it('100,000 rows of 0.10 make 10,000 exactly, in every total', async () => {
    const rows = Array.from({ length: 100_000 }, (_, k) => `c${k % 1000},2024-01-${String(1 + (k % 28)).padStart(2, '0')},0.10\n`).join('');
    let plain = 0;
    for (let k = 0; k < 100_000; k++) plain += 0.1;
    expect(plain).not.toBe(10_000);
    const { quality, summaries } = await ingestText(`customer_id,date,amount\n${rows}`);
    expect(quality.revenue).toBe(10_000);
    expect(quality.returnRate.purchasedValue).toBe(10_000);
    expect(summaries.totalSpend.every((spend) => spend === 10)).toBe(true);
  });

  it('leaves sums of values written with exponents as summed', async () => {
    const { quality } = await ingestText(`customer_id,date,amount\na,2024-01-01,1.5e-2\na,2024-01-02,1e-12\n`);
    expect(quality.revenue).toBe(1.5e-2 + 1e-12);
  });
});

describe('the pieces', () => {
  const parse = (text: string) => parseDecimalNumber(Buffer.from(text), 0, text.length, 46);
  it.each([
    ['12', 0],
    ['12.50', 2],
    ['-0.007', 3],
    ['1.5e3', 0],
    ['2.5e-2', 3],
    ['12345678901234567.25', 2],
  ])('%s has %d decimal places', (text, decimals) => {
    parse(text);
    expect(lastParsed.decimals).toBe(decimals);
  });

  it('rounds to decimal places only where that is exact', () => {
    expect(roundToDecimals(20.700000000000003, 1)).toBe(20.7);
    expect(roundToDecimals(0.30000000000000004, 2)).toBe(0.3);
    expect(roundToDecimals(1 / 3, NaN)).toBe(1 / 3);
    expect(roundToDecimals(1 / 3, 12)).toBe(1 / 3);
    expect(roundToDecimals(1e300, 2)).toBe(1e300);
  });

  it('Neumaier summation keeps what plain summation loses', () => {
    const sum = new MoneySum();
    for (const value of [1e15, 0.1, -1e15, 0.2]) sum.add(value);
    expect(1e15 + 0.1 - 1e15 + 0.2).not.toBeCloseTo(0.3, 3);
    expect(sum.total).toBeCloseTo(0.3, 12);
  });
});
