/** Bad rows: stop with a message naming file, line and column, or skip and count them. */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ingestText, writeCsv, failure } from './write-csv.js';
import { ingestPurchaseHistory } from '../../src/data/ingest.js';
import { MAX_CUSTOMER_ID_BYTES } from '../../src/data/transaction-line.js';


const MIXED = `customer_id,date,amount
a,2024-01-01,10
,2024-01-01,5
b,2024-13-01,5
c,2024-01-02,abc
d,2024-01-02
"e"x,2024-01-03,4
f,2024-01-04,
g,2024-01-05,2
`;

describe('bad rows', () => {
  it('skips rows without a customer id even when failing on bad rows', async () => {
    const result = await ingestText('customer_id,date,amount\na,2024-01-01,10\n  ,2024-01-02,5\n,,\n');
    expect(result.quality.rowsSkipped.missingCustomerId).toBe(2);
    expect(result.quality.rowsUsed).toBe(1);
  });

  it('stops at the first other bad row, naming file, line and column', async () => {
    const file = writeCsv(MIXED, 'orders.csv');
    const error = await failure(ingestPurchaseHistory(file));
    expect(error.location).toMatchObject({ file, line: 4, field: "column 'date'" });
    expect(error.format()).toContain(`${file}:4: column 'date': '2024-13-01' is not a date: there is no month 13`);
    expect(error.hint).toContain('--date-format');
  });

  it.each([
    ['customer_id,date,amount\na,2024-01-01,abc\n', 2, "column 'amount': 'abc' is not a number"],
    ['customer_id,date,amount\na,2024-01-01,"12,5"\n', 2, "column 'amount': '12,5' is not a number"],
    ['customer_id,date,amount\na,2024-01-01,\n', 2, "column 'amount': the value is blank"],
    ['customer_id,date,amount\na,,1\n', 2, "column 'date': the date is blank"],
    ['customer_id,date,amount\na,2024-01-01\n', 2, 'expected 3 fields as in the header, found 2'],
    ['customer_id,date,amount\nx,2024-01-01,1\na,2024-01-01,1,9\n', 3, 'expected 3 fields as in the header, found 4'],
    ['customer_id,date,amount\n"a"b,2024-01-01,1\n', 2, 'text follows the closing quote of a field'],
    ['customer_id,date,amount\nx,2024-01-01,1\n"a,2024-01-01,1\n', 3, 'a quoted field is never closed'],
    ['customer_id,date,quantity,unit_price\na,2024-01-01,2,x\n', 2, "column 'unit_price': 'x' is not a number"],
  ])('%j fails on line %i with %j', async (text, line, message) => {
    const error = await failure(ingestText(text));
    expect(error.location.line).toBe(line);
    expect(error.format()).toContain(`:${line}: ${message}`);
  });

  it('suggests --decimal , for a decimal comma', async () => {
    const error = await failure(ingestText('customer_id;date;amount\na;2024-01-01;12,5\n'));
    expect(error.hint).toContain('--decimal ,');
  });

  it('with onBadRow skip, skips and counts by reason, listing the first few with line numbers', async () => {
    const { quality, summaries } = await ingestText(MIXED, { onBadRow: 'skip' });
    expect(quality.rowsRead).toBe(8);
    expect(quality.rowsUsed).toBe(2);
    expect(quality.rowsSkipped).toEqual({ missingCustomerId: 1, longCustomerId: 0, wrongFieldCount: 1, malformedQuotes: 1, badDate: 1, badNumber: 2 });
    expect(quality.rowsSkippedTotal).toBe(6);
    expect(quality.skippedExamples.map((row) => [row.line, row.reason])).toEqual([
      [3, 'missingCustomerId'],
      [4, 'badDate'],
      [5, 'badNumber'],
      [6, 'wrongFieldCount'],
      [7, 'malformedQuotes'],
      [8, 'badNumber'],
    ]);
    expect(quality.skippedExamples[2].message).toBe("column 'amount': 'abc' is not a number");
    expect(summaries.ids).toEqual(['a', 'g']);
  });

  it('keeps only the first ten examples', async () => {
    const rows = Array.from({ length: 25 }, (_, k) => `c${k},2024-01-01,bad`).join('\n');
    const { quality } = await ingestText(`customer_id,date,amount\nok,2024-01-01,1\n${rows}\n`, { onBadRow: 'skip' });
    expect(quality.rowsSkipped.badNumber).toBe(25);
    expect(quality.skippedExamples.map((row) => row.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('fails when every row is skipped, with the counts', async () => {
    const error = await failure(ingestText('customer_id,date,amount\na,x,1\nb,y,2\n', { onBadRow: 'skip' }));
    expect(error.message).toBe('no usable rows: 2 read, all skipped (unreadable date: 2)');
  });
});

describe('unusable files', () => {
  it.each([
    ['', 'the file is empty'],
    ['\uFEFF', 'the file is empty'],
    ['\n\n', 'the file is empty'],
    ['customer_id,date,amount\n', 'no data rows after the header'],
    ['customer_id,date,amount\r\n\r\n', 'no data rows after the header'],
    ['client,date,amount\na,2024-01-01,1\n', "missing required column 'customer_id'"],
    ['customer_id,day,amount\na,2024-01-01,1\n', "missing required column 'date'"],
    ['customer_id,date,quantity\na,2024-01-01,1\n', "missing required column 'amount'"],
    ['customer_id,date,amount\na,2024-01-01,-5\n', 'no purchases: all 1 used rows are returns'],
  ])('%j: %s', async (text, message) => {
    const error = await failure(ingestText(text));
    expect(error.message).toContain(message);
  });

  it('names the header when a required column is missing', async () => {
    const error = await failure(ingestText('client,date,amount\na,2024-01-01,1\n'));
    expect(error.location.line).toBe(1);
    expect(error.hint).toContain("The header has: 'client', 'date', 'amount'");
    expect(error.hint).toContain('--columns customer=YourColumn');
  });

  it('names a --columns mapping that is not in the header', async () => {
    const error = await failure(ingestText('customer_id,date,amount\na,2024-01-01,1\n', { columns: { customer: 'CustomerID' } }));
    expect(error.message).toBe("column 'CustomerID' (mapped to customer by --columns) is not in the header");
  });

  it('refuses binary data and UTF-16', async () => {
    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0xff, 0x10]);
    expect((await failure(ingestText(binary))).message).toBe('this is not a CSV text file (binary data at byte 6)');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('customer_id,date,amount\n', 'utf16le')]);
    expect((await failure(ingestText(utf16))).message).toBe('the file is UTF-16 text, not UTF-8');
  });

  it('refuses text in an old code page, but not a UTF-8 character cut by the first chunk', async () => {
    const latin1 = Buffer.from('customer_id,date,amount\nM\xfcller,2024-01-01,1\n', 'latin1');
    expect((await failure(ingestText(latin1))).message).toContain('the file is not UTF-8 text');
    // The first 64 KiB are the head; put a two-byte 'ü' across that boundary.
    const header = 'customer_id,date,amount,note\n';
    const padding = 'x'.repeat(65536 - Buffer.byteLength(`${header}ü,2024-01-01,1,`) - 1);
    const text = `${header}ü,2024-01-01,1,${padding}ü\nMüller,2024-01-02,2,\n`;
    expect(Buffer.from(text, 'utf8')[65535]).toBe(0xc3);
    const { summaries } = await ingestText(text);
    expect(summaries.ids).toEqual(['ü', 'Müller']);
  });

  it('names a missing file', async () => {
    const missing = path.join(path.dirname(writeCsv('x')), 'no-such-file.csv');
    const error = await failure(ingestPurchaseHistory(missing));
    expect(error.format()).toBe(`${missing}: no such file\n  Check the path of the purchase-history CSV file.`);
  });

  it('names a calibration end before the first purchase', async () => {
    const error = await failure(ingestText('customer_id,date,amount\na,2024-01-05,1\n', { calibrationEnd: '2024-01-01' }));
    expect(error.format()).toContain('--calibration-end: the calibration end 2024-01-01 is before the first purchase (2024-01-05)');
  });

  it('warns about a calibration end after the last date', async () => {
    const { quality, summaries } = await ingestText('customer_id,date,amount\na,2024-01-05,1\n', { calibrationEnd: '2024-01-12', period: 'day' });
    expect(summaries.T[0]).toBe(7);
    expect(quality.warnings[0]).toContain('the calibration end 2024-01-12 is after the last date in the file (2024-01-05)');
  });
});

