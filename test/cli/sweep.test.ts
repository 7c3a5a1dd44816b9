/**
 * `loyalty-sim sweep` through the built CLI (`npm run build` first): a 2 x 2 grid whose ordering is
 * known (a higher earn rate issues more points and costs more, at every enrolment share, on common
 * random numbers), every grid point's figures equal to a `run` of the scenario with the values typed
 * into its files, the output the same for any number of workers, and bad settings refused with
 * exit 2 before anything is simulated.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const STACK_TRACE = /\bat .*\.js:\d+/;
const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-sweep-'));

/** The points program, in its own file, with its earn rate and enrolment share as given. */
function pointsProgram(earnRate: string, share: string, frequencyUplift = 'pert(0, 0.03, 0.1)'): string {
  return `name: Points
type: bonus
enrolment:
  share: ${share}
effects:
  frequencyUplift: ${frequencyUplift}
costs:
  perTransaction: 0.02
points:
  earnRate: ${earnRate}
  minimumToRedeem: 100
  faceValue: 0.01
redemption:
  form: till
  probability: uniform(0.4, 0.8)
`;
}

function scenario(programFile: string): string {
  return `name: Sweep toy
population:
  customers: 600
  purchasesPerYear: 12
  meanTicket: 40
economics:
  grossMargin: 0.35
horizon: 6 months
iterations: 6
seed: 11
acquisition:
  perMonth: 10
programs:
  - file: ${programFile}
  - name: Five off
    type: discount
    effects:
      frequencyUplift: uniform(0, 0.05)
    discount:
      percent: 5%
`;
}

/** A scenario and its points program file in their own folder; returns the scenario's path. */
function writeScenario(name: string, earnRate: string, share: string, frequencyUplift?: string): string {
  const dir = mkdtempSync(path.join(folder, `${name}-`));
  writeFileSync(path.join(dir, 'points.yaml'), pointsProgram(earnRate, share, frequencyUplift));
  const file = path.join(dir, 'scenario.yaml');
  writeFileSync(file, scenario('points.yaml'));
  return file;
}

const SCENARIO = writeScenario('base', '4', 'triangular(0.3, 0.5, 0.7)');

interface SweepJson {
  schemaVersion: number;
  settings: { path: string; values: unknown[] }[];
  worldsSimulated: number;
  points: { settings: Record<string, unknown>; programs: { name: string; type: string; metrics: Record<string, { mean: number | null }> }[] }[];
}

function sweep(args: string[]) {
  return runCli(['sweep', SCENARIO, ...args, '--no-progress']);
}

const EARN = 'programs["Points"].points.earnRate=2,6';
const SHARE = 'programs[0].enrolment.share=40%,80%';

