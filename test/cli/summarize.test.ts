/**
 * `loyalty-sim summarize` through the CLI's entry in this process, and a malformed file and --help
 * through the built CLI (`npm run build` first), run as a user would run it.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { BIN, runCli } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const fixtures = fileURLToPath(new URL('../data/fixtures/', import.meta.url));
/** The built CLI run in the fixtures folder, so that the file is named as typed: `small-shop.csv`. */
const summarize = (...args: string[]) => runCli(['summarize', ...args], { cwd: fixtures });
/** The fixtures folder relative to this process's folder, as the in-process runs name their files. */
const FIXTURES_AS_TYPED = path.relative(process.cwd(), fixtures);
/** The CLI's entry in this process on the fixture `file`. */
const summarizeInProcess = (file: string, ...args: string[]) => runCliInProcess(['summarize', path.join(FIXTURES_AS_TYPED, file), ...args]);

/** A stack trace line such as `at foo (file.js:12:3)`. */
const STACK_TRACE = /\bat .*\.js:\d+/;

describe('summarize: malformed files exit 2 with a message naming file, line and column', () => {
  it.each([
    ['bad-number.csv', "error: bad-number.csv:4: column 'amount': 'abc' is not a number"],
    ['bad-date.csv', "error: bad-date.csv:3: column 'date': '2024-02-30' is not a date: February 2024 has 29 days"],
    ['missing-column.csv', "error: missing-column.csv:1: missing required column 'amount' (value of the row in the data currency; negative for a return)"],
    ['wrong-field-count.csv', 'error: wrong-field-count.csv:3: expected 3 fields as in the header, found 4'],
    ['empty.csv', 'error: empty.csv: the file is empty'],
    ['header-only.csv', 'error: header-only.csv: no data rows after the header'],
    ['binary-garbage.csv', 'error: binary-garbage.csv:1: this is not a CSV text file (binary data at byte 6)'],
    ['no-such-file.csv', 'error: no-such-file.csv: no such file'],
  ])('%s', async (file, message) => {
    const result = await summarizeInProcess(file);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(message.replace('error: ', `error: ${FIXTURES_AS_TYPED}${path.sep}`));
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stdout).toBe('');
  });

  it('tells what to do next', async () => {
    expect((await summarizeInProcess('bad-number.csv')).stderr).toContain('--on-bad-row skip');
    expect((await summarizeInProcess('bad-date.csv')).stderr).toContain('--date-format');
    expect((await summarizeInProcess('missing-column.csv')).stderr).toContain("The header has: 'customer_id', 'date', 'total'. Map your own names with --columns");
  });

  it('names a bad option value', async () => {
    const cases: Array<[string[], string]> = [
      [['--period', 'year'], '--period'],
      [['--on-bad-row', 'ignore'], '--on-bad-row'],
      [['--delimiter', '|'], '--delimiter'],
      [['--calibration-end', '2024-13-01'], '--calibration-end'],
      [['--columns', 'buyer=id'], '--columns'],
      [['--date-format', 'DD/MM/YY'], '--date-format'],
      [['--zero-amount', 'skip'], '--zero-amount'],
    ];
    for (const [args, option] of cases) {
      const result = await summarizeInProcess('small-shop.csv', ...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^error: ${option}: `));
    }
  });
});

describe('summarize: a malformed file through the built CLI', () => {
  it('exits 2 with the message and no stack trace', () => {
    const result = summarize('bad-number.csv');
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe("error: bad-number.csv:4: column 'amount': 'abc' is not a number");
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stdout).toBe('');
  });
});

describe('summarize: --on-bad-row skip', () => {
  it.each([
    ['bad-number.csv', { badNumber: 1 }, 3],
    ['bad-date.csv', { badDate: 1 }, 2],
    ['wrong-field-count.csv', { wrongFieldCount: 1 }, 2],
  ])('%s: skips and counts', async (file, skipped, used) => {
    const result = await summarizeInProcess(file, '--on-bad-row', 'skip', '--json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.rowsSkipped).toEqual({ missingCustomerId: 0, longCustomerId: 0, wrongFieldCount: 0, malformedQuotes: 0, badDate: 0, badNumber: 0, ...skipped });
    expect(report.rowsUsed).toBe(used);
  });

  it('counts every reason and lists the skipped lines', async () => {
    const result = await summarizeInProcess('many-problems.csv', '--on-bad-row', 'skip', '--json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.rowsRead).toBe(7);
    expect(report.rowsSkipped).toEqual({ missingCustomerId: 1, longCustomerId: 0, wrongFieldCount: 1, malformedQuotes: 1, badDate: 1, badNumber: 1 });
    expect(report.skippedExamples.map((row: { line: number }) => row.line)).toEqual([3, 4, 5, 6, 7]);
    // c1 is the only customer left: purchases on 01-02 and 01-09.
    expect(report.customers).toBe(1);
    expect(report.purchases).toBe(2);
  });

  it('prints the counts and lines in the human report', async () => {
    const result = await summarizeInProcess('many-problems.csv', '--on-bad-row', 'skip');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/skipped: no customer id\s+│\s+1/);
    expect(result.stdout).toMatch(/skipped: unreadable date\s+│\s+1/);
    expect(result.stdout).toContain("line 5: column 'amount': 'n/a' is not a number");
  });

  it('never fails on rows without a customer id', async () => {
    const result = await summarizeInProcess('missing-customer.csv', '--json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.rowsSkipped.missingCustomerId).toBe(2);
    expect(report.rowsUsed).toBe(2);
  });
});

describe('summarize: the report', () => {
  // small-shop.csv: alice spends 47 in 3 purchase days, bob 52.50 in 2, carol 9 in 1
  // (worked out in test/data/ingest-summaries.test.ts).
  it('--json prints one object with rows, customers, purchases, dates and the spend distribution', async () => {
    const result = await summarizeInProcess('small-shop.csv', '--json');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      file: path.join(FIXTURES_AS_TYPED, 'small-shop.csv'),
      rowsRead: 9,
      rowsUsed: 9,
      rowsSkippedTotal: 0,
      customers: 3,
      repeatCustomers: 2,
      purchases: 6,
      firstDate: '2024-01-01',
      lastDate: '2024-01-29',
      returns: { rows: 2, value: 18 },
      // 18 returned of 10 + 5 + 40 + 20 + 30 + 12.5 + 9 = 126.5 purchased.
      // 18 / 126.5 to the JSON writer's 15 significant digits.
      returnRate: { rate: 0.142292490118577, purchasedValue: 126.5, returnedValue: 18 },
      calibration: { start: '2024-01-01', end: '2024-01-29', period: 'week' },
      holdout: null,
      grossMargin: null,
    });
    expect(report.purchasesPerCustomer.map((bucket: { label: string; customers: number }) => [bucket.label, bucket.customers])).toEqual([
      ['1', 1],
      ['2', 1],
      ['3-5', 1],
      ['6-10', 0],
      ['11+', 0],
    ]);
    // Sorted spend 9, 47, 52.5. Type-7 quantiles: P5 at h = 0.1: 9 + 0.1 x 38 = 12.8;
    // P50 = 47; P95 at h = 1.9: 47 + 0.9 x 5.5 = 51.95. Mean 108.5 / 3.
    expect(report.spendPerCustomer.p5).toBeCloseTo(12.8, 10);
    expect(report.spendPerCustomer.p50).toBe(47);
    expect(report.spendPerCustomer.p95).toBeCloseTo(51.95, 10);
    expect(report.spendPerCustomer.mean).toBeCloseTo(108.5 / 3, 10);
    // Top 20% = ceil(3 / 5) = 1 customer (bob, 52.50) of 108.50.
    expect(report.topFifthRevenueShare).toBeCloseTo(52.5 / 108.5, 12);
  });

  it('prints a readable report', async () => {
    const result = await summarizeInProcess('small-shop.csv');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Purchase history ${path.join(FIXTURES_AS_TYPED, 'small-shop.csv')}`);
    expect(result.stdout).toMatch(/customers\s+│\s+3 │/);
    expect(result.stdout).toMatch(/returns\s+│\s+2 worth 18.00 │/);
    expect(result.stdout).toMatch(/return rate\s+│\s+14.2% \(18.00 returned of 126.50\) │/);
    expect(result.stdout).toContain('The top 20% of customers by spend made 48.4% of net revenue.');
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });

  it('reports the holdout after --calibration-end', async () => {
    const result = await summarizeInProcess('small-shop.csv', '--calibration-end', '2024-01-15', '--period', 'day', '--json');
    const report = JSON.parse(result.stdout);
    expect(report.holdout).toEqual({ start: '2024-01-16', end: '2024-01-29', purchases: 2, value: 24.5, customersPurchasing: 2 });
    expect(report.newCustomersInHoldout).toBe(1);
    const human = await summarizeInProcess('small-shop.csv', '--calibration-end', '2024-01-15');
    expect(human.stdout).toContain('Holdout 2024-01-16 .. 2024-01-29');
    expect(human.stdout).toMatch(/new customers \(left out\)\s+│\s+1 │/);
  });

  it('--customers-out writes one row per customer', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-summarize-'));
    const out = path.join(folder, 'customers.csv');
    const result = await summarizeInProcess('small-shop.csv', '--customers-out', out, '--json');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`wrote 3 customers to ${out}\n`);
    // t_x and T in weeks: alice 28 days = 4, bob 26 days = 3.714286 (6 decimals); alice's
    // repeat days are worth 20 and 30 before returns (repeat_value 50 over valued_repeats 2).
    expect(readFileSync(out, 'utf8')).toBe(
      'customer_id,x,t_x,T,monetary_value,holdout_purchases,holdout_value,total_spend,gross_margin,repeat_value,valued_repeats\n' +
        'alice,2,4,4,25,0,0,47,,50,2\n' +
        'bob,1,3.714286,3.714286,12.5,0,0,52.5,,12.5,1\n' +
        'carol,0,0,0,0,0,0,9,,0,0\n',
    );
    expect(readdirSync(folder)).toEqual(['customers.csv']);
  });

  it('writes no customer file when the input is bad', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-summarize-'));
    const out = path.join(folder, 'customers.csv');
    expect((await summarizeInProcess('bad-number.csv', '--customers-out', out)).status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('gives the same output for the same input, byte for byte', async () => {
    expect((await summarizeInProcess('small-shop.csv', '--json')).stdout).toBe((await summarizeInProcess('small-shop.csv', '--json')).stdout);
  });

  it('--help shows the options and examples', () => {
    const result = runCli(['summarize', '--help']);
    expect(result.status).toBe(0);
    for (const text of ['--delimiter', '--decimal', '--columns', '--date-format', '--on-bad-row', '--calibration-end', '--period', '--json', '--customers-out', 'Examples:']) {
      expect(result.stdout).toContain(text);
    }
  });
});

