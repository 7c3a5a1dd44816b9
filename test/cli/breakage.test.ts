/**
 * `loyalty-sim breakage` through the CLI's entry in this process: a ledger worked by hand (see
 * test/metrics/chain-ladder.test.ts) in every format, the --out-dir files and their use by
 * `liability`, and every kind of bad input (exit 2, a message naming file, line and column).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { writeCsv } from '../data/write-csv.js';

const STACK_TRACE = /\bat .*\.js:\d+/;
const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-breakage-'));

const breakage = (...args: string[]) => runCliInProcess(['breakage', ...args]);

/**
 * January: 100 earned, 40 redeemed in January and 40 in February (triangle row [40, 80]);
 * February: 100 earned, 50 redeemed and 30 expired (row [50], at most 70 still redeemable).
 * f0 = 80 / 40 = 2; February projects 100, capped at 70; overall (80 + 70) / 200 = 75%.
 * Columns in another order and case, an extra column, rows out of date order.
 */
const WORKED = [
  'Type,Points,note,Date,CUSTOMER_ID',
  'redeem,40,,2025-02-20,A',
  'earn,100,,2025-01-03,A',
  'redeem,-40,sign follows the type,2025-01-20,A',
  'earn,100,,2025-02-01,B',
  'expire,30,,2025-02-03,B',
  'redeem,50,,2025-02-02,B',
  '',
].join('\n');

