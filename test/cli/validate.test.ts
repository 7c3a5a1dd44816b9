import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGRAM_TYPES } from '../../src/config/program-schema.js';
import { runCli } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const fixture = (name: string) => path.join('test/config/fixtures', name);
/** Runs the CLI's entry in this process from the repository root, so that messages name files as they were typed. */
const validate = (...args: string[]) => runCliInProcess(['validate', ...args]);
/** The built CLI (`npm run build` first), run from the repository root as a user would. */
const validateBuilt = (...args: string[]) => runCli(['validate', ...args], { cwd: ROOT });

describe('loyalty-sim validate, bad files: exit 2, file:line:column, no stack trace', () => {
  it.each([
    ['unknown key, with did-you-mean', 'unknown-key.yaml', "unknown-key.yaml:7:1: unknown key 'iteratons' (did you mean 'iterations'?)"],
    ['wrong type', 'wrong-type.yaml', "wrong-type.yaml:7:13: iterations: expected a number, got 'many'"],
    ['negative rate', 'negative-rate.yaml', 'negative-rate.yaml:11:16: programs[0].discount.percent: must not be negative, got -0.05'],
    ['percent over 100', 'percent-over-100.yaml', 'percent-over-100.yaml:11:14: programs[0].enrolment.share: 150% is over 100%'],
    ['distribution with min > max', 'min-above-max.yaml', 'min-above-max.yaml:11:24: programs[0].effects.frequencyUplift: min (0.1) must be below max (0.05)'],
    [
      'ladder not ascending',
      'ladder-not-ascending.yaml',
      "ladder-not-ascending.yaml:13:20: programs[0].discount.ladder[1].spend: ladder thresholds must rise strictly: 10000 does not exceed the previous step's 20000",
    ],
    ['YAML syntax error', 'yaml-syntax.yaml', 'yaml-syntax.yaml:3:1: YAML syntax: All mapping items must start at the same column'],
  ])('%s', async (_case, name, expected) => {
    const result = await validate(fixture(name));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error: test/config/fixtures/${expected}\n`);
  });

  it('missing data file', async () => {
    const result = await validate(fixture('missing-data-file.yaml'));
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "error: test/config/fixtures/missing-data-file.yaml:2:9: data.file: data file 'test/config/fixtures/data/missing.csv' not found\n" +
        "  The data file is found relative to the scenario file's folder (test/config/fixtures).\n",
    );
  });

  it('program file not found', async () => {
    const result = await validate(fixture('program-file-not-found.yaml'));
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "error: test/config/fixtures/program-file-not-found.yaml:8:11: programs[0].file: program file 'test/config/fixtures/programs/does-not-exist.yaml' not found\n" +
        "  Program files are found relative to the scenario file's folder (test/config/fixtures).\n",
    );
  });

  it('a problem in a referenced program file names that file', async () => {
    const result = await validate(fixture('bad-program-file.yaml'));
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('error: test/config/fixtures/programs/bad-share.yaml:4:10: enrolment.share: must be at most 1 (100%), got 1.2\n');
  });

  it('lists every problem of a file', async () => {
    const result = await validate(fixture('several-problems.yaml'));
    expect(result.status).toBe(2);
    const file = 'test/config/fixtures/several-problems.yaml';
    expect(result.stderr).toBe(
      [
        `error: ${file}:7:7: seed: must not be negative, got -1`,
        `  ${file}:10:11: programs[0].type: expected type to be one of ${PROGRAM_TYPES.join(', ')}, got 'discont' (did you mean 'discount'?)`,
        `  ${file}:13:5: programs[1].points: missing required key 'faceValue'`,
        `  ${file}:17:7: programs[1].redemption: unknown key 'neverRedeem' (did you mean 'neverRedeemShare'?)`,
        '  4 problems in total',
        '',
      ].join('\n'),
    );
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('a file that does not exist', async () => {
    const result = await validate('no/such/file.yaml');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("error: no/such/file.yaml: cannot read 'no/such/file.yaml': no such file\n  Check the path; it is relative to the current folder.\n");
  });
});

describe('loyalty-sim validate, good files', () => {
  it('prints one line per file and exits 0', async () => {
    const result = await validate(
      fixture('minimal.yaml'),
      fixture('programs/good-points.yaml'),
      'scenarios/default.yaml',
      'scenarios/population-only.yaml',
      'scenarios/programs/discount-5.yaml',
      'scenarios/programs/points-5.yaml',
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      "test/config/fixtures/minimal.yaml: ok, scenario 'minimal': population of 100 customers; programs 'Ten off' (discount); horizon 12 months, 1000 iterations, seed 42, new customers: none",
      "test/config/fixtures/programs/good-points.yaml: ok, program 'Good points' (bonus)",
      "scenarios/default.yaml: ok, scenario 'Small retailer, 5% off vs 5% back in points': data scenarios/data/sample-retailer.csv; programs '5% off for members' (discount), '5% back in points' (bonus); horizon 12 months, 1000 iterations, seed 42, new customers: history",
      "scenarios/population-only.yaml: ok, scenario 'Café without purchase data, 10% off vs a points card': population of 2000 customers; programs '10% off for members' (discount), 'Points card, 1 point per euro' (bonus); horizon 2 years, 500 iterations, seed 7, new customers: triangular(20, 40, 60) per month",
      "scenarios/programs/discount-5.yaml: ok, program '5% off for members' (discount)",
      "scenarios/programs/points-5.yaml: ok, program '5% back in points' (bonus)",
      '',
    ]);
  });

  it('checks every file even when one is bad, then exits 2 (the built CLI)', () => {
    const result = validateBuilt(fixture('unknown-key.yaml'), fixture('minimal.yaml'));
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/^test\/config\/fixtures\/minimal\.yaml: ok, scenario 'minimal'/);
    expect(result.stderr).toMatch(/^error: test\/config\/fixtures\/unknown-key\.yaml:7:1: /);
  });
});

describe('loyalty-sim validate --print-schema', () => {
  it('prints the committed scenario and program schemas', async () => {
    const scenario = await validate('--print-schema');
    expect(scenario.status).toBe(0);
    expect(scenario.stdout).toBe(readFileSync(path.join(ROOT, 'scenarios/scenario.schema.json'), 'utf8'));
    const program = await validate('--print-schema', 'program');
    expect(program.status).toBe(0);
    expect(program.stdout).toBe(readFileSync(path.join(ROOT, 'scenarios/program.schema.json'), 'utf8'));
  });

  it('prints the committed schema of the run --json report', async () => {
    const report = await validate('--print-schema', 'report');
    expect(report.status).toBe(0);
    expect(report.stdout).toBe(readFileSync(path.join(ROOT, 'scenarios/report.schema.json'), 'utf8'));
    expect(JSON.parse(report.stdout).properties.programs.type).toBe('array');
  });

  it('refuses an unknown kind and a missing file list with exit 2', async () => {
    const unknown = await validate('--print-schema', 'tiers');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe("error: --print-schema: unknown schema 'tiers'\n  Use scenario, program or report.\n");
    const misspelt = await validate('--print-schema', 'reprot');
    expect(misspelt.stderr).toBe("error: --print-schema: unknown schema 'reprot' (did you mean 'report'?)\n  Use scenario, program or report.\n");
    const nothing = await validate();
    expect(nothing.status).toBe(2);
    expect(nothing.stderr).toBe('error: name at least one scenario or program file\n  Example: loyalty-sim validate scenarios/default.yaml\n');
  });
});

/**
 * Files that `run` refuses before it simulates: `validate` must refuse each of them with the same
 * message and exit 2, so a green `validate` in CI means `run` will start.
 */
describe('validate refuses what run refuses, with the same message', () => {
  const data = (name: string) => path.join(ROOT, 'test/config/fixtures/data', name);
  const checks = (name: string) => `test/config/fixtures/run-checks/${name}`;
  it.each([
    [
      'margin-from-data-without-column.yaml',
      `${checks('margin-from-data-without-column.yaml')}:5:16: economics.grossMargin: the data has no margin or cost column, so margins cannot come from the data`,
    ],
    ['column-not-in-header.yaml', `${data('shop.csv')}:1: column 'CustomerID' (mapped to customer by data.columns) is not in the header`],
    ['date-format-mismatch.yaml', `${data('shop.csv')}:2: column 'date': '2024-01-01' does not match data.dateFormat 'DD.MM.YYYY'`],
    ['date-format-invalid.yaml', `${checks('date-format-invalid.yaml')}:4:15: data.dateFormat: 'QQ.MM': the format needs exactly one YYYY (four-digit year)`],
    ['bad-amount.yaml', `${data('shop-bad-amount.csv')}:21: column 'amount': '12.5O' is not a number`],
    [
      'calibration-end-before-data.yaml',
      `${checks('calibration-end-before-data.yaml')}:4:19: data.calibrationEnd: the calibration end 2020-01-31 is before the first purchase (2024-01-01)`,
    ],
    [
      'unknown-category-points.yaml',
      `${checks('unknown-category-points.yaml')}:12:42: programs[0].points.byCategory.gifs: unknown category 'gifs' (did you mean 'gifts'?)`,
    ],
    ['unknown-category-scope.yaml', `${checks('unknown-category-scope.yaml')}:12:24: programs[0].discount.scope[1]: unknown category 'toys'`],
    ['margin-missing-category.yaml', `${checks('margin-missing-category.yaml')}:5:3: economics.grossMargin: no margin for the data's categories 'gifts'`],
    ['margin-unknown-category.yaml', `${checks('margin-unknown-category.yaml')}:5:67: economics.grossMargin.toys: the data has no categories 'toys'`],
    [
      'population-too-many-customers.yaml',
      `${checks('population-too-many-customers.yaml')}:3:14: population.customers: 1,000,000,000 customers are more than the 5,000,000 a population may have (each takes about 130 bytes per worker thread); simulate a representative sample and scale the totals`,
    ],
    [
      'population-too-many-purchases.yaml',
      `${checks('population-too-many-purchases.yaml')}:4:21: population.purchasesPerYear: 1,000,000,000 purchases a year are more than the 3,650 (ten a day) a customer may make`,
    ],
    [
      'population-too-many-purchases-per-iteration.yaml',
      `${checks('population-too-many-purchases-per-iteration.yaml')}:3:14: population.customers: 4,000,000 customers making 3,000 purchases a year over 12 months are about 12,000,000,000 purchases per iteration, more than the 100,000,000 a run may simulate; simulate a representative sample of customers and scale the totals`,
    ],
  ])('%s', async (name, expected) => {
    const checked = await validate(checks(name));
    const run = await runCliInProcess(['run', checks(name), '--no-progress', '--workers', '1']);
    expect(checked.status).toBe(2);
    expect(checked.stdout).toBe('');
    expect(checked.stderr.split('\n')[0]).toBe(`error: ${expected}`);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(checked.stderr);
  });

  it('every fixture of the run checks is in the list above', () => {
    const listed = readdirSync(path.join(ROOT, 'test/config/fixtures/run-checks')).filter((name) => name.endsWith('.yaml')).length;
    expect(listed).toBe(13);
  });

  it("hints in a scenario's context name its keys and lines, not CLI options run does not have", async () => {
    const badRow = await validate(checks('bad-amount.yaml'));
    expect(badRow.stderr).toContain(`fix the row, or set data.onBadRow: skip (${checks('bad-amount.yaml')} line 2) to skip and count bad rows.`);
    const badDate = await validate(checks('date-format-mismatch.yaml'));
    expect(badDate.stderr).toContain(`Fix the row, or set data.onBadRow: skip (${checks('date-format-mismatch.yaml')} line 2) to skip and count bad rows.`);
    const invalid = await validate(checks('date-format-invalid.yaml'));
    expect(invalid.stderr).toContain('Example: data.dateFormat: DD.MM.YYYY or data.dateFormat: "M/D/YYYY H:mm".');
    for (const result of [badRow, badDate, invalid]) expect(result.stderr).not.toMatch(/--[a-z]/);
  });

  it("the fuel station with 'fool:' in points.byCategory: refused by both at the key, not in iteration 1", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-fool-'));
    const file = path.join(dir, 'fuel-station.yaml');
    const text = readFileSync(path.join(ROOT, 'scenarios/fuel-station.yaml'), 'utf8')
      .replace('file: data/fuel-station.csv', `file: ${path.join(ROOT, 'scenarios/data/fuel-station.csv')}`)
      .replace('byCategory: { fuel: 0.1, shop: 0.3 }   # 3 points', 'byCategory: { fool: 0.1, shop: 0.3 }   # 3 points');
    writeFileSync(file, text);
    const checked = await validate(file);
    const run = await runCliInProcess(['run', file, '--no-progress', '--workers', '1']);
    const line = text.split('\n').findIndex((l) => l.includes('fool:')) + 1;
    const expected = `error: ${file}:${line}:27: programs[0].points.byCategory.fool: unknown category 'fool'\n  The data's categories are: fuel, shop.\n`;
    expect([checked.status, checked.stderr]).toEqual([2, expected]);
    expect([run.status, run.stderr]).toEqual([2, expected]);
  });

  it('run on a program file says it is one', async () => {
    const result = await runCliInProcess(['run', 'scenarios/programs/points-5.yaml', '--no-progress']);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(/^error: scenarios\/programs\/points-5\.yaml:\d+:1: this is a program file, not a scenario$/);
    expect(result.stderr).toContain('Pass a scenario that lists it under programs (- file: points-5.yaml), or check it with: loyalty-sim validate scenarios/programs/points-5.yaml');
  });

  it('--no-data checks the schema only, without reading the data', async () => {
    const result = await validate('--no-data', checks('column-not-in-header.yaml'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
