import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const BASIC = ['generate', '--customers', '1000', '--start', '2024-01-01', '--end', '2025-12-31', '--seed', '1'];

/** Through the CLI's entry in this process: exit 2, the message, no stack trace, nothing on stdout. */
async function expectUsageError(args: string[], message: RegExp): Promise<void> {
  const result = await runCliInProcess(args);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(result.stdout).toBe('');
}

describe('loyalty-sim generate', () => {
  it('works with the documented defaults and writes customer_id,date,amount in date order (the built CLI)', () => {
    const result = runCli(BASIC);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('customer_id,date,amount');
    expect(lines.length).toBeGreaterThan(2000);
    const dates = lines.slice(1).map((line) => line.split(',')[1]);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0] >= '2024-01-01' && dates[dates.length - 1] <= '2025-12-31').toBe(true);
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0])).size).toBe(1000);
  });

  it('gives the same bytes for the same seed and different ones for another seed', async () => {
    const first = (await runCliInProcess(BASIC)).stdout;
    expect((await runCliInProcess(BASIC)).stdout).toBe(first);
    const other = (await runCliInProcess([...BASIC.slice(0, -1), '2'])).stdout;
    expect(other).not.toBe(first);
  });

  it('writes --out atomically with the same content as stdout and reports on stderr', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'loyalty-generate-'));
    const file = path.join(dir, 'history.csv');
    const result = await runCliInProcess([...BASIC, '--out', file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/wrote \d+ purchases by 1000 customers/);
    expect(readFileSync(file, 'utf8')).toBe((await runCliInProcess(BASIC)).stdout);
    expect(readdirSync(dir)).toEqual(['history.csv']); // no temporary file left behind
  });

  it('adds category and margin columns with --categories', async () => {
    const result = await runCliInProcess([...BASIC, '--categories', 'fuel:0.6:0.08,shop:0.4:0.35']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('customer_id,date,amount,category,margin');
    for (const line of lines.slice(1, 200)) {
      const [, , amount, category, margin] = line.split(',');
      expect(['fuel', 'shop']).toContain(category);
      const rate = category === 'fuel' ? 0.08 : 0.35;
      expect(Math.abs(Number(margin) - Number(amount) * rate)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it('takes model parameters per --period; unspecified ones keep their defaults', async () => {
    // A tenfold purchase rate (alpha 0.75 instead of 7.5 per week) gives many more purchases.
    const busy = await runCliInProcess([...BASIC, '--bgnbd', 'alpha=0.75']);
    expect(busy.status).toBe(0);
    expect(busy.stdout.split('\n').length).toBeGreaterThan(2 * (await runCliInProcess(BASIC)).stdout.split('\n').length);
    // Ten times the spend scale v gives ten times the mean ticket.
    const mean = (text: string) => {
      const amounts = text.trimEnd().split('\n').slice(1).map((line) => Number(line.split(',')[2]));
      return amounts.reduce((s, a) => s + a, 0) / amounts.length;
    };
    const rich = await runCliInProcess([...BASIC, '--gamma-gamma', 'gamma=200']);
    expect(mean(rich.stdout) / mean((await runCliInProcess(BASIC)).stdout)).toBeCloseTo(10, 0);
  });

  describe('bad options: exit 2 with the option named', () => {
    it('a missing required option', () => expectUsageError(['generate', '--start', '2024-01-01', '--end', '2024-12-31'], /--customers/));
    it('a number of customers that is not a whole number', () =>
      expectUsageError([...BASIC.slice(0, 2), '12.5', ...BASIC.slice(3)], /--customers: '12.5' is not a number of customers/));
    it('an end before the start', () =>
      expectUsageError(['generate', '--customers', '5', '--start', '2024-05-01', '--end', '2024-01-01'], /end date 2024-01-01 is before the start date/));
    it('a date that does not exist', () =>
      expectUsageError(['generate', '--customers', '5', '--start', '2024-02-30', '--end', '2024-12-31'], /'2024-02-30' is not a date/));
    it('an unknown model parameter', () => expectUsageError([...BASIC, '--bgnbd', 'beta=2'], /--bgnbd: unknown parameter 'beta'/));
    it('a misspelt model parameter, with the closest one', () =>
      expectUsageError([...BASIC, '--bgnbd', 'alpah=2'], /--bgnbd: unknown parameter 'alpah' \(did you mean 'alpha'\?\)\n  The parameters are r, alpha, a, b;/));
    it('a model parameter given twice', () => expectUsageError([...BASIC, '--bgnbd', 'r=1,r=2'], /--bgnbd: r is given twice\n  Give each parameter once/));
    it('v given twice, once by its alias gamma', () => expectUsageError([...BASIC, '--gamma-gamma', 'v=3,gamma=30'], /--gamma-gamma: v is given twice/));
    it('more customers than one history can hold, with the limit', () =>
      expectUsageError(['generate', '--customers', '10000000000', '--start', '2024-01-01', '--end', '2025-12-31'], /--customers: 10000000000 customers is more than one generated history can hold: at most 5,000,000/));
    it('a spend model whose mean purchase value overflows (p=1e308)', () =>
      expectUsageError([...BASIC, '--gamma-gamma', 'p=1e308'], /--gamma-gamma: the mean purchase value p v \/ \(q - 1\) is Infinity, above the largest amount written \(1e\+12\)/));
    it('a spend model without a finite mean whose draws exceed the largest amount (q=0.1)', async () => {
      await expectUsageError(['generate', '--customers', '2000', '--start', '2024-01-01', '--end', '2024-12-31', '--gamma-gamma', 'q=0.1', '--seed', '3'], /--gamma-gamma: a drawn purchase amount is \S+, above the largest amount written/);
    });
    it('a negative model parameter', () => expectUsageError([...BASIC, '--gamma-gamma', 'p=-3'], /--gamma-gamma: p must be a positive number/));
    it('a malformed category', () => expectUsageError([...BASIC, '--categories', 'fuel:0.6'], /--categories: 'fuel:0.6' is not name:share:margin/));
    it('a margin given in percent', () => expectUsageError([...BASIC, '--categories', 'fuel:1:35'], /margin of 'fuel' must be a fraction/));
    it('an unknown period', () => expectUsageError([...BASIC, '--period', 'year'], /--period: 'year' is not a period/));
    it('an output folder that does not exist', () => expectUsageError([...BASIC, '--out', '/nonexistent-folder/x.csv'], /--out: the folder .* does not exist/));
    it('a return rate above 1', () => expectUsageError([...BASIC, '--return-rate', '1.5'], /--return-rate: the return rate must be a share between 0 and 1, got 1.5/));
    it('a return rate in percent', () => expectUsageError([...BASIC, '--return-rate', '5%'], /--return-rate: '5%' is not a number/));
  });

  it('accepts gamma= for v, and warns that q <= 1 has no finite mean purchase value', async () => {
    const alias = await runCliInProcess([...BASIC, '--gamma-gamma', 'gamma=30']);
    expect(alias.status).toBe(0);
    expect(alias.stdout).toBe((await runCliInProcess([...BASIC, '--gamma-gamma', 'v=30'])).stdout);
    const heavy = await runCliInProcess([...BASIC, '--gamma-gamma', 'q=0.5']);
    expect(heavy.status).toBe(0);
    expect(heavy.stderr).toBe(
      'warning: --gamma-gamma q=0.5: with q <= 1 the mean purchase value p v / (q - 1) is infinite, and a few customers draw enormous amounts (q > 1 gives a finite mean, e.g. q=4)\n',
    );
    // Every amount written is a number with cents.
    for (const line of heavy.stdout.trimEnd().split('\n').slice(1)) expect(line.split(',')[2]).toMatch(/^\d+\.\d\d$/);
  });

  it('adds returns with --return-rate: negated amounts of earlier purchases, the purchases unchanged', async () => {
    const plain = (await runCliInProcess(BASIC)).stdout.trimEnd().split('\n');
    const result = await runCliInProcess([...BASIC, '--return-rate', '0.1']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    const returns = lines.filter((line) => line.split(',')[2].startsWith('-'));
    expect(lines.filter((line) => !line.split(',')[2].startsWith('-'))).toEqual(plain);
    // About one purchase in ten (of some 5,000) returned.
    expect(Math.abs(returns.length / (plain.length - 1) - 0.1)).toBeLessThan(0.02);
    const purchases = new Set(plain.slice(1).map((line) => `${line.split(',')[0]},${line.split(',')[2]}`));
    for (const line of returns) {
      const [customer, , amount] = line.split(',');
      expect(purchases.has(`${customer},${amount.slice(1)}`), line).toBe(true);
    }
  });
});

describe('loyalty-sim generate --program-members', () => {
  const PROGRAM_ARGS = ['--program-members', '0.3', '--self-selection', '2', '--frequency-uplift', '0.15', '--launch', '2025-01-01'];

  it('writes the history and customer_id,joined for about the member share, the ids those of the history', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'loyalty-generate-'));
    const members = path.join(dir, 'members.csv');
    const result = await runCliInProcess([...BASIC, ...PROGRAM_ARGS, '--members-out', members]);
    expect(result.status).toBe(0);
    const lines = readFileSync(members, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('customer_id,joined');
    expect(result.stderr).toContain(`wrote ${lines.length - 1} members to ${members}`);
    expect(Math.abs(lines.length - 1 - 300)).toBeLessThan(50);
    const historyIds = new Set(result.stdout.trimEnd().split('\n').slice(1).map((line) => line.split(',')[0]));
    for (const line of lines.slice(1)) {
      const [id, joined] = line.split(',');
      expect(historyIds.has(id)).toBe(true);
      expect(joined >= '2025-01-01' && joined <= '2025-12-31').toBe(true);
    }
  });

  it('needs --launch and --members-out, which need --program-members', async () => {
    await expectUsageError([...BASIC, '--program-members', '0.3', '--members-out', 'm.csv'], /--launch: --launch is needed with --program-members/);
    await expectUsageError([...BASIC, ...PROGRAM_ARGS], /--members-out: --members-out is needed with --program-members/);
    await expectUsageError([...BASIC, '--launch', '2025-01-01'], /--launch: --launch is only used with --program-members/);
    await expectUsageError([...BASIC, ...PROGRAM_ARGS.slice(0, 2), '--launch', '2027-01-01', '--members-out', 'm.csv'], /--launch: the launch date 2027-01-01 is outside the history/);
    await expectUsageError([...BASIC, '--program-members', 'lots', '--launch', '2025-01-01', '--members-out', 'm.csv'], /--program-members: 'lots' is not a number/);
  });
});

describe('loyalty-sim generate --points', () => {
  const PROGRAM_ARGS = ['--program-members', '0.5', '--launch', '2025-01-01'];
  const POINTS = path.resolve('scenarios/programs/points-5.yaml');

  it('writes a ledger breakage reads and the truth per month of issue, and leaves the history as it is without --points', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'loyalty-generate-'));
    const file = (name: string) => path.join(dir, name);
    const withPoints = await runCliInProcess([...BASIC, ...PROGRAM_ARGS, '--members-out', file('m.csv'), '--points', POINTS, '--points-out', file('points.csv'), '--points-truth', file('truth.csv')]);
    expect(withPoints.status).toBe(0);
    const without = await runCliInProcess([...BASIC, ...PROGRAM_ARGS, '--members-out', file('m2.csv')]);
    expect(withPoints.stdout).toBe(without.stdout);
    const ledger = readFileSync(file('points.csv'), 'utf8').trimEnd().split('\n');
    expect(ledger[0]).toBe('customer_id,date,points,type');
    expect(withPoints.stderr).toContain(`wrote ${ledger.length - 1} points transactions to ${file('points.csv')}`);
    const members = new Set(readFileSync(file('m.csv'), 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split(',')[0]));
    for (const line of ledger.slice(1)) {
      const [id, date, points, type] = line.split(',');
      expect(members.has(id)).toBe(true);
      expect(date >= '2025-01-01' && date <= '2025-12-31').toBe(true);
      expect(['earn', 'redeem', 'expire']).toContain(type);
      expect(Number(points) > 0).toBe(type === 'earn');
    }
    const truth = readFileSync(file('truth.csv'), 'utf8').trimEnd().split('\n');
    expect(truth[0]).toBe('cohort,issued,redeemed_by_end,redeemed,expired,held_by_lapsed,held_by_active,ultimate_rate');
    const all = truth[truth.length - 1].split(',');
    expect(all[0]).toBe('all');
    // Every point issued is redeemed, expired or still held; the ledger's earn rows sum to the points issued.
    const [issued, , redeemed, expired, lapsed, active, rate] = all.slice(1).map(Number);
    expect(redeemed + expired + lapsed + active).toBeCloseTo(issued, 6);
    expect(rate).toBeCloseTo(redeemed / issued, 12);
    const earned = ledger.slice(1).filter((line) => line.endsWith(',earn')).reduce((sum, line) => sum + Number(line.split(',')[2]), 0);
    expect(earned).toBeCloseTo(issued, 6);
    const breakage = await runCliInProcess(['breakage', file('points.csv'), '--expiry-months', '24', '--json']);
    expect(breakage.status).toBe(0);
    expect(JSON.parse(breakage.stdout).overall.issued).toBeCloseTo(issued, 6);
  });

  it('needs --program-members and --points-out; --points-out and --points-truth need --points; the program must keep points', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'loyalty-generate-'));
    await expectUsageError([...BASIC, '--points', POINTS, '--points-out', 'p.csv'], /--points: --points needs --program-members/);
    await expectUsageError([...BASIC, ...PROGRAM_ARGS, '--members-out', 'm.csv', '--points', POINTS], /--points-out: --points-out is needed with --points/);
    await expectUsageError([...BASIC, '--points-truth', 't.csv'], /--points-truth: --points-truth is only used with --points/);
    await expectUsageError([...BASIC, ...PROGRAM_ARGS, '--members-out', 'm.csv', '--points', path.resolve('scenarios/programs/discount-5.yaml'), '--points-out', path.join(dir, 'p.csv')], /a discount program keeps no points/);
    await expectUsageError([...BASIC, ...PROGRAM_ARGS, '--members-out', path.join(dir, 'same.csv'), '--points', POINTS, '--points-out', path.join(dir, 'same.csv')], /--points-out: '.*same\.csv' is also the file of --members-out/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
