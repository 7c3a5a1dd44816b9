/**
 * Ordinary least squares by the normal equations: beta = (X^T X)^-1 X^T y, solved with the
 * Cholesky factor L of X^T X (L L^T = X^T X; forward substitution L z = X^T y, then back
 * substitution L^T beta = z). Used by the EVPPI's regression spline (evppi.ts) and the uplift's
 * bias correction (uplift.ts).
 */
import { choleskyFactor } from '../model/standard-errors.js';

/** A least-squares fit of y on a design: fitted values, coefficients, the Cholesky factor of X^T X and the residual variance. */
export interface RegressionFit {
  fitted: Float64Array;
  coefficients: Float64Array;
  /** L with X^T X = L L^T (row-major p x p). */
  gramFactor: Float64Array;
  /** RSS / (n - p); 0 when n = p. */
  residualVariance: number;
  design: Float64Array;
  columns: number;
}

/**
 * The least-squares fit of y on the design X (row-major n x `columns`), or undefined when there
 * are fewer rows than columns or the columns are (nearly) collinear: a Cholesky pivot below 1e-12
 * of its diagonal.
 */
export function leastSquares(design: Float64Array, columns: number, y: ArrayLike<number>): RegressionFit | undefined {
  const p = columns;
  const n = y.length;
  if (n < p) return undefined;
  const gram = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const row = i * p;
    for (let a = 0; a < p; a++) {
      xty[a] += design[row + a] * y[i];
      for (let b = 0; b <= a; b++) gram[a * p + b] += design[row + a] * design[row + b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) gram[a * p + b] = gram[b * p + a];
  const l = choleskyFactor(gram, p, 1e-12);
  if (l === undefined) return undefined;
  const z = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    let sum = xty[a];
    for (let b = 0; b < a; b++) sum -= l[a * p + b] * z[b];
    z[a] = sum / l[a * p + a];
  }
  const beta = backSubstitute(l, p, z);
  const fitted = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let value = 0;
    for (let a = 0; a < p; a++) value += design[i * p + a] * beta[a];
    fitted[i] = value;
    rss += (y[i] - value) * (y[i] - value);
  }
  return { fitted, coefficients: beta, gramFactor: l, residualVariance: n > p ? rss / (n - p) : 0, design, columns: p };
}

/** w with L^T w = z (L lower triangular, row-major p x p). */
export function backSubstitute(l: Float64Array, p: number, z: Float64Array): Float64Array {
  const w = new Float64Array(p);
  for (let a = p - 1; a >= 0; a--) {
    let sum = z[a];
    for (let b = a + 1; b < p; b++) sum -= l[b * p + a] * w[b];
    w[a] = sum / l[a * p + a];
  }
  return w;
}
