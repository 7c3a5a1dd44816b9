/**
 * Individual traits under BG/NBD with Gamma-Gamma spend (docs/methods.md section 6; Fader, Hardie
 * and Lee 2005, "Counting your customers the easy way" and "RFM and CLV").
 *
 * An existing customer with history (x, t_x, T) is active at the start with probability
 * P(active | x, t_x, T) (bg-nbd.ts, probabilityAlive); if active they draw from the posterior
 *     lambda ~ Gamma(r + x, rate alpha + T)        purchase rate per model period
 *     p      ~ Beta(a, b + x)                      dropout probability after each purchase
 *     nu     ~ Gamma(q + p_gg x, rate v + x m)     spend rate; purchase values ~ Gamma(p_gg, rate nu)
 * A new customer draws lambda, p and nu from the population distributions Gamma(r, alpha),
 * Beta(a, b), Gamma(q, v). Draw order, for replay: the activity uniform, then lambda, p, nu.
 */
import { probabilityAlive } from './bg-nbd.js';
import type { CustomerHistories, CustomerTraitModel, TraitColumns } from './customer-trait-model.js';
import type { BgNbdParameters, GammaGammaParameters } from './parameters.js';
import { sampleBeta, sampleGamma, type VariateSource } from './gamma-variates.js';

/**
 * Expected purchases in `days` days of a customer buying at `ratePerDay` who drops out with
 * probability `dropout` after each purchase and is active at the start (BG/NBD at the individual
 * level, Fader, Hardie and Lee 2005, eq. 3):
 *     N = (1 - exp(-lambda p D)) / p,   lambda D when p = 0.
 */
export function individualExpectedPurchases(ratePerDay: number, dropout: number, days: number): number {
  if (dropout <= 0) return ratePerDay * days;
  return -Math.expm1(-ratePerDay * dropout * days) / dropout;
}

export class BgNbdTraitModel implements CustomerTraitModel {
  readonly purchaseValueShape: number;
  // Per existing customer, computed once: P(active) and the posterior parameters.
  private readonly probabilityActive: Float64Array;
  private readonly rateShape: Float64Array;
  private readonly rateRate: Float64Array;
  private readonly dropoutB: Float64Array;
  private readonly spendShape: Float64Array;
  private readonly spendRateRate: Float64Array;

  constructor(
    private readonly bgnbd: BgNbdParameters,
    private readonly gammaGamma: GammaGammaParameters,
    /** Length of the model's period in days (BG/NBD rates are per period). */
    private readonly daysPerPeriod: number,
    customers: CustomerHistories,
  ) {
    this.purchaseValueShape = gammaGamma.p;
    const n = customers.count;
    this.probabilityActive = new Float64Array(n);
    this.rateShape = new Float64Array(n);
    this.rateRate = new Float64Array(n);
    this.dropoutB = new Float64Array(n);
    this.spendShape = new Float64Array(n);
    this.spendRateRate = new Float64Array(n);
    const { r, alpha, b } = bgnbd;
    const { p: pgg, q, v } = gammaGamma;
    for (let i = 0; i < n; i++) {
      const x = customers.x[i];
      this.probabilityActive[i] = probabilityAlive(bgnbd, x, customers.tx[i], customers.T[i]);
      this.rateShape[i] = r + x;
      this.rateRate[i] = alpha + customers.T[i];
      this.dropoutB[i] = b + x;
      this.spendShape[i] = q + pgg * x;
      this.spendRateRate[i] = v + x * customers.monetaryValue[i];
    }
  }

  drawExisting(stream: VariateSource, customer: number, traits: TraitColumns, slot: number): boolean {
    if (stream.nextUniform() >= this.probabilityActive[customer]) return false;
    const ratePerPeriod = sampleGamma(stream, this.rateShape[customer], this.rateRate[customer]);
    traits.dropout[slot] = sampleBeta(stream, this.bgnbd.a, this.dropoutB[customer]);
    traits.spendRate[slot] = sampleGamma(stream, this.spendShape[customer], this.spendRateRate[customer]);
    traits.ratePerDay[slot] = ratePerPeriod / this.daysPerPeriod;
    return true;
  }

  drawNew(stream: VariateSource, traits: TraitColumns, slot: number): void {
    const { bgnbd, gammaGamma } = this;
    const ratePerPeriod = sampleGamma(stream, bgnbd.r, bgnbd.alpha);
    traits.dropout[slot] = sampleBeta(stream, bgnbd.a, bgnbd.b);
    traits.spendRate[slot] = sampleGamma(stream, gammaGamma.q, gammaGamma.v);
    traits.ratePerDay[slot] = ratePerPeriod / this.daysPerPeriod;
  }

  /**
   * Existing customer `customer`'s expected revenue per period if active at the start:
   * E[lambda | active] x E[value], with E[lambda] = (r + x) / (alpha + T) and E[value] =
   * p_gg (v + x m) / (q + p_gg x - 1) (the posterior mean when q + p_gg x > 1; otherwise
   * p_gg (v + x m) / (q + p_gg x)). With activeProbability, the customer sample's strata.
   */
  revenueRateWhenActive(customer: number): number {
    const shape = this.spendShape[customer];
    const value = (this.purchaseValueShape * this.spendRateRate[customer]) / (shape > 1 ? shape - 1 : shape);
    return (this.rateShape[customer] / this.rateRate[customer]) * value;
  }

  activeProbability(customer: number): number {
    return this.probabilityActive[customer];
  }

  /** E[value] = p_gg / nu. */
  meanPurchaseValue(spendRate: number): number {
    return this.purchaseValueShape / spendRate;
  }

  expectedPurchases(ratePerDay: number, dropout: number, days: number): number {
    return individualExpectedPurchases(ratePerDay, dropout, days);
  }
}
