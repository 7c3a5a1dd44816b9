/**
 * How much of a metric's spread over the iterations one assumption explains on its own
 * (docs/methods.md section 8): the first-order ("main effect") sensitivity index
 *     S = Var(E[y | theta]) / Var(y),
 * estimated from the run's own iterations by regressing y on theta with the natural cubic
 * regression spline of the value of information (evppi.ts, after Strong, Oakley and Brennan 2014),
 * and reported as the regression's adjusted R^2, 1 - (RSS / (n - p)) / (TSS / (n - 1)), so that a
 * theta that explains nothing scores about 0 rather than p / n. Clamped to [0, 1].
 */
import { regressionSpline } from './evppi.js';

/**
 * Fewer iterations than this give no share: with a handful of values an unrelated assumption can
 * seem to explain most of the spread (the adjusted R^2 of 4 values scatters over most of [0, 1]).
 */
export const VARIANCE_SHARE_MIN_VALUES = 30;

/** The share of y's variance explained by theta alone, or undefined when it cannot be estimated (fewer than VARIANCE_SHARE_MIN_VALUES values, theta or y constant). */
export function varianceShare(theta: ArrayLike<number>, y: ArrayLike<number>): number | undefined {
  const n = y.length;
  if (n < VARIANCE_SHARE_MIN_VALUES) return undefined;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  let total = 0;
  for (let i = 0; i < n; i++) total += (y[i] - mean) * (y[i] - mean);
  if (!(total > 0) || !Number.isFinite(total)) return undefined;
  const fit = regressionSpline(theta, y);
  if (fit === undefined) return undefined;
  const adjusted = 1 - fit.residualVariance / (total / (n - 1));
  return Math.min(1, Math.max(0, adjusted));
}
