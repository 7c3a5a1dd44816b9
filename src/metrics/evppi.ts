/**
 * The value of information for the scenario's decision, launch none or one of the programs
 * (docs/methods.md section 8): the expected value of perfect information (EVPI) from the
 * iterations' net benefits, and the expected value of partial perfect information (EVPPI) of one
 * assumption by the regression method of Strong, Oakley and Brennan (2014), "Estimating
 * multiparameter partial expected value of perfect information from a probabilistic sensitivity
 * analysis sample", Medical Decision Making 34(3):311-326.
 *
 * Net benefits are given per program, one value per iteration; the option "none" has net benefit
 * 0 in every iteration.
 */
import { backSubstitute, leastSquares, type RegressionFit } from './least-squares.js';
import { mean, monteCarloStandardError, percentile } from './summary.js';

/** An estimate with its standard error. */
export interface ValueOfInformation {
  value: number;
  standardError: number;
}

/** max(0, values[0][i], values[1][i], ...): the best option in one iteration, "none" included. */
function bestAt(values: readonly ArrayLike<number>[], i: number): number {
  let best = 0;
  for (const option of values) if (option[i] > best) best = option[i];
  return best;
}

/** Index + 1 of the program with the highest mean net benefit, 0 for "none" when none has a positive mean (ties to the earlier option). */
export function bestOptionOnAverage(values: readonly ArrayLike<number>[]): number {
  let best = 0;
  let bestMean = 0;
  values.forEach((option, k) => {
    const m = mean(option);
    if (m > bestMean) {
      best = k + 1;
      bestMean = m;
    }
  });
  return best;
}

/**
 * EVPI = mean_i max_k NB_k,i - max_k mean_i NB_k,i (NB_0 = 0): what knowing every assumption and
 * every customer's behaviour before deciding would be worth, an upper bound of every EVPPI. It is
 * the mean of the per-iteration regret max_k NB_k,i - NB_k*,i of the option k* best on average;
 * the standard error is that mean's Monte Carlo standard error.
 */
export function expectedValueOfPerfectInformation(netBenefits: readonly ArrayLike<number>[]): ValueOfInformation {
  const n = netBenefits.length === 0 ? 0 : netBenefits[0].length;
  if (n === 0) return { value: NaN, standardError: NaN };
  const chosen = bestOptionOnAverage(netBenefits);
  const regret = new Float64Array(n);
  for (let i = 0; i < n; i++) regret[i] = bestAt(netBenefits, i) - (chosen === 0 ? 0 : netBenefits[chosen - 1][i]);
  return { value: mean(regret), standardError: n < 2 ? NaN : monteCarloStandardError(regret) };
}

/**
 * Knots of the regression spline at quantiles of x (Harrell, Regression Modeling Strategies,
 * 2nd ed. 2015, section 2.4.6): 5 knots at the 5, 27.5, 50, 72.5 and 95% quantiles from 100
 * values, 4 at 5, 35, 65, 95% from 30, 3 at 10, 50, 90% from 10, none (a straight line) below;
 * repeated knots are dropped, and fewer than 3 distinct knots give a straight line.
 */
export function splineKnots(x: ArrayLike<number>): number[] {
  const n = x.length;
  const quantiles = n >= 100 ? [0.05, 0.275, 0.5, 0.725, 0.95] : n >= 30 ? [0.05, 0.35, 0.65, 0.95] : n >= 10 ? [0.1, 0.5, 0.9] : [];
  const sorted = Float64Array.from(x).sort();
  const knots: number[] = [];
  for (const q of quantiles) {
    const knot = percentile(sorted, q);
    if (knots.length === 0 || knot > knots[knots.length - 1]) knots.push(knot);
  }
  return knots.length >= 3 ? knots : [];
}

/**
 * The design matrix (row-major, n x p) of a natural (restricted) cubic regression spline with the
 * given knots t_1 < ... < t_K (Hastie, Tibshirani and Friedman, The Elements of Statistical
 * Learning, 2nd ed. 2009, eq. 5.4-5.5): 1, u and d_j(u) - d_(K-1)(u) for j = 1..K-2, with
 * d_j(u) = ((u - t_j)^3_+ - (u - t_K)^3_+) / (t_K - t_j), on u = (x - t_1) / (t_K - t_1) so that
 * the columns have like scales. Linear beyond the outer knots; without knots, the columns 1 and x
 * (centred and scaled) of a straight line.
 */
