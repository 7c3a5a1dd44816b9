/**
 * Random scenarios for the property tests: fast-check arbitraries for a small population, the
 * economics and one program of every family, written as YAML and read back through the loader the
 * CLI uses (config/load.ts), so every generated program is one the schemas accept; and a runner
 * that simulates a loaded scenario the way `run` does (run/run-scenario.ts) but returns the raw
 * simulation result, whose monthly tallies the properties inspect.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadScenario, type LoadedScenario } from '../../src/config/load.js';
import { prepareRun } from '../../src/run/prepare-run.js';
import { simulate } from '../../src/sim/simulate.js';
import type { SimulationResult } from '../../src/sim/simulation-input.js';

export { PROPERTY_SEED } from './seed.js';

type Yaml = Record<string, unknown>;

// Numbers on a grid (thousandths, cents): fast-check's doubles lean hard on the range's ends, and
// readable values make a counterexample easier to work by hand.
const share = (min = 0, max = 1) => fc.integer({ min: Math.round(min * 1000), max: Math.round(max * 1000) }).map((v) => v / 1000);
const amount = (min: number, max: number) => fc.integer({ min: Math.round(min * 100), max: Math.round(max * 100) }).map((v) => v / 100);

const enrolment = fc.record({ share: share(0.05, 1), selfSelection: share(0, 2), at: fc.constantFrom('start', 'purchase') });
const effects = fc.record({ frequencyUplift: share(-0.2, 0.3), spendUplift: share(-0.2, 0.3), churnReduction: share(0, 0.3) });
const costs = fc.record({ setup: amount(0, 5000), perMemberPerYear: amount(0, 5), perTransaction: amount(0, 0.5) });
const common = fc.record({ enrolment, effects, costs });

const points = fc.record(
  {
    earnRate: share(0, 20),
    rounding: fc.constantFrom('floor', 'round', 'none'),
    welcomeBonus: fc.integer({ min: 0, max: 200 }),
    pendingDays: fc.integer({ min: 0, max: 60 }),
    expiryMonths: fc.integer({ min: 1, max: 24 }),
    minimumToRedeem: fc.integer({ min: 0, max: 200 }),
    maxShareOfPurchase: share(0.05, 1),
    faceValue: fc.constantFrom(0.01, 0.05, 0.1),
  },
  { requiredKeys: ['earnRate', 'faceValue'] },
);
const tillRedemption = fc.record({ probability: share(0, 1), neverRedeemShare: share(0, 0.9) });
const redemption = fc.oneof(
  tillRedemption,
  tillRedemption.map((r) => ({ ...r, form: 'reward' as const, displacesPurchase: 0.5 })),
);

/** A bonus program's points and redemption (a reward form needs costPerPoint). */
const pointsAndRedemption = fc.tuple(points, redemption).map(([p, r]) => ({
  points: 'form' in r ? { ...p, costPerPoint: 0.005 } : p,
  redemption: r,
}));

const discount = fc.record({ percent: share(0, 0.5), minimumPurchase: amount(0, 50) });
const bonus = pointsAndRedemption;
const tiered = fc.tuple(pointsAndRedemption, fc.integer({ min: 50, max: 2000 }), share(1, 3), share(0, 0.1)).map(([pr, threshold, multiplier, gold]) => ({
  ...pr,
  qualification: { metric: 'spend', window: 12 },
  tiers: [
    { name: 'Base', threshold: 0, earnMultiplier: 1 },
    { name: 'Gold', threshold, earnMultiplier: multiplier, discount: gold, benefitCostPerYear: 5 },
  ],
}));
const paid = fc
  .tuple(amount(0, 100), fc.constantFrom('month', 'year'), share(0, 0.5), fc.constantFrom('share', 'rational'), fc.option(pointsAndRedemption, { nil: undefined }))
  .map(([fee, period, discountPercent, joining, pr]) => ({
    paid: { fee, period, discountPercent, joining, ...(pr ? { pointsMultiplier: 2 } : {}) },
    ...(pr ?? {}),
  }));