describe('impossible dates, times and zones are located bad rows', () => {
  it.each([
    ['2024-02-30', "'2024-02-30' is not a date: February 2024 has 29 days"],
    ['2024-03-05 12:00:60', "'2024-03-05 12:00:60' is not a date: 12:00:60 is not a time of day (00:00:00 to 23:59:59)"],
    ['2024-03-05T14:30+23:59', "'2024-03-05T14:30+23:59' is not a date: the zone +23:59 is not a UTC offset (they run from -12:00 to +14:00)"],
  ])('%s', async (date, message) => {
    const error = await failure(ingestText(`customer_id,date,amount\na,2024-01-01,1\nb,${date},2\n`));
    expect(error.format()).toContain(`:3: column 'date': ${message}`);
  });
});

describe('customer ids longer than MAX_CUSTOMER_ID_BYTES', () => {
  const long = 'k'.repeat(MAX_CUSTOMER_ID_BYTES + 1);

  it('are bad rows, located, naming the limit', async () => {
    expect(MAX_CUSTOMER_ID_BYTES).toBe(256);
    const error = await failure(ingestText(`customer_id,date,amount\n${'i'.repeat(256)},2024-01-01,1\n${long},2024-01-02,1\n`));
    expect(error.location.line).toBe(3);
    expect(error.location.field).toBe("column 'customer_id'");
    expect(error.message).toBe('the customer id is 257 bytes long; ids of more than 256 bytes are not read');
    expect(error.hint).toContain('--columns customer=');
  });

  it('are counted in bytes: 129 two-byte characters are too long', async () => {
    const error = await failure(ingestText(`customer_id,date,amount\n${'é'.repeat(129)},2024-01-02,1\n`));
    expect(error.message).toBe('the customer id is 258 bytes long; ids of more than 256 bytes are not read');
  });

  it('are skipped and counted with onBadRow skip', async () => {
    const { quality, summaries } = await ingestText(`customer_id,date,amount\na,2024-01-01,1\n${long},2024-01-02,1\n`, { onBadRow: 'skip' });
    expect(quality.rowsSkipped.longCustomerId).toBe(1);
    expect(quality.skippedExamples).toEqual([{ line: 3, reason: 'longCustomerId', message: "column 'customer_id': the customer id is 257 bytes long; ids of more than 256 bytes are not read" }]);
    expect(summaries.ids).toEqual(['a']);
  });
});
