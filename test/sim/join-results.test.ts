/**
 * A block of a run's iterations simulated alone (SimulationInput.firstIteration), with any number
 * of workers, is that block of the run, and blocks joined are the run. Runs the built engine in
 * dist/ for the worker threads (`npm run build` first).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../dist/sim/simulate.js';
import { joinResults } from '../../dist/sim/join-results.js';
import { bonus, discount, input, variedCustomers } from './fixtures.js';

const programs = (i: number) => [
  bonus(0.05 + 0.01 * i, { enrolment: { share: 0.5, selfSelection: 1 }, effects: { frequencyUplift: 0.03, spendUplift: 0.01, churnReduction: 0.05 } }),
  discount(0.05, { enrolment: { share: 0.4, selfSelection: 0.5 } }),
];
const whole = () => input(variedCustomers(1500), programs, { iterations: 7, newCustomersPerMonth: 30, seed: 11 });
const bytes = (array: Float64Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

describe('blocks of iterations', () => {
  it('simulated alone and joined, give the whole run bit for bit, whatever the workers', async () => {
    const run = await simulate(whole(), { workers: 1 });
    const full = whole();
    const head = await simulate({ ...full, iterations: full.iterations.slice(0, 3) }, { workers: 2 });
    const tail = await simulate({ ...full, iterations: full.iterations.slice(3), firstIteration: 3 }, { workers: 1 });
    const joined = joinResults([head, tail]);
    expect(joined.iterations).toBe(7);
    for (const key of ['tallies', 'breakdown', 'frequencyUplift', 'setupCost', 'pointFaceValue'] as const) {
      expect(bytes(joined[key]).equals(bytes(run[key])), key).toBe(true);
    }
    expect(joined.worlds).toEqual(run.worlds);
  });

  it('seeds a block from its place in the run: the same draws as iterations 0.. give other tallies', async () => {
    const run = await simulate(whole(), { workers: 1 });
    const full = whole();
    const misplaced = await simulate({ ...full, iterations: full.iterations.slice(3) }, { workers: 1 });
    const block = run.tallies.length / 7;
    expect(bytes(misplaced.tallies).equals(bytes(run.tallies.subarray(3 * block)))).toBe(false);
  });

  it('refuses to join results of different runs', async () => {
    const a = await simulate(input(variedCustomers(200), programs, { iterations: 2, seed: 1 }), { workers: 1 });
    const b = await simulate(input(variedCustomers(200), programs, { iterations: 2, seed: 2 }), { workers: 1 });
    expect(() => joinResults([a, b])).toThrow(/not blocks of one run/);
  });
});
