/**
 * Points accounting over random programs (every points family: bonus, tiered, paid with points,
 * coalition partner and operator), random economics and small random populations: in every month
 * of every iteration, cumulative points issued = cumulative redeemed + expired + forfeited +
 * outstanding at the month end (exactly: the ledger counts in power-of-two fractions of a point),
 * no stock is negative, and the run-off accounts for every point outstanding at the horizon's end.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { monthTallies, worldTotals } from '../../src/metrics/world-totals.js';
import { PROPERTY_SEED, programArbitrary, scenarioBaseArbitrary, scenarioFolder, simulateScenario } from './scenarios.js';

const folder = scenarioFolder();
afterAll(() => folder.remove());

const POINTS_FAMILIES = ['bonus', 'tiered', 'paid', 'coalition'];

describe('points accounting (property)', () => {
  it('issued = redeemed + expired + forfeited + outstanding in every month, and the run-off accounts for the rest', async () => {
    // One or two programs of a points family, and now and then one of any other family beside them.
    const programs = fc.tuple(
      fc.constantFrom(...POINTS_FAMILIES).chain((type) => fc.array(programArbitrary(type), { minLength: 1, maxLength: 2 })),
      fc.array(programArbitrary(), { maxLength: 1 }),
    );
    let worldsIssuing = 0;
    let worldsRedeeming = 0;
    let worldsExpiring = 0;
    const scenario = fc
      .tuple(scenarioBaseArbitrary, programs.map(([a, b]) => [...a, ...b]))
      .map(([base, programs]) => ({ ...base, programs: programs.map((p, i) => ({ ...p, name: `${p.name} ${i + 1}` })) }));
    await fc.assert(
      fc.asyncProperty(scenario, async (yaml) => {
        const { result } = await simulateScenario(folder, yaml, 2);
        for (let iteration = 0; iteration < result.iterations; iteration++) {
          for (let world = 1; world <= result.programs.length; world++) {
            let issued = 0;
            let used = 0;
            for (let month = 0; month < result.horizonMonths; month++) {
              const t = monthTallies(result, iteration, world, month);
              for (const stock of ['pointsIssued', 'pointsRedeemed', 'pointsExpired', 'pointsForfeited', 'pointsOutstanding', 'pointsRedeemable'] as const) {
                expect(t[stock], `${stock} in month ${month + 1}`).toBeGreaterThanOrEqual(0);
              }
              issued += t.pointsIssued;
              used += t.pointsRedeemed + t.pointsExpired + t.pointsForfeited;
              expect(used + t.pointsOutstanding, `iteration ${iteration}, world ${world}, month ${month + 1}`).toBe(issued);
              expect(t.pointsRedeemable).toBeLessThanOrEqual(t.pointsOutstanding);
            }
            const totals = worldTotals(result, iteration, world);
            if (totals.pointsIssued > 0) worldsIssuing++;
            if (totals.pointsRedeemed > 0) worldsRedeeming++;
            if (totals.pointsExpired > 0) worldsExpiring++;
            expect(totals.runOffRedeemed + totals.runOffExpired + totals.runOffStranded + totals.runOffHeldAtCap).toBe(totals.pointsOutstanding);
          }
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 60 },
    );
    // The cases exercised the ledger: points issued, redeemed and expired in many worlds.
    expect(worldsIssuing).toBeGreaterThan(100);
    expect(worldsRedeeming).toBeGreaterThan(50);
    expect(worldsExpiring).toBeGreaterThan(20);
  });
});
