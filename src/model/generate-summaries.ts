/**
 * Customer summaries (x, t_x, T, mean repeat value) drawn straight from the BG/NBD and Gamma-Gamma
 * models, without going through transactions: for parameter-recovery tests, benchmarks and the
 * simulator's tests. Each customer:
 *   - is observed for T ~ Uniform(minT, maxT) periods after their first purchase;
 *   - draws lambda ~ Gamma(r, alpha) and p ~ Beta(a, b), buys as a Poisson process with rate lambda,
 *     and after each repeat purchase drops out with probability p (Fader, Hardie and Lee 2005);
 *   - with Gamma-Gamma parameters, draws nu ~ Gamma(q, v); the mean of x purchase values
 *     Gamma(p, nu) is drawn directly as Gamma(p x, x nu).
 * With a holdout length, purchases in (T, T + holdout] are counted too, as after a calibration end.
 * With a time resolution (e.g. 1/7 for days when the period is a week) times are cut to whole
 * resolution steps as in real data: T is rounded to a step, x counts distinct steps after the
 * first purchase's, and t_x is the last such step.
 */
import { drawBgNbdCustomer, drawMeanPurchaseValue, drawSpendRate } from './customer-draws.js';
import { sampleExponential } from './gamma-variates.js';
import type { BgNbdParameters, GammaGammaParameters } from './parameters.js';
import { SeededVariateSource } from './seeded-variate-source.js';

export interface SimulateSummariesOptions {
  customers: number;
  bgnbd: BgNbdParameters;
  /** Draw mean repeat-purchase values as well. */
  gammaGamma?: GammaGammaParameters;
  /** Observation time T after the first purchase, uniform between these (in periods). */
  minT: number;
  maxT: number;
  /** Length of one time step in periods (1/7 = days when the period is a week); 0 or absent = continuous time. */
  timeResolution?: number;
  /** Also count purchases in the holdout period (T, T + holdoutLength] (continuous time). */
  holdoutLength?: number;
  seed: string | number;
}

export interface SimulatedSummaries {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Mean value of the repeat purchases, 0 when x = 0 or without Gamma-Gamma parameters. */
  monetaryValue: Float64Array;
  /** Purchases in the holdout period (all 0 without a holdout length). */
  holdoutPurchases: Float64Array;
}

export function simulateCustomerSummaries(options: SimulateSummariesOptions): SimulatedSummaries {
  const { customers, bgnbd, gammaGamma, minT, maxT } = options;
  const resolution = options.timeResolution ?? 0;
  const random = new SeededVariateSource(options.seed);
  const x = new Float64Array(customers);
  const tx = new Float64Array(customers);
  const T = new Float64Array(customers);
  const monetaryValue = new Float64Array(customers);
  const holdoutPurchases = new Float64Array(customers);
  const holdoutLength = options.holdoutLength ?? 0;
  for (let i = 0; i < customers; i++) {
    let observed = minT + (maxT - minT) * random.next();
    if (resolution > 0) observed = Math.round(observed / resolution) * resolution;
    const { purchaseRate: lambda, dropout } = drawBgNbdCustomer(random, bgnbd);
    let time = 0;
    let repeats = 0;
    let lastTime = 0;
    let lastStep = 0;
    let holdout = 0;
    for (;;) {
      time += sampleExponential(random, lambda);
      if (time > observed) {
        if (time <= observed + holdoutLength) holdout++;
        else break;
        if (random.next() < dropout) break;
        continue;
      }
      if (resolution > 0) {
        // Purchases in the same step as the previous one are one purchase day.
        const step = Math.floor(time / resolution);
        if (step > lastStep && step * resolution <= observed) {
          repeats++;
          lastStep = step;
          lastTime = step * resolution;
        }
      } else {
        repeats++;
        lastTime = time;
      }
      if (random.next() < dropout) break;
    }
    x[i] = repeats;
    holdoutPurchases[i] = holdout;
    tx[i] = lastTime;
    T[i] = observed;
    if (gammaGamma && repeats > 0) {
      const nu = drawSpendRate(random, gammaGamma);
      monetaryValue[i] = drawMeanPurchaseValue(random, gammaGamma, nu, repeats);
    }
  }
  return { x, tx, T, monetaryValue, holdoutPurchases };
}