function splineDesign(x: ArrayLike<number>, knots: readonly number[]): { design: Float64Array; columns: number } {
  const n = x.length;
  const k = knots.length;
  const columns = k >= 3 ? k : 2;
  const design = new Float64Array(n * columns);
  let origin: number;
  let scale: number;
  if (k >= 3) {
    origin = knots[0];
    scale = knots[k - 1] - knots[0];
  } else {
    origin = mean(x);
    let spread = 0;
    for (let i = 0; i < n; i++) spread = Math.max(spread, Math.abs(x[i] - origin));
    scale = spread > 0 ? spread : 1;
  }
  const t = knots.map((knot) => (knot - origin) / scale);
  const cube = (value: number) => (value > 0 ? value * value * value : 0);
  const d = (u: number, j: number) => (cube(u - t[j]) - cube(u - t[k - 1])) / (t[k - 1] - t[j]);
  for (let i = 0; i < n; i++) {
    const u = (x[i] - origin) / scale;
    const row = i * columns;
    design[row] = 1;
    design[row + 1] = u;
    for (let j = 0; j < columns - 2; j++) design[row + 2 + j] = d(u, j) - d(u, k - 2);
  }
  return { design, columns };
}

/**
 * y regressed on a natural cubic regression spline of x (knots from splineKnots, unpenalised least
 * squares, least-squares.ts), or undefined when x takes fewer than 2 distinct values or
 * there are not more values than coefficients.
 */
export function regressionSpline(x: ArrayLike<number>, y: ArrayLike<number>): RegressionFit | undefined {
  const { design, columns } = splineDesign(x, splineKnots(x));
  if (x.length <= columns) return undefined;
  return leastSquares(design, columns, y);
}

/** EVPPI from fitted values g_k(theta_i): mean_i max(0, g_k(theta_i)) - max(0, mean_i g_k(theta_i)). */
function evppiOfFitted(fitted: readonly ArrayLike<number>[]): number {
  const n = fitted[0].length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += bestAt(fitted, i);
  let bestMean = 0;
  for (const option of fitted) bestMean = Math.max(bestMean, mean(option));
  return sum / n - bestMean;
}

/** Sample standard deviation (n - 1 denominator). */
function standardDeviation(values: ArrayLike<number>): number {
  const m = mean(values);
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - m) * (values[i] - m);
  return Math.sqrt(squares / (values.length - 1));
}

/** Draws of the coefficients for the standard error of an EVPPI. */
export const EVPPI_STANDARD_ERROR_DRAWS = 200;

/**
 * EVPPI of one assumption theta (Strong, Oakley and Brennan 2014): each program's net
 * benefit NB_k,i is regressed on theta_i, NB_k,i = g_k(theta_i) + e_k,i, with a natural cubic
 * regression spline (regressionSpline); then
 *     EVPPI = mean_i max(0, g_1(theta_i), ..., g_K(theta_i)) - max(0, mean_i g_1, ..., mean_i g_K).
 * The regression's noise makes the estimate biased upwards, by roughly what the noise of the
 * fitted values can add to the maximum; its standard error is the standard deviation of the
 * EVPPI over `draws` draws of the coefficients from their sampling distribution
 * N(beta, s^2 (X^T X)^-1), as Strong et al. (2014) propose, with `normal` a seeded standard
 * normal generator. An assumption that takes one value has EVPPI 0; fewer than 3 iterations, or
 * no more than the regression has coefficients, give NaN.
 */
export function expectedValueOfPartialPerfectInformation(
  theta: ArrayLike<number>,
  netBenefits: readonly ArrayLike<number>[],
  normal: () => number,
  draws = EVPPI_STANDARD_ERROR_DRAWS,
): ValueOfInformation {
  const n = theta.length;
  if (netBenefits.length === 0) return { value: 0, standardError: 0 };
  // A straight line needs 3 iterations to leave a residual.
  if (n < 3) return { value: NaN, standardError: NaN };
  let distinct = false;
  for (let i = 1; i < n && !distinct; i++) distinct = theta[i] !== theta[0];
  if (!distinct) return { value: 0, standardError: 0 };
  const fits: RegressionFit[] = [];
  for (const option of netBenefits) {
    const fit = regressionSpline(theta, option);
    if (fit === undefined) return { value: NaN, standardError: NaN };
    fits.push(fit);
  }
  const value = evppiOfFitted(fits.map((fit) => fit.fitted));
  const sampled = new Float64Array(draws);
  const p = fits[0].columns;
  const noise = new Float64Array(p);
  const fittedDraws = fits.map(() => new Float64Array(n));
  for (let s = 0; s < draws; s++) {
    fits.forEach((fit, k) => {
      // beta + s L^-T z has covariance s^2 (L L^T)^-1 = s^2 (X^T X)^-1.
      for (let a = 0; a < p; a++) noise[a] = normal();
      const shift = backSubstitute(fit.gramFactor, p, noise);
      const sd = Math.sqrt(fit.residualVariance);
      const target = fittedDraws[k];
      for (let i = 0; i < n; i++) {
        let change = 0;
        for (let a = 0; a < p; a++) change += fit.design[i * p + a] * shift[a];
        target[i] = fit.fitted[i] + sd * change;
      }
    });
    sampled[s] = evppiOfFitted(fittedDraws);
  }
  return { value, standardError: draws >= 2 ? standardDeviation(sampled) : NaN };
}
