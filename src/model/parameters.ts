/**
 * Parameters of the customer-base models, shared by the fitters, the data generator and the
 * simulator. Rates are per period of the data they were fitted on (day, week or month).
 */

/**
 * BG/NBD (Fader, Hardie and Lee 2005): while active a customer buys as a Poisson process with rate
 * lambda ~ Gamma(shape r, rate alpha); after each purchase they drop out with probability
 * p ~ Beta(a, b).
 */
export interface BgNbdParameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV"): a customer's purchase values
 * are Gamma(shape p, rate nu) with nu ~ Gamma(shape q, rate v). `v` is the scale parameter the
 * paper calls gamma.
 */
export interface GammaGammaParameters {
  p: number;
  q: number;
  v: number;
}
