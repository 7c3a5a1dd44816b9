/** `run --sensitivity` through the built CLI: the JSON section, the same bytes for any worker count, and the table's sections. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { REPORT_SCHEMA_VERSION } from '../../src/report/report-model.js';

const folder = mkdtempSync(path.join(os.tmpdir(), 'loyalty-cli-sensitivity-'));
const scenario = path.join(folder, 'toy.yaml');
writeFileSync(
  scenario,
  JSON.stringify({
    name: 'sensitivity toy',
    population: { customers: 200, purchasesPerYear: 12, meanTicket: 30, heterogeneity: 'medium', annualDropout: 0.3 },
    economics: { grossMargin: 'uniform(0.3, 0.4)' },
    horizon: '6 months',
    iterations: 30,
    seed: 3,
    programs: [
      { name: 'app', type: 'none', enrolment: { share: 'uniform(0.3, 0.7)' }, effects: { frequencyUplift: 0.2 }, costs: { setup: 'uniform(500, 3000)' } },
      { name: '5% off', type: 'discount', effects: { frequencyUplift: 'pert(0, 0.05, 0.15)' }, discount: { percent: 0.05 } },
    ],
  }),
);
const args = ['run', scenario, '--sensitivity', '--break-even', 'first-order', '--no-progress'];

describe('run --sensitivity', () => {
  it('adds a sensitivity section to the JSON report, byte for byte the same with 1 and 2 workers', () => {
    const one = runCli([...args, '--json', '--workers', '1']);
    expect(one.stderr).toBe('');
    expect(one.status).toBe(0);
    const two = runCli([...args, '--json', '--workers', '2']);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(one.stdout);
    const section = report.sensitivity;
    expect(section.assumptions.map((a: { name: string }) => a.name)).toEqual([
      'economics.grossMargin',
      'programs["app"].enrolment.share',
      'programs["app"].costs.setup',
      'programs["5% off"].effects.frequencyUplift',
    ]);
    expect(section.tornado.map((t: { program: string }) => t.program)).toEqual(['app', '5% off']);
    // The margin moves both programs; each program's own assumptions only itself.
    expect(section.tornado[1].bars.map((b: { assumption: string }) => b.assumption).sort()).toEqual(['economics.grossMargin', 'programs["5% off"].effects.frequencyUplift']);
    for (const tornado of section.tornado) {
      const swings = tornado.bars.map((b: { swing: number }) => b.swing);
      expect(swings).toEqual([...swings].sort((a, b) => b - a));
    }
    // The setup cost enters app's profit with slope -1: swing = P90 - P10 = 0.8 x 2,500.
    const setupBar = section.tornado[0].bars.find((b: { assumption: string }) => b.assumption === 'programs["app"].costs.setup');
    expect(setupBar.swing).toBeCloseTo(2000, 6);
    expect(section.decision.evppi).toHaveLength(4);
    for (const entry of section.decision.evppi) expect(entry.value).toBeLessThanOrEqual(section.decision.evpi.value + 1e-9);
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
  }, 600_000);

  it('prints a tornado per program and the value of information in the table', () => {
    const table = runCli([...args, '--workers', '1']);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('Sensitivity (mean incremental profit with one assumption at its P10 and at its P90');
    expect(table.stdout).toMatch(/app \(mean incremental profit -?[\d,]+\)/);
    expect(table.stdout).toMatch(/│ costs\.setup +│ +750 \.\. 2750 │/);
    expect(table.stdout).toContain('Value of information (money in currency units; decision: launch none or one of the programs)');
    expect(table.stdout).toMatch(/A pilot or study that pins down .+ is worth/);
  }, 600_000);

  it('is absent from the report without the flag', () => {
    const plain = runCli(['run', scenario, '--iterations', '4', '--break-even', 'first-order', '--no-progress', '--json', '--workers', '1']);
    expect(plain.status).toBe(0);
    expect(JSON.parse(plain.stdout).sensitivity).toBeUndefined();
  }, 600_000);
});
