/**
 * Standard errors of maximum-likelihood estimates fitted on log-parameters.
 *
 * The observed information is the Hessian of the negative log-likelihood at the optimum. It is
 * computed by central differences of the analytic gradient in log-space; its inverse is the
 * covariance of the log-parameters, and the delta method takes a standard error back to the
 * parameter itself: SE(theta) = theta * SE(ln theta).
 */
import type { ObjectiveWithGradient } from './optimiser.js';

/** Step of the central differences in log-parameter space. */
const HESSIAN_STEP = 1e-4;

/**
 * Standard errors of the log-parameters, NaN if the observed information is not positive definite
 * (the optimum is on a ridge or at a boundary).
 *
 * `meanObjective` is the negative log-likelihood divided by `customers` (as minimised by the
 * fitters); the Hessian of the total negative log-likelihood is `customers` times its Hessian.
 */
export function logParameterStandardErrors(
  meanObjective: ObjectiveWithGradient,
  logParameters: ArrayLike<number>,
  customers: number,
): Float64Array {
  const n = logParameters.length;
  const hessian = new Float64Array(n * n);
  const point = new Float64Array(n);
  const gradientPlus = new Float64Array(n);
  const gradientMinus = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    point.set(Array.from(logParameters));
    point[j] += HESSIAN_STEP;
    meanObjective(point, gradientPlus);
    point[j] -= 2 * HESSIAN_STEP;
    meanObjective(point, gradientMinus);
    for (let i = 0; i < n; i++) hessian[i * n + j] = (customers * (gradientPlus[i] - gradientMinus[i])) / (2 * HESSIAN_STEP);
  }
  // Symmetrise away the differencing noise.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const average = 0.5 * (hessian[i * n + j] + hessian[j * n + i]);
      hessian[i * n + j] = average;
      hessian[j * n + i] = average;
    }
  }
  const covariance = invertPositiveDefinite(hessian, n);
  const errors = new Float64Array(n);
  for (let i = 0; i < n; i++) errors[i] = covariance ? Math.sqrt(covariance[i * n + i]) : NaN;
  return errors;
}

/**
 * The lower-triangular Cholesky factor L (row-major n x n) of a symmetric positive-definite
 * A = L L' (read from its lower triangle), or undefined when a pivot is not above
 * `relativeTolerance` x max(1, A_ii): A is not positive definite (0, the default), or too
 * close to singular for the caller.
 */
export function choleskyFactor(matrix: Float64Array, n: number, relativeTolerance = 0): Float64Array | undefined {
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j];
      for (let k = 0; k < j; k++) sum -= lower[i * n + k] * lower[j * n + k];
      if (i === j) {
        if (!(sum > relativeTolerance * Math.max(1, matrix[i * n + i]))) return undefined;
        lower[i * n + i] = Math.sqrt(sum);
      } else {
        lower[i * n + j] = sum / lower[j * n + j];
      }
    }
  }
  return lower;
}

/**
 * Inverse of a symmetric positive-definite n x n matrix (row-major) by Cholesky factorisation
 * A = L L'; undefined if A is not positive definite.
 */
export function invertPositiveDefinite(matrix: Float64Array, n: number): Float64Array | undefined {
  const lower = choleskyFactor(matrix, n);
  if (lower === undefined) return undefined;
  // Invert L (lower triangular), then A^-1 = L^-T L^-1.
  const lowerInverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    lowerInverse[i * n + i] = 1 / lower[i * n + i];
    for (let j = 0; j < i; j++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= lower[i * n + k] * lowerInverse[k * n + j];
      lowerInverse[i * n + j] = sum / lower[i * n + i];
    }
  }
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = Math.max(i, j); k < n; k++) sum += lowerInverse[k * n + i] * lowerInverse[k * n + j];
      inverse[i * n + j] = sum;
    }
  }
  return inverse;
}

/**
 * 95% confidence interval of a positive parameter from its (delta-method) standard error, built in
 * log-space so that it stays positive: theta * exp(+-1.96 SE / theta).
 */
export function confidenceInterval95(value: number, standardError: number): [number, number] {
  const logSpread = (1.959963984540054 * standardError) / value;
  return [value * Math.exp(-logSpread), value * Math.exp(logSpread)];
}
