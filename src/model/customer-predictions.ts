/**
 * Per-customer predictions from a fitted customer-base model, as written by
 * `loyalty-sim fit --customers-out`.
 */
import type { BgNbdParameters, GammaGammaParameters } from './parameters.js';
import { conditionalExpectedPurchases, probabilityAlive } from './bg-nbd.js';
import { customerLifetimeValue, expectedSpendPerPurchase, type CustomerHistory, type LifetimeValueOptions } from './clv.js';
import { DAYS_PER_MONTH } from '../data/calendar.js';

export interface CustomerPrediction {
  /** P(still active at the calibration end). */
  probabilityAlive: number;
  /** Expected purchases in the next period (day, week or month). */
  expectedPurchasesNextPeriod: number;
  /** Expected purchases over the CLV horizon, undiscounted. */
  expectedPurchasesHorizon: number;
  /** Expected spend per future purchase. */
  expectedSpend: number;
  /** Discounted expected margin (revenue with margin 1) over the horizon. */
  lifetimeValue: number;
}

export function predictCustomer(
  bgnbd: BgNbdParameters,
  gammaGamma: GammaGammaParameters,
  customer: CustomerHistory,
  options: LifetimeValueOptions,
): CustomerPrediction {
  const { x, tx, T } = customer;
  const horizonPeriods = (options.horizonMonths * DAYS_PER_MONTH) / options.daysPerPeriod;
  return {
    probabilityAlive: probabilityAlive(bgnbd, x, tx, T),
    expectedPurchasesNextPeriod: conditionalExpectedPurchases(bgnbd, 1, x, tx, T),
    expectedPurchasesHorizon: conditionalExpectedPurchases(bgnbd, horizonPeriods, x, tx, T),
    expectedSpend: expectedSpendPerPurchase(gammaGamma, customer),
    lifetimeValue: customerLifetimeValue(bgnbd, gammaGamma, customer, options),
  };
}
