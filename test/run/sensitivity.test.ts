/**
 * Sensitivity through the run layer on a toy whose profit is linear in one assumption and
 * independent of another (docs/methods.md section 8): program "app" has members who buy 20% more
 * and a setup cost drawn from uniform(2000, 9000), so its incremental profit is G_i - setup_i with
 * G_i independent of the setup; program "idle" has no members, so its frequency uplift changes
 * nothing, and its fixed cost 100 means it is never the best choice.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.js';
import type { SensitivitySection, SimulationReport } from '../../src/report/report-model.js';
import { runScenario } from '../../src/run/run-scenario.js';

const [SETUP_MIN, SETUP_MAX] = [2000, 9000];

const SCENARIO = {
  name: 'sensitivity toy',
  population: { customers: 300, purchasesPerYear: 12, meanTicket: 30, heterogeneity: 'medium', annualDropout: 0.3 },
  economics: { grossMargin: 0.35 },
  horizon: '12 months',
  iterations: 400,
  seed: 5,
  programs: [
    { name: 'app', type: 'none', enrolment: { share: 0.5 }, effects: { frequencyUplift: 0.2 }, costs: { setup: `uniform(${SETUP_MIN}, ${SETUP_MAX})` } },
    { name: 'idle', type: 'none', enrolment: { share: 0 }, effects: { frequencyUplift: 'uniform(0, 0.3)' }, costs: { setup: 100 } },
  ],
};

const SETUP = 'programs["app"].costs.setup';
const IDLE_UPLIFT = 'programs["idle"].effects.frequencyUplift';

let report: SimulationReport;
let section: SensitivitySection;

beforeAll(async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sensitivity-'));
  const file = path.join(folder, 'toy.yaml');
  writeFileSync(file, JSON.stringify(SCENARIO));
  report = await runScenario(await loadScenario(file), { workers: 1, breakEven: 'first-order', sensitivity: true });
  section = report.sensitivity!;
}, 600_000);

describe('sensitivity of a toy linear in its setup cost', () => {
  it('lists the uncertain assumptions with their quantiles and the mean of their draws', () => {
    expect(section.assumptions.map((a) => a.name)).toEqual([SETUP, IDLE_UPLIFT]);
    const setup = section.assumptions[0];
    expect(setup).toMatchObject({ program: 'app', distribution: `uniform(${SETUP_MIN}, ${SETUP_MAX})`, description: "the setup cost in 'app'" });
    // Quantiles of uniform(a, b): a + q (b - a).
    expect(setup.p10).toBeCloseTo(SETUP_MIN + 0.1 * (SETUP_MAX - SETUP_MIN), 9);
    expect(setup.p90).toBeCloseTo(SETUP_MIN + 0.9 * (SETUP_MAX - SETUP_MIN), 9);
    expect(Math.abs(setup.meanAsDrawn - (SETUP_MIN + SETUP_MAX) / 2)).toBeLessThan((3 * (SETUP_MAX - SETUP_MIN)) / Math.sqrt(12 * 400));
  });

  it('gives the analytic tornado: a swing of slope x (P90 - P10) for the setup, 0 for an assumption the profit does not depend on', () => {
    const [app, idle] = section.tornado;
    expect(app.program).toBe('app');
    expect(app.meanProfit).toBeCloseTo(report.programs[0].metrics.incrementalProfit.mean, 6);
    // Only app's own assumptions and the economics move app: idle's uplift is not in its tornado.
    expect(app.bars.map((bar) => bar.assumption)).toEqual([SETUP]);
    const setup = section.assumptions[0];
    const bar = app.bars[0];
    // Profit = G_i - setup: slope -1, so the swing is P90 - P10 = 0.8 (b - a), and at a value v the mean profit is mean(G) - v.
    expect(bar.swing).toBeCloseTo(0.8 * (SETUP_MAX - SETUP_MIN), 6);
    expect(bar.profitAtP10 - bar.profitAtP90).toBeCloseTo(setup.p90 - setup.p10, 6);
    expect(bar.profitAtP10).toBeCloseTo(app.meanProfit + setup.meanAsDrawn - setup.p10, 6);
    expect(idle.bars).toEqual([{ assumption: IDLE_UPLIFT, profitAtP10: -100, profitAtP90: -100, swing: 0 }]);
  });

  it('values the setup at its closed-form EVPPI and the idle uplift at about 0', () => {
    const { decision } = section;
    expect(decision.options).toEqual(['none', 'app', 'idle']);
    const setup = section.assumptions[0];
    const meanGain = report.programs[0].metrics.incrementalProfit.mean + setup.meanAsDrawn;
    expect(meanGain).toBeGreaterThan(SETUP_MIN);
    expect(meanGain).toBeLessThan(SETUP_MAX);
    // NB = G - s, s ~ uniform(a, b) independent of G: EVPPI(s) = E[max(0, Ḡ - s)] - max(0, Ḡ - E s)
    //    = (Ḡ - a)^2 / (2 (b - a)) - max(0, Ḡ - (a + b) / 2).
    const closedForm = (meanGain - SETUP_MIN) ** 2 / (2 * (SETUP_MAX - SETUP_MIN)) - Math.max(0, meanGain - (SETUP_MIN + SETUP_MAX) / 2);
    const bySetup = decision.evppi.find((entry) => entry.assumption === SETUP)!;
    const byUplift = decision.evppi.find((entry) => entry.assumption === IDLE_UPLIFT)!;
    expect(decision.evppi[0]).toBe(bySetup);
    expect(bySetup.standardError).toBeGreaterThan(0);
    // Sampling error: the estimator's standard error, and the error of Ḡ (its MCSE, changing the closed form by at most that much).
    const mcse = report.programs[0].metrics.incrementalProfit.mcse;
    expect(Math.abs(bySetup.value - closedForm)).toBeLessThan(3 * Math.hypot(bySetup.standardError, mcse));
    expect(byUplift.value).toBeGreaterThanOrEqual(0);
    expect(byUplift.value).toBeLessThan(3 * byUplift.standardError);
    expect(byUplift.value).toBeLessThan(0.1 * bySetup.value);
    // EVPI bounds every EVPPI.
    expect(decision.evpi.value).toBeGreaterThan(bySetup.value);
  });

  it('leaves the report without the section when it is not asked for', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sensitivity-'));
    const file = path.join(folder, 'toy.yaml');
    writeFileSync(file, JSON.stringify({ ...SCENARIO, iterations: 8 }));
    const plain = await runScenario(await loadScenario(file), { workers: 1, breakEven: 'first-order' });
    expect(plain.sensitivity).toBeUndefined();
    expect(Object.keys(plain)).not.toContain('sensitivity');
  });
});

describe('the tornado against runs with the assumption written in the file', () => {
  // Every assumption uncertain: a margin for all categories (found from the tallies), a share and
  // a setup cost (program variants), an uplift of a second program.
  const programs: Record<string, unknown>[] = [
    { name: 'app', type: 'none', enrolment: { share: 'uniform(0.3, 0.7)' }, effects: { frequencyUplift: 0.2 }, costs: { setup: 'uniform(500, 3000)' } },
    { name: '5% off', type: 'discount', effects: { frequencyUplift: 'pert(0, 0.05, 0.15)' }, discount: { percent: 0.05 } },
  ];
  const base = { ...SCENARIO, economics: { grossMargin: 'uniform(0.3, 0.4)' }, horizon: '6 months', iterations: 16, programs };
  const folder = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sensitivity-file-'));
  let written = 0;
  async function run(scenario: object, sensitivity: boolean): Promise<SimulationReport> {
    const file = path.join(folder, `scenario-${written++}.yaml`);
    writeFileSync(file, JSON.stringify(scenario));
    return runScenario(await loadScenario(file), { workers: 1, breakEven: 'first-order', sensitivity });
  }

  it('gives at P10 and P90 the mean profit of a run with the value written in the file (a fixed value keeps every other draw)', async () => {
    const report = await run(base, true);
    const section = report.sensitivity!;
    expect(section.assumptions.map((a) => a.name)).toEqual([
      'economics.grossMargin',
      'programs["app"].enrolment.share',
      'programs["app"].costs.setup',
      'programs["5% off"].effects.frequencyUplift',
    ]);
    const written = (name: string, value: number) => {
      if (name === 'economics.grossMargin') return { ...base, economics: { grossMargin: value } };
      const [program, block, key] = name === 'programs["app"].enrolment.share' ? [0, 'enrolment', 'share'] : name === 'programs["app"].costs.setup' ? [0, 'costs', 'setup'] : [1, 'effects', 'frequencyUplift'];
      const changed = programs.map((p, k) => (k === program ? { ...p, [block]: { ...(p[block] as object), [key]: value } } : p));
      return { ...base, programs: changed };
    };
    for (const assumption of section.assumptions) {
      for (const [quantile, field] of [[assumption.p10, 'profitAtP10'], [assumption.p90, 'profitAtP90']] as const) {
        const fixedRun = await run(written(assumption.name, quantile), false);
        section.tornado.forEach((tornado, k) => {
          const bar = tornado.bars.find((b) => b.assumption === assumption.name);
          const expected = fixedRun.programs[k].metrics.incrementalProfit.mean;
          // A program's assumption does not move the other program: no bar there, and that program's profit as run.
          if (bar === undefined) expect(expected).toBeCloseTo(report.programs[k].metrics.incrementalProfit.mean, 6);
          else expect(bar[field]).toBeCloseTo(expected, 6);
        });
      }
    }
  }, 600_000);
});