describe('sweep: a 2 x 2 grid', () => {
  const result = sweep(['--set', EARN, '--set', SHARE, '--format', 'json', '--workers', '2']);
  const report = JSON.parse(result.stdout) as SweepJson;

  it('has every combination, the last setting varying fastest, with the values as typed', () => {
    expect(result.status, result.stderr).toBe(0);
    expect(report.points.map((point) => Object.values(point.settings))).toEqual([
      [2, '40%'],
      [2, '80%'],
      [6, '40%'],
      [6, '80%'],
    ]);
    // The baseline once, the points program at each of the 4 points, the unchanged discount once.
    expect(report.worldsSimulated).toBe(6);
  });

  it('orders the points cost by the earn rate at each share, on the same random numbers', () => {
    const points = (i: number) => report.points[i].programs[0].metrics;
    for (const [low, high] of [
      [0, 2],
      [1, 3],
    ]) {
      // Floor rounding of points per purchase: triple the rate gives at least triple the points less one a purchase.
      expect(points(high).pointsIssued.mean!).toBeGreaterThan(2.5 * points(low).pointsIssued.mean!);
      expect(points(high).programCost.mean!).toBeGreaterThan(points(low).programCost.mean!);
      expect(points(high).incrementalProfit.mean!).toBeLessThan(points(low).incrementalProfit.mean!);
    }
    // More members at the higher share, at either earn rate.
    expect(points(1).membersEnrolled.mean!).toBeGreaterThan(points(0).membersEnrolled.mean!);
    // The unchanged discount has the same figures at every point.
    const discount = report.points.map((point) => JSON.stringify(point.programs[1].metrics));
    expect(new Set(discount).size).toBe(1);
  });

  it('gives at each point the figures of a run with the values typed into the files, byte for byte', () => {
    const values: [string, string][] = [
      ['2', '40%'],
      ['2', '80%'],
      ['6', '40%'],
      ['6', '80%'],
    ];
    values.forEach(([earnRate, share], i) => {
      const file = writeScenario(`point-${i}`, earnRate, share);
      const run = runCli(['run', file, '--json', '--no-progress', '--break-even', 'first-order', '--workers', '1']);
      expect(run.status, run.stderr).toBe(0);
      const runReport = JSON.parse(run.stdout) as { programs: { metrics: unknown }[] };
      const sweepText = JSON.stringify(report.points[i].programs.map((program) => program.metrics), null, 2);
      expect(sweepText).toBe(JSON.stringify(runReport.programs.map((program) => program.metrics), null, 2));
    });
  });

  it('is the same, byte for byte, on one worker thread', () => {
    const single = sweep(['--set', EARN, '--set', SHARE, '--format', 'json', '--workers', '1']);
    expect(single.stdout).toBe(result.stdout);
  });

  it('as a Markdown table: a row per point and program with the settings as typed and the JSON figures formatted', () => {
    const md = sweep(['--set', EARN, '--set', SHARE, '--format', 'md', '--workers', '1']);
    expect(md.status, md.stderr).toBe(0);
    const rows = md.stdout.split('\n').filter((line) => line.startsWith('| '));
    // The head, its alignment row, and 4 points x 2 programs.
    expect(rows).toHaveLength(2 + 8);
    expect(rows[0]).toBe(
      '| `programs["Points"].points.earnRate` | `programs[0].enrolment.share` | Program | Incremental profit, mean | P5 | P95 | Program cost | ROI | Probability of loss | Payback month | Margin erosion |',
    );
    const cells = (row: string) => row.slice(2, -2).split(' | ');
    const first = cells(rows[2]);
    const figures = report.points[0].programs[0];
    expect(first.slice(0, 3)).toEqual(['2', '40%', figures.name]);
    expect(first[3]).toBe(Math.round(figures.metrics.incrementalProfit.mean!).toLocaleString('en-US'));
    expect(md.stdout.split('\n')[0]).toMatch(/: a sweep of 4 grid points$/);
  });
});

