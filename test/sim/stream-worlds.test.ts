/**
 * A program simulated alone, keyed to the world number it has in a larger run, gives that run's
 * world bit for bit: its own customers (referrals here) draw the same random numbers.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/simulate.js';
import { TALLY_FIELD_COUNT } from '../../src/sim/tally.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { bonus, discount, input, variedCustomers } from './fixtures.js';

const referring = { enrolment: { share: 0.5, selfSelection: 1 }, referral: { perMemberPerMonth: 0.05, bonus: 10 } };
const programs = [discount(0.05, referring, 'first'), bonus(1, referring, 'second')];
const months = 6;
const worldLength = months * TALLY_FIELD_COUNT;

/** World `w`'s tallies of iteration `i`. */
function world(tallies: Float64Array, worldCount: number, i: number, w: number): Float64Array {
  const start = i * worldCount * worldLength + w * worldLength;
  return tallies.slice(start, start + worldLength);
}

describe('streamWorlds', () => {
  it('simulates the second program alone, or twice side by side, as its world of the full run', async () => {
    const options = { horizonMonths: months, newCustomersPerMonth: 10, iterations: 3 };
    const full = await simulate(input(variedCustomers(400), programs, options), { workers: 1 });
    const alone = await simulate({ ...input(variedCustomers(400), [programs[1]], options), streamWorlds: [2] }, { workers: 1 });
    const twice = await simulate({ ...input(variedCustomers(400), [programs[1], programs[1]], options), streamWorlds: [2, 2] }, { workers: 1 });
    const unkeyed = await simulate(input(variedCustomers(400), [programs[1]], options), { workers: 1 });
    for (let i = 0; i < 3; i++) {
      const expected = world(full.tallies, 3, i, 2);
      expect(world(alone.tallies, 2, i, 1)).toEqual(expected);
      expect(world(twice.tallies, 3, i, 1)).toEqual(expected);
      expect(world(twice.tallies, 3, i, 2)).toEqual(expected);
      expect(world(alone.tallies, 2, i, 0)).toEqual(world(full.tallies, 3, i, 0));
    }
    // Without the key the program's referrals come from world 1's streams: another world.
    expect(world(unkeyed.tallies, 2, 0, 1)).not.toEqual(world(full.tallies, 3, 0, 2));
    expect(worldTotals(full, 0, 2).referrals).toBeGreaterThan(0);
  });

  it('wants one world number from 1 per program', async () => {
    await expect(simulate({ ...input(variedCustomers(10), programs), streamWorlds: [1] }, { workers: 1 })).rejects.toThrow(/one world number per program/);
    await expect(simulate({ ...input(variedCustomers(10), programs), streamWorlds: [1, 0] }, { workers: 1 })).rejects.toThrow(/must be >= 1, got 0/);
  });
});
