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
  const beta = choleskySolve(l, p, xty);
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

/**
 * beta solving the normal equations (X^T X) beta = X^T y from X^T X (`gram`, row-major p x p) and
 * X^T y, or undefined when X^T X is (nearly) singular: a Cholesky pivot below 1e-12 of its diagonal.
 */
export function solveNormalEquations(gram: Float64Array, p: number, xty: ArrayLike<number>): Float64Array | undefined {
  const l = choleskyFactor(gram, p, 1e-12);
  return l === undefined ? undefined : choleskySolve(l, p, xty);
}

/**
 * The columns of a design, in order, that are not (nearly) linear combinations of the columns
 * before them, read from its Gram matrix X^T X (row-major p x p): a column is kept when the Gram
 * matrix of the kept columns with it still has a Cholesky factor (pivots above 1e-12 of their
 * diagonal). A constant column after an intercept, or a covariate that is the sum of others, is
 * left out, so that the regression on the rest can be fitted.
 */
export function independentColumns(gram: Float64Array, p: number): number[] {
  const kept: number[] = [];
  for (let column = 0; column < p; column++) {
    const trial = [...kept, column];
    const q = trial.length;
    const sub = Float64Array.from({ length: q * q }, (_, i) => gram[trial[Math.floor(i / q)] * p + trial[i % q]]);
    if (choleskyFactor(sub, q, 1e-12) !== undefined) kept.push(column);
  }
  return kept;
}

/** beta with L L^T beta = b: forward substitution L z = b, then back substitution L^T beta = z. */
function choleskySolve(l: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  const z = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    let sum = b[a];
    for (let c = 0; c < a; c++) sum -= l[a * p + c] * z[c];
    z[a] = sum / l[a * p + a];
  }
  return backSubstitute(l, p, z);
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
