/**
 * Horizons as written (docs/methods.md section 7): a horizon of days or weeks is simulated to its
 * exact end, the tallies' last month partial; a horizon of months or years is whole months.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { worldTotals } from '../../src/metrics/world-totals.js';
import type { MemberEvent, ProgramEventOutcome, ProgramPolicy } from '../../src/programs/program.js';
import { resolvedProgram, type ResolvedProgram } from '../../src/programs/registry.js';
import type { ResolvedNoneProgram } from '../../src/programs/types/none.js';
import type { SimulationResult } from '../../src/sim/simulation-input.js';
import { tallyValue, type TallyField } from '../../src/sim/tally.js';
import { common, input, variedCustomers } from './fixtures.js';
import { engineWithPolicyOverride } from './policy-override.js';

const { simulate, overridePolicy } = await engineWithPolicyOverride();
const DAYS_PER_MONTH = 365.2425 / 12;

/** What a recording policy saw, in the engine's order (customer by customer, world 1 only). */
interface Recorded {
  enrolDays: number[];
  purchases: { day: number; amount: number }[];
  monthEnds: { month: number; day: number }[];
}
let recorded: Recorded = { enrolDays: [], purchases: [], monthEnds: [] };

/** Membership without mechanics (as type `none`) that records every event. */
class RecordingPolicy implements ProgramPolicy<ResolvedNoneProgram> {
  configure(): void {}
  enrol(event: MemberEvent): void {
    recorded.enrolDays.push(event.day);
  }
  purchase(event: MemberEvent): void {
    recorded.purchases.push({ day: event.day, amount: event.amount });
  }
  monthEnd(event: MemberEvent, _out: ProgramEventOutcome): void {
    recorded.monthEnds.push({ month: event.month, day: event.day });
  }
  leave(): void {}
}

function record(): void {
  recorded = { enrolDays: [], purchases: [], monthEnds: [] };
  overridePolicy({ type: 'none', create: () => new RecordingPolicy() as ProgramPolicy<ResolvedProgram> });
}
afterEach(() => overridePolicy(undefined));

const members = (costs = { setup: 0, perMemberPerYear: 0, perTransaction: 0 }) => resolvedProgram({ ...common('members', { costs }), type: 'none' });

function run(horizon: { horizonDays?: number; horizonMonths?: number }, program = members(), iterations = 1): Promise<SimulationResult> {
  return simulate(input(variedCustomers(400), [program], { ...horizon, iterations }), { workers: 1 });
}

const value = (result: SimulationResult, world: number, month: number, field: TallyField) =>
  tallyValue(result.tallies, { iterations: result.iterations, worldCount: result.worlds.length, horizonMonths: result.horizonMonths }, 0, world, month, field);

describe('a horizon in days', () => {
  it('simulates exactly the first 7 days of a longer run for a horizon of 1 week', async () => {
    record();
    const week = await run({ horizonDays: 7 });
    const weekEvents = recorded;
    record();
    const month = await run({ horizonMonths: 1 });
    const monthEvents = recorded;

    expect(week.horizonDays).toBe(7);
    expect(week.horizonMonths).toBe(1);
    // The same purchases as the month's first 7 days, in the same order (common random numbers),
    // and none after day 7.
    const firstWeek = monthEvents.purchases.filter((purchase) => purchase.day < 7);
    expect(firstWeek.length).toBeGreaterThan(20);
    expect(firstWeek.length).toBeLessThan(monthEvents.purchases.length);
    expect(weekEvents.purchases).toEqual(firstWeek);
    // The baseline's revenue is the sum of those purchases, added in the same order: exactly.
    const revenue = firstWeek.reduce((sum, purchase) => sum + purchase.amount, 0);
    expect(value(week, 0, 0, 'revenue')).toBe(revenue);
    expect(value(week, 1, 0, 'memberRevenue')).toBe(revenue);
    // Each member's month end of the partial month falls at the horizon's end.
    expect(weekEvents.monthEnds.length).toBe(weekEvents.enrolDays.length);
    expect(weekEvents.monthEnds.every((end) => end.month === 0 && end.day === 7)).toBe(true);
    expect(monthEvents.monthEnds.every((end) => end.month === 0 && end.day === DAYS_PER_MONTH)).toBe(true);
  });

  it('books per-member cost pro rata by the days of membership in a partial last month', async () => {
    record();
    // 1 a day per member; 40 days: month 1 whole, month 2 from day 30.44 to day 40.
    const result = await run({ horizonDays: 40 }, members({ setup: 0, perMemberPerYear: 365.2425, perTransaction: 0 }));
    expect(result.horizonMonths).toBe(2);
    const days = (from: number, to: number) => recorded.enrolDays.reduce((sum, day) => sum + Math.max(0, to - Math.max(day, from)), 0);
    expect(recorded.enrolDays.length).toBeGreaterThan(100);
    expect(value(result, 1, 0, 'operatingCost')).toBeCloseTo(days(0, DAYS_PER_MONTH), 6);
    expect(value(result, 1, 1, 'operatingCost')).toBeCloseTo(days(DAYS_PER_MONTH, 40), 6);
    // Members on day 0 cost 40 each over the horizon, not 2 whole months (60.9).
    expect(worldTotals(result, 0, 1).operatingCost).toBeCloseTo(days(0, 40), 6);
  });

  it('measures churn over the whole of a horizon shorter than a year', async () => {
    const result = await run({ horizonDays: 10 });
    const totals = worldTotals(result, 0, 0);
    // Active at the start and no purchase in the 10 days: the customers with no purchase tallied.
    expect(totals.cohortActiveAtStart).toBeGreaterThan(totals.cohortLapsed);
    expect(totals.cohortLapsed).toBeGreaterThan(0);
    expect(totals.cohortActiveAtStart - totals.cohortLapsed).toBeLessThanOrEqual(totals.purchases);
  });
});

describe('a horizon in months or years', () => {
  it('simulates 18 months as 18 x 365.2425 / 12 days, the same as 18 whole months', async () => {
    const inDays = await run({ horizonDays: 18 * DAYS_PER_MONTH }, members({ setup: 0, perMemberPerYear: 10, perTransaction: 0 }), 2);
    const inMonths = await run({ horizonMonths: 18 }, members({ setup: 0, perMemberPerYear: 10, perTransaction: 0 }), 2);
    expect(inDays.horizonMonths).toBe(18);
    expect(inMonths.horizonDays).toBe(18 * DAYS_PER_MONTH);
    expect(inDays.tallies).toEqual(inMonths.tallies);
    // 2 years: 24 months of 365.2425 / 12 days, however the product rounds.
    const years = await run({ horizonDays: 2 * 365.2425 });
    expect(years.horizonMonths).toBe(24);
    expect(years.horizonDays).toBe(24 * DAYS_PER_MONTH);
  });

  it('rejects horizons that are neither whole days nor whole months, and months that contradict the days', async () => {
    await expect(run({ horizonDays: 10.5 })).rejects.toMatchObject({ location: { field: 'horizonDays' }, message: expect.stringMatching(/whole number of days or of months/) });
    await expect(run({ horizonDays: 0 })).rejects.toMatchObject({ location: { field: 'horizonDays' } });
    const contradicting = { ...input(variedCustomers(10), [members()], { iterations: 1 }), horizonDays: 40, horizonMonths: 1 };
    await expect(simulate(contradicting, { workers: 1 })).rejects.toThrow(/horizonMonths \(1\) does not match horizonDays \(40: 2 months\)/);
  });
});
