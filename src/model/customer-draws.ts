/**
 * One customer drawn from the customer-base models, for the synthetic-data generators
 * (generate-transactions.ts, generate-summaries.ts) and tests that simulate customers:
 *   - BG/NBD (Fader, Hardie and Lee 2005): purchase rate lambda ~ Gamma(shape r, rate alpha) and
 *     dropout probability p ~ Beta(a, b); while active, purchases follow a Poisson process with
 *     rate lambda (waiting times Exponential(lambda)) and the customer drops out after a repeat
 *     purchase with probability p;
 *   - Gamma-Gamma (Fader, Hardie and Lee 2005, "RFM and CLV"): spend rate nu ~ Gamma(shape q,
 *     rate v); each purchase value ~ Gamma(shape p, rate nu).
 * Gamma and Beta variables are drawn in log space (`sampleGammaFromLog`, `sampleBetaInLogs`),
 * which fixes the bytes of the generated files for a seed.
 */
import { DAYS_PER_PERIOD, type Period } from '../data/customer-summary.js';
import { sampleBetaInLogs, sampleGammaFromLog, type VariateSource } from './gamma-variates.js';
import type { BgNbdParameters, GammaGammaParameters } from './parameters.js';

/**
 * Defaults per week: purchase rate mean r / alpha = 0.1 a week (5.2 a year) while active, strongly
 * heterogeneous (r < 1); dropout probability after a repeat purchase mean a / (a + b) = 0.12; mean
 * ticket p v / (q - 1) = 40.
 */
export const DEFAULT_WEEKLY_BG_NBD: BgNbdParameters = { r: 0.75, alpha: 7.5, a: 0.8, b: 6 };
export const DEFAULT_GAMMA_GAMMA: GammaGammaParameters = { p: 6, q: 4, v: 20 };

/**
 * The default BG/NBD parameters with rates per `period`: lambda per period is lambda per week
 * times (days per period / 7), so only alpha changes: alpha_period = alpha_week * 7 / days per period.
 */
export function defaultBgNbdParameters(period: Period): BgNbdParameters {
  return { ...DEFAULT_WEEKLY_BG_NBD, alpha: (DEFAULT_WEEKLY_BG_NBD.alpha * 7) / DAYS_PER_PERIOD[period] };
}

/** A BG/NBD customer's latent traits. */
export interface BgNbdCustomer {
  /** lambda, purchases per period while active. */
  purchaseRate: number;
  /** p, the probability of dropping out after a repeat purchase. */
  dropout: number;
}

/** lambda ~ Gamma(r, alpha), then p ~ Beta(a, b). */
export function drawBgNbdCustomer(source: VariateSource, bgnbd: BgNbdParameters): BgNbdCustomer {
  const purchaseRate = sampleGammaFromLog(source, bgnbd.r, bgnbd.alpha);
  const dropout = sampleBetaInLogs(source, bgnbd.a, bgnbd.b);
  return { purchaseRate, dropout };
}

/** A Gamma-Gamma customer's spend rate nu ~ Gamma(q, v). */
export function drawSpendRate(source: VariateSource, gammaGamma: GammaGammaParameters): number {
  return sampleGammaFromLog(source, gammaGamma.q, gammaGamma.v);
}

/** One purchase value ~ Gamma(p, nu). */
export function drawPurchaseValue(source: VariateSource, gammaGamma: GammaGammaParameters, spendRate: number): number {
  return sampleGammaFromLog(source, gammaGamma.p, spendRate);
}

/**
 * The mean of `purchases` purchase values, drawn at once: a sum of x independent Gamma(p, nu)
 * values is Gamma(p x, nu), so their mean is Gamma(p x, x nu).
 */
export function drawMeanPurchaseValue(source: VariateSource, gammaGamma: GammaGammaParameters, spendRate: number, purchases: number): number {
  return sampleGammaFromLog(source, gammaGamma.p * purchases, purchases * spendRate);
}
