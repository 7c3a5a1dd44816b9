import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { varianceShare } from '../../src/metrics/variance-share.js';

/** Standard normal draws by Box-Muller from a seeded generator. */
function normals(n: number, seed: string): Float64Array {
  const random = seedrandom(seed);
  return Float64Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

describe('varianceShare (first-order sensitivity index)', () => {
  it('recovers Var(b theta) / (Var(b theta) + Var(e)) for y = b theta + e: 0.8 for b = 2, sd(e) = 1', () => {
    const theta = normals(4000, 'theta');
    const noise = normals(4000, 'noise');
    const y = theta.map((t, i) => 2 * t + noise[i]);
    expect(varianceShare(theta, y)).toBeCloseTo(0.8, 1);
  });

  it('finds a curved effect, y = theta^2 + e, that a straight line would miss', () => {
    // Var(theta^2) = 2 for a standard normal theta; with Var(e) = 2 the share is 1/2.
    const theta = normals(4000, 'theta');
    const noise = normals(4000, 'noise');
    const y = theta.map((t, i) => t * t + Math.SQRT2 * noise[i]);
    expect(varianceShare(theta, y)).toBeGreaterThan(0.42);
    expect(varianceShare(theta, y)).toBeLessThan(0.58);
  });

  it('scores an unrelated theta about zero, and is undefined for a constant theta or y', () => {
    const theta = normals(2000, 'theta');
    const y = normals(2000, 'other');
    expect(varianceShare(theta, y)).toBeLessThan(0.01);
    expect(varianceShare(new Float64Array(100).fill(1), y.subarray(0, 100))).toBeUndefined();
    expect(varianceShare(theta.subarray(0, 100), new Float64Array(100).fill(5))).toBeUndefined();
  });
});
