import { describe, expect, it } from 'vitest';
import { readSummaryTableCsv, type SummaryTableOptions } from '../../src/data/summary-table-csv.js';
import { ingestPurchaseHistory } from '../../src/data/ingest.js';
import { customerSummariesCsvReporter } from '../../src/report/customer-summaries-csv.js';
import { profileCustomerBase } from '../../src/data/customer-base-profile.js';
import { failure, writeCsv } from './write-csv.js';

const WEEKS: SummaryTableOptions = { period: 'week', calibrationEnd: '2024-03-31' };
const HEADER = 'customer_id,x,t_x,T,monetary_value,holdout_purchases,holdout_value,total_spend,gross_margin,repeat_value,valued_repeats';

/** The first line of the formatted error a read of `content` throws, and the file it was written to. */
async function readError(content: string, options: SummaryTableOptions = WEEKS): Promise<{ text: string; file: string }> {
  const file = writeCsv(content);
  const err = await failure(readSummaryTableCsv(file, options));
  return { text: err.format().split('\n')[0], file };
}

describe('readSummaryTableCsv: worked rows', () => {
  it('reads the columns by name in any order; times to the day; the mean as repeat_value / valued_repeats', async () => {
    // alice: 3 repeat days, 28 days (4 weeks) to the last purchase, 30 days (30/7 weeks, written
    // 4.285714) to the calibration end; her repeat days are worth 20, 20 and 30: a mean written
    // 23.333333, exactly 70 / 3.
    const file = writeCsv(
      'X,customer_id, t_x ,T,monetary_value,repeat_value,valued_repeats,total_spend,gross_margin\n' +
        '3,alice,4,4.285714,23.333333,70,3,95,28.5\n' +
        '0,bob,0,1,0,0,0,12,\n',
    );
    const { summaries, columns, exactMonetaryValues } = await readSummaryTableCsv(file, WEEKS);
    expect(summaries.ids).toEqual(['alice', 'bob']);
    expect([...summaries.x]).toEqual([3, 0]);
    expect([...summaries.tx]).toEqual([28 / 7, 0]);
    expect([...summaries.T]).toEqual([30 / 7, 7 / 7]);
    expect([...summaries.monetaryValue]).toEqual([70 / 3, 0]);
    expect([...summaries.totalSpend]).toEqual([95, 12]);
    expect(summaries.grossMargin[0]).toBe(28.5);
    expect(summaries.grossMargin[1]).toBeNaN();
    // No holdout columns: no holdout purchases.
    expect([...summaries.holdoutPurchases]).toEqual([0, 0]);
    // The first purchase of the customer with the longest T: 30 days before 2024-03-31.
    expect(summaries.calibrationStart).toBe('2024-03-01');
    expect(summaries.calibrationEnd).toBe('2024-03-31');
    expect(summaries.holdoutEnd).toBeUndefined();
    expect(exactMonetaryValues).toBe(true);
    expect(columns).toEqual(['customer_id', 'x', 't_x', 'T', 'monetary_value', 'total_spend', 'gross_margin', 'repeat_value', 'valued_repeats']);
  });

  it('without repeat_value and valued_repeats the mean is read as written; months to the day; a holdout end given is kept', async () => {
    // 61 days in months of 30.436875 days: 2.004148 written.
    const file = writeCsv('customer_id,x,t_x,T,monetary_value,holdout_purchases\nC1,1,2.004148,2.004148,23.333333,2\n');
    const { summaries, exactMonetaryValues } = await readSummaryTableCsv(file, { period: 'month', calibrationEnd: '2024-03-31', holdoutEnd: '2024-06-30' });
    expect(summaries.tx[0]).toBe(61 / 30.436875);
    expect(summaries.monetaryValue[0]).toBe(23.333333);
    expect(summaries.holdoutPurchases[0]).toBe(2);
    expect(summaries.holdoutEnd).toBe('2024-06-30');
    expect(exactMonetaryValues).toBe(false);
  });

  it('reads back what summarize --customers-out writes: the same numbers, bit for bit', async () => {
    // Zero-value and valued repeat days, a return, a holdout, margins; times in months.
    const history = writeCsv(
      'customer_id,date,amount,margin\n' +
        'a,2024-01-03,10.10,3\n' +
        'a,2024-01-20,0,0\n' +
        'a,2024-02-07,20.20,6\n' +
        'a,2024-02-07,-5,-1.5\n' +
        'a,2024-03-11,13.33,4\n' +
        'b,2024-02-29,7,2\n' +
        'b,2024-04-02,9.99,3\n' +
        'c,2024-03-31,1,0.3\n' +
        'a,2024-05-05,4,1\n',
    );
    const ingest = await ingestPurchaseHistory(history, { calibrationEnd: '2024-04-15', period: 'month' });
    const text = [...(await customerSummariesCsvReporter.render({ ingest, profile: profileCustomerBase(ingest.summaries) }))].join('');
    const { summaries } = await readSummaryTableCsv(writeCsv(text), { period: 'month', calibrationEnd: '2024-04-15', holdoutEnd: '2024-05-05' });
    const expected = ingest.summaries;
    expect(summaries.ids).toEqual(expected.ids);
    for (const key of ['x', 'tx', 'T', 'monetaryValue', 'totalSpend', 'grossMargin', 'holdoutPurchases', 'holdoutValue', 'repeatValue', 'valuedRepeats'] as const) {
      expect({ key, values: [...summaries[key]!] }).toEqual({ key, values: [...expected[key]!] });
    }
    expect(summaries.calibrationStart).toBe(expected.calibrationStart);
    expect(summaries.holdoutEnd).toBe(expected.holdoutEnd);
    // a: repeat days 01-20 (value 0), 02-07 (20.20 before the return), 03-11 (13.33): 3 repeats, 2 valued.
    expect(expected.x[0]).toBe(3);
    expect(expected.valuedRepeats![0]).toBe(2);
    expect(expected.monetaryValue[0]).toBe(33.53 / 2);
  });
});

