/**
 * A program that changes nothing and costs nothing reproduces the baseline: with common random
 * numbers its world sees the same customers make the same purchases, so every flow that is not
 * about members (who they are, how many, what they bought) equals the baseline's in every month of
 * every iteration, and its incremental revenue, profit and NPV are 0. One zero program of each
 * family, over random small populations and economics.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { iterationMetrics } from '../../src/metrics/compute-metrics.js';
import { monthTallies } from '../../src/metrics/world-totals.js';
import { FLOWS, type TallyField } from '../../src/programs/flows.js';
import { PROPERTY_SEED, scenarioBaseArbitrary, scenarioFolder, simulateScenario } from './scenarios.js';

const folder = scenarioFolder();
afterAll(() => folder.remove());

const NO_EFFECT = { frequencyUplift: 0, spendUplift: 0, churnReduction: 0 };
const NO_COST = { setup: 0, perMemberPerYear: 0, perTransaction: 0 };

/** A program of each family that gives nothing, charges nothing and costs nothing. */
const ZERO_PROGRAMS: ({ type: string } & Record<string, unknown>)[] = [
  { type: 'none' },
  { type: 'discount', discount: { percent: 0 } },
  { type: 'bonus', points: { earnRate: 0, faceValue: 0.01 }, redemption: { probability: 0.5 } },
  {
    type: 'tiered',
    qualification: { metric: 'spend', window: 12 },
    tiers: [
      { name: 'Base', threshold: 0, earnMultiplier: 1 },
      { name: 'Gold', threshold: 100, earnMultiplier: 2 },
    ],
    points: { earnRate: 0, faceValue: 0.01 },
    redemption: { probability: 0.5 },
  },
  { type: 'paid', paid: { fee: 0, discountPercent: 0, joining: 'share' } },
  {
    type: 'coalition',
    coalition: { view: 'partner', earnRate: 0, pricePerPointIssued: 0, reimbursementPerPointRedeemed: 0, faceValue: 0.01 },
    redemption: { probability: 0.5 },
  },
  { type: 'threshold-gift', gift: { countOn: 'visits', threshold: 3, giftValue: 0, giftCost: 0, displacesPurchase: 0 }, redemption: { probability: 1 } },
  { type: 'instant-win', instantWin: { winProbability: 0.3, prizeCost: 0 } },
];

/** Flows about the members themselves, which the baseline world (no members) does not have. */
const MEMBER_FLOWS = new Set<TallyField>([
  'members',
  'enrolments',
  'memberMonths',
  'memberPurchases',
  'memberRevenue',
  'memberGrossProfit',
  'memberBaselineGrossProfit',
  'cohortMembers',
  'cohortMembersDroppedOut',
  'feePayments',
  'periodsEnded',
  'renewals',
  'benefitShortfalls',
]);
/** A stamp card's stamps are counted as its points: members collect them though the gift is worth 0. */
const STAMPS = new Set<TallyField>(['pointsIssued', 'pointsRedeemed', 'pointsExpired', 'pointsOutstanding', 'pointsRedeemable', 'ultimateRedeemed']);
const sameAsBaseline = (type: unknown) =>
  FLOWS.map((flow) => flow.name).filter((name) => !MEMBER_FLOWS.has(name) && !(type === 'threshold-gift' && (STAMPS.has(name) || name.startsWith('runOff'))));

describe('a zero-effect, zero-cost program (property)', () => {
  it('has every flow of the baseline in every month and an incremental profit of 0', async () => {
    const enrolment = fc.record({ share: fc.integer({ min: 1, max: 100 }).map((v) => v / 100), selfSelection: fc.constantFrom(0, 0.5, 1, 2), at: fc.constantFrom('start', 'purchase') });
    const scenario = fc.tuple(scenarioBaseArbitrary, fc.constantFrom(...ZERO_PROGRAMS.keys()), enrolment).map(([base, index, e]) => {
      const program = ZERO_PROGRAMS[index];
      const withEnrolment = program.type === 'none' || program.type === 'paid' ? {} : { enrolment: e };
      return { ...base, programs: [{ name: `zero ${program.type}`, ...program, ...withEnrolment, effects: NO_EFFECT, costs: NO_COST }] };
    });
    let memberWorlds = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (yaml) => {
        const { loaded, result } = await simulateScenario(folder, yaml, 2);
        const compared = sameAsBaseline((yaml.programs[0] as { type: string }).type);
        const metrics = iterationMetrics(result, { annualDiscountRate: loaded.scenario.economics.discountRate }, 0);
        for (let iteration = 0; iteration < result.iterations; iteration++) {
          for (let month = 0; month < result.horizonMonths; month++) {
            const baseline = monthTallies(result, iteration, 0, month);
            const program = monthTallies(result, iteration, 1, month);
            for (const name of compared) expect(program[name], `${name}, iteration ${iteration}, month ${month + 1}`).toBe(baseline[name]);
            if (program.members > 0) memberWorlds++;
          }
          expect(metrics.incrementalRevenue[iteration]).toBe(0);
          expect(metrics.incrementalProfit[iteration]).toBe(0);
          expect(metrics.npv[iteration]).toBe(0);
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 60 },
    );
    expect(memberWorlds).toBeGreaterThan(100);
  });
});
