/**
 * Validation of the tiered, threshold-gift and coalition program definitions: bad definitions are
 * located problems (file:line:column), and the CLI exits with 2 on them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/issues.js';
import { loadScenario } from '../../src/config/load.js';
import type { ConfigIssue } from '../../src/config/yaml-source.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';


const HEADER = `population:
  customers: 100
  purchasesPerYear: 4
  meanTicket: 20
economics:
  grossMargin: 0.3
programs:
`;
/** Lines taken by HEADER: the first program starts on line 8. */

async function problemsIn(programs: string): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-types-'));
  const file = path.join(dir, 'scenario.yaml');
  writeFileSync(file, HEADER + programs);
  try {
    await loadScenario(file);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i: ConfigIssue) => `${i.line}:${i.column}: ${i.field ? `${i.field}: ` : ''}${i.message}`);
    throw err;
  }
  return [];
}

const TIERED = `  - name: Status
    type: tiered
    tiers:
      - { name: Red, threshold: 0 }
      - { name: Silver, threshold: 1000, earnMultiplier: 1.5 }
`;

const PARTNER = `  - name: Network
    type: coalition
    coalition:
      view: partner
      earnRate: 1
      pricePerPointIssued: 0.008
      reimbursementPerPointRedeemed: 0.006
      faceValue: 0.01
    redemption:
      probability: 0.5
`;

const OPERATOR = `  - name: Operator
    type: coalition
    coalition:
      view: operator
      faceValue: 0.01
      partners:
        - { name: Fuel, spendShare: 60%, earnRate: 0.1, pricePerPointIssued: 0.01, reimbursementPerPointRedeemed: 0.008 }
        - { name: Shop, spendShare: 30%, earnRate: 0.3, pricePerPointIssued: 0.012, reimbursementPerPointRedeemed: 0.009 }
    redemption:
      probability: 0.5
`;

const STAMPS = `  - name: Stamp card
    type: threshold-gift
    gift:
      countOn: visits
      threshold: 9.5
      giftValue: 3.5
      giftCost: 0.9
`;

describe('program types: good definitions load with their defaults', () => {
  it('tiered, partner coalition and stamp card', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-types-'));
    const file = path.join(dir, 'scenario.yaml');
    writeFileSync(file, HEADER + TIERED + PARTNER + STAMPS.replace('9.5', '10'));
    const { scenario } = await loadScenario(file);
    const [tiered, coalition, stamps] = scenario.programs;
    expect(tiered).toMatchObject({
      qualification: { metric: 'spend', window: 12, reviewEveryMonths: 12, graceMonths: 0 },
      tiers: [
        { name: 'Red', threshold: 0, earnMultiplier: 1, discount: 0, benefitCostPerYear: { dist: 'fixed', value: 0 } },
        { name: 'Silver', threshold: 1000, earnMultiplier: 1.5 },
      ],
    });
    expect(coalition).toMatchObject({
      coalition: { view: 'partner', platformFeePerMemberPerMonth: { dist: 'fixed', value: 0 }, minimumToRedeem: 0, maxShareOfPurchase: 1 },
    });
    expect(stamps).toMatchObject({ gift: { threshold: 10, minimumPurchase: 0 }, redemption: { probability: { dist: 'fixed', value: 1 } } });
  });
});

describe('program types: bad definitions are located', () => {
  it('tiers that do not rise, or a first tier above 0', async () => {
    expect(await problemsIn(TIERED.replace('threshold: 1000', 'threshold: 0'))).toEqual([
      "12:36: programs[0].tiers[1].threshold: tier thresholds must rise strictly: 0 does not exceed the previous tier's 0",
    ]);
    expect(await problemsIn(TIERED.replace('threshold: 0 }', 'threshold: 5 }'))).toEqual([
      '11:33: programs[0].tiers[0].threshold: the first tier starts at threshold 0: every member starts in it',
    ]);
  });

  it('qualifying on points without points, points without redemption, unknown window', async () => {
    expect(await problemsIn(TIERED + '    qualification: { metric: points, window: year }\n')).toEqual([
      "13:46: programs[0].qualification.window: expected a number of months such as 12, or 'calendar-year'",
    ]);
    expect(await problemsIn(TIERED + '    qualification: { window: calendar-year, reviewEveryMonths: 6 }\n')).toEqual([
      "13:64: programs[0].qualification.reviewEveryMonths: with a calendar-year window the review falls at each year's end: leave reviewEveryMonths out or set it to 12",
    ]);
    expect(await problemsIn(TIERED + '    qualification: { metric: points }\n')).toEqual([
      '13:30: programs[0].qualification.metric: qualifying on points needs a points block',
    ]);
    expect(await problemsIn(TIERED + '    points: { earnRate: 0.1, faceValue: 0.01 }\n')).toEqual([
      '13:5: programs[0].points: points need a redemption block (redemption: { probability: ... })',
    ]);
  });

  it('coalition prices missing, shares that do not sum to 100%, effects in the operator view', async () => {
    expect(await problemsIn(PARTNER.replace('      pricePerPointIssued: 0.008\n', ''))).toEqual([
      "10:5: programs[0].coalition: missing required key 'pricePerPointIssued'",
    ]);
    expect(await problemsIn(OPERATOR)).toEqual(["13:7: programs[0].coalition.partners: the partners' spend shares sum to 0.9, not 1 (100%)"]);
    const balanced = OPERATOR.replace('spendShare: 30%', 'spendShare: 40%');
    expect(await problemsIn(balanced)).toEqual([]);
    expect(await problemsIn(balanced + '    effects: { frequencyUplift: 5% }\n')).toEqual([
      "18:33: programs[0].effects.frequencyUplift: must be 0 in the operator view: members' purchases are the partners' sales, not the operator's income",
    ]);
    expect(await problemsIn(PARTNER.replace('view: partner', 'view: member'))).toEqual([
      '11:13: programs[0].coalition.view: expected view: partner or view: operator, with that view\'s keys',
    ]);
  });

  it('a stamp card whose visit count is not whole', async () => {
    expect(await problemsIn(STAMPS)).toEqual(['12:18: programs[0].gift.threshold: a number of visits must be whole, got 9.5']);
  });

  it('a spend card whose threshold is too small to ever fill (stamps are counted in 1/1024 units)', async () => {
    const tiny = STAMPS.replace('countOn: visits', 'countOn: spend').replace('threshold: 9.5', 'threshold: 0.0001');
    expect(await problemsIn(tiny)).toEqual(['12:18: programs[0].gift.threshold: must be at least 0.01, got 0.0001']);
  });
});

describe('loyalty-sim validate on bad program definitions: exit 2, file:line:column', () => {
  it.each([
    ['tiers-not-ascending.yaml', "13:36: programs[0].tiers[2].threshold: tier thresholds must rise strictly: 1000 does not exceed the previous tier's 3000"],
    ['coalition-price-missing.yaml', "10:5: programs[0].coalition: missing required key 'pricePerPointIssued'"],
  ])('%s', async (name, expected) => {
    const result = await runCliInProcess(['validate', path.join('test/config/fixtures', name)]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error: test/config/fixtures/${name}:${expected}\n`);
  });
});
