import { mkdtempSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { REPORT_SCHEMA_VERSION } from '../../src/report/report-model.js';

const REQUIRED_METRICS = [
  'incrementalProfit',
  'roi',
  'marginErosion',
  'subsidyShare',
  'breakageRate',
  'pointsIssued',
  'pointsRedeemed',
  'pointsExpired',
  'pointsOutstanding',
  'liability',
  'paybackMonth',
  'npv',
  'probabilityOfLoss',
];

interface MetricJson {
  mean: number | null;
  mcse: number | null;
  p5: number | null;
  p50: number | null;
  p95: number | null;
}
interface ReportJson {
  schemaVersion: number;
  seed: number;
  iterations: number;
  baseline: Record<string, MetricJson>;
  programs: { name: string; type: string; metrics: Record<string, MetricJson>; world: Record<string, MetricJson>; breakEven: { method: string; covers: Record<string, unknown> } & Record<string, unknown> }[];
}

function runJson(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return runCli(['run', ...args, '--json', '--no-progress']);
}

describe('loyalty-sim run (bundled default scenario)', () => {
  const first = runJson(['--iterations', '40', '--workers', '1']);

  it('prints one JSON report with every program and metric as a distribution', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const report = JSON.parse(first.stdout) as ReportJson;
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(report.seed).toBe(42);
    expect(report.iterations).toBe(40);
    expect(report.programs.map((p) => p.type)).toEqual(['discount', 'bonus']);
    for (const program of report.programs) {
      for (const name of REQUIRED_METRICS) {
        expect(Object.keys(program.metrics[name]).sort(), `${program.name}.${name}`).toEqual(['mcse', 'mean', 'p5', 'p50', 'p95']);
      }
      const m = program.metrics.incrementalProfit;
      expect(m.p5!).toBeLessThanOrEqual(m.p50!);
      expect(m.p50!).toBeLessThanOrEqual(m.p95!);
    }
  });

  it('balances the points: mean issued = mean redeemed + expired + outstanding', () => {
    const bonus = (JSON.parse(first.stdout) as ReportJson).programs[1].metrics;
    expect(bonus.pointsIssued.mean!).toBeGreaterThan(0);
    const balance = bonus.pointsRedeemed.mean! + bonus.pointsExpired.mean! + bonus.pointsOutstanding.mean!;
    expect(balance).toBeCloseTo(bonus.pointsIssued.mean!, 6);
  });

  it('writes a payback that never happens as null, not as a month, beside a probability of payback of 0', () => {
    // Both programs of the bundled sample lose money in every iteration (probability of loss 100%).
    for (const program of (JSON.parse(first.stdout) as ReportJson).programs) {
      expect(program.metrics.probabilityOfLoss.mean).toBe(1);
      expect(program.metrics.probabilityOfPayback.mean).toBe(0);
      expect(program.metrics.paybackMonth).toEqual({ mean: null, mcse: null, p5: null, p50: null, p95: null });
    }
  });

  it('gives the baseline\'s and each program world\'s own figures, whose differences are the incremental ones', () => {
    const report = JSON.parse(first.stdout) as ReportJson;
    expect(Object.keys(report.baseline)).toEqual(['customers', 'purchases', 'revenue', 'grossProfit']);
    for (const program of report.programs) {
      expect(Object.keys(program.world)).toEqual(['customers', 'members', 'purchases', 'revenue', 'grossProfit', 'profit']);
      expect(Object.keys(program.world.revenue).sort()).toEqual(['mcse', 'mean', 'p5', 'p50', 'p95']);
      expect(program.world.customers.mean).toBe(report.baseline.customers.mean);
      expect(program.world.members.mean).toBe(program.metrics.membersAtEnd.mean);
      expect(program.world.revenue.mean! - report.baseline.revenue.mean!).toBeCloseTo(program.metrics.incrementalRevenue.mean!, 6);
      expect(program.world.profit.mean! - report.baseline.grossProfit.mean!).toBeCloseTo(program.metrics.incrementalProfit.mean!, 6);
    }
  });

  it('gives each break-even figure, re-simulated, and what they cover, with the costs of the program files', () => {
    // scenarios/programs/discount-5.yaml and points-5.yaml: setup 5000, perMemberPerYear 1.5, perTransaction 0.02.
    const costs = { setup: 5000, perMemberPerYear: 1.5, perTransaction: 0.02 };
    const [discount, points] = (JSON.parse(first.stdout) as ReportJson).programs;
    for (const program of [discount, points]) {
      expect(program.breakEven.method).toBe('re-simulated');
      expect(Object.keys(program.breakEven)).toEqual(['frequencyUplift', 'spendUplift', 'enrolmentShare', 'method', 'covers']);
    }
    expect(discount.breakEven.covers).toEqual({ discounts: true, pointsPayments: false, rewardCost: false, benefitCost: false, partnerPayments: false, pointsLiability: false, feeRevenue: false, ...costs });
    expect(points.breakEven.covers).toEqual({ discounts: false, pointsPayments: true, rewardCost: false, benefitCost: false, partnerPayments: false, pointsLiability: true, feeRevenue: false, ...costs });
  });

  it('gives byte-identical output for the same seed, whatever the number of workers', () => {
    const again = runJson(['--iterations', '40', '--workers', '2']);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(first.stdout);
  });

  it('gives different output for a different seed (in this process)', async () => {
    const other = await runCliInProcess(['run', '--iterations', '40', '--workers', '1', '--seed', '7', '--json', '--no-progress']);
    expect(other.status).toBe(0);
    expect(other.stdout).not.toBe(first.stdout);
    expect((JSON.parse(other.stdout) as ReportJson).seed).toBe(7);
  });

  it('prints the side-by-side table, with the definitions only with --explain (in this process)', async () => {
    const table = await runCliInProcess(['run', '--iterations', '20', '--no-progress', '--explain']);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('5% off for members');
    expect(table.stdout).toContain('5% back in points');
    expect(table.stdout).toMatch(/Incremental profit/);
    expect(table.stdout).toMatch(/Definitions/);
    expect(table.stdout).toMatch(/Incremental profit: economic: program-world profit/);
    const short = await runCliInProcess(['run', '--iterations', '20', '--no-progress']);
    expect(short.stdout).not.toMatch(/Definitions/);
    expect(short.stdout.split('\n').length).toBeLessThan(table.stdout.split('\n').length - 30);
    expect(table.stdout).toContain('  5% off for members: discounts, setup 5,000, 1.5 per member per year, 0.02 per transaction\n');
  });
});

