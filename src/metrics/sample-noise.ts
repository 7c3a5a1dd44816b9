/**
 * How much of a metric's spread over the iterations is the customer sample's noise
 * (docs/methods.md section 7, "Customer sample"). Each iteration's sample has two halves, each
 * alone an estimate: g_A from the tallies + d, g_B from the tallies - d (d = W (A - B),
 * sim/customer-sample.ts). Their difference gives the variance of the full sample's figure
 * within the iteration (the method of random groups, Wolter 2007, chapter 2):
 *     v_i = ((g_A,i - g_B,i) / 2)^2,
 * and the share of the figure's variance over the iterations that this noise makes up is
 *     share = mean_i(v_i) / s^2,
 * s^2 the figures' variance over the iterations (n - 1 denominator).
 */
import type { SimulationResult } from '../sim/simulation-input.js';
import { iterationMetrics, type MetricsEconomics } from './compute-metrics.js';
import type { MetricName } from './metric-definitions.js';

/** The share of the variance of `values` that the within-iteration variances `within` make up; NaN without two defined values or any spread. */
export function withinVarianceShare(values: ArrayLike<number>, within: ArrayLike<number>): number {
  let n = 0;
  let sum = 0;
  let withinSum = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]) || !Number.isFinite(within[i])) continue;
    n++;
    sum += values[i];
    withinSum += within[i];
  }
  if (n < 2) return NaN;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]) || !Number.isFinite(within[i])) continue;
    squares += (values[i] - mean) * (values[i] - mean);
  }
  const variance = squares / (n - 1);
  return variance > 0 ? withinSum / n / variance : NaN;
}

/** Per iteration, the sample's variance of metric `metric` of program `programIndex` within the iteration, v_i above. */
export function sampleVariances(result: SimulationResult, economics: MetricsEconomics, programIndex: number, metric: MetricName): Float64Array {
  const sample = result.customerSample;
  const within = new Float64Array(result.iterations);
  if (sample === undefined) return within;
  const shifted = (sign: number): SimulationResult => {
    const tallies = new Float64Array(result.tallies.length);
    for (let i = 0; i < tallies.length; i++) tallies[i] = result.tallies[i] + sign * sample.halfDifference[i];
    return { ...result, tallies };
  };
  const a = iterationMetrics(shifted(1), economics, programIndex)[metric];
  const b = iterationMetrics(shifted(-1), economics, programIndex)[metric];
  for (let i = 0; i < within.length; i++) within[i] = ((a[i] - b[i]) / 2) ** 2;
  return within;
}

/** Per program: the share of its `metric`'s variance over the iterations that is the customer sample's noise (NaN without a sample). */
export function sampleVarianceShares(result: SimulationResult, economics: MetricsEconomics, metric: MetricName, values: readonly ArrayLike<number>[]): number[] {
  if (result.customerSample === undefined) return result.programs.map(() => NaN);
  return result.programs.map((_, p) => withinVarianceShare(values[p], sampleVariances(result, economics, p, metric)));
}
