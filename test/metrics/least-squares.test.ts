import { describe, expect, it } from 'vitest';
import { independentColumns, leastSquares, solveNormalEquations } from '../../src/metrics/least-squares.js';

/** X^T X of a row-major n x p design. */
function gramOf(design: number[][]): Float64Array {
  const p = design[0].length;
  const gram = new Float64Array(p * p);
  for (const row of design) for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) gram[a * p + b] += row[a] * row[b];
  return gram;
}

describe('least squares', () => {
  it('fits y = 1 + 2x exactly and y = (0, 1, 1, 2) on x = (0, 1, 2, 3) with slope 0.6 and intercept 0.1', () => {
    const design = Float64Array.from([1, 0, 1, 1, 1, 2, 1, 3]);
    const exact = leastSquares(design, 2, [1, 3, 5, 7])!;
    expect(exact.coefficients[0]).toBeCloseTo(1, 12);
    expect(exact.coefficients[1]).toBeCloseTo(2, 12);
    expect(exact.residualVariance).toBeCloseTo(0, 12);
    // Slope sum (x - 1.5)(y - 1) / sum (x - 1.5)^2 = 3 / 5; intercept 1 - 0.6 x 1.5.
    const fit = leastSquares(design, 2, [0, 1, 1, 2])!;
    expect(fit.coefficients[1]).toBeCloseTo(0.6, 12);
    expect(fit.coefficients[0]).toBeCloseTo(0.1, 12);
    // Residuals -0.1, 0.3, -0.3, 0.1: RSS 0.2 over n - p = 2.
    expect(fit.residualVariance).toBeCloseTo(0.1, 12);
    // X^T y = (sum y, sum x y) = (4, 9).
    const beta = solveNormalEquations(gramOf([[1, 0], [1, 1], [1, 2], [1, 3]]), 2, [4, 9])!;
    expect([...beta].map((b) => Number(b.toFixed(12)))).toEqual([0.1, 0.6]);
  });

  it('keeps the columns that are not combinations of the ones before: drops a constant after the intercept and 2x + 1', () => {
    const rows = [0, 1, 2, 3, 4].map((x, i) => [1, x, 5, 2 * x + 1, (i * i) % 3]);
    expect(independentColumns(gramOf(rows), 5)).toEqual([0, 1, 4]);
    expect(solveNormalEquations(gramOf(rows), 5, [1, 1, 1, 1, 1])).toBeUndefined();
  });
});
