/**
 * `loyalty-sim optimise` through the built CLI (`npm run build` first), on a toy with an analytic
 * optimum: every customer a member from day 0 of a discount d whose frequency uplift is tied to it,
 * u = c d, no costs, no new customers, one margin m. Members buy (1 + u) times as often in
 * expectation (docs/methods.md section 6) at list price, so by the engine's profit formula
 * (src/metrics/profit.ts: revenue - cost of goods - discounts, against the baseline's revenue -
 * cost of goods) the expected incremental profit is
 *
 *   P(d) = R [(1 + c d)(m - d) - m],   R = the baseline's revenue,
 *
 * maximised at dP/dd = R [c (m - d) - (1 + c d)] = 0: d* = (c m - 1) / (2 c). With m = 0.5 and
 * c = 10, d* = 20%. The discounts given, the program cost, are R d (1 + c d).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const STACK_TRACE = /\bat .*\.js:\d+/;
const MARGIN = 0.5;
const SLOPE = 10;
const OPTIMUM = (SLOPE * MARGIN - 1) / (2 * SLOPE);
const TOLERANCE = 0.01;

const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-optimise-'));
const SCENARIO = path.join(folder, 'toy.yaml');
writeFileSync(
  SCENARIO,
  `name: Discount toy
population:
  customers: 3000
  purchasesPerYear: 12
  meanTicket: 50
  heterogeneity: low
  annualDropout: 0.01
economics:
  grossMargin: ${MARGIN}
horizon: 12 months
iterations: 8
seed: 3
acquisition:
  perMonth: 0
programs:
  - name: Discount
    type: discount
    enrolment:
      share: 1
      at: start
    discount:
      percent: 5%
`,
);

const PERCENT = 'programs[0].discount.percent';
const UPLIFT = 'programs[0].effects.frequencyUplift';
const SEARCH = ['--vary', `${PERCENT}=1%..40%`, '--tie', `${UPLIFT}=${SLOPE}*x`, '--maximise', 'incrementalProfit.mean', '--tolerance', '1%'];

interface Point {
  settings: Record<string, number>;
  objective: { value: number; mcse: number };
  constraints: { condition: string; value: number; holds: boolean }[];
  feasible: boolean;
  round: number;
}
interface OptimiseJson {
  schemaVersion: number;
  rounds: number;
  points: Point[];
  optimum: Point | null;
}

function optimise(args: string[]) {
  return runCli(['optimise', SCENARIO, ...args, '--no-progress']);
}

/** The closed form's shape factor: P(d) / R. */
const shape = (d: number) => (1 + SLOPE * d) * (MARGIN - d) - MARGIN;

describe('optimise: one parameter', () => {
  const result = optimise([...SEARCH, '--format', 'json']);
  const report = JSON.parse(result.stdout) as OptimiseJson;

  it('finds the closed-form optimum within its tolerance', () => {
    expect(result.status, result.stderr).toBe(0);
    expect(report.optimum).not.toBeNull();
    expect(Math.abs(report.optimum!.settings[PERCENT] - OPTIMUM)).toBeLessThanOrEqual(TOLERANCE);
    // The search refined until its grid step was at most the tolerance: neighbours of the optimum that close were evaluated.
    const percents = report.points.map((point) => point.settings[PERCENT]);
    const at = report.optimum!.settings[PERCENT];
    expect(percents.some((d) => d > at && d - at <= TOLERANCE)).toBe(true);
    expect(percents.some((d) => d < at && at - d <= TOLERANCE)).toBe(true);
    expect(report.rounds).toBeGreaterThan(1);
  });

  it('searched a curve of the closed form: P(d) / [(1 + c d)(m - d) - m] is one R everywhere', () => {
    const estimates = report.points.filter((point) => shape(point.settings[PERCENT]) > 0.1).map((point) => point.objective.value / shape(point.settings[PERCENT]));
    const mean = estimates.reduce((sum, r) => sum + r, 0) / estimates.length;
    for (const r of estimates) expect(Math.abs(r / mean - 1)).toBeLessThan(0.02);
    // The tie wrote u = c d at every point, and the objective is the best among them.
    for (const point of report.points) expect(point.settings[UPLIFT]).toBeCloseTo(SLOPE * point.settings[PERCENT], 12);
    expect(Math.max(...report.points.map((point) => point.objective.value))).toBe(report.optimum!.objective.value);
  });

  it('under a budget, finds the largest discount the budget pays for: R d (1 + c d) = budget', () => {
    const atOptimum = report.optimum!;
    const revenue = atOptimum.objective.value / shape(atOptimum.settings[PERCENT]);
    const budget = 0.2 * revenue;
    // d (1 + c d) = 0.2: d = (sqrt(1 + 0.8 c) - 1) / (2 c) = 10% for c = 10.
    const expected = (Math.sqrt(1 + 4 * SLOPE * 0.2) - 1) / (2 * SLOPE);
    const constrained = optimise([...SEARCH, '--subject-to', `programCost.mean<=${budget.toFixed(0)}`, '--format', 'json']);
    expect(constrained.status, constrained.stderr).toBe(0);
    const found = JSON.parse(constrained.stdout) as OptimiseJson;
    expect(Math.abs(found.optimum!.settings[PERCENT] - expected)).toBeLessThanOrEqual(TOLERANCE);
    for (const point of found.points) {
      expect(point.feasible).toBe(point.constraints[0].value <= Number(budget.toFixed(0)));
      if (point.feasible) expect(point.objective.value).toBeLessThanOrEqual(found.optimum!.objective.value);
    }
    // A point evaluated in both searches has the same figures: the same random numbers whatever else is simulated.
    const shared = found.points.find((point) => report.points.some((other) => other.settings[PERCENT] === point.settings[PERCENT]))!;
    expect(shared.objective).toEqual(report.points.find((other) => other.settings[PERCENT] === shared.settings[PERCENT])!.objective);
  });

  it('prints the curve and the optimum as a table', () => {
    const table = optimise([...SEARCH, '--subject-to', 'probabilityOfLoss.mean<=0.2']);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/incrementalProfit\.mean/);
    expect(table.stdout).toMatch(/probabilityOfLoss\.mean<=0\.2/);
    expect(table.stdout).toMatch(/<- best/);
    expect(table.stdout).toMatch(/Best: programs\[0\]\.discount\.percent = \d+\.\d%, programs\[0\]\.effects\.frequencyUplift = [\d.]+, within ±1\.0%: incrementalProfit\.mean = [\d,]+ \(MCSE [\d,.]+\)/);
  });

  it('exits 1 when no setting meets the constraints', () => {
    const none = optimise([...SEARCH, '--subject-to', 'roi.mean>=1000']);
    expect(none.status).toBe(1);
    expect(none.stdout).toMatch(/No setting in the range meets the constraints/);
  });
});

