/** A purchase's category: bisection over the cumulative shares finds what the linear scan finds. */
import { describe, expect, it } from 'vitest';
import { categoryAt } from '../../src/sim/purchase-sequence.js';

function linearScan(cumulative: number[], u: number): number {
  let category = 0;
  while (u >= cumulative[category]) category++;
  return category;
}

function cumulativeOf(shares: number[]): number[] {
  const total = shares.reduce((a, b) => a + b, 0);
  let running = 0;
  const cumulative = shares.map((share) => (running += share / total));
  cumulative[cumulative.length - 1] = 1;
  return cumulative;
}

describe('categoryAt', () => {
  it.each([3, 16, 17, 1000, 50_000])('agrees with a linear scan over %d categories, zero shares included', (count) => {
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const shares = Array.from({ length: count }, (_, k) => (k % 7 === 3 ? 0 : random()));
    const cumulative = cumulativeOf(shares);
    const array = Float64Array.from(cumulative);
    for (let trial = 0; trial < 2000; trial++) {
      const u = random();
      expect(categoryAt(array, u)).toBe(linearScan(cumulative, u));
    }
    // At the boundaries: exactly a cumulative share goes to the next category.
    for (const k of [0, Math.floor(count / 2), count - 2]) {
      if (k >= 0 && k < count - 1) expect(categoryAt(array, cumulative[k])).toBe(linearScan(cumulative, cumulative[k]));
    }
    expect(categoryAt(array, 0)).toBe(linearScan(cumulative, 0));
  });
});
