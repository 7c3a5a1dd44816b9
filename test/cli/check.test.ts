/**
 * `loyalty-sim check` through the built CLI (`npm run build` first): verdicts and exit codes,
 * the JUnit file parsed back and its figures against `run --json` of the same run, bad
 * expressions and YAML guardrails located, exit 2 before any simulation.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const folder = mkdtempSync(path.join(os.tmpdir(), 'loyalty-check-'));

/** A quick scenario: a population, a discount and a points program, 20 iterations. */
const SCENARIO = `name: Guardrail test
population:
  customers: 300
  purchasesPerYear: 12
  meanTicket: 20
economics:
  grossMargin: 0.4
horizon: 6 months
iterations: 20
seed: 5
programs:
  - name: Discount
    type: discount
    enrolment: { share: 50% }
    discount: { percent: 5% }
  - name: Points
    type: bonus
    enrolment: { share: 50% }
    points: { earnRate: 1, minimumToRedeem: 100, faceValue: 0.05 }
    redemption: { form: till, probability: 0.6, neverRedeemShare: 0.3 }
`;

function scenarioFile(name: string, text: string): string {
  const file = path.join(folder, name);
  writeFileSync(file, text);
  return file;
}

const plain = scenarioFile('plain.yaml', SCENARIO);
/** Both programs: fewer members enrolled than customers; the discount gives away at most 5% of revenue. */
const withGuardrails = scenarioFile(
  'guarded.yaml',
  `${SCENARIO}guardrails:
  - { program: "*", metric: membersEnrolled, stat: mean, max: 300 }
  - { program: Discount, metric: subsidyShare, stat: p95, max: 100% }
  - { metric: breakageRate, stat: p50, min: 0, max: 1 }
`,
);

const check = (...args: string[]) => runCli(['check', ...args, '--no-progress'], { cwd: ROOT });

interface MetricJson {
  mean: number | null;
  mcse: number | null;
  p5: number | null;
  p50: number | null;
  p95: number | null;
}
const report = JSON.parse(runCli(['run', plain, '--json', '--no-progress', '--break-even', 'first-order']).stdout) as {
  programs: { name: string; metrics: Record<string, MetricJson> }[];
};
const figure = (program: string, metric: string, stat: keyof MetricJson) => report.programs.find((p) => p.name === program)!.metrics[metric][stat];

interface JunitCase {
  classname: string;
  name: string;
  properties: { property: { name: string; value: string | number }[] };
  failure?: { message: string; type: string };
  skipped?: { message: string };
  'system-out': string;
}
interface Junit {
  testsuites: { tests: number; failures: number; skipped: number; testsuite: { name: string; tests: number; failures: number; skipped: number; testcase: JunitCase[] } };
}

function readJunit(file: string): Junit {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: true, isArray: (name) => name === 'testcase' || name === 'property' });
  return parser.parse(readFileSync(file, 'utf8')) as Junit;
}
const propertyOf = (testcase: JunitCase, name: string) => testcase.properties.property.find((p) => p.name === name)!.value;

