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

/**
 * Summary of the values of one metric, one per iteration. Undefined values (NaN: e.g. ROI of a
 * program that costs nothing) are left out; when all are undefined every field is NaN. Infinite
 * values are kept (an infinite mean then says "in some iterations this is unbounded").
 */
export function summarize(values: ArrayLike<number>): MetricSummary {
  const defined: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) defined.push(values[i]);
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
