/**
 * Points accounting over random programs (every points family: bonus, tiered, paid with points,
 * coalition partner and operator), random economics and small random populations: in every month
 * of every iteration, cumulative points issued = cumulative redeemed + expired + forfeited +
 * outstanding at the month end (exactly: the ledger counts in power-of-two fractions of a point),
 * no stock is negative, the run-off accounts for every point outstanding at the horizon's end, and
 * the monthly IFRS 15 roll-forward (metrics/points-accounting.ts) carries the same points and
 * rolls its liability forward without a gap.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { monthlyRollForward } from '../../src/metrics/points-accounting.js';
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
    let rollForwards = 0;
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
              // Of the points issued in a month, at most all are ever redeemed.
              expect(t.ultimateRedeemed).toBeLessThanOrEqual(t.pointsIssued);
            }
            // The IFRS 15 roll-forward of the same tallies: issued and redeemed carried exactly, each
            // month opening where the last closed, closing = opening + deferred - recognised, never
            // below zero, and no more recognised than was deferred.
            const rollForward = monthlyRollForward(result, iteration, world - 1);
            if (rollForward !== null) {
              rollForwards++;
              let cumulativeIssued = 0;
              let cumulativeRedeemed = 0;
              let previousClosing = 0;
              rollForward.periods.forEach((period, month) => {
                const t = monthTallies(result, iteration, world, month);
                cumulativeIssued += t.pointsIssued;
                cumulativeRedeemed += t.pointsRedeemed;
                const scale = 1e-9 * (1 + period.cumulativeAllocated);
                expect(period.cumulativeIssued).toBe(cumulativeIssued);
                expect(period.cumulativeRedeemed).toBe(cumulativeRedeemed);
                expect(period.openingLiability).toBeCloseTo(previousClosing, 6);
                expect(Math.abs(period.closingLiability - (period.openingLiability + period.allocated - period.recognised))).toBeLessThanOrEqual(scale);
                expect(period.closingLiability).toBeGreaterThanOrEqual(-scale);
                expect(period.cumulativeRecognised).toBeGreaterThanOrEqual(-scale);
                expect(period.cumulativeRecognised).toBeLessThanOrEqual(period.cumulativeAllocated + scale);
                previousClosing = period.closingLiability;
              });
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
    expect(rollForwards).toBeGreaterThan(100);
  });
});
