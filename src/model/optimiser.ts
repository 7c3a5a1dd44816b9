/**
 * A small unconstrained minimiser: BFGS with a strong-Wolfe line search (Nocedal and Wright,
 * "Numerical Optimization", 2nd ed., algorithms 6.1, 3.5 and 3.6). The model fitters minimise the
 * negative mean log-likelihood over log-parameters, so positivity needs no constraints; a point
 * where the objective is not finite (overflow far from the optimum) is treated as "too far" and
 * the line search steps back.
 *
 * Four or fewer parameters with cheap analytic gradients: a dense inverse-Hessian update is simplest.
 */

/** Returns f(point) and writes the gradient of f at point into `gradient`. */
export type ObjectiveWithGradient = (point: Float64Array, gradient: Float64Array) => number;

export interface MinimizeOptions {
  /** Default 500. */
  maxIterations?: number;
  /** Stop when every gradient component is below this in absolute value. Default 1e-9. */
  gradientTolerance?: number;
  /** Longest step (Euclidean norm) tried in one iteration. Default 5. */
  maxStepLength?: number;
}

export interface MinimizeResult {
  point: Float64Array;
  value: number;
  gradient: Float64Array;
  iterations: number;
  /** Number of objective evaluations. */
  evaluations: number;
  converged: boolean;
  /** Why the iteration stopped, in words. */
  reason: string;
}

/** Sufficient-decrease and curvature constants of the strong Wolfe conditions. */
const WOLFE_DECREASE = 1e-4;
const WOLFE_CURVATURE = 0.9;
const MAX_LINE_SEARCH_EVALUATIONS = 30;
/** Relative change in f below which the iteration has stalled at the limit of double precision. */
const STALL_TOLERANCE = 1e-15;
/**
 * Stop when the decrease the quadratic model still promises, -g'd / 2 for the quasi-Newton step d,
 * is below this fraction of |f|: double precision cannot resolve smaller improvements, and line
 * searches at that noise floor only burn evaluations.
 */
const DECREMENT_TOLERANCE = 1e-14;

function dot(u: Float64Array, v: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < u.length; i++) sum += u[i] * v[i];
  return sum;
}

function maxAbs(v: Float64Array): number {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
  return max;
}

function setIdentity(matrix: Float64Array, n: number, scale: number): void {
  matrix.fill(0);
  for (let i = 0; i < n; i++) matrix[i * n + i] = scale;
}

/**
 * Minimise `objective` from `start` with BFGS. Never throws: a start where f or its gradient is
 * not finite ends at once with `converged: false`, `iterations: 0` and the reason, for the caller
 * to report against its data.
 */
