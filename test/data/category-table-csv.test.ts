import { describe, expect, it } from 'vitest';
import { readCategoryTableCsv } from '../../src/data/category-table-csv.js';
import { ingestPurchaseHistory } from '../../src/data/ingest.js';
import { categoryTableCsvReporter } from '../../src/report/category-table-csv.js';
import { profileCustomerBase } from '../../src/data/customer-base-profile.js';
import { failure, writeCsv } from './write-csv.js';

const HEADER = 'category,revenue,gross_margin,purchase_lines,return_lines,calibration_purchased_value,calibration_returned_value';

async function readError(content: string): Promise<{ text: string; file: string }> {
  const file = writeCsv(content);
  const err = await failure(readCategoryTableCsv(file));
  return { text: err.format().split('\n')[0], file };
}

/** The categories table summarize --categories-out writes for `history` (a CSV text). */
async function writtenTable(history: string, calibrationEnd?: string) {
  const ingest = await ingestPurchaseHistory(writeCsv(history), calibrationEnd ? { calibrationEnd } : {});
  const text = [...(await categoryTableCsvReporter.render({ ingest, profile: profileCustomerBase(ingest.summaries) }))].join('');
  return { ingest, text };
}

describe('category totals of the ingest: the calibration values by the ledger\'s own dating', () => {
  // Order O1 of customer a has lines on 03-30 and 04-02: both count on the order's day, 03-30, so
  // both are in a calibration ending 03-31 though the second line is dated after it. The return
  // of 5 (04-01, in the holdout by its date) and b's return (03-15) are rows of other categories.
  const history =
    'customer_id,date,amount,category,order_id,margin\n' +
    'a,2024-03-01,10.10,food,,3\n' +
    'a,2024-03-30,20.20,food,O1,6\n' +
    'a,2024-04-02,7.05,toys,O1,2\n' +
    'a,2024-04-01,-5,toys,,-1.5\n' +
    'b,2024-03-10,40,toys,,12\n' +
    'b,2024-03-15,-4.4,food,,-1\n' +
    'c,2024-04-20,2.5, food ,,1\n';

  it('sum over the categories to the return rate the ingest measures, and count order lines on the order\'s day', async () => {
    const { ingest, text } = await writtenTable(history, '2024-03-31');
    const food = ingest.categories.find((c) => c.name === 'food')!;
    const toys = ingest.categories.find((c) => c.name === 'toys')!;
    // food: purchases 10.10 + 20.20 in calibration (2.50 of c is in the holdout), b's return 4.40.
    expect(food.calibration).toEqual({ purchasedValue: 30.3, returnedValue: 4.4 });
    // toys: 7.05 (order O1, counted on 03-30) + 40; a's return on 04-01 is after the calibration end.
    expect(toys.calibration).toEqual({ purchasedValue: 47.05, returnedValue: 0 });
    expect(ingest.quality.returnRate).toEqual({ rate: 4.4 / 77.35, purchasedValue: 77.35, returnedValue: 4.4 });
    // Totals over every row: revenue net of returns, lines counted.
    expect(food).toMatchObject({ revenue: 28.4, grossMargin: 9, purchases: 3, returns: 1 });
    expect(toys).toMatchObject({ revenue: 42.05, grossMargin: 12.5, purchases: 2, returns: 1 });
    expect(text).toBe(`${HEADER}\ntoys,42.05,12.5,2,1,47.05,0\nfood,28.4,9,3,1,30.3,4.4\n`);

    const table = await readCategoryTableCsv(writeCsv(text));
    expect(table.categories).toEqual(ingest.categories);
    expect(table.returnRate).toEqual(ingest.quality.returnRate);
  });

  it('reads back sums the floating-point sum would miss, and the order of the ingest, whatever the rows\' order', async () => {
    // 0.1 + 0.2 summed as doubles is 0.30000000000000004; the ingest rounds to the data's decimals.
    const { ingest, text } = await writtenTable('customer_id,date,amount,category\nb,2024-01-02,0.2,y\na,2024-01-01,0.1,x\na,2024-01-05,0.2,x\nb,2024-01-09,0.1,y\nc,2024-01-09,-0.1,x\n');
    expect(ingest.categories.map((c) => [c.name, c.revenue])).toEqual([['y', 0.3], ['x', 0.2]]);
    const shuffled = text.split('\n');
    const reordered = [shuffled[0], shuffled[2], shuffled[1], ''].join('\n');
    const table = await readCategoryTableCsv(writeCsv(reordered));
    expect(table.categories).toEqual(ingest.categories);
    expect(table.returnRate).toEqual(ingest.quality.returnRate);
    expect(table.returnRate.purchasedValue).toBe(0.6);
    // No margin column: gross_margin blank, read as unknown.
    expect(text.split('\n')[1]).toBe('y,0.3,,2,0,0.3,0');
    expect(table.categories[0].grossMargin).toBeNaN();
  });
});

describe('readCategoryTableCsv: bad rows are named by file, line and column', () => {
  const cases: [string, string, string][] = [
    ['a blank category', `${HEADER}\n,10,3,1,0,10,0\n`, ":2:1: column 'category': the category is blank"],
    ['a category twice', `${HEADER}\nfood,10,3,1,0,10,0\ntoys,5,1,1,0,5,0\nfood,1,1,1,0,1,0\n`, ":4:1: column 'category': category 'food' is listed twice (first on line 2)"],
    ['not a number', `${HEADER}\nfood,ten,3,1,0,10,0\n`, ":2:2: column 'revenue': 'ten' is not a number"],
    ['a fractional line count', `${HEADER}\nfood,10,3,1.5,0,10,0\n`, ":2:4: column 'purchase_lines': 1.5 is not a number of lines"],
    ['a negative returned value', `${HEADER}\nfood,10,3,1,1,10,-2\n`, ":2:7: column 'calibration_returned_value': -2 is negative"],
    ['a blank required value', `${HEADER}\nfood,10,3,1,0,,0\n`, ":2:6: column 'calibration_purchased_value': the value is blank"],
    ['a margin for some categories only', `${HEADER}\nfood,10,3,1,0,10,0\ntoys,5,,1,0,5,0\n`, ":3:3: column 'gross_margin': category 'toys' has no gross_margin but others have one"],
    ['wrong field count', `${HEADER}\nfood,10\n`, ':2: expected 7 fields as in the header, found 2'],
  ];
  for (const [name, content, expected] of cases) {
    it(name, async () => {
      const { text, file } = await readError(content);
      expect(text.startsWith(`${file}${expected}`), text).toBe(true);
    });
  }

  it('the header: a missing column, an unknown one; an empty file and one without rows', async () => {
    const missing = await readError('category,revenue,gross_margin,purchase_lines,return_lines,calibration_purchased_value\nfood,1,1,1,0,1\n');
    expect(missing.text).toBe(`${missing.file}:1: missing column 'calibration_returned_value'`);
    const unknown = await readError(`${HEADER},share\nfood,1,1,1,0,1,0,1\n`);
    expect(unknown.text).toBe(`${unknown.file}:1:8: column 'share': unknown column 'share'`);
    const empty = await readError('');
    expect(empty.text).toBe(`${empty.file}: the file is empty`);
    const headerOnly = await readError(`${HEADER}\n`);
    expect(headerOnly.text).toBe(`${headerOnly.file}: no categories after the header`);
  });
});
