import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const ROOT = path.resolve('.');
const DISCOUNT = path.join(ROOT, 'scenarios/programs/discount-5.yaml');
const POINTS = path.join(ROOT, 'scenarios/programs/points-5.yaml');
const SAMPLE = path.join(ROOT, 'scenarios/data/sample-retailer.csv');
const FAST = ['--iterations', '12', '--break-even', 'first-order', '--no-progress'];

interface ReportJson {
  seed: number;
  iterations: number;
  horizon: string;
  currency: string;
  customers: number;
  baseline: unknown;
  programs: { name: string; type: string; metrics: unknown; world: unknown; breakEven: unknown; points?: unknown }[];
}

/** The figures of a report: everything but the names of the scenario and its files. */
function figures(report: ReportJson) {
  return {
    seed: report.seed,
    iterations: report.iterations,
    horizon: report.horizon,
    currency: report.currency,
    customers: report.customers,
    baseline: report.baseline,
    programs: report.programs.map(({ name, type, metrics, world, breakEven, points }) => ({ name, type, metrics, world, breakEven, points })),
  };
}

function folder(): string {
  return mkdtempSync(path.join(tmpdir(), 'compare-'));
}

describe('compare', () => {
  it('gives the figures of run on the bundled scenario listing the same programs and data, byte for byte', () => {
    // scenarios/default.yaml: the two bundled programs on the sample data, margins from the data, 12 months, EUR.
    const scenario = path.join(ROOT, 'scenarios/default.yaml');
    const run = runCli(['run', scenario, '--json', '--workers', '1', ...FAST]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const compare = runCli(['compare', DISCOUNT, POINTS, '--data', SAMPLE, '--currency', 'EUR', '--json', '--workers', '1', ...FAST]);
    expect(compare.stderr).toBe('');
    expect(compare.status).toBe(0);
    const fromRun = figures(JSON.parse(run.stdout) as ReportJson);
    const fromCompare = figures(JSON.parse(compare.stdout) as ReportJson);
    expect(fromCompare.programs.map((p) => p.name)).toEqual(['5% off for members', '5% back in points']);
    expect(JSON.stringify(fromCompare)).toBe(JSON.stringify(fromRun));
    // The same figures with two workers: the output does not depend on how iterations are split.
    const twoWorkers = runCli(['compare', DISCOUNT, POINTS, '--data', SAMPLE, '--currency', 'EUR', '--json', '--workers', '2', ...FAST]);
    expect(twoWorkers.stdout).toBe(compare.stdout);
    // The report names the programs compared when no --name is given.
    expect((JSON.parse(compare.stdout) as { scenario: string }).scenario).toBe('5% off for members vs 5% back in points');
  });

  it('takes the ingest options and the horizon as run takes them from a data block', () => {
    const dir = folder();
    // The sample with renamed columns: mapped with --columns, the same figures as the original over 6 months.
    const renamed = path.join(dir, 'renamed.csv');
    const text = readFileSync(SAMPLE, 'utf8');
    writeFileSync(renamed, text.replace(/^customer_id,date,/, 'Kunde;Datum;').replace(/,/g, ';').replace(/^Kunde;Datum;amount;category;margin/, 'Kunde;Datum;Betrag;category;margin'));
    const args = ['--horizon', '6 months', '--json', '--workers', '1', ...FAST];
    const original = runCli(['compare', DISCOUNT, '--data', SAMPLE, ...args]);
    const mapped = runCli(['compare', DISCOUNT, '--data', renamed, '--columns', 'customer=Kunde,date=Datum,amount=Betrag', ...args]);
    expect(mapped.stderr).toBe('');
    const a = figures(JSON.parse(original.stdout) as ReportJson);
    expect(a.horizon).toBe('6 months');
    expect(JSON.stringify(figures(JSON.parse(mapped.stdout) as ReportJson))).toBe(JSON.stringify(a));
  });

  it('asks for the gross margin at --gross-margin when the data has no margin column, and takes it from there', () => {
    const dir = folder();
    const noMargin = path.join(dir, 'no-margin.csv');
    writeFileSync(
      noMargin,
      readFileSync(SAMPLE, 'utf8')
        .split('\n')
        .map((line) => line.split(',').slice(0, 3).join(','))
        .join('\n'),
    );
    const refused = runCli(['compare', DISCOUNT, '--data', noMargin, ...FAST]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^error: --gross-margin: the data has no margin or cost column/);
    expect(refused.stderr).toContain('--gross-margin 30%');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const given = runCli(['compare', DISCOUNT, '--data', noMargin, '--gross-margin', '30%', '--json', ...FAST]);
    expect(given.stderr).toBe('');
    expect(given.status).toBe(0);
    // Margin erosion = discounts / baseline gross profit, and the baseline gross profit is 30% of its revenue.
    const report = JSON.parse(given.stdout) as { baseline: Record<string, { mean: number }> };
    expect(report.baseline.grossProfit.mean / report.baseline.revenue.mean).toBeCloseTo(0.3, 9);
  });

  it('reports a problem with a setting at its option, and one in a program file in that file', () => {
    const dir = folder();
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(DISCOUNT, 'utf8').replace('percent: 5%', 'percent: 500%'));
    const line = readFileSync(bad, 'utf8').split('\n').findIndex((l) => l.includes('500%')) + 1;
    const inProgram = runCli(['compare', bad, '--data', SAMPLE, ...FAST]);
    expect(inProgram.status).toBe(2);
    expect(inProgram.stderr).toContain(`${bad}:${line}:12: discount.percent: 500% is over 100%`);

    const horizon = runCli(['compare', DISCOUNT, '--data', SAMPLE, '--horizon', '3 parsecs', ...FAST]);
    expect(horizon.status).toBe(2);
    expect(horizon.stderr).toMatch(/^error: --horizon: unknown unit 'parsecs'/);

    const margin = runCli(['compare', DISCOUNT, '--data', SAMPLE, '--gross-margin', '130%', ...FAST]);
    expect(margin.status).toBe(2);
    expect(margin.stderr).toMatch(/^error: --gross-margin: 130% is over 100%/);

    const missing = runCli(['compare', DISCOUNT, path.join(dir, 'nope.yaml'), '--data', SAMPLE, ...FAST]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`program file '${path.join(dir, 'nope.yaml')}' not found`);

    const noData = runCli(['compare', DISCOUNT, ...FAST]);
    expect(noData.status).toBe(2);
    expect(noData.stderr).toMatch(/^error: --data: no purchase history given/);

    const badRow = runCli(['compare', DISCOUNT, '--data', SAMPLE, '--on-bad-row', 'ignore', ...FAST]);
    expect(badRow.status).toBe(2);
    expect(badRow.stderr).toMatch(/^error: --on-bad-row: 'ignore' is not an action/);
    for (const result of [inProgram, horizon, margin, missing, noData, badRow]) expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
