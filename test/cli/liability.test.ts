/**
 * `loyalty-sim liability` through the CLI's entry in this process: IFRS 15 Illustrative Example 52
 * in every format, the output file, and every kind of bad input (exit 2, a message naming file,
 * line and column, no stack trace); one exit code through the built CLI (`npm run build` first).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { writeCsv } from '../data/write-csv.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/liability/', import.meta.url));
/** Example 52 as a ledger file, named relative to the repository root as a user would type it. */
const EXAMPLE_52 = path.relative(process.cwd(), path.join(FIXTURES, 'example-52.csv'));
const STACK_TRACE = /\bat .*\.js:\d+/;
const HEADER = 'period,sales,points_issued,points_redeemed,expected_redemptions';

const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-liability-'));

const liability = (...args: string[]) => runCliInProcess(['liability', ...args]);

const money = z.number();
const rowSchema = z.strictObject({
  period: z.string(),
  sales: money,
  pointsIssued: z.number(),
  pointsRedeemed: z.number(),
  expectedRedemptions: z.number(),
  cumulativeIssued: z.number(),
  cumulativeRedeemed: z.number(),
  expectedRedemptionRate: z.number().nullable(),
  pointsStandAlonePrice: money,
  allocated: money,
  cumulativeAllocated: money,
  cumulativeRecognised: money,
  recognised: money,
  openingLiability: money,
  closingLiability: money,
});
/** The documented shape of `liability --json`. */
const liabilityJsonSchema = z.strictObject({
  schemaVersion: z.literal(1),
  standard: z.string(),
  file: z.string(),
  faceValue: z.number().positive(),
  periods: z.array(rowSchema),
  totals: z.strictObject({
    sales: money,
    pointsIssued: z.number(),
    pointsRedeemed: z.number(),
    expectedRedemptions: z.number(),
    expectedRedemptionRate: z.number().nullable(),
    allocated: money,
    recognised: money,
    openingLiability: money,
    closingLiability: money,
  }),
});