describe('check: verdicts and exit codes', () => {
  it('guardrails that hold: exit 0, one JUnit test case per guardrail and program, the figures those of run --json', () => {
    const junit = path.join(folder, 'pass.xml');
    const result = check(withGuardrails, '--require', 'programs["Points"].pointsIssued.p5 > 0', '--junit', junit);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const suite = readJunit(junit).testsuites.testsuite;
    // guardrails[0] on 2 programs, guardrails[1] on 1, guardrails[2] on 2 (n/a for the discount), --require on 1.
    expect(suite).toMatchObject({ name: 'Guardrail test', tests: 6, failures: 0, skipped: 1 });
    expect(suite.testcase.map((c) => `${c.classname} | ${c.name}`)).toEqual([
      'Discount | membersEnrolled.mean <= 300 (Discount)',
      'Points | membersEnrolled.mean <= 300 (Points)',
      'Discount | programs["Discount"].subsidyShare.p95 <= 1 (Discount)',
      'Discount | breakageRate.p50 >= 0 and <= 1 (Discount)',
      'Points | breakageRate.p50 >= 0 and <= 1 (Points)',
      'Points | programs["Points"].pointsIssued.p5 > 0 (Points)',
    ]);
    expect(suite.testcase[3].skipped?.message).toBe('the median of breakageRate does not apply to this program (no iteration gives it a value)');
    // The same seed and iterations as run: the same figures, and the MCSE of a mean is the report's.
    const enrolled = suite.testcase[0];
    expect(propertyOf(enrolled, 'value')).toBe(figure('Discount', 'membersEnrolled', 'mean'));
    expect(propertyOf(enrolled, 'mcse')).toBe(figure('Discount', 'membersEnrolled', 'mcse'));
    expect(propertyOf(suite.testcase[4], 'value')).toBe(figure('Points', 'breakageRate', 'p50'));
    // The MCSE of a percentile: positive and well inside the spread of the outcomes.
    const issuedMcse = propertyOf(suite.testcase[5], 'mcse') as number;
    expect(propertyOf(suite.testcase[5], 'value')).toBe(figure('Points', 'pointsIssued', 'p5'));
    expect(issuedMcse).toBeGreaterThan(0);
    expect(issuedMcse).toBeLessThan((figure('Points', 'pointsIssued', 'p95')! - figure('Points', 'pointsIssued', 'p5')!) / 2);
    expect(result.stdout).toMatch(/^Guardrails of 'Guardrail test' \(guarded\.yaml\), 20 iterations, seed 5:\n/);
    expect(result.stdout).toContain('6 checks: 5 passed, 0 failed, 1 not applicable. All guardrails hold.\n');
  });

  it('a guardrail that fails: exit 1, a failure element with the verdict in plain words', () => {
    const junit = path.join(folder, 'fail.xml');
    const members = figure('Points', 'membersEnrolled', 'mean')!;
    const result = check(plain, '--require', `membersEnrolled.mean >= ${Math.ceil(members * 2)}`, '--require', 'npv.mean > -1e9', '--junit', junit);
    expect(result.status).toBe(1);
    const parsed = readJunit(junit).testsuites;
    expect(parsed).toMatchObject({ tests: 4, failures: 2 });
    const [discount, points, ...passing] = parsed.testsuite.testcase;
    expect(discount.failure?.type).toBe('guardrail failed');
    expect(points.failure?.message).toMatch(/^the mean of membersEnrolled is [\d,]+ \(MCSE [\d.]+\), [\d.]+ MCSE below the minimum [\d,]+$/);
    expect(propertyOf(points, 'verdict')).toBe('fail');
    expect(passing.every((c) => c.failure === undefined && propertyOf(c, 'verdict') === 'pass')).toBe(true);
    expect(result.stdout).toContain('4 checks: 2 passed, 2 failed. Some guardrails do not hold.\n');
  });

  it('a figure within 2 MCSE of its bound is too close to call: a warning, a failure with --strict', () => {
    const mean = figure('Points', 'incrementalProfit', 'mean')!;
    const mcse = figure('Points', 'incrementalProfit', 'mcse')!;
    const condition = `programs[1].incrementalProfit.mean >= ${mean + mcse}`;
    const warned = check(plain, '--require', condition, '--format', 'json');
    expect(warned.status).toBe(0);
    const document = JSON.parse(warned.stdout);
    expect(document).toMatchObject({ schemaVersion: 1, strict: false, passed: true, counts: { pass: 0, fail: 0, tooClose: 1, notApplicable: 0 } });
    expect(document.verdicts[0]).toMatchObject({ program: 'Points', verdict: 'too-close', value: mean, mcse });
    expect(document.verdicts[0].marginInMcse).toBeCloseTo(1, 6);
    expect(document.verdicts[0].message).toMatch(/1\.0 MCSE below the minimum .*: within 2 MCSE, too close to call with 20 iterations; more iterations would tell$/);

    const junit = path.join(folder, 'strict.xml');
    const strict = check(plain, '--require', condition, '--strict', '--junit', junit);
    expect(strict.status).toBe(1);
    expect(readJunit(junit).testsuites.testsuite.testcase[0].failure?.type).toBe('too close to call');
  });

  it('the same seed gives the same JUnit file byte for byte with 1 or 3 workers', () => {
    const one = path.join(folder, 'one.xml');
    const three = path.join(folder, 'three.xml');
    expect(check(withGuardrails, '--workers', '1', '--junit', one).status).toBe(0);
    expect(check(withGuardrails, '--workers', '3', '--junit', three).status).toBe(0);
    expect(readFileSync(three, 'utf8')).toBe(readFileSync(one, 'utf8'));
  });
});

