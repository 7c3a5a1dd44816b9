import { describe, expect, it } from 'vitest';
import { programDefinitionSchema } from '../../src/config/program-schema.js';
import { drawIterations } from '../../src/run/draw-iterations.js';

const discount = programDefinitionSchema.parse({
  name: 'ten off',
  type: 'discount',
  enrolment: { share: 'uniform(0.2, 0.8)' },
  discount: { percent: 0.1 },
});
const points = programDefinitionSchema.parse({
  name: 'points',
  type: 'bonus',
  enrolment: { share: 'triangular(0.1, 0.5, 0.9)' },
  points: { earnRate: 1, faceValue: 0.01, costPerPoint: 0.007 },
  redemption: { probability: 0.6, form: 'reward' },
});

function plan(programs: (typeof discount | typeof points)[], seed = 42) {
  return { seed, iterations: 200, programs, margins: { kind: 'data' as const, margins: [0.3] }, arrivals: 5 };
}

describe('drawIterations', () => {
  it('draws each program from its own stream: adding a program leaves the first one unchanged', () => {
    const alone = drawIterations(plan([discount]));
    const together = drawIterations(plan([discount, points]));
    expect(together.map((it) => it.programs[0].enrolment.share)).toEqual(alone.map((it) => it.programs[0].enrolment.share));
  });

  it('samples the distribution: uniform(0.2, 0.8) has mean 0.5 and stays in range', () => {
    const shares = drawIterations(plan([discount])).map((it) => it.programs[0].enrolment.share);
    const mean = shares.reduce((s, v) => s + v, 0) / shares.length;
    // sd of U(0.2, 0.8) is 0.6 / sqrt(12) = 0.173; the mean of 200 draws is within 4 standard errors (0.049).
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.049);
    expect(Math.min(...shares)).toBeGreaterThanOrEqual(0.2);
    expect(Math.max(...shares)).toBeLessThanOrEqual(0.8);
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const first = drawIterations(plan([discount, points]));
    expect(drawIterations(plan([discount, points]))).toEqual(first);
    expect(drawIterations(plan([discount, points], 43))).not.toEqual(first);
  });

  it('keeps fixed values and passes the margins and arrival rate through', () => {
    const [iteration] = drawIterations({ ...plan([discount]), iterations: 1 });
    const program = iteration.programs[0];
    expect(program.type).toBe('discount');
    if (program.type === 'discount') expect(program.discount.percent).toBe(0.1);
    expect(iteration.margins).toEqual([0.3]);
    expect(iteration.newCustomersPerMonth).toBe(5);
  });

  it('passes a measured return rate through, 0 without one, and draws an uncertain one after the other economics', () => {
    expect(drawIterations({ ...plan([discount]), iterations: 2, returnRate: 0.04 }).map((it) => it.returnRate)).toEqual([0.04, 0.04]);
    expect(drawIterations({ ...plan([discount]), iterations: 2 }).map((it) => it.returnRate)).toEqual([0, 0]);
    const margins = { kind: 'drawn' as const, perCategory: [{ dist: 'uniform' as const, min: 0.2, max: 0.4 }] };
    const arrivals = { dist: 'uniform' as const, min: 10, max: 20 };
    const without = drawIterations({ ...plan([discount]), margins, arrivals });
    const drawn = drawIterations({ ...plan([discount]), margins, arrivals, returnRate: { dist: 'uniform', min: 0.05, max: 0.15 } });
    expect(drawn.map((it) => [it.margins, it.newCustomersPerMonth])).toEqual(without.map((it) => [it.margins, it.newCustomersPerMonth]));
    const rates = drawn.map((it) => it.returnRate!);
    // sd of U(0.05, 0.15) is 0.1 / sqrt(12) = 0.0289; the mean of 200 draws is within 4 standard errors (0.0082).
    expect(Math.abs(rates.reduce((sum, v) => sum + v, 0) / rates.length - 0.1)).toBeLessThan(0.0082);
    expect(Math.min(...rates)).toBeGreaterThanOrEqual(0.05);
    expect(Math.max(...rates)).toBeLessThanOrEqual(0.15);
  });
});
