import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGRAM_TYPES } from '../../src/config/program-schema.js';
import { loadConfigFile, loadProgram, loadScenario } from '../../src/config/load.js';
import { ingestOptionsFor } from '../../src/config/scenario-schema.js';
import { FIXTURES, located, problemsOf } from './config-problems.js';

const fixture = (name: string) => path.join(FIXTURES, name);

/** Write YAML files into a fresh temporary folder and return the folder. */
function temporaryFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const POPULATION = `population:
  customers: 100
  purchasesPerYear: 4
  meanTicket: 20
`;

describe('loadScenario rejects bad files with file:line:column', () => {
  it.each([
    ['unknown-key.yaml', "unknown-key.yaml:7:1: unknown key 'iteratons' (did you mean 'iterations'?)"],
    ['wrong-type.yaml', "wrong-type.yaml:7:13: iterations: expected a number, got 'many'"],
    ['negative-rate.yaml', 'negative-rate.yaml:11:16: programs[0].discount.percent: must not be negative, got -0.05'],
    ['percent-over-100.yaml', 'percent-over-100.yaml:11:14: programs[0].enrolment.share: 150% is over 100%'],
    ['min-above-max.yaml', 'min-above-max.yaml:11:24: programs[0].effects.frequencyUplift: min (0.1) must be below max (0.05)'],
    [
      'ladder-not-ascending.yaml',
      "ladder-not-ascending.yaml:13:20: programs[0].discount.ladder[1].spend: ladder thresholds must rise strictly: 10000 does not exceed the previous step's 20000",
    ],
    ['yaml-syntax.yaml', 'yaml-syntax.yaml:3:1: YAML syntax: All mapping items must start at the same column'],
  ])('%s', async (name, expected) => {
    const problems = await problemsOf(loadScenario(fixture(name)));
    expect(problems.map(located)).toEqual([path.join(FIXTURES, expected)]);
  });

  it('a missing data file, at the data.file value, relative to the scenario folder', async () => {
    const [problem, ...others] = await problemsOf(loadScenario(fixture('missing-data-file.yaml')));
    expect(others).toEqual([]);
    expect(located(problem)).toBe(`${fixture('missing-data-file.yaml')}:2:9: data.file: data file '${fixture('data/missing.csv')}' not found`);
    expect(problem.hint).toBe(`The data file is found relative to the scenario file's folder (${FIXTURES}).`);
  });

  it('a missing program file, at the file: value in the scenario', async () => {
    const problems = await problemsOf(loadScenario(fixture('program-file-not-found.yaml')));
    expect(problems.map(located)).toEqual([
      `${fixture('program-file-not-found.yaml')}:8:11: programs[0].file: program file '${fixture('programs/does-not-exist.yaml')}' not found`,
    ]);
  });

  it('a problem inside a referenced program file names that file', async () => {
    const problems = await problemsOf(loadScenario(fixture('bad-program-file.yaml')));
    expect(problems.map(located)).toEqual([`${fixture('programs/bad-share.yaml')}:4:10: enrolment.share: must be at most 1 (100%), got 1.2`]);
  });

  it('a distribution cut apart by the commas of a { ... } mapping is one clear problem', async () => {
    const problems = await problemsOf(loadScenario(fixture('cut-distribution.yaml')));
    expect(problems).toHaveLength(1);
    expect(located(problems[0])).toMatch(
      new RegExp(`^${fixture('cut-distribution.yaml').replaceAll('.', '\\.')}:10:25: 'triangular\\(0\\.3' is cut off at a comma`),
    );
  });

  it('reports every problem of a file at once, in line order', async () => {
    const problems = await problemsOf(loadScenario(fixture('several-problems.yaml')));
    const file = fixture('several-problems.yaml');
    expect(problems.map(located)).toEqual([
      `${file}:7:7: seed: must not be negative, got -1`,
      `${file}:10:11: programs[0].type: expected type to be one of ${PROGRAM_TYPES.join(', ')}, got 'discont' (did you mean 'discount'?)`,
      `${file}:13:5: programs[1].points: missing required key 'faceValue'`,
      `${file}:17:7: programs[1].redemption: unknown key 'neverRedeem' (did you mean 'neverRedeemShare'?)`,
    ]);
  });

  it('says so when the file does not exist', async () => {
    await expect(loadScenario(fixture('no-such-scenario.yaml'))).rejects.toThrow(`cannot read '${fixture('no-such-scenario.yaml')}': no such file`);
  });
});