describe('loyalty-sim run: bad input', () => {
  it('rejects a non-numeric --iterations with exit 2', async () => {
    const result = await runCliInProcess(['run', '--iterations', 'many']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--iterations: 'many' is not a whole number");
  });

  it('names the scenario line of a margin missing for a category in the data', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'loyalty-run-'));
    mkdirSync(path.join(dir, 'data'));
    copyFileSync(new URL('../../scenarios/data/sample-retailer.csv', import.meta.url), path.join(dir, 'data', 'history.csv'));
    const scenario = path.join(dir, 'scenario.yaml');
    writeFileSync(
      scenario,
      [
        'data:',
        '  file: data/history.csv',
        'economics:',
        '  grossMargin:',
        '    grocery: 0.3',
        'iterations: 5',
        'programs:',
        '  - name: five off',
        '    type: discount',
        '    enrolment: { share: 0.5 }',
        '    discount: { percent: 0.05 }',
        '',
      ].join('\n'),
    );
    const result = await runCliInProcess(['run', scenario, '--no-progress']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${scenario}:4:3`);
    expect(result.stderr).toMatch(/no margin for the data's categories/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses figures that overflow a double at the program, not as null figures with exit 0', async () => {
    // 1e308 a member a year is in range on its own; over some 1,600 members it is beyond 1.8e308.
    const dir = mkdtempSync(path.join(tmpdir(), 'loyalty-run-'));
    const scenario = path.join(dir, 'scenario.yaml');
    writeFileSync(
      scenario,
      [
        'population: { customers: 2000, purchasesPerYear: 12, meanTicket: 10 }',
        'economics: { grossMargin: 0.5 }',
        'horizon: 3 months',
        'programs:',
        '  - name: costly',
        '    type: discount',
        '    enrolment: { share: 0.8 }',
        '    costs: { perMemberPerYear: 1e308 }',
        '    discount: { percent: 0.05 }',
        '',
      ].join('\n'),
    );
    const result = await runCliInProcess(['run', scenario, '-n', '2', '--no-progress', '--json']);
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 2, stdout: '' });
    expect(result.stderr.split('\n')[0]).toBe(
      `error: ${scenario}:5:5: programs[0]: the simulated operatingCost of program 'costly' overflowed (iteration 1, month 1): a value is beyond what a number holds (about 1.8e308)`,
    );
  });

  it('reports a missing scenario file with exit 2 (the built CLI)', () => {
    const result = runCli(['run', 'no-such-scenario.yaml']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("cannot read 'no-such-scenario.yaml'");
  });
});
