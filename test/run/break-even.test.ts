/**
 * The break-even figures by re-simulation, through the run layer on a small scenario: running the
 * scenario again with a reported figure fixed in the program file (every other assumption drawn as
 * before) gives a mean incremental profit of zero within 3 MCSE; where no value pays, the profit
 * at the range's end is a loss.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.js';
import type { SimulationReport } from '../../src/report/report-model.js';
import { runScenario } from '../../src/run/run-scenario.js';

type Program = Record<string, unknown> & { enrolment?: Record<string, unknown>; effects: Record<string, unknown> };

const PROGRAMS: Program[] = [
  {
    name: '5% off',
    type: 'discount',
    enrolment: { share: 'triangular(0.3, 0.5, 0.7)', selfSelection: 1 },
    effects: { frequencyUplift: 'pert(0, 0.03, 0.1)', spendUplift: 'uniform(0, 0.02)', churnReduction: 'uniform(0, 0.1)' },
    costs: { setup: 500, perMemberPerYear: 1, perTransaction: 0.02 },
    discount: { percent: 0.05 },
  },
  {
    name: 'points',
    type: 'bonus',
    enrolment: { share: 0.5 },
    effects: { frequencyUplift: 'uniform(0, 0.06)', spendUplift: 0, churnReduction: 0 },
    costs: { setup: 300, perMemberPerYear: 1 },
    points: { earnRate: 5, faceValue: 0.01, minimumToRedeem: 200, maxShareOfPurchase: 0.2 },
    redemption: { form: 'till', probability: 0.6, neverRedeemShare: 0.3 },
  },
  {
    // Members buy 10% more and cost little: it pays from some share on, to cover the setup.
    name: 'app',
    type: 'none',
    enrolment: { share: 'uniform(0.2, 0.8)' },
    effects: { frequencyUplift: 0.1, spendUplift: 0, churnReduction: 0 },
    costs: { setup: 1500, perMemberPerYear: 0.5 },
  },
  {
    // Chooses its members by their expected saving: no enrolment share to break even with.
    name: 'card',
    type: 'paid',
    effects: { frequencyUplift: 'uniform(0.1, 0.3)' },
    costs: { setup: 500 },
    paid: { fee: 30, period: 'year', discountPercent: 0.2, joining: 'rational', hurdle: 1, noise: 0.3 },
  },
];

const folder = mkdtempSync(path.join(os.tmpdir(), 'loyalty-break-even-'));
let written = 0;

/** Run the scenario with `programs` (JSON is YAML); `method` of the break-even figures. */
async function run(programs: Program[], method: 're-simulated' | 'first-order'): Promise<SimulationReport> {
  const scenario = {
    name: 'break-even',
    population: { customers: 400, purchasesPerYear: 12, meanTicket: 30, heterogeneity: 'medium', annualDropout: 0.3 },
    economics: { grossMargin: 'uniform(0.3, 0.4)' },
    horizon: '12 months',
    iterations: 24,
    seed: 11,
    acquisition: { perMonth: 5 },
    programs,
  };
  const file = path.join(folder, `scenario-${written++}.yaml`);
  writeFileSync(file, JSON.stringify(scenario));
  return runScenario(await loadScenario(file), { workers: 1, breakEven: method });
}

/** The programs with program `p`'s `lever` fixed at `value` in the file. */
function fixed(p: number, lever: 'frequencyUplift' | 'spendUplift' | 'enrolmentShare', value: number): Program[] {
  return PROGRAMS.map((program, i) => {
    if (i !== p) return program;
    if (lever === 'enrolmentShare') return { ...program, enrolment: { ...program.enrolment, share: value } };
    return { ...program, effects: { ...program.effects, [lever]: value } };
  });
}

const report = run(PROGRAMS, 're-simulated');

describe('break-even figures by re-simulation', () => {
  it('reports a frequency and a spend uplift for every program, a share for those that take members by share', async () => {
    const { programs } = await report;
    for (const program of programs) {
      expect(program.breakEven.method).toBe('re-simulated');
      expect(typeof program.breakEven.frequencyUplift).toBe('number');
      expect(typeof program.breakEven.spendUplift).toBe('number');
    }
    expect(typeof programs[2].breakEven.enrolmentShare).toBe('number');
    expect(programs[3].breakEven).not.toHaveProperty('enrolmentShare');
    expect(Object.keys(programs[0].breakEven)).toEqual(['frequencyUplift', 'spendUplift', 'enrolmentShare', 'method', 'covers']);
  });

  it.each([
    [0, 'frequencyUplift'],
    [0, 'spendUplift'],
    [1, 'frequencyUplift'],
    [1, 'spendUplift'],
    [2, 'frequencyUplift'],
    [2, 'spendUplift'],
    [2, 'enrolmentShare'],
    [3, 'frequencyUplift'],
  ] as const)('program %i, %s: run again with the figure fixed, the mean incremental profit is 0 within 3 MCSE', async (p, lever) => {
    const value = (await report).programs[p].breakEven[lever];
    expect(typeof value).toBe('number');
    const again = await run(fixed(p, lever, value as number), 'first-order');
    const profit = again.programs[p].metrics.incrementalProfit;
    expect(Math.abs(profit.mean)).toBeLessThanOrEqual(3 * profit.mcse);
    // And the value matters: 10 points further on (a share: 10 points less), the profit is further from zero.
    const further = await run(fixed(p, lever, (value as number) + (lever === 'enrolmentShare' ? -0.1 : 0.1)), 'first-order');
    expect(Math.abs(further.programs[p].metrics.incrementalProfit.mean)).toBeGreaterThan(Math.abs(profit.mean) + profit.mcse);
  });

  it('says no share pays for a discount that loses on every member: at share 1 it loses', async () => {
    expect((await report).programs[0].breakEven.enrolmentShare).toBeNull();
    const everyone = await run(fixed(0, 'enrolmentShare', 1), 'first-order');
    expect(everyone.programs[0].metrics.incrementalProfit.mean).toBeLessThan(0);
  });

  it('keeps the other programs and the run itself as they are', async () => {
    const quick = await run(PROGRAMS, 'first-order');
    const { programs } = await report;
    expect(quick.programs.map((program) => program.metrics)).toEqual(programs.map((program) => program.metrics));
    expect(quick.programs.map((program) => program.breakEven.method)).toEqual(['first-order', 'first-order', 'first-order', 'first-order']);
    expect(quick.programs.map((program) => program.breakEven.covers)).toEqual(programs.map((program) => program.breakEven.covers));
  });
});
