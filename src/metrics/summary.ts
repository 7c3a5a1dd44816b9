/**
 * Summaries of a metric over Monte Carlo iterations: mean with its Monte Carlo standard error,
 * and the 5th, 50th and 95th percentiles.
 */

export interface MetricSummary {
  mean: number;
  /** Monte Carlo standard error of the mean: sd / sqrt(n), sd with the n - 1 denominator. */
  mcse: number;
  p5: number;
  p50: number;
  p95: number;
}

/**
 * Percentile of sorted values by linear interpolation between order statistics, Hyndman and Fan
 * (1996) type 7 (the default of R, NumPy and Excel's PERCENTILE.INC):
 *     h = (n - 1) q,  Q(q) = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])   (0-based x).
 */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lower = Math.floor(h);
  const fraction = h - lower;
  const low = sorted[lower];
  if (fraction === 0 || lower + 1 >= n) return low;
  const high = sorted[lower + 1];
  // Equal neighbours (also two infinities) need no interpolation.
  return low === high ? low : low + fraction * (high - low);
}

/** Arithmetic mean. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Monte Carlo standard error: sample standard deviation (n - 1) / sqrt(n); NaN for fewer than 2 values. */
export function monteCarloStandardError(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - m) * (values[i] - m);
  return Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
}

/** The values that are defined (not NaN), in their order: what the summaries are computed from. */
function definedValues(values: ArrayLike<number>): number[] {
  const defined: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) defined.push(values[i]);
  return defined;
}

/** The defined values in ascending order, as the percentiles take them. */
export function sortedDefinedValues(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(definedValues(values)).sort();
}

/**
 * Monte Carlo standard error of the q-quantile of n independent draws, without assuming their
 * distribution (docs/methods.md section 7, "MCSE of a percentile"). The rank of the sample
 * q-quantile among the draws is Binomial(n, q), so the ranks n q -/+ sqrt(n q (1 - q)) bound a
 * ~68% (one standard deviation) interval for the quantile; half its width is the MCSE:
 *     MCSE(Q(q)) = (Q(q + d) - Q(q - d)) / 2,  d = sqrt(q (1 - q) / n),  q -/+ d clamped to [0, 1],
 * Q the type-7 percentile of the sorted values. As n grows it tends to sqrt(q (1 - q) / n) / f(x_q),
 * the asymptotic standard error of a sample quantile. Vehtari, Gelman, Simpson, Carpenter and
 * Bürkner (2021), appendix on the MCSE of quantiles (with the effective sample size n for
 * independent draws). NaN for fewer than 2 values.
 */
export function quantileStandardError(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n < 2) return NaN;
  const d = Math.sqrt((q * (1 - q)) / n);
  const upper = percentile(sorted, Math.min(1, q + d));
  const lower = percentile(sorted, Math.max(0, q - d));
  // Equal values (also two infinities) pin the quantile down exactly.
  return upper === lower ? 0 : (upper - lower) / 2;
}

/**
 * Summary of the values of one metric, one per iteration. Undefined values (NaN: e.g. ROI of a
 * program that costs nothing) are left out; when all are undefined every field is NaN. Infinite
 * values are kept (an infinite mean then says "in some iterations this is unbounded").
 */
export function summarize(values: ArrayLike<number>): MetricSummary {
  const defined = definedValues(values);
  if (defined.length === 0) return { mean: NaN, mcse: NaN, p5: NaN, p50: NaN, p95: NaN };
  const sorted = Float64Array.from(defined).sort();
  return {
    mean: mean(defined),
    mcse: monteCarloStandardError(defined),
    p5: percentile(sorted, 0.05),
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
  };
}
