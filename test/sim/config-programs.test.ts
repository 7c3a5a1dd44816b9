/**
 * Programs as the scenario layer validates them, with their assumptions drawn for one iteration,
 * are the engine's resolved programs: the shapes line up key for key.
 */
import { describe, expect, it } from 'vitest';
import { drawAssumptions } from '../../src/schema/draw-assumptions.js';
import { programDefinitionSchema } from '../../src/config/program-schema.js';
import type { ResolvedProgram } from '../../src/programs/registry.js';
import { IterationKey, RandomStream } from '../../src/sim/random-stream.js';
import { simulate } from '../../src/sim/simulate.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { TALLY_FIELDS } from '../../src/sim/tally.js';
import { input, variedCustomers } from './fixtures.js';

const definitions = [
  { name: 'Baseline again', type: 'none' },
  {
    name: '5% off',
    type: 'discount',
    enrolment: { share: 'uniform(0.3, 0.6)', selfSelection: 1 },
    effects: { frequencyUplift: 'pert(0, 0.03, 0.1)' },
    costs: { setup: 5000, perMemberPerYear: 1.5, perTransaction: 0.02 },
    discount: { percent: '5%', scope: ['shop'], ladder: [{ spend: 500, percent: 0.07 }] },
  },
  {
    name: '5% back',
    type: 'bonus',
    enrolment: { share: 0.5 },
    points: { earnRate: 0.05, byCategory: { fuel: 0.01 }, pendingDays: 14, expiryMonths: 6, minimumToRedeem: 10, maxShareOfPurchase: 0.2, faceValue: 1 },
    redemption: { probability: 0.6, neverRedeemShare: 0.3 },
  },
].map((definition) => programDefinitionSchema.parse(definition));

describe('programs from the scenario layer', () => {
  it('run in the engine after one draw of their assumptions per iteration', async () => {
    const programs = (iteration: number): ResolvedProgram[] => {
      const stream = new RandomStream(new IterationKey(3, iteration, 9), 0);
      return definitions.map((definition) => drawAssumptions(definition, () => stream.nextUniform()));
    };
    const result = await simulate(input(variedCustomers(1000), programs, { iterations: 3 }), { workers: 1 });
    expect(result.worlds).toEqual(['baseline', 'Baseline again', '5% off', '5% back']);
    for (let i = 0; i < result.iterations; i++) {
      const baseline = worldTotals(result, i, 0);
      // `type: none` with its defaults: everyone joins, nothing changes; the world is the baseline.
      const none = worldTotals(result, i, 1);
      const memberBookkeeping = ['members', 'enrolments', 'memberMonths', 'memberPurchases', 'memberRevenue', 'memberGrossProfit', 'memberBaselineGrossProfit', 'cohortMembers', 'cohortMembersDroppedOut'];
      for (const field of TALLY_FIELDS) if (!memberBookkeeping.includes(field)) expect(none[field], field).toBe(baseline[field]);
      // Everyone who shops joins at their first purchase, and a program of no type keeps them.
      expect(none.members).toBe(baseline.shoppers);
      const discount = worldTotals(result, i, 2);
      expect(discount.discounts).toBeGreaterThan(0);
      expect(discount.enrolments / baseline.shoppers).toBeGreaterThan(0.2);
      expect(worldTotals(result, i, 3).pointsIssued).toBeGreaterThan(0);
    }
  });
});
