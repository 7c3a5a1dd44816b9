import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.js';
import { customerBaseFromPopulation } from '../../src/run/customer-base.js';
import { formatWarning, scenarioWarnings } from '../../src/run/scenario-warnings.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

/** 500 customers, 6 purchases a year of 20 on average: an average customer spends about 120 a year. */
const POPULATION = `population:
  customers: 500
  purchasesPerYear: 6
  meanTicket: 20
economics:
  grossMargin: 0.3
iterations: 10
`;

function scenarioFile(programs: string, head = POPULATION): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-warnings-'));
  const file = path.join(dir, 'scenario.yaml');
  writeFileSync(file, `${head}programs:\n${programs}`);
  return file;
}

/** The warnings of a scenario, formatted as the CLI prints them, with the file named `scenario.yaml`. */
async function warningsOf(programs: string, head = POPULATION): Promise<string[]> {
  const file = scenarioFile(programs, head);
  const loaded = await loadScenario(file);
  const base = customerBaseFromPopulation(loaded.scenario.population!);
  return scenarioWarnings(loaded, base).map((w) => formatWarning(w).split('\n')[0].replace(file, 'scenario.yaml'));
}

const POINTS = (extra: string, redemption = '') => `  - name: Points
    type: bonus
    points:
      earnRate: 0.05
      faceValue: 1
${extra}    redemption:
      probability: 0.5
${redemption}`;

describe('warnings about legal but unwise settings, located at their key', () => {
  it('a discount at or above the gross margin (50% off at 30%)', async () => {
    expect(await warningsOf('  - name: Half off\n    type: discount\n    discount:\n      percent: 50%\n')).toEqual([
      'scenario.yaml:12:16: programs[0].discount.percent: 50% off is at or above the gross margin (30%): every discounted purchase sells below cost [discount-at-or-above-margin]',
    ]);
  });

  it('a ladder step at the margin, against the lowest margin of the categories in scope', async () => {
    const ladder = '  - name: Ladder\n    type: discount\n    discount:\n      percent: 5%\n      ladder:\n        - { spend: 100, percent: 10% }\n        - { spend: 500, percent: 30% }\n';
    expect(await warningsOf(ladder)).toEqual([
      'scenario.yaml:15:34: programs[0].discount.ladder[1].percent: 30% off is at or above the gross margin (30%): every discounted purchase sells below cost [discount-at-or-above-margin]',
    ]);
    expect(await warningsOf('  - name: Five off\n    type: discount\n    discount:\n      percent: 29%\n')).toEqual([]);
  });

  it('a drawn margin is compared by its mean', async () => {
    const head = POPULATION.replace('grossMargin: 0.3', 'grossMargin: uniform(0.1, 0.3)');
    expect(await warningsOf('  - name: Off\n    type: discount\n    discount:\n      percent: 20%\n', head)).toEqual([
      'scenario.yaml:12:16: programs[0].discount.percent: 20% off is at or above the mean gross margin (20%): every discounted purchase sells below cost [discount-at-or-above-margin]',
    ]);
  });

  it('points pending for longer than the horizon', async () => {
    expect(await warningsOf(POINTS('      pendingDays: 400\n'))).toEqual([
      'scenario.yaml:14:20: programs[0].points.pendingDays: points become usable 400 days after they are earned, not before the horizon ends (365 days): no member can redeem within it [pending-beyond-horizon]',
    ]);
  });

  it('points that expire before they become usable', async () => {
    expect(await warningsOf(POINTS('      pendingDays: 60\n      expiryMonths: 1\n'))).toEqual([
      'scenario.yaml:15:21: programs[0].points.expiryMonths: points expire after 1 month (30 days), before they become usable after 60 days: none can ever be redeemed [expiry-before-usable]',
    ]);
  });

  it('a reward most members never reach, against the assumed spend', async () => {
    // 150 points at 0.05 a unit: 3,000 of spend. The comparison is with a customer who stays all
    // year, buying at the calibrated rate's mean r / alpha = 8.57 purchases a year (6 a year on
    // average once the 30% who leave within the year are counted) of 20: about 171.
    const catalogue = '      catalogue:\n        - { name: Big, points: 500, cost: 10 }\n        - { name: Small, points: 150, cost: 3 }\n';
    expect(await warningsOf(POINTS('', catalogue))).toEqual([
      'scenario.yaml:18:34: programs[0].redemption.catalogue[1].points: the cheapest reward needs 150 points, 3,000 of spend at 0.05 points per unit; a customer who keeps buying spends about 171 over the horizon on average, so most members never redeem [reward-out-of-reach]',
    ]);
    expect(await warningsOf(POINTS('      minimumToRedeem: 5\n'))).toEqual([]);
  });

  it('a stamp card most members never fill (8.57 visits a year for a customer who stays, as above)', async () => {
    const card = '  - name: Card\n    type: threshold-gift\n    gift:\n      countOn: visits\n      threshold: 10\n      giftValue: 3\n      giftCost: 1\n';
    expect(await warningsOf(card)).toEqual([
      'scenario.yaml:13:18: programs[0].gift.threshold: a gift needs 10 visits; a customer who keeps buying makes about 8.57 visits over the horizon on average, so most members never get one [reward-out-of-reach]',
    ]);
    expect(await warningsOf(card.replace('threshold: 10', 'threshold: 8'))).toEqual([]);
  });

  it('points worth the margin at the till (0.4 points a unit at 1 each: 40% back at a 30% margin)', async () => {
    expect(await warningsOf(POINTS('').replace('earnRate: 0.05', 'earnRate: 0.4'))).toEqual([
      'scenario.yaml:12:17: programs[0].points.earnRate: points redeemed at the till give back 40% of what is spent (earn rate x faceValue), at or above the gross margin (30%): every purchase whose points are redeemed sells below cost [points-at-or-above-margin]',
    ]);
    expect(await warningsOf(POINTS('').replace('earnRate: 0.05', 'earnRate: 0.29'))).toEqual([]);
  });

  it('a launch ramp as long as the horizon', async () => {
    const ramp = (months: number) => `  - name: Ramp\n    type: discount\n    enrolment:\n      rampMonths: ${months}\n    discount:\n      percent: 5%\n`;
    expect(await warningsOf(ramp(12))).toEqual([
      "scenario.yaml:12:19: programs[0].enrolment.rampMonths: the launch ramp of 12 months lasts to the horizon's end (12 months) or beyond: chosen customers offered the program late have little or no time to join, so fewer join than the enrolment share says [ramp-beyond-horizon]",
    ]);
    expect(await warningsOf(ramp(11))).toEqual([]);
  });

  it('a program nobody joins', async () => {
    expect(await warningsOf('  - name: Nobody\n    type: discount\n    enrolment:\n      share: 0\n    discount:\n      percent: 5%\n')).toEqual([
      'scenario.yaml:12:14: programs[0].enrolment.share: no customer joins (enrolment share 0): the program equals the baseline but for its fixed costs [no-members]',
    ]);
  });

  it('an infinite-mean spend distribution (Gamma-Gamma q <= 1)', async () => {
    const file = scenarioFile('  - name: Five off\n    type: discount\n    discount:\n      percent: 5%\n');
    const loaded = await loadScenario(file);
    const base = customerBaseFromPopulation(loaded.scenario.population!);
    base.model = { ...base.model, gammaGamma: { ...base.model.gammaGamma, q: 0.5 } };
    expect(scenarioWarnings(loaded, base).map((w) => `${w.location.line}:${w.location.column}: ${w.code}: ${w.message}`)).toEqual([
      '1:1: infinite-mean-spend: the fitted spend distribution has q = 0.5, at most 1: its mean is infinite, so simulated spend is dominated by rare huge purchases',
    ]);
  });
});