export function minimizeBfgs(
  objective: ObjectiveWithGradient,
  start: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const maxIterations = options.maxIterations ?? 500;
  const gradientTolerance = options.gradientTolerance ?? 1e-9;
  const maxStepLength = options.maxStepLength ?? 5;
  const n = start.length;

  const point = Float64Array.from(start);
  const gradient = new Float64Array(n);
  const trialPoint = new Float64Array(n);
  const trialGradient = new Float64Array(n);
  const direction = new Float64Array(n);
  const step = new Float64Array(n);
  const gradientChange = new Float64Array(n);
  const inverseHessian = new Float64Array(n * n);
  const hy = new Float64Array(n);

  let evaluations = 1;
  let value = objective(point, gradient);
  if (!Number.isFinite(value) || !gradient.every(Number.isFinite)) {
    return {
      point,
      value,
      gradient,
      iterations: 0,
      evaluations,
      converged: false,
      reason: `the objective is not finite at the starting point [${Array.from(start).join(', ')}]`,
    };
  }

  /** phi(alpha) = f(point + alpha direction); fills trialPoint and trialGradient, returns f. */
  const evaluateAlong = (alpha: number): number => {
    for (let i = 0; i < n; i++) trialPoint[i] = point[i] + alpha * direction[i];
    evaluations++;
    const f = objective(trialPoint, trialGradient);
    return Number.isFinite(f) && trialGradient.every(Number.isFinite) ? f : Infinity;
  };

  /**
   * Strong-Wolfe line search along `direction` (algorithm 3.5 with zoom, algorithm 3.6). On success
   * trialPoint/trialGradient hold the accepted point and the step length is returned; 0 on failure.
   */
  const lineSearch = (initialStep: number, slope0: number): { alpha: number; value: number } => {
    const f0 = value;
    let alphaPrevious = 0;
    let fPrevious = f0;
    let slopePrevious = slope0;
    let alpha = initialStep;
    for (let i = 0; i < MAX_LINE_SEARCH_EVALUATIONS; i++) {
      const f = evaluateAlong(alpha);
      const slope = f === Infinity ? NaN : dot(trialGradient, direction);
      if (f > f0 + WOLFE_DECREASE * alpha * slope0 || (i > 0 && f >= fPrevious)) {
        return zoom(alphaPrevious, fPrevious, slopePrevious, alpha, f, slope, f0, slope0);
      }
      if (Math.abs(slope) <= -WOLFE_CURVATURE * slope0) return { alpha, value: f };
      if (slope >= 0) return zoom(alpha, f, slope, alphaPrevious, fPrevious, slopePrevious, f0, slope0);
      alphaPrevious = alpha;
      fPrevious = f;
      slopePrevious = slope;
      alpha *= 2;
    }
    return { alpha: 0, value: f0 };
  };

  const zoom = (
    alphaLow: number,
    fLow: number,
    slopeLow: number,
    alphaHigh: number,
    fHigh: number,
    slopeHigh: number,
    f0: number,
    slope0: number,
  ): { alpha: number; value: number } => {
    let bestAlpha = 0;
    let bestValue = f0;
    if (alphaLow > 0) {
      // The low end always satisfies sufficient decrease; remember it as a fallback.
      bestAlpha = alphaLow;
      bestValue = fLow;
    }
    for (let i = 0; i < MAX_LINE_SEARCH_EVALUATIONS; i++) {
      const alpha = interpolateMinimum(alphaLow, fLow, slopeLow, alphaHigh, fHigh, slopeHigh);
      const f = evaluateAlong(alpha);
      const slope = f === Infinity ? NaN : dot(trialGradient, direction);
      if (f > f0 + WOLFE_DECREASE * alpha * slope0 || f >= fLow) {
        alphaHigh = alpha;
        fHigh = f;
        slopeHigh = slope;
      } else {
        if (Math.abs(slope) <= -WOLFE_CURVATURE * slope0) return { alpha, value: f };
        if (slope * (alphaHigh - alphaLow) >= 0) {
          alphaHigh = alphaLow;
          fHigh = fLow;
          slopeHigh = slopeLow;
        }
        alphaLow = alpha;
        fLow = f;
        slopeLow = slope;
        bestAlpha = alpha;
        bestValue = f;
      }
      if (Math.abs(alphaHigh - alphaLow) <= 1e-14 * Math.max(1, Math.abs(alphaLow))) break;
    }
    if (bestAlpha > 0) {
      // Accept a point with sufficient decrease even if the curvature condition was not met.
      evaluateAlong(bestAlpha);
      return { alpha: bestAlpha, value: bestValue };
    }
    return { alpha: 0, value: f0 };
  };

  let iterations = 0;
  let freshHessian = true;
  setIdentity(inverseHessian, n, 1);
  let stalledIterations = 0;

  for (; iterations < maxIterations; iterations++) {
    if (maxAbs(gradient) < gradientTolerance) {
      return finish(true, 'the gradient is below the tolerance');
    }
    // direction = -H g
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += inverseHessian[i * n + j] * gradient[j];
      direction[i] = -sum;
    }
    let slope = dot(gradient, direction);
    if (!freshHessian && slope < 0 && -0.5 * slope <= DECREMENT_TOLERANCE * Math.max(1, Math.abs(value))) {
      return finish(true, 'the remaining improvement is below double precision');
    }
    if (!(slope < 0)) {
      // Not a descent direction (the approximation lost positive definiteness): restart.
      setIdentity(inverseHessian, n, 1);
      freshHessian = true;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i];
      slope = dot(gradient, direction);
    }
    const directionLength = Math.sqrt(dot(direction, direction));
    const initialStep = Math.min(1, maxStepLength / directionLength);

    let search = lineSearch(initialStep, slope);
    if (search.alpha === 0 && !freshHessian) {
      // Retry once along steepest descent before giving up.
      setIdentity(inverseHessian, n, 1);
      freshHessian = true;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i];
      slope = dot(gradient, direction);
      search = lineSearch(Math.min(1, maxStepLength / Math.sqrt(-slope)), slope);
    }
    if (search.alpha === 0) {
      const flat = maxAbs(gradient) < 1e3 * gradientTolerance;
      return finish(flat, 'the line search could not decrease the objective further');
    }

    for (let i = 0; i < n; i++) {
      step[i] = trialPoint[i] - point[i];
      gradientChange[i] = trialGradient[i] - gradient[i];
    }
    const previousValue = value;
    point.set(trialPoint);
    gradient.set(trialGradient);
    value = search.value;

    const curvature = dot(step, gradientChange);
    if (curvature > 1e-12 * Math.sqrt(dot(step, step) * dot(gradientChange, gradientChange))) {
      if (freshHessian) {
        // Scale the first approximation to the observed curvature (Nocedal and Wright eq. 6.20).
        setIdentity(inverseHessian, n, curvature / dot(gradientChange, gradientChange));
        freshHessian = false;
      }
      bfgsUpdate(inverseHessian, n, step, gradientChange, curvature, hy);
    }

    if (Math.abs(previousValue - value) <= STALL_TOLERANCE * Math.max(1, Math.abs(value))) {
      stalledIterations++;
      if (stalledIterations >= 3) {
        const flat = maxAbs(gradient) < 1e3 * gradientTolerance;
        return finish(flat, 'the objective stopped changing at double precision');
      }
    } else {
      stalledIterations = 0;
    }
  }
  return finish(maxAbs(gradient) < gradientTolerance, `stopped after ${maxIterations} iterations`);

  function finish(converged: boolean, reason: string): MinimizeResult {
    return { point, value, gradient, iterations, evaluations, converged, reason };
  }
}

