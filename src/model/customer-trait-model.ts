/**
 * What the simulation needs from a customer-base model (docs/methods.md section 6): each
 * customer's individual traits, drawn from a seeded stream, and what a customer with given traits
 * can be expected to do. The engine (sim/) knows only this interface; BG/NBD with Gamma-Gamma
 * spend is one implementation (bg-nbd-traits.ts), and another model (Pareto/NBD, ...) would be
 * another.
 *
 * Individual traits, the same whatever the model:
 *   ratePerDay  purchase rate while active, per day
 *   dropout     probability of dropping out for good after each repeat purchase
 *   spendRate   rate nu of the Gamma(purchaseValueShape, nu) purchase values
 */
import type { VariateSource } from './gamma-variates.js';

/** Typed arrays the draws write into, one slot per customer (struct of arrays: no allocation per customer). */
export interface TraitColumns {
  ratePerDay: Float64Array;
  dropout: Float64Array;
  spendRate: Float64Array;
}

/** Calibration-period summaries of the existing customers, in model periods (data/customer-summary.ts). */
export interface CustomerHistories {
  /** Repeat purchases. */
  x: Float64Array;
  /** Time of the last purchase since the first. */
  tx: Float64Array;
  /** Time from the first purchase to the end of the calibration period. */
  T: Float64Array;
  /** Mean value of the repeat purchases (0 when x = 0). */
  monetaryValue: Float64Array;
  count: number;
}

export interface CustomerTraitModel {
  /** Shape of the Gamma distribution of one customer's purchase values (their rate is the customer's spendRate). */
  readonly purchaseValueShape: number;
  /**
   * Existing customer `customer`: whether they are still active at the start of the simulation,
   * and if so their traits, written into `slot` of `traits`; draws from `stream`. An inactive
   * customer's slot is left as it was.
   */
  drawExisting(stream: VariateSource, customer: number, traits: TraitColumns, slot: number): boolean;
  /** Existing customer `customer`'s expected revenue per model period if active at the start. */
  revenueRateWhenActive(customer: number): number;
  /** P(existing customer `customer` is active at the start). */
  activeProbability(customer: number): number;
  /** A new customer (no history): traits from the population distributions, into `slot`. */
  drawNew(stream: VariateSource, traits: TraitColumns, slot: number): void;
  /** Expected value of one purchase of a customer with spend rate `spendRate`. */
  meanPurchaseValue(spendRate: number): number;
  /** Expected purchases in `days` days of a customer with these traits who is active at the start. */
  expectedPurchases(ratePerDay: number, dropout: number, days: number): number;
}