const coalitionPoints = fc.record({
  faceValue: fc.constantFrom(0.01, 0.05),
  expiryMonths: fc.integer({ min: 1, max: 24 }),
  minimumToRedeem: fc.integer({ min: 0, max: 300 }),
  maxShareOfPurchase: share(0.1, 1),
});
const coalitionPartner = fc.tuple(coalitionPoints, share(0, 3), tillRedemption).map(([p, earnRate, r]) => ({
  coalition: {
    view: 'partner',
    earnRate,
    pricePerPointIssued: 0.008,
    reimbursementPerPointRedeemed: 0.006,
    platformFeePerMemberPerMonth: 0.1,
    pointsElsewherePerPoint: 1,
    networkArrivalsPerMonth: 2,
    ...p,
  },
  redemption: r,
}));
const coalitionOperator = fc.tuple(coalitionPoints, share(0.1, 0.9), tillRedemption).map(([p, first, r]) => ({
  coalition: {
    view: 'operator',
    partners: [
      { name: 'A', spendShare: first, earnRate: 1, pricePerPointIssued: 0.01, reimbursementPerPointRedeemed: 0.008 },
      { name: 'B', spendShare: Math.round((1 - first) * 1000) / 1000, earnRate: 2, pricePerPointIssued: 0.01, reimbursementPerPointRedeemed: 0.008 },
    ],
    ...p,
  },
  redemption: r,
}));
const thresholdGift = fc
  .tuple(fc.constantFrom('visits', 'spend'), fc.integer({ min: 1, max: 20 }), amount(0, 20), fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), share(0, 1))
  .map(([countOn, threshold, giftValue, expiryMonths, probability]) => ({
    gift: { countOn, threshold, giftValue, giftCost: giftValue / 2, displacesPurchase: 0.5, ...(expiryMonths ? { expiryMonths } : {}) },
    redemption: { probability, neverRedeemShare: 0.1 },
  }));
const instantWin = fc.record({ instantWin: fc.record({ winProbability: share(0, 0.5), prizeCost: amount(0, 10), minimumPurchase: amount(0, 20) }) });

/** Each family's own blocks, by type. */
const FAMILIES: Record<string, fc.Arbitrary<Yaml>> = {
  none: fc.constant({}),
  discount: discount.map((d) => ({ discount: d })),
  bonus,
  tiered,
  paid,
  coalition: fc.oneof(coalitionPartner, coalitionOperator),
  'threshold-gift': thresholdGift,
  'instant-win': instantWin,
};

export const PROGRAM_FAMILIES = Object.keys(FAMILIES);

/** One program of `type` (any family when absent), with random enrolment, effects and costs. */
export function programArbitrary(type?: string): fc.Arbitrary<Yaml> {
  const families = type === undefined ? PROGRAM_FAMILIES : [type];
  return fc.constantFrom(...families).chain((family) =>
    fc.tuple(common, FAMILIES[family]).map(([c, blocks]) => {
      if (family === 'none') return { name: 'none', type: 'none' };
      // Paid members join by the fee (no enrolment block); the operator of a coalition sells nothing itself (no effects).
      if (family === 'paid') return { name: family, type: family, effects: c.effects, costs: c.costs, ...blocks };
      if ((blocks.coalition as Yaml | undefined)?.view === 'operator') return { name: family, type: family, enrolment: c.enrolment, costs: c.costs, ...blocks };
      return { name: family, type: family, ...c, ...blocks };
    }),
  );
}

/** A small scenario: a population of at most a few hundred customers, a horizon of up to 18 months. */
export const scenarioBaseArbitrary = fc.record({
  population: fc.record({
    customers: fc.integer({ min: 20, max: 250 }),
    purchasesPerYear: fc.integer({ min: 2, max: 30 }),
    meanTicket: amount(5, 150),
    heterogeneity: fc.constantFrom('low', 'medium', 'high'),
    annualDropout: share(0.05, 0.4),
  }),
  economics: fc.record({ grossMargin: share(0.1, 0.8), discountRate: share(0, 0.15), returnRate: share(0, 0.1) }),
  horizon: fc.integer({ min: 1, max: 18 }).map((months) => `${months} months`),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  acquisition: fc.oneof(fc.constant('none' as unknown), fc.integer({ min: 0, max: 15 }).map((perMonth) => ({ perMonth }))),
});

/** A folder for the scenario files of one test file; `remove` at the end. */
export function scenarioFolder(): { write(name: string, scenario: Yaml): string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-properties-'));
  return {
    write(name, scenario) {
      const file = path.join(dir, `${name}.yaml`);
      writeFileSync(file, stringify(scenario));
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Simulate a loaded population scenario as `run` does (prepareRun's checks and draws), in this thread, and return the tallies. */
export async function simulateLoaded(loaded: LoadedScenario, iterations: number): Promise<SimulationResult> {
  const { input } = await prepareRun(loaded, { iterations });
  return simulate(input, { workers: 1 });
}

export async function simulateScenario(
  folder: ReturnType<typeof scenarioFolder>,
  scenario: Yaml,
  iterations: number,
): Promise<{ loaded: LoadedScenario; result: SimulationResult }> {
  const loaded = await loadScenario(folder.write('scenario', scenario));
  return { loaded, result: await simulateLoaded(loaded, iterations) };
}