describe('scenario rules beyond single values', () => {
  async function problemsIn(text: string, extraFiles: Record<string, string> = {}): Promise<string[]> {
    const dir = temporaryFiles({ 'scenario.yaml': text, ...extraFiles });
    const problems = await problemsOf(loadScenario(path.join(dir, 'scenario.yaml')));
    return problems.map((p) => located(p).slice(dir.length + 1));
  }
  const DISCOUNT = `programs:
  - name: Ten off
    type: discount
    discount:
      percent: 10%
`;

  it('needs data or a population, not both', async () => {
    expect(await problemsIn(`economics:\n  grossMargin: 0.3\n${DISCOUNT}`)).toEqual([
      "scenario.yaml:1:1: give either 'data' (a purchase-history CSV) or 'population' (a synthetic customer base)",
    ]);
    expect(
      await problemsIn(`data:\n  file: orders.csv\n${POPULATION}economics:\n  grossMargin: 0.3\n${DISCOUNT}`, { 'orders.csv': 'customer_id,date,amount\n' }),
    ).toEqual(["scenario.yaml:3:1: population: give either 'data' or 'population', not both"]);
  });

  it('refuses margins from data, per category or acquisition from history without data', async () => {
    expect(await problemsIn(`${POPULATION}economics:\n  grossMargin: from-data\nacquisition: history\n${DISCOUNT}`)).toEqual([
      'scenario.yaml:6:16: economics.grossMargin: margins from data or per category need a data file; with a population give one margin such as 0.3',
      'scenario.yaml:7:14: acquisition: acquisition: history needs a data file; use none or { perMonth: N }',
    ]);
  });

  it('refuses two programs with the same name', async () => {
    const text = `${POPULATION}economics:\n  grossMargin: 0.3\n${DISCOUNT}  - name: Ten off\n    type: none\n`;
    expect(await problemsIn(text)).toEqual(["scenario.yaml:12:11: programs[1].name: program name 'Ten off' is already used by programs[0]"]);
  });

  it("refuses a program named 'baseline', the reports' name of the world without a program", async () => {
    const text = `${POPULATION}economics:\n  grossMargin: 0.3\n${DISCOUNT}  - name: Baseline\n    type: none\n`;
    expect(await problemsIn(text)).toEqual(["scenario.yaml:12:11: programs[1].name: 'Baseline' names the world without a program in every report; give the program another name"]);
  });

  it('checks horizons, dates, scopes and discounts', async () => {
    const text = `data:
  file: orders.csv
  calibrationEnd: 2025-02-30
economics:
  grossMargin: 0.3
horizon: 12 parsecs
programs:
  - name: Nothing given
    type: discount
    discount:
      scope: some
`;
    expect(await problemsIn(text, { 'orders.csv': 'customer_id,date,amount\n' })).toEqual([
      "scenario.yaml:3:19: data.calibrationEnd: expected a date written YYYY-MM-DD, got '2025-02-30'",
      "scenario.yaml:6:10: horizon: unknown unit 'parsecs' in '12 parsecs': give the horizon in days, weeks, months or years, e.g. '10 days', '26 weeks', '18 months' or '2 years'",
      "scenario.yaml:11:14: programs[0].discount.scope: expected 'all' or a list of categories such as [fuel, shop]",
    ]);
  });

  it('says what to give when a discount has neither percent nor ladder', async () => {
    const text = `${POPULATION}economics:\n  grossMargin: 0.3\nprograms:\n  - name: Empty\n    type: discount\n    discount:\n      scope: all\n`;
    expect(await problemsIn(text)).toEqual(["scenario.yaml:10:5: programs[0].discount: give 'percent', a 'ladder', or both"]);
  });

  it('explains distributions that leave the allowed range, with the fix for a normal', async () => {
    const text = `${POPULATION}economics:
  grossMargin: normal(0.3, 0.05)
programs:
  - name: Ten off
    type: discount
    costs:
      setup: 5%
      perMemberPerYear: uniform(-1, 2)
    discount:
      percent: 10%
`;
    expect(await problemsIn(text)).toEqual([
      'scenario.yaml:6:16: economics.grossMargin: normal(0.3, 0.05) can take values outside the allowed range: the value must not fall below 0 nor exceed 1 (100%); truncate it, e.g. normal(0.3, 0.05, 0, 1)',
      "scenario.yaml:11:14: programs[0].costs.setup: '5%': a percentage makes no sense here; write a plain number",
      'scenario.yaml:12:25: programs[0].costs.perMemberPerYear: uniform(-1, 2) can take values outside the allowed range: the value must not fall below 0',
    ]);
  });

  it('points into the mapping form of a distribution', async () => {
    const text = `${POPULATION}economics:
  grossMargin: 0.3
programs:
  - name: Ten off
    type: discount
    enrolment:
      share: { dist: pert, min: 0, mode: half, max: 1 }
      selfSelection: { dist: pertt, min: 0, mode: 1, max: 2 }
    discount:
      percent: 10%
`;
    expect(await problemsIn(text)).toEqual([
      `scenario.yaml:11:42: programs[0].enrolment.share.mode: expected a number or a percentage such as "5%", got 'half'`,
      "scenario.yaml:12:30: programs[0].enrolment.selfSelection.dist: expected a distribution name for 'dist' (uniform, triangular, pert, normal, lognormal, beta, fixed), got 'pertt' (did you mean 'pert'?)",
    ]);
  });

  it('names the enrolment key when a gradual launch is combined with joining at the start, or the time is misspelt', async () => {
    const text = `${POPULATION}economics:
  grossMargin: 0.3
programs:
  - name: Ten off
    type: discount
    enrolment:
      at: start
      rampMonths: 6
    discount:
      percent: 10%
  - name: Five off
    type: discount
    enrolment:
      at: purchse
      spendSelection: -1
    discount:
      percent: 5%
`;
    expect(await problemsIn(text)).toEqual([
      'scenario.yaml:12:19: programs[0].enrolment.rampMonths: a gradual launch has members join at a purchase: remove rampMonths, or set at: purchase',
      'scenario.yaml:18:11: programs[1].enrolment.at: expected one of "purchase", "start", got \'purchse\' (did you mean \'purchase\'?)',
      'scenario.yaml:19:23: programs[1].enrolment.spendSelection: must not be negative, got -1',
    ]);
  });

  it('names the program file for its YAML syntax errors, and rejects extra keys beside file:', async () => {
    const text = `${POPULATION}economics:\n  grossMargin: 0.3\nprograms:\n  - file: broken.yaml\n  - file: other.yaml\n    name: Other\n`;
    expect(await problemsIn(text, { 'broken.yaml': 'name: Broken\ntype: [none\n', 'other.yaml': 'name: Other\ntype: none\n' })).toEqual([
      "scenario.yaml:10:5: programs[1]: unknown key 'name'; allowed keys here: file",
      'broken.yaml:3:1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('refuses aliases that expand exponentially', async () => {
    let text = 'a: &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n';
    for (let level = 1; level <= 8; level++) text += `l${level}: &l${level} [${Array(10).fill(`*l${level - 1}`).join(', ')}]\n`;
    expect(await problemsIn(text)).toEqual(['scenario.yaml:2:10: YAML aliases expand to more than 1000 values (an alias bomb)']);
  });

  it('rejects an empty file', async () => {
    expect(await problemsIn('')).toEqual(['scenario.yaml:1:1: expected a mapping, got nothing']);
  });
});

describe('loadScenario of a valid file', () => {
  it('applies every default', async () => {
    const loaded = await loadScenario(fixture('minimal.yaml'));
    const none = { dist: 'fixed', value: 0 };
    expect(loaded.name).toBe('minimal');
    expect(loaded.programFiles).toEqual([undefined]);
    expect(loaded.scenario).toEqual({
      population: { customers: 100, purchasesPerYear: 4, meanTicket: 20, heterogeneity: 1, annualDropout: 0.3 },
      economics: { grossMargin: { dist: 'fixed', value: 0.3 }, discountRate: 0.08 },
      horizon: { count: 12, unit: 'month', months: 12, days: 365.2425 },
      iterations: 1000,
      seed: 42,
      simulation: { customerSample: 'auto' },
      acquisition: { kind: 'none' },
      programs: [
        {
          name: 'Ten off',
          type: 'discount',
          enrolment: { share: { dist: 'fixed', value: 1 }, selfSelection: { dist: 'fixed', value: 1 } },
          effects: { frequencyUplift: none, spendUplift: none, churnReduction: none },
          costs: { setup: none, perMemberPerYear: none, perTransaction: none },
          discount: { percent: 0.1, scope: 'all', minimumPurchase: 0 },
        },
      ],
    });
  });

  it('resolves program files and the data file relative to the scenario, and locates keys in each file', async () => {
    const loaded = await loadScenario(fixture('with-data.yaml'));
    const { scenario } = loaded;
    expect(scenario.data).toEqual({
      kind: 'transactions',
      file: path.resolve(FIXTURES, 'data/tiny.csv'),
      columns: { customer: 'customer_id' },
      calibrationEnd: '2024-12-31',
    });
    expect(ingestOptionsFor(scenario.data!)).toEqual({ columns: { customer: 'customer_id' }, calibrationEnd: '2024-12-31' });
    expect(scenario.economics.grossMargin).toEqual({ food: { dist: 'fixed', value: 0.3 }, drinks: { dist: 'fixed', value: 0.6 } });
    // 26 weeks = 182 days = 182 / (365.2425 / 12) months
    expect(scenario.horizon.days).toBe(182);
    expect(scenario.horizon.months).toBeCloseTo(182 / (365.2425 / 12), 12);
    expect(scenario.acquisition).toEqual({ kind: 'history' });
    expect(loaded.programFiles).toEqual([fixture('programs/good-points.yaml'), undefined]);

    const [points, ladder] = scenario.programs;
    if (points.type !== 'bonus' || ladder.type !== 'discount') throw new Error('program types changed');
    expect(points.points).toEqual({
      earnRate: 2,
      byCategory: { drinks: 3 },
      rounding: 'floor',
      welcomeBonus: 0,
      pendingDays: 0,
      expiryMonths: 12,
      minimumToRedeem: 0,
      maxShareOfPurchase: 1,
      faceValue: 0.01,
    });
    expect(points.redemption).toEqual({ probability: { dist: 'beta', a: 2, b: 3 }, neverRedeemShare: { dist: 'fixed', value: 0 }, form: 'till' });
    expect(ladder.discount).toEqual({
      percent: 0,
      scope: ['food'],
      minimumPurchase: 0,
      ladder: [
        { spend: 100, percent: 0.02 },
        { spend: 500, percent: 0.05 },
      ],
    });

    expect(loaded.locate(['programs', 0, 'points', 'earnRate'])).toEqual({
      file: fixture('programs/good-points.yaml'),
      line: 4,
      column: 13,
      field: 'points.earnRate',
    });
    expect(loaded.locate(['programs', 1, 'discount', 'scope', 0])).toEqual({
      file: fixture('with-data.yaml'),
      line: 13,
      column: 15,
      field: 'programs[1].discount.scope[0]',
    });
  });
});

describe('YAML anchors, aliases and merge keys', () => {
  it('share assumptions between programs, and problems in an anchor are shown where it is written', async () => {
    const text = `${POPULATION}economics:
  grossMargin: 0.3
programs:
  - name: Ten off
    type: discount
    enrolment: &enrolment
      share: 50%
    effects: &effects
      frequencyUplift: 0.02
    discount:
      percent: 10%
  - name: Five off
    type: discount
    enrolment: *enrolment
    effects:
      <<: *effects
      spendUplift: 0.01
    discount:
      percent: 5%
`;
    const dir = temporaryFiles({ 'scenario.yaml': text, 'bad.yaml': text.replace('share: 50%', 'share: 150%') });
    const { scenario } = await loadScenario(path.join(dir, 'scenario.yaml'));
    const [first, second] = scenario.programs;
    if (first.type !== 'discount' || second.type !== 'discount') throw new Error('expected two discounts');
    expect(second.enrolment).toEqual(first.enrolment);
    expect(second.effects.frequencyUplift).toEqual({ dist: 'fixed', value: 0.02 });
    expect(second.effects.spendUplift).toEqual({ dist: 'fixed', value: 0.01 });
    const problems = await problemsOf(loadScenario(path.join(dir, 'bad.yaml')));
    expect(problems.map((p) => located(p).slice(dir.length + 1))).toEqual([
      'bad.yaml:11:14: programs[0].enrolment.share: 150% is over 100%',
      'bad.yaml:11:14: programs[1].enrolment.share: 150% is over 100%',
    ]);
  });
});

describe('loadProgram and loadConfigFile', () => {
  it('loads a standalone program file', async () => {
    const { program } = await loadProgram(fixture('programs/good-points.yaml'));
    expect(program.name).toBe('Good points');
    expect(program.type).toBe('bonus');
  });

  it('reports a standalone program file against its own lines', async () => {
    const problems = await problemsOf(loadProgram(fixture('programs/bad-share.yaml')));
    expect(problems.map(located)).toEqual([`${fixture('programs/bad-share.yaml')}:4:10: enrolment.share: must be at most 1 (100%), got 1.2`]);
  });

  it('tells scenarios from programs by their keys', async () => {
    expect((await loadConfigFile(fixture('minimal.yaml'))).kind).toBe('scenario');
    expect((await loadConfigFile(fixture('programs/good-points.yaml'))).kind).toBe('program');
    const dir = temporaryFiles({ 'neither.yaml': 'name: What am I\n' });
    const problems = await problemsOf(loadConfigFile(path.join(dir, 'neither.yaml')));
    expect(problems.map((p) => p.message)).toEqual(['this is neither a scenario (it would have programs:) nor a program (it would have type:)']);
  });
});