describe('loyalty-sim breakage', () => {
  it('reports the chain-ladder estimate of a worked ledger as JSON', async () => {
    const result = await breakage(writeCsv(WORKED), '--json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.schemaVersion).toBe(2);
    // The only factor, 2, says redemptions were still coming at the oldest age: warned about, on stderr and in the report.
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain('cumulative redemptions grew 100.0% from 0 to 1 months');
    expect(result.stderr).toBe(`warning: ${report.warnings[0]}\n`);
    expect(report.cutoff).toBe('2025-02-20');
    expect(report.expiryMonths).toBeNull();
    expect(report.developmentFactors).toEqual([{ fromAge: 0, toAge: 1, factor: 2, cohorts: 1 }]);
    expect(report.cohorts.map((c: Record<string, unknown>) => [c.cohort, c.issued, c.redeemed, c.expired, c.age, c.ultimateRedeemed, c.capped])).toEqual([
      ['2025-01', 100, 80, 0, 1, 80, false],
      ['2025-02', 100, 50, 30, 0, 70, true],
    ]);
    expect(report.overall).toMatchObject({ issued: 200, redeemed: 130, expired: 30, ultimateRedeemed: 150, ultimateRate: 0.75, breakage: 0.25, cappedCohorts: 1 });
    expect(report.expectedRedemptions).toEqual([
      { period: '2025-01', pointsIssued: 100, pointsRedeemed: 40, expectedRedemptions: 80 },
      { period: '2025-02', pointsIssued: 100, pointsRedeemed: 90, expectedRedemptions: 150 },
    ]);
  });

  it('prints the table with the cap marked, the factors and the expected redemptions', async () => {
    const file = writeCsv(WORKED);
    const result = await breakage(file);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Breakage by chain ladder, ${file}\n`);
    expect(result.stdout).toMatch(/│ 2025-02 │\s+100 │\s+50 │\s+30 │\s+0 │\s+70\.0% \(70\.0% to 70\.0%\) \* │\s+30\.0% │/);
    expect(result.stdout).toMatch(/│ overall │\s+200 │\s+130 │\s+30 │\s+│\s+75\.0% \(.*\) │\s+25\.0% │/);
    expect(result.stdout).toMatch(/│ 0 → 1 │ 2\.0000 │\s+1 │/);
    expect(result.stdout).toContain('* projection cut to the points still redeemable (issued − expired): 1 cohort(s)');
  });

  it('writes the cohorts and the expected redemptions, which liability reads once sales are added', async () => {
    const out = path.join(folder, 'out');
    const result = await breakage(writeCsv(WORKED), '--out-dir', out);
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(out, 'cohorts.csv'), 'utf8').split('\n').slice(0, 3)).toEqual([
      'cohort,issued,redeemed,expired,age_months,ultimate_redeemed,ultimate_rate,rate_low,rate_high,breakage,capped',
      '2025-01,100,80,0,1,80,0.8,0.8,0.8,0.2,false',
      '2025-02,100,50,30,0,70,0.7,0.7,0.7,0.3,true',
    ]);
    const ledger = readFileSync(path.join(out, 'expected-redemptions.csv'), 'utf8');
    expect(ledger).toBe('period,points_issued,points_redeemed,expected_redemptions\n2025-01,100,40,80\n2025-02,100,90,150\n');
    const withSales = ledger.split('\n').map((line, k) => (line === '' ? line : `${line},${k === 0 ? 'sales' : 1000}`)).join('\n');
    const liability = await runCliInProcess(['liability', writeCsv(withSales), '--face-value', '1', '--json']);
    expect(liability.status).toBe(0);
    expect(JSON.parse(liability.stdout).periods.map((p: { expectedRedemptionRate: number }) => p.expectedRedemptionRate)).toEqual([0.8, 0.75]);
  });

  it('stops development at the expiry age', async () => {
    const result = await breakage(writeCsv(WORKED), '--expiry-months', '1', '--json', '--seed', '4');
    const report = JSON.parse(result.stdout);
    expect(report.expiryMonths).toBe(1);
    expect(report.bootstrap.seed).toBe(4);
    expect(report.developmentFactors[0].factor).toBe(2);
    // With expiry at age 1, f0 still applies (0 -> 1 is before expiry); nothing after.
    expect(report.overall.ultimateRedeemed).toBe(150);
  });

  const HEADER = 'customer_id,date,points';
  const cases: [string, string, string, string][] = [
    ['a missing column', 'customer_id,day,points\nA,2025-01-01,10\n', ":1: missing required column 'date'", "The header has: 'customer_id', 'day', 'points'"],
    ['a date that does not parse', `${HEADER}\nA,2025-01-01,10\nA,01/02/2025,-5\n`, ":3: column 'date': '01/02/2025' is not a date", 'YYYY-MM-DD'],
    ['an impossible date', `${HEADER}\nA,2025-02-30,10\n`, ":2: column 'date': '2025-02-30' is not a date: February 2025 has 28 days", 'YYYY-MM-DD'],
    ['points that are not a number', `${HEADER}\nA,2025-01-01,ten\n`, ":2: column 'points': 'ten' is not a number", 'no thousands separators'],
    ['blank points', `${HEADER}\nA,2025-01-01,\n`, ":2: column 'points': the points value is blank", ''],
    ['a blank customer', `${HEADER}\n,2025-01-01,5\n`, ":2: column 'customer_id': the customer id is blank", ''],
    ['an unknown type', `${HEADER},type\nA,2025-01-01,5,bonus\n`, ":2: column 'type': 'bonus' is not a transaction type", 'Use earn, redeem, expire, adjust.'],
    [
      'more redeemed than earned',
      `${HEADER}\nA,2025-01-01,50\nA,2025-03-01,-30\nA,2025-02-01,-30\n`,
      ":3: column 'points': customer 'A' redeems 30 points on 2025-03-01 but has only 20 left",
      'cannot redeem or lose more points',
    ],
    ['a wrong field count', `${HEADER}\nA,2025-01-01\n`, ':2: expected 3 fields as in the header, found 2', ''],
    ['an empty file', '', ': the file is empty', 'Expected the header customer_id,date,points'],
    ['a header without rows', `${HEADER}\n`, ': no data rows after the header', 'one row per points transaction'],
  ];

  it.each(cases)('%s', async (_name, content, message, hint) => {
    const file = writeCsv(content);
    const result = await breakage(file);
    expect(result.status).toBe(2);
    const [first, second] = result.stderr.split('\n');
    expect(first).toBe(`error: ${file}${message}`);
    expect(second ?? '').toContain(hint);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stdout).toBe('');
  });

  it.each([
    [['--expiry-months', '0'], "error: --expiry-months: '0' is not a whole number of at least 1"],
    [['--expiry-months', '2.5'], "error: --expiry-months: '2.5' is not a whole number of at least 1"],
    [['--seed', '-1'], "error: --seed: '-1' is not a whole number of at least 0"],
    [['--format', 'md'], "error: --format: 'md' is not a format of this command"],
  ])('options %j', async (args, message) => {
    const result = await breakage(writeCsv(WORKED), ...args);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(message);
    expect(result.stdout).toBe('');
  });

  it('the built CLI exits 2 on a customer who redeems more than they earned', () => {
    const file = writeCsv('customer_id,date,points\nA,2025-01-01,10\nA,2025-01-02,-11\n');
    const result = runCli(['breakage', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `error: ${file}:3: column 'points': customer 'A' redeems 11 points on 2025-01-02 but has only 10 left\n` +
        "  A customer cannot redeem or lose more points than they earned before: check this row and the customer's earlier rows (points earned later count only from their date).\n",
    );
    expect(result.stdout).toBe('');
  });
});
