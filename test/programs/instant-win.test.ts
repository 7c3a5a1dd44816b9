/**
 * Instant win ("one order in four wins a dessert"), worked by hand and through the engine:
 * reward cost = prize cost x winning purchases, a zero-cost draw reproduces the baseline, and bad
 * definitions are located problems with exit code 2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/issues.js';
import { loadScenario } from '../../src/config/load.js';
import { resolvedProgram } from '../../src/programs/registry.js';
import { instantWinProgram, type ResolvedInstantWinProgram } from '../../src/programs/types/instant-win.js';
import { simulate } from '../../src/sim/simulate.js';
import { TALLY_FIELDS } from '../../src/sim/tally.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { runCli } from '../helpers/run-cli.js';
import { common, input, variedCustomers } from '../sim/fixtures.js';
import { COMMON, PolicyDriver } from './helpers.js';

const CONTEXT = { horizonMonths: 12, categoryNames: ['all'] };

function dessert(instantWin: Partial<ResolvedInstantWinProgram['instantWin']> = {}): ResolvedInstantWinProgram {
  return resolvedProgram({ ...COMMON, name: 'dessert draw', type: 'instant-win', instantWin: { winProbability: 0.25, prizeCost: 1.8, ...instantWin } });
}

function driver(program: ResolvedInstantWinProgram): PolicyDriver<ResolvedInstantWinProgram> {
  const policy = instantWinProgram.create(CONTEXT);
  policy.configure(program);
  const member = new PolicyDriver(policy);
  member.enrol(0);
  return member;
}

describe('instant win, by hand', () => {
  it('one order in four wins a dessert costing 1.8: a purchase wins when its uniform is below 0.25', () => {
    const member = driver(dessert());
    const uniforms = [0.1, 0.3, 0.2499, 0.25, 0.9, 0.05, 0.6, 0.7];
    const costs = uniforms.map((uniform, day) => member.purchase(day, 12, { uniform }).rewardCost);
    // Wins at 0.1, 0.2499 and 0.05: 3 prizes of 1.8.
    expect(costs).toEqual([1.8, 0, 1.8, 0, 0, 1.8, 0, 0]);
    expect(costs.reduce((a, b) => a + b, 0)).toBeCloseTo(3 * 1.8, 12);
    // No discount, no points, nothing at month ends.
    expect(member.purchase(9, 12, { uniform: 0.01 })).toMatchObject({ discount: 0, pointsIssued: 0, rewardCost: 1.8 });
    expect(member.monthEnd(0)).toMatchObject({ member: true, quietUntilMonth: Infinity });
  });

  it('purchases below the minimum take no part in the draw', () => {
    const member = driver(dessert({ minimumPurchase: 15 }));
    expect(member.purchase(1, 14.99, { uniform: 0.01 }).rewardCost).toBe(0);
    expect(member.purchase(2, 15, { uniform: 0.01 }).rewardCost).toBe(1.8);
  });
});

describe('instant win through the engine', () => {
  it('reward cost = prize cost x winning purchases, about win rate x member purchases', async () => {
    const program = { ...dessert({ winProbability: 0.25, prizeCost: 2 }), ...common('dessert draw') };
    const result = await simulate(input(variedCustomers(2000), [program], { iterations: 4 }), { workers: 1 });
    for (let i = 0; i < 4; i++) {
      const totals = worldTotals(result, i, 1);
      const wins = totals.rewardCost / 2;
      expect(Number.isInteger(wins)).toBe(true);
      // Binomial(n, 1/4): within 4 standard deviations of n / 4.
      const n = totals.memberPurchases;
      expect(n).toBeGreaterThan(1000);
      expect(Math.abs(wins - n / 4)).toBeLessThan(4 * Math.sqrt(n * 0.25 * 0.75));
      expect(totals.subsidy).toBeCloseTo(totals.rewardCost, 6); // no effects: every prize is on a purchase made anyway
    }
  });

  it('a draw whose prizes cost nothing, without effects or costs, reproduces the baseline in every money and count tally', async () => {
    const program = { ...dessert({ prizeCost: 0 }), ...common('free draw', { enrolment: { share: 0.6, selfSelection: 1 } }) };
    const result = await simulate(input(variedCustomers(1500), [program], { iterations: 3, newCustomersPerMonth: 20 }), { workers: 1 });
    const memberBookkeeping = new Set(['members', 'enrolments', 'memberMonths', 'memberPurchases', 'memberRevenue', 'memberGrossProfit', 'memberBaselineGrossProfit', 'cohortMembers', 'cohortMembersDroppedOut']);
    for (let i = 0; i < 3; i++) {
      const baseline = worldTotals(result, i, 0);
      const draw = worldTotals(result, i, 1);
      for (const field of TALLY_FIELDS) if (!memberBookkeeping.has(field)) expect({ field, value: draw[field] }).toEqual({ field, value: baseline[field] });
    }
  });
});

const SCENARIO = `population:
  customers: 100
  purchasesPerYear: 4
  meanTicket: 20
economics:
  grossMargin: 0.3
programs:
  - name: Dessert draw
    type: instant-win
    instantWin:
      winProbability: WIN
      prizeCost: COST
`;

function writeScenario(win: string, cost: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-instant-win-')), 'scenario.yaml');
  writeFileSync(file, SCENARIO.replace('WIN', win).replace('COST', cost));
  return file;
}

async function problemsIn(file: string): Promise<string[]> {
  try {
    await loadScenario(file);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => `${issue.line}:${issue.column}: ${issue.field}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('instant win definitions', () => {
  it('a good one loads with its defaults', async () => {
    const { scenario } = await loadScenario(writeScenario('25%', 'uniform(1.5, 2.1)'));
    expect(scenario.programs[0]).toMatchObject({
      type: 'instant-win',
      instantWin: { winProbability: 0.25, prizeCost: { dist: 'uniform', min: 1.5, max: 2.1 }, minimumPurchase: 0 },
    });
  });

  it('a win probability over 1 and a negative prize cost are located problems', async () => {
    expect(await problemsIn(writeScenario('1.5', '1.8'))).toEqual(['11:23: programs[0].instantWin.winProbability: must be at most 1 (100%), got 1.5']);
    expect(await problemsIn(writeScenario('25%', '-1'))).toEqual(['12:18: programs[0].instantWin.prizeCost: must not be negative, got -1']);
  });

  it('the CLI exits with 2 and names file:line:column', () => {
    const file = writeScenario('150%', '1.8');
    const result = runCli(['validate', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`error: ${file}:11:23: programs[0].instantWin.winProbability: 150% is over 100%\n`);
  });
});
