/**
 * The BG/NBD of a `population` block (docs/methods.md section 6): purchase rates
 * lambda ~ Gamma(r, rate alpha) with the block's heterogeneity r, dropout probabilities after each
 * purchase p ~ Beta(1, b), and alpha and b chosen so that customers active at the start of a year
 * make the stated purchases in it on average and the stated share of them drops out within it.
 *
 * A customer with rate lambda and dropout p, active at time 0, drops out at the first event of a
 * Poisson process of rate lambda p (each purchase is the last with probability p), so over t
 *     P(dropped out by t) = 1 - exp(-lambda p t),    E[purchases in t] = (1 - exp(-lambda p t)) / p
 * (Fader, Hardie and Lee 2005, eq. 3). Over lambda ~ Gamma(r, alpha), E[exp(-lambda p t)] =
 * (alpha / (alpha + p t))^r; what remains is an average over p ~ Beta(1, b), where
 * 1 - p = exp(-y / b) with y ~ Exp(1), evaluated by Gauss-Legendre quadrature in y (below).
 */
import type { BgNbdParameters } from './parameters.js';

/** Beta shape a of the dropout probability of a population (the CDNOW estimate, rounded up). */
export const POPULATION_DROPOUT_A = 1;

/** The expected first-period figures of customers active at its start. */
export interface ActiveCustomerFigures {
  /** Mean purchases per customer in the period. */
  purchases: number;
  /** Share of the customers who drop out within the period. */
  dropout: number;
}

// Gauss-Legendre nodes and weights on [-1, 1] (8 points), by Newton's method on P_8.
const GL_POINTS = 8;
const GL_NODES = new Float64Array(GL_POINTS);
const GL_WEIGHTS = new Float64Array(GL_POINTS);
for (let i = 0; i < GL_POINTS; i++) {
  let z = Math.cos((Math.PI * (i + 0.75)) / (GL_POINTS + 0.5));
  for (let step = 0; step < 100; step++) {
    let p1 = 1;
    let p2 = 0;
    for (let j = 1; j <= GL_POINTS; j++) {
      const p3 = p2;
      p2 = p1;
      p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
    }
    const derivative = (GL_POINTS * (z * p1 - p2)) / (z * z - 1);
    const previous = z;
    z -= p1 / derivative;
    if (Math.abs(z - previous) < 1e-15) {
      GL_NODES[i] = z;
      GL_WEIGHTS[i] = 2 / ((1 - z * z) * derivative * derivative);
      break;
    }
  }
}

/** Upper end of the quadrature in y: the weight exp(-y) beyond it is below 1e-27. */
const Y_MAX_EXPONENT = 6;

/**
 * Expected figures over `t` periods of customers active at the start, under lambda ~ Gamma(r,
 * alpha) per period and p ~ Beta(1, b).
 *
 * Quadrature: the average over y ~ Exp(1) of f(p(y)), p(y) = 1 - exp(-y / b), on the intervals
 * [0, 2^k0], [2^k0, 2^(k0+1)], ..., [32, 64] with 8 Gauss-Legendre points each. The integrand is
 * smooth but changes on two scales, where p t / alpha reaches 1 (y near b alpha / t) and where p
 * nears 1 (y near b); the dyadic intervals start 2^-10 below the smaller of them and 1, so each
 * scale spans a few intervals (relative error below 1e-9 against 32 points per interval).
 */
export function activeCustomerFigures(r: number, alpha: number, b: number, t: number): ActiveCustomerFigures {
  const smallest = Math.min(1, b, (b * alpha) / t);
  const k0 = Math.max(-1000, Math.floor(Math.log2(smallest)) - 10);
  const c = t / alpha;
  let purchases = 0;
  let dropout = 0;
  let lower = 0;
  for (let k = k0; k <= Y_MAX_EXPONENT; k++) {
    const upper = Math.pow(2, k);
    const half = (upper - lower) / 2;
    const middle = (upper + lower) / 2;
    for (let i = 0; i < GL_POINTS; i++) {
      const y = middle + half * GL_NODES[i];
      const weight = half * GL_WEIGHTS[i] * Math.exp(-y);
      const p = -Math.expm1(-y / b);
      // 1 - (alpha / (alpha + p t))^r, accurate for small p t / alpha.
      const dropped = -Math.expm1(-r * Math.log1p(p * c));
      dropout += weight * dropped;
      purchases += weight * (dropped / p);
    }
    lower = upper;
  }
  return { purchases, dropout };
}