/**
 * H <- (I - rho s y') H (I - rho y s') + rho s s', rho = 1 / (y's) (Nocedal and Wright eq. 6.17),
 * expanded as H - rho (s (Hy)' + (Hy) s') + (rho^2 y'Hy + rho) s s'.
 */
function bfgsUpdate(
  inverseHessian: Float64Array,
  n: number,
  step: Float64Array,
  gradientChange: Float64Array,
  curvature: number,
  hy: Float64Array,
): void {
  const rho = 1 / curvature;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += inverseHessian[i * n + j] * gradientChange[j];
    hy[i] = sum;
  }
  const yHy = dot(gradientChange, hy);
  const factor = rho * rho * yHy + rho;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      inverseHessian[i * n + j] += -rho * (step[i] * hy[j] + hy[i] * step[j]) + factor * step[i] * step[j];
    }
  }
}

/**
 * A trial step between two bracketing points: the minimiser of the cubic through both values and
 * slopes when it is defined and lies well inside the bracket, otherwise the midpoint (also when
 * one end is not finite).
 */
function interpolateMinimum(
  alpha1: number,
  f1: number,
  slope1: number,
  alpha2: number,
  f2: number,
  slope2: number,
): number {
  const low = Math.min(alpha1, alpha2);
  const high = Math.max(alpha1, alpha2);
  const midpoint = 0.5 * (low + high);
  if (!Number.isFinite(f1) || !Number.isFinite(f2) || !Number.isFinite(slope1) || !Number.isFinite(slope2)) {
    return midpoint;
  }
  // Nocedal and Wright eq. 3.59.
  const d1 = slope1 + slope2 - (3 * (f1 - f2)) / (alpha1 - alpha2);
  const discriminant = d1 * d1 - slope1 * slope2;
  if (discriminant < 0) return midpoint;
  const d2 = Math.sign(alpha2 - alpha1) * Math.sqrt(discriminant);
  const candidate = alpha2 - (alpha2 - alpha1) * ((slope2 + d2 - d1) / (slope2 - slope1 + 2 * d2));
  const margin = 0.1 * (high - low);
  if (!Number.isFinite(candidate) || candidate < low + margin || candidate > high - margin) return midpoint;
  return candidate;
}
