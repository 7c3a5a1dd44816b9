import { mkdtempSync, writeFileSync } from 'node:fs';
import os, { availableParallelism } from 'node:os';
import path from 'node:path';
import { MAX_PROGRAMS } from '../../src/config/size-limits.js';
import { loadScenario } from '../../src/config/load.js';
import { located, problemsOf } from './config-problems.js';
import { describe, expect, it } from 'vitest';
import { MAX_WORKERS, maxWorkers, WORKERS_PER_CORE } from '../../src/sim/simulate.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

describe('worker threads are capped at 4 per available core, at most 64', () => {
  it('the cap', () => {
    expect([WORKERS_PER_CORE, MAX_WORKERS]).toEqual([4, 64]);
    expect(maxWorkers(1)).toBe(4);
    expect(maxWorkers(2)).toBe(8);
    expect(maxWorkers(16)).toBe(64);
    expect(maxWorkers(128)).toBe(64);
  });

  it('run refuses more workers than the cap before reading anything, with the limit', async () => {
    const cores = availableParallelism();
    const requested = maxWorkers() + 1;
    const result = await runCliInProcess(['run', 'scenarios/population-only.yaml', '--workers', String(requested), '--no-progress']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `error: --workers: ${requested} worker threads are more than the ${maxWorkers()} a run may start here (4 per available core, ${cores} core${cores === 1 ? '' : 's'}; at most 64)\n` +
        `  Each worker holds its own copy of the customers, and more workers than cores make a run no faster: give at most ${maxWorkers()}.\n`,
    );
  });
});

describe('a scenario compares at most 50 programs', () => {
  it('refuses 51 at the programs key', async () => {
    const programs = Array.from({ length: MAX_PROGRAMS + 1 }, (_, i) => `  - { name: P${i}, type: discount, discount: { percent: 5% } }\n`).join('');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-programs-'));
    const file = path.join(dir, 'scenario.yaml');
    writeFileSync(file, `population:\n  customers: 100\n  purchasesPerYear: 4\n  meanTicket: 20\neconomics:\n  grossMargin: 0.3\nprograms:\n${programs}`);
    expect((await problemsOf(loadScenario(file))).map(located)).toEqual([
      `${file}:7:1: programs: 51 programs are more than the 50 a scenario may compare; split them into several scenarios`,
    ]);
    writeFileSync(file, `population:\n  customers: 100\n  purchasesPerYear: 4\n  meanTicket: 20\neconomics:\n  grossMargin: 0.3\nprograms:\n${programs.split('\n').slice(1).join('\n')}`);
    expect((await loadScenario(file)).scenario.programs).toHaveLength(MAX_PROGRAMS);
  });
});

describe('behaviour effects are at most +1000%', () => {
  const scenarioWith = (effects: string, population = 'customers: 100\n  purchasesPerYear: 4\n  meanTicket: 20') => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-uplift-'));
    const file = path.join(dir, 'scenario.yaml');
    writeFileSync(file, `population:\n  ${population}\neconomics:\n  grossMargin: 0.3\nprograms:\n  - name: P\n    type: discount\n    discount: { percent: 5% }\n    effects: { ${effects} }\n`);
    return file;
  };

  it('refuses a frequency uplift of 9007199254740993 (a run would simulate without end) at its key', async () => {
    const file = scenarioWith('frequencyUplift: 9007199254740993');
    expect((await problemsOf(loadScenario(file))).map(located)).toEqual([
      `${file}:11:33: programs[0].effects.frequencyUplift: must be at most 10 (1000%), got 9007199254740992`,
    ]);
  });

  it('refuses 15 meant as 15% for the spend uplift, and takes 10 (eleven times the spend)', async () => {
    expect((await problemsOf(loadScenario(scenarioWith('spendUplift: 15')))).map((p) => p.message)).toEqual(['must be at most 10 (1000%), got 15']);
    expect((await loadScenario(scenarioWith('spendUplift: 10'))).scenario.programs[0].effects.spendUplift).toEqual({ dist: 'fixed', value: 10 });
  });

  it('a mean ticket too small to compute with is refused at population.meanTicket, by validate as by run', async () => {
    const file = scenarioWith('frequencyUplift: 0.05', 'customers: 100\n  purchasesPerYear: 4\n  meanTicket: 5e-324');
    for (const command of ['validate', 'run']) {
      const result = await runCliInProcess([command, file, ...(command === 'run' ? ['--no-progress'] : [])]);
      expect(result.status).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe(`error: ${file}:4:15: population.meanTicket: a mean ticket of 5e-324 cannot be computed with`);
    }
  });
});

describe('earn rates, self-selection powers and arrivals have stated upper limits', () => {
  const write = (yaml: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-limits-'));
    const file = path.join(dir, 'scenario.yaml');
    writeFileSync(file, yaml);
    return file;
  };
  const base = (program: string, acquisition = '') =>
    `population:\n  customers: 100\n  purchasesPerYear: 4\n  meanTicket: 20\neconomics:\n  grossMargin: 0.3\n${acquisition}programs:\n${program}`;

  it('1e308 points per currency unit is refused (a balance must stay a whole number a double holds)', async () => {
    const file = write(base('  - { name: P, type: bonus, points: { earnRate: 1e308, faceValue: 0.01 } }\n'));
    const problems = (await problemsOf(loadScenario(file))).filter((p) => p.field.endsWith('earnRate'));
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual(['programs[0].points.earnRate: must be at most 1000000 (100000000%), got 1e+308']);
  });

  it('a self-selection power of 1e308 is refused, 10 is taken', async () => {
    const program = (power: string) => `  - { name: P, type: discount, discount: { percent: 5% }, enrolment: { share: 0.5, selfSelection: ${power} } }\n`;
    expect((await problemsOf(loadScenario(write(base(program('1e308')))))).map((p) => p.message)).toEqual(['must be at most 10, got 1e+308']);
    expect((await loadScenario(write(base(program('10'))))).scenario.programs[0].enrolment.selfSelection).toEqual({ dist: 'fixed', value: 10 });
  });

  it("more than 1,000 points elsewhere per point here is refused at the coalition's pointsElsewherePerPoint, 1,000 is taken", async () => {
    const program = (ratio: string) =>
      `  - { name: P, type: coalition, coalition: { view: partner, earnRate: 1, pricePerPointIssued: 0.008, reimbursementPerPointRedeemed: 0.006, pointsElsewherePerPoint: ${ratio}, faceValue: 0.01 }, redemption: { probability: 0.4 } }\n`;
    expect((await problemsOf(loadScenario(write(base(program('1e308')))))).map((p) => `${p.field}: ${p.message}`)).toEqual([
      'programs[0].coalition.pointsElsewherePerPoint: must be at most 1000, got 1e+308',
    ]);
    expect((await loadScenario(write(base(program('1000'))))).scenario.programs[0]).toMatchObject({ coalition: { pointsElsewherePerPoint: { dist: 'fixed', value: 1000 } } });
  });

  it('more than 100,000 new customers a month is refused at acquisition.perMonth', async () => {
    const file = write(base('  - { name: P, type: discount, discount: { percent: 5% } }\n', 'acquisition:\n  perMonth: 0x7fffffff\n'));
    expect((await problemsOf(loadScenario(file))).map(located)).toEqual([`${file}:8:13: acquisition.perMonth: must be at most 100000, got 2147483647`]);
  });
});