describe('liability: IFRS 15 Illustrative Example 52', () => {
  // Year 1: sales 100,000 earn 10,000 points of 1; 9,500 expected to be redeemed, so the points'
  // stand-alone price is 9,500 and they get 100,000 x 9,500 / 109,500 = 8,676. 4,500 redeemed:
  // revenue 4,500 / 9,500 x 8,676 = 4,110, liability 8,676 - 4,110 = 4,566.
  // Year 2: 8,500 redeemed so far, 9,700 expected: cumulative 8,500 / 9,700 x 8,676 = 7,603,
  // revenue 7,603 - 4,110 = 3,493, liability 8,676 - 7,603 = 1,073.
  it('prints the roll-forward as a table', async () => {
    const result = await liability(EXAMPLE_52, '--face-value', '1');
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`Points liability (IFRS 15 contract liability), ${EXAMPLE_52}`);
    const cells = (label: string) =>
      lines
        .find((line) => line.startsWith(`│ ${label} `))!
        .split('│')
        .slice(1, -1)
        .map((cell) => cell.trim());
    expect(cells('1')).toEqual(['1', '100,000.00', '10,000', '4,500', '95.0%', '8,675.80', '4,109.59', '0.00', '4,566.21']);
    expect(cells('2')).toEqual(['2', '0.00', '0', '4,000', '97.0%', '0.00', '3,492.92', '4,566.21', '1,073.29']);
    expect(cells('total')).toEqual(['total', '100,000.00', '10,000', '8,500', '97.0%', '8,675.80', '7,602.50', '0.00', '1,073.29']);
  });

  it('--json: the documented object, the Example 52 figures to the currency unit', async () => {
    const result = await liability(EXAMPLE_52, '--face-value', '1', '--json');
    expect(result.status).toBe(0);
    const report = liabilityJsonSchema.parse(JSON.parse(result.stdout));
    expect(report.file).toBe(EXAMPLE_52);
    expect(report.faceValue).toBe(1);
    const [year1, year2] = report.periods;
    expect([year1.allocated, year1.recognised, year1.closingLiability].map(Math.round)).toEqual([8_676, 4_110, 4_566]);
    expect([year2.cumulativeRecognised, year2.recognised, year2.openingLiability, year2.closingLiability].map(Math.round)).toEqual([7_603, 3_493, 4_566, 1_073]);
    expect([report.totals.allocated, report.totals.recognised, report.totals.closingLiability].map(Math.round)).toEqual([8_676, 7_603, 1_073]);
    // --format json is the same document.
    expect((await liability(EXAMPLE_52, '--face-value', '1', '--format', 'json')).stdout).toBe(result.stdout);
  });

  it('--format csv: a header and one parse-able row per period', async () => {
    const result = await liability(EXAMPLE_52, '--face-value', '1', '--format', 'csv');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      'period,sales,points_issued,points_redeemed,expected_redemptions,expected_redemption_rate,allocated,recognised,opening_liability,closing_liability\n' +
        '1,100000,10000,4500,9500,0.95,8675.799087,4109.589041,0,4566.210046\n' +
        '2,0,0,4000,9700,0.97,0,3492.915313,4566.210046,1073.294732\n',
    );
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => Math.round(Number(row.closing_liability)))).toEqual([4_566, 1_073]);
  });

  it('prints the README worked example from the README ledger', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Booking the points liability (IFRS 15)'));
    const ledger = /```csv\n([\s\S]*?)```/.exec(section)![1];
    const table = /```\n(┌[\s\S]*?)```/.exec(section)![1];
    expect(ledger).toBe(readFileSync(EXAMPLE_52, 'utf8'));
    const result = await liability(writeCsv(ledger), '--face-value', '1');
    expect(result.stdout.split('\n').slice(2).join('\n')).toBe(table);
  });

  it('-o writes the report to a file and nothing to stdout', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-liability-out-'));
    const out = path.join(dir, 'liability.csv');
    const result = await liability(EXAMPLE_52, '--face-value', '1', '--format', 'csv', '-o', out);
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe((await liability(EXAMPLE_52, '--face-value', '1', '--format', 'csv')).stdout);
    expect(readdirSync(dir)).toEqual(['liability.csv']);
  });

  it('reads periods as quarters and months, a semicolon-separated file, and a face value of 0.01', async () => {
    // 1,000,000 points of 0.01 = 10,000 at face value; 80% expected: SSP 8,000, A = 92,000 x
    // 8,000 / 100,000 = 7,360; 300,000 of 800,000 redeemed: revenue 2,760, liability 4,600.
    const file = writeCsv('period;sales;points_issued;points_redeemed;expected_redemptions\n2025-Q1;92000;1000000;300000;800000\n2025-Q2;0;0;0;800000\n');
    const result = await liability(file, '--face-value', '0.01', '--json');
    expect(result.status).toBe(0);
    const { periods } = liabilityJsonSchema.parse(JSON.parse(result.stdout));
    expect(periods[0].allocated).toBeCloseTo(7_360, 9);
    expect(periods[0].recognised).toBeCloseTo(2_760, 9);
    expect(periods[1].closingLiability).toBeCloseTo(4_600, 9);
  });
});