describe('optimise: two parameters', () => {
  it('finds the discount of the closed form and the largest enrolment share (profit is linear in it)', () => {
    const result = optimise([
      '--vary', `${PERCENT}=1%..40%`,
      '--vary', 'programs[0].enrolment.share=0.2..1',
      '--tie', `${UPLIFT}=${SLOPE}*x`,
      '--maximise', 'incrementalProfit.mean',
      '--tolerance', '2%,0.2',
      '--format', 'json',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as OptimiseJson;
    expect(report.optimum!.settings['programs[0].enrolment.share']).toBe(1);
    expect(Math.abs(report.optimum!.settings[PERCENT] - OPTIMUM)).toBeLessThanOrEqual(0.02);
  });
});

describe('optimise: bad input exits 2 before anything is simulated', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown metric', ['--vary', `${PERCENT}=1%..40%`, '--maximise', 'incrementalProfits.mean'], /--maximise: unknown metric 'incrementalProfits' \(did you mean 'incrementalProfit'\?\)/],
    ['an unknown statistic', ['--vary', `${PERCENT}=1%..40%`, '--maximise', 'incrementalProfit.median'], /unknown statistic 'median' \(did you mean 'p50'\?\)/],
    ['a bad operator', ['--vary', `${PERCENT}=1%..40%`, '--maximise', 'npv.mean', '--subject-to', 'roi.p5=>0'], /--subject-to: '=>' in 'roi\.p5=>0' is not a comparison operator/],
    ['no objective', ['--vary', `${PERCENT}=1%..40%`], /--maximise: no objective/],
    ['a list instead of a range', ['--vary', `${PERCENT}=1%,2%`, '--maximise', 'npv.mean'], /'1%,2%' is not a range FROM\.\.TO/],
    ['a step', ['--vary', `${PERCENT}=1%..40% by 1%`, '--maximise', 'npv.mean'], /optimise chooses its own points; leave out 'by'/],
    ['three parameters', ['--vary', `${PERCENT}=1%..40%`, '--vary', 'programs[0].enrolment.share=0.2..1', '--vary', 'programs[0].costs.setup=0..10', '--maximise', 'npv.mean'], /3 parameters: optimise searches one or two/],
    ['a misspelt path', ['--vary', 'programs[0].discount.prcent=1%..40%', '--maximise', 'npv.mean'], /programs\[0\]\.discount has no key 'prcent' \(did you mean 'percent'\?\)/],
    ['a bad tolerance', [...SEARCH.slice(0, -2), '--tolerance', '0'], /--tolerance: the tolerance must be above 0/],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const result = optimise(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(result.stdout).toBe('');
    });
  }
});