describe('sweep: values', () => {
  it('replaces a distribution by a number and a number by a distribution as a run of the edited file does', () => {
    const result = sweep(['--set', 'programs[0].effects.frequencyUplift=0.02,uniform(0.05, 0.1)', '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as SweepJson;
    ['0.02', 'uniform(0.05, 0.1)'].forEach((uplift, i) => {
      const file = writeScenario(`uplift-${i}`, '4', 'triangular(0.3, 0.5, 0.7)', uplift);
      const run = JSON.parse(runCli(['run', file, '--json', '--no-progress', '--break-even', 'first-order']).stdout) as { programs: { metrics: unknown }[] };
      expect(JSON.stringify(report.points[i].programs[0].metrics)).toBe(JSON.stringify(run.programs[0].metrics));
    });
  });

  it('expands a range with its step exactly, and writes CSV rows per point and program', () => {
    const result = sweep(['--set', 'programs[1].discount.percent=0.1..0.3 by 0.1', '--format', 'csv']);
    expect(result.status, result.stderr).toBe(0);
    const rows = parseCsv(result.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row['programs[1].discount.percent'])).toEqual(['0.1', '0.1', '0.2', '0.2', '0.3', '0.3']);
    expect(rows.map((row) => row.program)).toEqual(['Points', 'Five off', 'Points', 'Five off', 'Points', 'Five off']);
    // The discount given grows with the percent (margin erosion), the points program stays as it is.
    const erosion = rows.filter((row) => row.program === 'Five off').map((row) => Number(row.marginErosion_mean));
    expect(erosion[1]).toBeGreaterThan(erosion[0]);
    expect(erosion[2]).toBeGreaterThan(erosion[1]);
    expect(new Set(rows.filter((row) => row.program === 'Points').map((row) => row.incrementalProfit_mean)).size).toBe(1);
  });

  it('says on stderr what it read, as run does, unless --no-progress', () => {
    const result = runCli(['sweep', SCENARIO, '--set', 'programs[1].discount.percent=2%', '--format', 'json']);
    const run = runCli(['run', SCENARIO, '--json', '--break-even', 'first-order']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^population: 600 customers; BG\/NBD/);
    expect(result.stderr).toBe(run.stderr);
  });

  it('writes the table to a file atomically with -o', () => {
    const out = path.join(folder, 'sweep.txt');
    const result = sweep(['--set', 'programs[1].discount.percent=2%,4%', '-o', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('discount.percent');
    expect(text).toMatch(/│\s+4% │ Five off/);
  });
});

describe('sweep: bad settings exit 2 before anything is simulated', () => {
  const cases: [string, string[], RegExp][] = [
    ['a misspelt key', ['--set', 'programs[0].points.earnRat=2,3'], /--set: 'programs\[0\]\.points\.earnRat': programs\[0\]\.points has no key 'earnRat' \(did you mean 'earnRate'\?\)/],
    ['a misspelt program name', ['--set', 'programs["Pionts"].points.earnRate=2,3'], /no program named "Pionts" \(did you mean 'Points'\?\)/],
    ['a program index out of range', ['--set', 'programs[2].discount.percent=1%'], /has no program 2; it has 2 \(0: "Points", 1: "Five off"\)/],
    ['a key of another program type', ['--set', 'programs[1].points.earnRate=2'], /a discount program has no key 'points'/],
    ['a mapping instead of a value', ['--set', 'programs[0].points=2'], /programs\[0\]\.points is a mapping, not a value/],
    ['a setting of the baseline', ['--set', 'economics.grossMargin=0.3,0.4'], /only program settings can be varied; 'economics' changes the baseline world/],
    ['a range without a step', ['--set', 'programs[0].points.earnRate=2..6'], /give the range's step, e\.g\. '2\.\.6 by 1'/],
    ['a falling range', ['--set', 'programs[0].points.earnRate=6..2 by 1'], /the range must rise/],
    ['a mixed range', ['--set', 'programs[1].discount.percent=1%..0.1 by 1%'], /write all of the range as percentages or none of it/],
    ['no values', ['--set', 'programs[0].points.earnRate'], /is not PATH=VALUES/],
    ['the same key twice', ['--set', EARN, '--set', 'programs[0].points.earnRate=3'], /sets the same key as/],
    ['a formula that is not linear', ['--set', EARN, '--tie', 'programs[0].effects.frequencyUplift=x*x'], /is not a linear formula in x/],
    ['a bad format', ['--set', EARN, '--format', 'xml'], /--format: 'xml' is not a format/],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}`, () => {
      const result = sweep(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(result.stdout).toBe('');
    });
  }

  it('locates a value the schema refuses at the key of the program file and names the grid point', () => {
    const out = path.join(folder, 'never.json');
    const result = sweep(['--set', 'programs[0].points.earnRate=2,-1', '--format', 'json', '-o', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/points\.yaml:10:\d+: points\.earnRate: must not be negative, got -1 \(with programs\[0\]\.points\.earnRate=-1\)/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(out)).toBe(false);
  });
});
