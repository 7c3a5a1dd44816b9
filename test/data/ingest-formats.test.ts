/** Delimiters, quoting, BOM, CRLF, decimal commas and date forms, end to end through the ingest. */
import { describe, expect, it } from 'vitest';
import { ingestText } from './write-csv.js';
import type { IngestResult } from '../../src/data/ingest.js';

function spendById(result: IngestResult): Record<string, number> {
  return Object.fromEntries(result.summaries.ids.map((id, k) => [id, result.summaries.totalSpend[k]]));
}

describe('CSV dialects', () => {
  it('detects semicolons, reads decimal commas, skips a BOM and handles CRLF', async () => {
    const text = '\uFEFFcustomer_id;date;amount\r\n"k;1";2024-01-01;"12,50"\r\nk2;2024-01-02;3,25\r\n';
    const result = await ingestText(text, { decimal: ',' });
    expect(result.quality.delimiter).toBe(';');
    expect(result.quality.columns.customer).toBe('customer_id');
    expect(spendById(result)).toEqual({ 'k;1': 12.5, k2: 3.25 });
  });

  it('detects tabs', async () => {
    const result = await ingestText('customer_id\tdate\tamount\nt1\t2024-01-01\t7.5\n');
    expect(result.quality.delimiter).toBe('\t');
    expect(spendById(result)).toEqual({ t1: 7.5 });
  });

  it('uses a given delimiter over detection', async () => {
    // The header has more commas than semicolons, but the file is ;-separated as told.
    const result = await ingestText('customer_id;date;amount;note\nn1;2024-01-01;5;"a, b, c"\n', { delimiter: ';' });
    expect(spendById(result)).toEqual({ n1: 5 });
  });

  it('reads quoted ids and categories with delimiters, doubled quotes and line breaks inside', async () => {
    const result = await ingestText('customer_id,date,amount,category\n"Smith, J.",2024-01-01,10,"Books\nand ""Maps"""\n"Smith, J.",2024-01-05,4,"Books\nand ""Maps"""\n');
    expect(result.summaries.ids).toEqual(['Smith, J.']);
    expect(result.summaries.x[0]).toBe(1);
    expect(result.categories.map((c) => [c.name, c.revenue])).toEqual([['Books\nand "Maps"', 14]]);
  });

  it('reads an id with doubled quotes inside quotes as the same id written plainly', async () => {
    const result = await ingestText('customer_id,date,amount\n"a""b",2024-01-01,1\na"b,2024-01-02,2\n"a""b",2024-01-03,3\n');
    expect(result.summaries.ids).toEqual(['a"b']);
    expect(result.summaries.x[0]).toBe(2);
  });

  it('trims spaces around ids', async () => {
    const result = await ingestText('customer_id,date,amount\n  a1 ,2024-01-01,1\na1,2024-01-02,2\n');
    expect(result.summaries.ids).toEqual(['a1']);
    expect(result.summaries.x[0]).toBe(1);
  });

  it('refuses a decimal comma with comma-separated fields', async () => {
    await expect(ingestText('customer_id,date,amount\na,2024-01-01,1\n', { decimal: ',' })).rejects.toThrow(/decimal comma cannot be used with comma-separated fields/);
  });
});

describe('date forms', () => {
  it('reads every ISO form and YYYYMMDD as the calendar date written', async () => {
    // Five forms of 2024-03-05 make one purchase day worth 5; 2024-03-06 is a repeat purchase.
    const result = await ingestText(`customer_id,date,amount
d,2024-03-05,1
d,2024-03-05T10:00,1
d,2024-03-05 10:00:30,1
d,2024-03-05T23:30:00+02:00,1
d,20240305,1
d,2024-03-06T00:00:00Z,1
`, { period: 'day' });
    expect([result.summaries.x[0], result.summaries.tx[0], result.summaries.T[0], result.summaries.monetaryValue[0]]).toEqual([1, 1, 1, 1]);
    expect(result.quality.firstDate).toBe('2024-03-05');
    expect(result.quality.lastDate).toBe('2024-03-06');
  });

  it('reads day-first dates with --date-format DD.MM.YYYY', async () => {
    const result = await ingestText('customer_id;date;amount\nx;05.03.2024;1\nx;12.03.2024;2\n', { dateFormat: 'DD.MM.YYYY', period: 'week' });
    expect([result.summaries.x[0], result.summaries.tx[0], result.summaries.T[0]]).toEqual([1, 1, 1]);
    expect(result.summaries.calibrationStart).toBe('2024-03-05');
  });

  it('measures months as 365.2425 / 12 days', async () => {
    const result = await ingestText('customer_id,date,amount\nm,2024-01-01,1\nm,2024-12-31,1\n', { period: 'month' });
    // 365 days between the two purchases.
    expect(result.summaries.T[0]).toBeCloseTo(365 / (365.2425 / 12), 12);
  });
});