describe('readSummaryTableCsv: bad rows are named by file, line and column', () => {
  const cases: [string, string, string][] = [
    ['t_x after T', `${HEADER}\nC1,2,5,3,10,0,0,30,,20,2\n`, ":2:3: column 't_x': t_x (5) is after T (3): the last purchase cannot come after the calibration end"],
    ['negative x', `${HEADER}\nC1,-1,0,3,0,0,0,30,,0,0\n`, ":2:2: column 'x': -1 is not a number of repeat purchases: expected a whole number, 0 or more"],
    ['fractional x', `${HEADER}\nC1,1.5,1,3,10,0,0,30,,15,1\n`, ":2:2: column 'x': 1.5 is not a number of repeat purchases"],
    ['x = 0 with t_x > 0', `${HEADER}\nC1,0,1,3,0,0,0,30,,0,0\n`, ":2:3: column 't_x': t_x is 1 but x is 0: a customer without repeat purchases has t_x = 0"],
    ['x > 0 with t_x = 0', `${HEADER}\nC1,1,0,3,10,0,0,30,,10,1\n`, ":2:3: column 't_x': t_x is 0 but x is 1"],
    ['negative mean with x > 0', `${HEADER}\nC1,1,1,3,-10,0,0,30,,0,0\n`, ":2:5: column 'monetary_value': -10 is negative"],
    ['duplicate id', `${HEADER}\nC1,0,0,3,0,0,0,30,,0,0\nC2,0,0,3,0,0,0,30,,0,0\nC1,0,0,2,0,0,0,30,,0,0\n`, ":4:1: column 'customer_id': customer 'C1' is listed twice (first on line 2)"],
    ['blank id', `${HEADER}\n,0,0,3,0,0,0,30,,0,0\n`, ":2:1: column 'customer_id': the customer id is blank"],
    ['not a number', `${HEADER}\nC1,0,0,abc,0,0,0,30,,0,0\n`, ":2:4: column 'T': 'abc' is not a number"],
    ['blank required number', `${HEADER}\nC1,0,0,3,,0,0,30,,0,0\n`, ":2:5: column 'monetary_value': the value is blank"],
    ['time not whole days', `${HEADER}\nC1,1,1.1,3,10,0,0,30,,10,1\n`, ":2:3: column 't_x': 1.1 weeks is not a whole number of days"],
    ['negative time', `${HEADER}\nC1,0,0,-1,0,0,0,30,,0,0\n`, ":2:4: column 'T': -1 is negative"],
    ['mean not the sum over the count', `${HEADER}\nC1,2,1,3,10,0,0,30,,30,2\n`, ":2:5: column 'monetary_value': 10 is not repeat_value / valued_repeats (30 / 2 = 15)"],
    ['more valued repeats than repeats', `${HEADER}\nC1,1,1,3,10,0,0,30,,20,2\n`, ":2:11: column 'valued_repeats': 2 is more than the 1 repeat purchases (x)"],
    ['fractional holdout purchases', `${HEADER}\nC1,0,0,3,0,1.5,0,30,,0,0\n`, ":2:6: column 'holdout_purchases': 1.5 is not a number of purchases"],
    ['wrong field count', `${HEADER}\nC1,0,0,3\n`, ':2: expected 11 fields as in the header, found 4'],
    ['broken quotes', `${HEADER}\n"C1"x,0,0,3,0,0,0,30,,0,0\n`, ':2: a quote is never closed or is followed by text'],
  ];
  for (const [name, content, expected] of cases) {
    it(name, async () => {
      const { text, file } = await readError(content);
      expect(text.startsWith(`${file}${expected}`), text).toBe(true);
    });
  }

  it('the header: a missing required column, an unknown column, half of the exact-mean pair', async () => {
    const missing = await readError('customer_id,x,t_x,monetary_value\nC1,0,0,0\n');
    expect(missing.text).toBe(`${missing.file}:1: missing required column 'T'`);
    const unknown = await readError('customer_id,x,t_x,T,monetary_value,gross_margn\nC1,0,0,0,0,1\n');
    expect(unknown.text).toBe(`${unknown.file}:1:6: column 'gross_margn': unknown column 'gross_margn'`);
    const half = await readError('customer_id,x,t_x,T,monetary_value,repeat_value\nC1,0,0,0,0,0\n');
    expect(half.text).toBe(`${half.file}:1: missing column 'valued_repeats': repeat_value and valued_repeats go together`);
  });

  it('an empty file and a header without rows', async () => {
    const empty = await readError('');
    expect(empty.text).toBe(`${empty.file}: the file is empty`);
    const headerOnly = await readError(`${HEADER}\n`);
    expect(headerOnly.text).toBe(`${headerOnly.file}: no customers after the header`);
  });
});