describe('validate and run print the warnings', () => {
  const HALF_OFF = '  - name: Half off\n    type: discount\n    discount:\n      percent: 50%\n';

  it('validate: on stderr, exit 0; --strict: exit 2', async () => {
    const file = scenarioFile(HALF_OFF);
    const plain = await runCliInProcess(['validate', file]);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toMatch(/: ok, scenario 'scenario'.* \(1 warning\)\n$/);
    expect(plain.stderr).toBe(
      `warning: ${file}:12:16: programs[0].discount.percent: 50% off is at or above the gross margin (30%): every discounted purchase sells below cost [discount-at-or-above-margin]\n` +
        '  No uplift in purchases can make up for it, so there is no break-even frequency or spend uplift; check the margin or the discount.\n',
    );
    const strict = await runCliInProcess(['validate', '--strict', file]);
    expect(strict.status).toBe(2);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toBe(plain.stderr.replace(/^warning:/, 'error:'));
  });

  it('run: on stderr before the report', async () => {
    const file = scenarioFile(HALF_OFF);
    const run = await runCliInProcess(['run', file, '--iterations', '2', '--workers', '1', '--no-progress', '--break-even', 'first-order']);
    expect(run.status).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe(
      `warning: ${file}:12:16: programs[0].discount.percent: 50% off is at or above the gross margin (30%): every discounted purchase sells below cost [discount-at-or-above-margin]`,
    );
    // The table keeps the reason with the break-even rows it explains.
    expect(run.stdout).toContain('│ Break-even frequency uplift  │     no uplift pays │');
    expect(run.stdout).toContain(
      `\nWarnings about the scenario:\n  ${file}:12: programs[0].discount.percent: 50% off is at or above the gross margin (30%): every discounted purchase sells below cost [discount-at-or-above-margin]\n`,
    );
    const json = await runCliInProcess(['run', file, '--iterations', '2', '--workers', '1', '--no-progress', '--break-even', 'first-order', '--json']);
    expect(JSON.parse(json.stdout).warnings).toEqual([
      {
        code: 'discount-at-or-above-margin',
        message: '50% off is at or above the gross margin (30%): every discounted purchase sells below cost',
        file,
        line: 12,
        column: 16,
        field: 'programs[0].discount.percent',
      },
    ]);
  });

  it('the shipped scenarios have none', async () => {
    const result = await runCliInProcess(['validate', '--strict', 'scenarios/default.yaml', 'scenarios/population-only.yaml', 'scenarios/coffee-shop.yaml']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