describe('liability: bad input exits 2 with a message naming file, line and column', () => {
  const cases: Array<[string, string, string, string]> = [
    ['a missing column', 'period,sales,points_issued,points_redeemed\n1,1,1,0\n', ":1: missing required column 'expected_redemptions'", 'Expected: period,sales'],
    ['a value that is not a number', `${HEADER}\n1,100,10,1,5\n2,abc,0,0,5\n`, ":3: column 'sales': 'abc' is not a number", 'Write numbers like'],
    ['a blank value', `${HEADER}\n1,100,,1,5\n`, ":2: column 'points_issued': the value is blank", 'Write numbers like'],
    ['a negative value', `${HEADER}\n1,100,10,-1,5\n`, ":2: column 'points_redeemed': -1 is negative", 'cannot be negative'],
    ['more redeemed than issued', `${HEADER}\n1,100,10,5,8\n2,100,0,6,9\n`, ":3: column 'points_redeemed': 11 points redeemed so far are more than the 10 issued so far", 'cannot exceed'],
    ['expected above issued', `${HEADER}\n1,100,10,5,11\n`, ":2: column 'expected_redemptions': 11 points expected to be redeemed are more than the 10 issued so far", 'at most the points issued'],
    ['expected below redeemed', `${HEADER}\n1,100,10,5,8\n2,0,0,4,8\n`, ":3: column 'expected_redemptions': 8 points expected to be redeemed are fewer than the 9 redeemed so far", 'at least the points redeemed'],
    ['periods out of order', `${HEADER}\n2025-Q2,100,10,0,5\n2025-Q1,100,10,0,5\n`, ":3: column 'period': the period '2025-Q1' comes after '2025-Q2' (on line 2) but is earlier", 'Sort the rows'],
    ['a repeated number period', `${HEADER}\n2024,100,10,0,5\n2024,100,10,0,5\n`, ":3: column 'period': the period '2024' appears twice (also on line 2)", 'one row'],
    ['a repeated label', `${HEADER}\nspring,100,10,0,5\nautumn,0,0,0,5\nspring,0,0,0,5\n`, ":4: column 'period': the period 'spring' appears twice (also on line 2)", 'one row'],
    ['mixed period forms', `${HEADER}\n2025-01,100,10,0,5\n2025-Q1,0,0,0,5\n`, ":3: column 'period': '2025-Q1' is not an ISO month (YYYY-MM) like the first period '2025-01'", 'the same way'],
    ['an impossible date', `${HEADER}\n2025-02-30,100,10,0,5\n`, ":2: column 'period': '2025-02-30' is not a valid date", 'Check the month'],
    ['a value above 1e15', `${HEADER}\n1,1e308,10,0,5\n`, ":2: column 'sales': '1e308' is too large: values above 1,000,000,000,000,000 (1e15) per period are not read", 'export error'],
    ['a wrong field count', `${HEADER}\n1,100,10,0\n`, ':2: expected 5 fields as in the header, found 4', ''],
    ['an empty file', '', ': the file is empty', 'Expected the header period,sales'],
    ['a header without rows', `${HEADER}\n`, ': no data rows after the header', 'one row per period'],
  ];

  it.each(cases)('%s', async (_name, content, message, hint) => {
    const file = writeCsv(content);
    const result = await liability(file, '--face-value', '1');
    expect(result.status).toBe(2);
    const [first, second] = result.stderr.split('\n');
    expect(first).toBe(`error: ${file}${message}`);
    expect(second ?? '').toContain(hint);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stdout).toBe('');
  });

  it('a file that does not exist', async () => {
    const result = await liability(path.join(folder, 'no-such-ledger.csv'), '--face-value', '1');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: .*no-such-ledger\.csv: no such file\n/);
  });

  it.each([
    [[], "error: --face-value: the face value of a point is missing"],
    [['--face-value', '0'], "error: --face-value: '0' is not a positive number"],
    [['--face-value', '-0.01'], "error: --face-value: '-0.01' is not a positive number"],
    [['--face-value', 'one'], "error: --face-value: 'one' is not a positive number"],
    [['--face-value', '1e308'], `error: ${EXAMPLE_52}:2: the points' stand-alone price (10000 points issued x face value 1e+308) or the sales allocated to them so far are beyond what a number holds (about 1.8e308)`],
    [['--face-value', '1', '--format', 'xml'], "error: --format: 'xml' is not a format of this command"],
    [['--face-value', '1', '--format', 'csv', '--json'], 'error: --format: --json asks for json but --format asks for csv'],
  ])('options %j', async (args, message) => {
    const result = await liability(EXAMPLE_52, ...args);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(message);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stdout).toBe('');
  });

  it('the built CLI exits 2 on a ledger with more points redeemed than issued', () => {
    const file = writeCsv(`${HEADER}\n1,100,10,11,11\n`);
    const result = runCli(['liability', file, '--face-value', '1']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `error: ${file}:2: column 'points_redeemed': 11 points redeemed so far are more than the 10 issued so far\n` +
        '  Points redeemed up to a period cannot exceed points issued up to it: check points_redeemed and points_issued of this and earlier rows.\n',
    );
    expect(result.stdout).toBe('');
  });
});