describe('check: bad input exits 2 before any simulation', () => {
  it.each([
    ['unknown metric', 'roii.p5>=0', "error: --require: unknown metric 'roii' (did you mean 'roi'?)\n"],
    ['unknown statistic', 'roi.p05>=0', "error: --require: unknown statistic 'p05' (did you mean 'p5'?)\n"],
    ['bad operator', 'roi.p5=>0', "error: --require: '=>' in 'roi.p5=>0' is not a comparison operator\n  Use >=, <=, >, <.\n"],
    ['bound not a number', 'roi.p5>=zero', "error: --require: 'zero' in 'roi.p5>=zero' is not a finite number\n  Give the bound as a number such as 0, -2500, 0.4 or 40%.\n"],
    ['unknown program', 'programs["Pionts"].roi.p5>=0', "error: --require: no program is named 'Pionts' (did you mean 'Points'?)\n  The scenario's programs are: 'Discount', 'Points'.\n"],
  ])('%s', (_case, condition, expected) => {
    const junit = path.join(folder, 'never.xml');
    const result = check(plain, '--require', condition, '--junit', junit);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(expected);
    expect(existsSync(junit)).toBe(false);
  });

  it('a typo in a YAML guardrail is located at its line and column; validate reports it too', () => {
    const typo = scenarioFile('typo.yaml', `${SCENARIO}guardrails:\n  - { metric: roi, stat: p5, min: 0 }\n  - metric: breakageRaet\n    stat: p50\n    max: 0.4\n`);
    const expected = `${typo}:23:13: guardrails[1].metric: unknown metric 'breakageRaet' (did you mean 'breakageRate'?)\n`;
    const checked = check(typo);
    expect(checked.status).toBe(2);
    expect(checked.stderr).toBe(`error: ${expected}`);
    const validated = runCli(['validate', typo]);
    expect(validated.status).toBe(2);
    expect(validated.stderr).toBe(`error: ${expected}`);
    expect(runCli(['validate', '--no-data', typo]).stderr).toBe(`error: ${expected}`);
  });

  it('a guardrail without a bound, and an unknown key in one, are located by the schema', () => {
    const file = scenarioFile('unbounded.yaml', `${SCENARIO}guardrails:\n  - { metric: roi, stat: p5 }\n  - { metric: roi, stat: p5, mni: 0 }\n`);
    const result = check(file);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `error: ${file}:22:5: guardrails[0]: a guardrail needs a bound: give min, max or both\n` +
        `  ${file}:23:5: guardrails[1]: a guardrail needs a bound: give min, max or both\n` +
        `  ${file}:23:30: guardrails[1]: unknown key 'mni' (did you mean 'min'?)\n  3 problems in total\n`,
    );
  });

  it('a scenario without guardrails and no --require: nothing to check', () => {
    const result = check(plain);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `error: ${plain}: the scenario has no guardrails and no --require was given: there is nothing to check\n` +
        "  Add a guardrails: list to the scenario (e.g. - { metric: roi, stat: p5, min: 0 }) or give --require 'roi.p5>=0'.\n",
    );
  });

  it('a bad --format or --iterations names the flag', () => {
    expect(check(plain, '--require', 'roi.p5>=0', '--format', 'xml').stderr).toBe("error: --format: 'xml' is not a format of this command\n  Use table, json, junit.\n");
    expect(check(plain, '--require', 'roi.p5>=0', '--format', 'jnuit').stderr).toBe("error: --format: 'jnuit' is not a format of this command\n  Did you mean 'junit'? Use table, json, junit.\n");
    expect(check(plain, '--require', 'roi.p5>=0', '--iterations', '0').stderr).toBe("error: --iterations: '0' is not a whole number from 1 to 1000000\n");
  });
});

describe('schema', () => {
  it('prints the published JSON Schema, the text of validate --print-schema and of scenarios/', () => {
    for (const kind of ['scenario', 'program', 'report']) {
      const printed = runCli(['schema', kind]);
      expect(printed.status).toBe(0);
      expect(printed.stdout).toBe(runCli(['validate', '--print-schema', kind]).stdout);
      expect(printed.stdout).toBe(readFileSync(path.join(ROOT, 'scenarios', `${kind}.schema.json`), 'utf8'));
    }
    expect(runCli(['schema']).stdout).toBe(runCli(['schema', 'scenario']).stdout);
    expect(JSON.parse(runCli(['schema']).stdout).properties.guardrails.type).toBe('array');
  });

  it('an unknown kind: exit 2 with a did-you-mean', () => {
    const result = runCli(['schema', 'programm']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("error: schema kind: unknown schema 'programm' (did you mean 'program'?)\n  Use scenario, program or report.\n");
  });
});
