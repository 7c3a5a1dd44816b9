/**
 * The per-group breakdown through the CLI's entry in this process: the JSON report carries it for a
 * program with groups (tiers), the table prints it under the main table.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const SCENARIO = `name: Tiers and a plain discount
population:
  customers: 1500
  purchasesPerYear: 12
  meanTicket: 40
economics:
  grossMargin: 0.3
horizon: 6 months
iterations: 8
programs:
  - name: Tiers
    type: tiered
    qualification: { metric: spend, window: 12 }
    tiers:
      - { name: Red, threshold: 0 }
      - { name: Gold, threshold: 300, discount: 0.1, benefitCostPerYear: 60 }
  - name: Five off
    type: discount
    discount: { percent: 5% }
`;

interface Summary {
  mean: number;
  p5: number;
  p95: number;
}
interface Report {
  programs: {
    name: string;
    metrics: Record<string, Summary>;
    breakdown?: { group: string; months: Record<string, Summary>[]; total: Record<string, Summary> }[];
  }[];
}

describe('breakdown in the run report', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-breakdown-'));
  const file = path.join(dir, 'tiers.yaml');
  writeFileSync(file, SCENARIO);

  it('JSON: per group and month, members adding up to the program\'s members; no breakdown for a program without groups', async () => {
    const result = await runCliInProcess(['run', file, '--json', '--no-progress', '--workers', '1']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    const [tiers, discount] = report.programs;
    expect(discount.breakdown).toBeUndefined();
    expect(tiers.breakdown!.map((g) => g.group)).toEqual(['Red', 'Gold']);
    for (const group of tiers.breakdown!) {
      expect(group.months).toHaveLength(6);
      expect(Object.keys(group.total).sort()).toEqual(['benefits', 'incrementalProfit', 'members', 'profit', 'revenue']);
    }
    const [red, gold] = tiers.breakdown!;
    expect(red.total.members.mean + gold.total.members.mean).toBeCloseTo(tiers.metrics.membersAtEnd.mean, 9);
    // No behaviour change: what a group gives away is exactly what it costs against the baseline.
    expect(red.total.benefits.mean).toBe(0);
    expect(gold.total.incrementalProfit.mean).toBeCloseTo(-gold.total.benefits.mean, 6);
    expect(gold.total.benefits.mean).toBeGreaterThan(0);
  });

  it('table: a per-group table under the main one', async () => {
    const result = await runCliInProcess(['run', file, '--no-progress', '--workers', '1']);
    expect(result.status).toBe(0);
    const section = result.stdout.slice(result.stdout.indexOf('Tiers: by group'));
    expect(section).toMatch(/│ Red +│/);
    expect(section).toMatch(/│ Gold +│/);
    expect(result.stdout.indexOf('Tiers: by group')).toBeGreaterThan(result.stdout.indexOf('Incremental profit'));
  });
});