describe('summarize: rows of amount 0 (the CDNOW sample)', () => {
  const cdnow = path.relative(process.cwd(), fileURLToPath(new URL('../fixtures/cdnow/cdnow-sample-transactions.csv', import.meta.url)));

  it('counts them as purchases: all 2,357 customers of the published summary', async () => {
    const result = await runCliInProcess(['summarize', cdnow, '--calibration-end', '1997-09-30', '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ rowsRead: 6919, customers: 2357, repeatCustomers: 946, zeroValueRows: 8, zeroAmount: 'purchase', customersWithoutPurchase: 0 });
    expect(result.stderr).toBe('');
  });

  it('--zero-amount ignore leaves out the 8 customers whose only rows have amount 0', async () => {
    const result = await runCliInProcess(['summarize', cdnow, '--calibration-end', '1997-09-30', '--zero-amount', 'ignore', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ customers: 2349, zeroValueRows: 8, zeroAmount: 'ignore', customersWithoutPurchase: 8 });
    expect(result.stderr).toContain('8 customer(s) have returns or zero-value rows but no purchase');
  });

  it('names them in the text report', async () => {
    const result = await runCliInProcess(['summarize', cdnow, '--calibration-end', '1997-09-30']);
    expect(result.stdout).toMatch(/│ zero-value purchases +│ +8 │/);
  });
});

describe('summarize: input from a pipe', () => {
  const shop = path.join(fixtures, 'small-shop.csv');
  const bash = (script: string) => spawnSync('bash', ['-c', script], { env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
  const expected = () => JSON.parse(runCli(['summarize', shop, '--json']).stdout);

  it('reads a process substitution, <(cat in.csv), as the file would be read', () => {
    const result = bash(`${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} summarize <(cat ${JSON.stringify(shop)}) --json`);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect({ ...JSON.parse(result.stdout), file: '' }).toEqual({ ...expected(), file: '' });
  });

  it('reads /dev/stdin', () => {
    const result = bash(`cat ${JSON.stringify(shop)} | ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} summarize /dev/stdin --json`);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ file: '/dev/stdin', customers: 3, purchases: 6 });
  });

  it('says on stderr that it waits for a FIFO nobody writes to yet', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-fifo-'));
    const [fifo, out, err] = ['history.csv', 'out.json', 'err.txt'].map((name) => JSON.stringify(path.join(folder, name)));
    // The writer comes only once the notice is there (at most 10 s).
    const result = bash(
      `mkfifo ${fifo}; ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} summarize ${fifo} --json > ${out} 2> ${err} & pid=$!; ` +
        `for i in $(seq 100); do grep -qs waiting ${err} && break; sleep 0.1; done; cat ${JSON.stringify(shop)} > ${fifo}; wait $pid; status=$?; cat ${err} >&2; cat ${out}; exit $status`,
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`waiting for data on ${path.join(folder, 'history.csv')}...\n`);
    expect(JSON.parse(result.stdout)).toMatchObject({ customers: 3 });
  });
});

describe('summarize: money in the JSON', () => {
  it('prints 3 x 6.90 as 20.7, not 20.700000000000003', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-money-'));
    const file = path.join(folder, 'lines.csv');
    writeFileSync(file, 'customer_id,date,quantity,unit_price,category\na,2024-01-01,3,6.90,cd\na,2024-01-08,1,0.10,cd\na,2024-01-08,1,0.20,cd\n');
    const result = await runCliInProcess(['summarize', file, '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.revenue).toBe(21);
    expect(report.categories[0].revenue).toBe(21);
    expect(report.returnRate.purchasedValue).toBe(21);
    expect(result.stdout).not.toMatch(/\d\.\d*0000000\d/);
  });
});

describe('summarize: names in the text report', () => {
  it('shows a category with 4,000 line breaks on one line, escaped and cut', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-names-'));
    const file = path.join(folder, 'names.csv');
    writeFileSync(file, `customer_id,date,amount,category\na,2024-01-01,5,"multi${'\n'.repeat(4000)}line"\nb,2024-01-02,3,plain\n`);
    const result = await runCliInProcess(['summarize', file]);
    expect(result.status).toBe(0);
    const categories = result.stdout.slice(result.stdout.indexOf('Categories'));
    expect(categories).toContain(`│ multi${'\\n'.repeat(27)}… │`);
    expect(categories.split('\n').length).toBeLessThan(12);
    // The JSON keeps the name as it is.
    const json = JSON.parse((await runCliInProcess(['summarize', file, '--json'])).stdout);
    expect(json.categories.map((category: { name: string }) => category.name)).toContain(`multi${'\n'.repeat(4000)}line`);
  });
});

describe('summarize: returns larger than the purchases', () => {
  it('warns that net-spend figures do not apply, and leaves the top-fifth share null rather than a made-up share', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-returns-exceed-'));
    const file = path.join(folder, 'history.csv');
    // Purchased 10 + 20 + 30 = 60; a return of 120 of something bought before the file starts.
    writeFileSync(file, 'customer_id,date,amount\na,2024-01-02,10\na,2024-02-02,20\nb,2024-01-05,30\nb,2024-03-01,-120\n');
    const result = await runCliInProcess(['summarize', file, '--json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'warning: returns in the calibration period (120) exceed its purchases (60): the file probably starts after purchases that were returned later, or returns are not marked as such; figures based on net spend do not apply\n',
    );
    const report = JSON.parse(result.stdout);
    expect(report.returnRate).toEqual({ rate: 2, purchasedValue: 60, returnedValue: 120 });
    expect(report.topFifthRevenueShare).toBeNull();
  });
});
