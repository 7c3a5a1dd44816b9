import { describe, expect, it } from 'vitest';
import { minimizeBfgs, type ObjectiveWithGradient } from '../../src/model/optimiser.js';

/** Extended Rosenbrock function: minimum 0 at (1, 1, ..., 1). */
const rosenbrock: ObjectiveWithGradient = (x, g) => {
  let f = 0;
  g.fill(0);
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    f += 100 * a * a + b * b;
    g[i] += -400 * x[i] * a - 2 * b;
    g[i + 1] += 200 * a;
  }
  return f;
};

describe('minimizeBfgs', () => {
  it('finds the minimum of the Rosenbrock function from the classic start (-1.2, 1)', () => {
    const result = minimizeBfgs(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 7);
    expect(result.point[1]).toBeCloseTo(1, 7);
    expect(result.value).toBeLessThan(1e-14);
  });

  it('finds the minimum of the 4-dimensional Rosenbrock function', () => {
    const result = minimizeBfgs(rosenbrock, [-1.2, 1, -1.2, 1]);
    expect(result.converged).toBe(true);
    for (const coordinate of result.point) expect(coordinate).toBeCloseTo(1, 6);
  });

  it('solves an ill-conditioned quadratic: minimum of sum k (x_k - k)^2 * 10^k', () => {
    const quadratic: ObjectiveWithGradient = (x, g) => {
      let f = 0;
      for (let k = 0; k < x.length; k++) {
        const weight = 10 ** k;
        f += weight * (x[k] - k) ** 2;
        g[k] = 2 * weight * (x[k] - k);
      }
      return f;
    };
    const result = minimizeBfgs(quadratic, [5, 5, 5, 5]);
    expect(result.converged).toBe(true);
    // f resolves changes down to ~1e-14, so x is found to ~sqrt(1e-14 / 10^k).
    result.point.forEach((coordinate, k) => expect(coordinate).toBeCloseTo(k, 6));
  });

  it('steps back from points where the objective is not finite', () => {
    // f(x) = x - ln x has its minimum at x = 1 and is undefined for x <= 0; a unit step from
    // x = 0.05 along the first (steepest-descent) direction lands far in the undefined region.
    const barrier: ObjectiveWithGradient = (x, g) => {
      g[0] = 1 - 1 / x[0];
      return x[0] > 0 ? x[0] - Math.log(x[0]) : NaN;
    };
    const result = minimizeBfgs(barrier, [0.05]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 6);
  });

  it('reports a start where the objective is not finite as a failure, without throwing', () => {
    const undefinedEverywhere: ObjectiveWithGradient = () => NaN;
    const result = minimizeBfgs(undefinedEverywhere, [0]);
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(0);
    expect(result.reason).toMatch(/not finite at the starting point/);
  });

  it('reports non-convergence when the iteration budget runs out', () => {
    const result = minimizeBfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(3);
  });
});
