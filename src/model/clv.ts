/**
 * Customer lifetime value over a finite horizon from the BG/NBD and Gamma-Gamma models, with
 * monthly discounting:
 *
 *   CLV = margin * (1 - returnRate) * E[spend per purchase | x, m] * sum_{k=1..K} (E[Y(k D)] - E[Y((k - 1) D)]) / (1 + d)^k
 *
 * where E[Y(t)] is the BG/NBD expected number of purchases in the next t periods given the history
 * (x, t_x, T), D is one month in model periods (365.2425 / 12 days), K the horizon in months and
 * d = (1 + annual rate)^(1/12) - 1 the monthly discount rate. Purchases of month k are discounted
 * at its end. Spend and purchase counts are taken as independent, the Gamma-Gamma assumption
 * (Fader, Hardie and Lee 2005, "RFM and CLV"). Spend per purchase is before returns (the values the
 * spend model is fitted to, data/customer-ledger.ts); (1 - returnRate) takes the returned share off.
 */
import type { BgNbdParameters, GammaGammaParameters } from './parameters.js';
import { conditionalExpectedPurchases } from './bg-nbd.js';
import { conditionalExpectedSpend } from './gamma-gamma.js';
import { DAYS_PER_MONTH } from '../data/calendar.js';

export interface LifetimeValueOptions {
  /** How far ahead, in months. */
  horizonMonths: number;
  /** Annual discount rate as a fraction (0.1 = 10% a year). */
  annualDiscountRate: number;
  /** Gross margin as a share of spend (0.3 = 30%); 1 gives lifetime revenue. */
  margin: number;
  /** Length of the models' period in days (1, 7 or 365.2425 / 12). */
  daysPerPeriod: number;
  /** Share of purchased value returned (default 0). */
  returnRate?: number;
}

/** The customer's history: repeat purchases x, recency t_x, age T and mean repeat-purchase value m. */
export interface CustomerHistory {
  x: number;
  tx: number;
  T: number;
  monetaryValue: number;
}

/** Expected discounted purchases over the horizon: sum_k (E[Y(k D)] - E[Y((k - 1) D)]) / (1 + d)^k. */
export function discountedExpectedPurchases(
  bgnbd: BgNbdParameters,
  customer: CustomerHistory,
  options: Omit<LifetimeValueOptions, 'margin'>,
): number {
  const periodsPerMonth = DAYS_PER_MONTH / options.daysPerPeriod;
  const monthlyDiscount = Math.pow(1 + options.annualDiscountRate, 1 / 12);
  let total = 0;
  let previous = 0;
  let discountFactor = 1;
  for (let month = 1; month <= options.horizonMonths; month++) {
    const cumulative = conditionalExpectedPurchases(bgnbd, month * periodsPerMonth, customer.x, customer.tx, customer.T);
    discountFactor /= monthlyDiscount;
    total += (cumulative - previous) * discountFactor;
    previous = cumulative;
  }
  return total;
}

/**
 * Expected spend per future purchase: the Gamma-Gamma posterior mean, or the population mean for a
 * customer whose repeat purchases have no positive mean value (the fit leaves them out too).
 */
export function expectedSpendPerPurchase(gammaGamma: GammaGammaParameters, customer: CustomerHistory): number {
  return customer.monetaryValue > 0
    ? conditionalExpectedSpend(gammaGamma, customer.x, customer.monetaryValue)
    : conditionalExpectedSpend(gammaGamma, 0, 0);
}

/** Discounted expected gross margin (or revenue with margin 1) of one customer over the horizon. */
export function customerLifetimeValue(
  bgnbd: BgNbdParameters,
  gammaGamma: GammaGammaParameters,
  customer: CustomerHistory,
  options: LifetimeValueOptions,
): number {
  const spend = expectedSpendPerPurchase(gammaGamma, customer);
  return options.margin * (1 - (options.returnRate ?? 0)) * spend * discountedExpectedPurchases(bgnbd, customer, options);
}