/** What a population block states of its customers. */
export interface PopulationTargets {
  /** Mean purchases, in the first year, of a customer active at its start. */
  purchasesPerYear: number;
  /** Share of the customers active at the start who drop out within the first year. */
  annualDropout: number;
  /** Gamma shape r of purchase rates. */
  heterogeneity: number;
}

/** The smallest annual dropout calibrated; 0 is taken as this (a dropout probability of about 1e-9 / purchasesPerYear). */
const MIN_DROPOUT = 1e-9;
/** Brackets of ln b and ln alpha. */
const LN_B_RANGE = [-40, 60] as const;
const LN_ALPHA_MIN = -300;
/** Roots are found to this precision in ln of the figure (a relative 1e-12). */
const ROOT_TOLERANCE = 1e-12;
const MAX_ROOT_STEPS = 200;
/** A solution is accepted when it reproduces both targets to this relative precision. */
const TOLERANCE = 1e-6;

/**
 * The root of a decreasing function f on [low, high] by regula falsi with the Illinois
 * modification (the retained end's value is halved when the same end is kept twice, which keeps
 * convergence superlinear); the end nearer the root when f has no sign change.
 */
function decreasingRoot(f: (x: number) => number, low: number, high: number): number {
  let fLow = f(low);
  let fHigh = f(high);
  if (!(fLow > 0)) return low;
  if (!(fHigh < 0)) return high;
  let side = 0;
  for (let step = 0; step < MAX_ROOT_STEPS; step++) {
    const x = (low * fHigh - high * fLow) / (fHigh - fLow);
    const fx = f(x);
    if (Math.abs(fx) <= ROOT_TOLERANCE || !(high - low > 1e-15 * Math.max(1, Math.abs(x)))) return x;
    if (fx > 0) {
      low = x;
      fLow = fx;
      if (side === 1) fHigh /= 2;
      side = 1;
    } else {
      high = x;
      fHigh = fx;
      if (side === -1) fLow /= 2;
      side = -1;
    }
  }
  return (low + high) / 2;
}

/**
 * The BG/NBD parameters, per period of `periodsPerYear` to a year, whose customers active at the
 * start of a year realise the targets over it: r = heterogeneity, a = 1, and alpha and b such that
 *     E[purchases in a year] = purchasesPerYear,   P(drop out within a year) = annualDropout.
 * For each b, alpha follows from the purchases (they fall as alpha rises: rates fall); along that
 * curve the dropout falls as b rises (dropout probabilities fall), so both are one-dimensional
 * roots, in ln alpha within ln b. Undefined when no parameters give the targets: a customer
 * leaves only after a purchase, so the share leaving within a year stays below 1 and below the
 * purchases per customer (see `maxAnnualDropout`).
 */
export function populationBgNbd(targets: PopulationTargets, periodsPerYear: number): BgNbdParameters | undefined {
  const { purchasesPerYear: purchases, heterogeneity: r } = targets;
  const dropout = Math.max(MIN_DROPOUT, targets.annualDropout);
  if (!(dropout < maxAnnualDropout(purchases))) return undefined;
  const lnPurchases = Math.log(purchases);
  const lnDropout = Math.log(dropout);
  // Without dropout the purchases in a year are r t / alpha: alpha is at most that.
  const lnAlphaMax = Math.log((r * periodsPerYear) / purchases);
  const alphaFor = (b: number): number =>
    Math.exp(decreasingRoot((lnAlpha) => Math.log(activeCustomerFigures(r, Math.exp(lnAlpha), b, periodsPerYear).purchases) - lnPurchases, LN_ALPHA_MIN, lnAlphaMax));
  const b = Math.exp(
    decreasingRoot(
      (lnB) => {
        const b = Math.exp(lnB);
        return Math.log(activeCustomerFigures(r, alphaFor(b), b, periodsPerYear).dropout) - lnDropout;
      },
      LN_B_RANGE[0],
      LN_B_RANGE[1],
    ),
  );
  const alpha = alphaFor(b);
  const figures = activeCustomerFigures(r, alpha, b, periodsPerYear);
  const close = (value: number, target: number) => Math.abs(value - target) <= TOLERANCE * target;
  if (!close(figures.purchases, purchases) || !close(figures.dropout, dropout)) return undefined;
  return { r, alpha, a: POPULATION_DROPOUT_A, b };
}

/**
 * The bound on the annual dropout of customers who make `purchasesPerYear` purchases a year on
 * average: each customer who leaves has made a purchase, so the share leaving is below the share
 * who buy at all, which is below 1 and below the mean purchases.
 */
export function maxAnnualDropout(purchasesPerYear: number): number {
  return Math.min(1, purchasesPerYear);
}
