/**
 * The BG/NBD model of purchase frequency and dropout (Fader, Hardie and Lee 2005, "Counting your
 * customers the easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2)).
 *
 * While active a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha); after each
 * repeat purchase they drop out with probability p ~ Beta(a, b). Rates are per period of the data
 * (day, week or month). Everything is computed in log space so that x = 500 or T = 20,000 stays
 * finite.
 */
import { UserInputError } from '../errors.js';
import type { FrequencyRecency } from '../data/customer-summary.js';
import type { BgNbdParameters } from './parameters.js';
import { digamma, hyp2f1, logGamma } from './special-functions.js';
import { minimizeBfgs, type ObjectiveWithGradient } from './optimiser.js';
import { logParameterStandardErrors } from './standard-errors.js';
import { compressFrequencyRecency, type WeightedFrequencyRecency } from './weighted-customers.js';
import { boundMessageOf, gradientNorm, parametersAtBound, type ParameterAtBound } from './fit-diagnostics.js';

/** ln(e^u + e^v) without overflow. */
function logSumExp(u: number, v: number): number {
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/**
 * Log-likelihood of one customer with x repeat purchases, the last at t_x, observed for T
 * (Fader, Hardie and Lee 2005, eq. 6):
 *   A1 = lnG(r + x) - lnG(r) + r ln(alpha)
 *   A2 = lnG(a + b) + lnG(b + x) - lnG(b) - lnG(a + b + x)
 *   A3 = -(r + x) ln(alpha + T)
 *   A4 = ln(a) - ln(b + x - 1) - (r + x) ln(alpha + t_x)      (only when x > 0)
 *   LL = A1 + A2 + ln(exp(A3) + [x > 0] exp(A4))
 */
export function bgNbdLogLikelihood(params: BgNbdParameters, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const a2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return a1 + a2 + logSumExp(a3, a4);
}

/**
 * P(active at T | x, t_x, T) = 1 / (1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x))
 * (Fader, Hardie and Lee 2005, eq. 11). A customer without repeat purchases cannot have dropped
 * out in this model: P = 1.
 */
export function probabilityAlive(params: BgNbdParameters, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** Below this distance of a from 1 the expectation formula is 0/0 in floating point. */
const A_NEAR_ONE = 1e-5;

/**
 * Expected purchases in (T, T + t] of a customer who is still active at T:
 *   (a + b + x - 1) / (a - 1) * [1 - ((alpha + T)/(alpha + T + t))^(r + x) 2F1(r + x, b + x; a + b + x - 1; z)],
 *   z = t / (alpha + T + t).
 * Euler's transformation 2F1(A, B; C; z) = (1 - z)^(C - A - B) 2F1(C - A, C - B; C; z) turns the
 * bracket into 1 - (1 - z)^(a - 1) 2F1(a + b - 1 - r, a - 1; a + b + x - 1; z), whose parameters
 * stay moderate for any x (no overflow for x = 500). a = 1 is a removable singularity: within 1e-5
 * of it the value is the average of the values at a = 1 -+ 1e-5 (error ~1e-10).
 */
function expectedPurchasesIfAlive(params: BgNbdParameters, t: number, x: number, T: number): number {
  const { r, alpha, a, b } = params;
  if (Math.abs(a - 1) < A_NEAR_ONE) {
    return 0.5 * (expectedIfAliveFormula(r, alpha, 1 - A_NEAR_ONE, b, t, x, T) + expectedIfAliveFormula(r, alpha, 1 + A_NEAR_ONE, b, t, x, T));
  }
  return expectedIfAliveFormula(r, alpha, a, b, t, x, T);
}

function expectedIfAliveFormula(r: number, alpha: number, a: number, b: number, t: number, x: number, T: number): number {
  const z = t / (alpha + T + t);
  const c = a + b + x - 1;
  // The two forms are equal; the series converges in about max(upper parameters) * z terms, so the
  // form with the smaller upper parameters is summed: Euler's for many purchases, the original when
  // a is far larger than r + x and b + x (a fit whose a runs off to infinity).
  const g =
    Math.max(Math.abs(r + x), Math.abs(b + x)) < Math.max(Math.abs(a + b - 1 - r), Math.abs(a - 1))
      ? Math.exp((r + x) * Math.log1p(-z)) * hyp2f1(r + x, b + x, c, z)
      : Math.exp((a - 1) * Math.log1p(-z)) * hyp2f1(a + b - 1 - r, a - 1, c, z);
  return (c / (a - 1)) * (1 - g);
}

/**
 * Expected number of purchases in the next t periods of a customer with history (x, t_x, T)
 * (Fader, Hardie and Lee 2005, eq. 10): P(active) times the expectation if active.
 */
export function conditionalExpectedPurchases(params: BgNbdParameters, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  return probabilityAlive(params, x, tx, T) * expectedPurchasesIfAlive(params, t, x, T);
}

/**
 * Expected repeat purchases in the first t periods after a new customer's first purchase
 * (Fader, Hardie and Lee 2005, eq. 9):
 *   E[X(t)] = (a + b - 1)/(a - 1) [1 - (alpha/(alpha + t))^r 2F1(r, b; a + b - 1; t/(alpha + t))],
 * which is the conditional expectation of a customer with x = 0 and T = 0.
 */
export function expectedPurchases(params: BgNbdParameters, t: number): number {
  return conditionalExpectedPurchases(params, t, 0, 0, 0);
}

export interface BgNbdFitOptions {
  /** Starting values; default r = 1, alpha = sum(T) / sum(x), a = 1, b = 1. */
  start?: BgNbdParameters;
  /** Default 500. */
  maxIterations?: number;
}

export interface BgNbdFit {
  params: BgNbdParameters;
  /** Total log-likelihood at the estimates. */
  logLikelihood: number;
  /** Delta-method standard errors from the observed information (NaN when it is singular). */
  standardErrors: BgNbdParameters;
  customers: number;
  /** Distinct (x, t_x, T) rows the likelihood was evaluated on. */
  uniqueRows: number;
  iterations: number;
  /** Euclidean norm of the gradient of the mean negative log-likelihood in log-parameters at the end. */
  gradientNorm: number;
  converged: boolean;
  /** Why the optimiser stopped, or which parameter ran off to a boundary. */
  message: string;
  /** Parameters that ran off towards 0 or infinity (log-parameter beyond +-15). */
  atBound: ParameterAtBound[];
}

/**
 * Negative mean log-likelihood over the weighted unique rows and its gradient, as a function of
 * the log-parameters [ln r, ln alpha, ln a, ln b]. The hot loop of the fit: rows are grouped by x
 * so the gamma and digamma terms are computed once per distinct x, and ln(alpha + t) once per
 * distinct time; per row it costs one exp and one log1p, and it allocates nothing.
 */
export function bgNbdObjective(data: WeightedFrequencyRecency): ObjectiveWithGradient {
  const logAlphaPlusTime = new Float64Array(data.times.length);
  const inverseAlphaPlusTime = new Float64Array(data.times.length);
  const { rows, x, weight, txIndex, TIndex, times, customers } = data;
  return (logParams, gradient) => {
    const r = Math.exp(logParams[0]);
    const alpha = Math.exp(logParams[1]);
    const a = Math.exp(logParams[2]);
    const b = Math.exp(logParams[3]);
    for (let k = 0; k < times.length; k++) {
      logAlphaPlusTime[k] = Math.log(alpha + times[k]);
      inverseAlphaPlusTime[k] = 1 / (alpha + times[k]);
    }
    const logAlpha = Math.log(alpha);
    const logA = Math.log(a);
    const lgR = logGamma(r);
    const lgB = logGamma(b);
    const lgAB = logGamma(a + b);
    const psiR = digamma(r);
    const psiB = digamma(b);
    const psiAB = digamma(a + b);

    let ll = 0;
    let dR = 0;
    let dAlpha = 0;
    let dA = 0;
    let dB = 0;
    let row = 0;
    while (row < rows) {
      const xValue = x[row];
      let groupEnd = row;
      while (groupEnd < rows && x[groupEnd] === xValue) groupEnd++;
      const rx = r + xValue;
      // Terms shared by every row with this x.
      const a1 = logGamma(rx) - lgR + r * logAlpha;
      const a2 = lgAB + logGamma(b + xValue) - lgB - logGamma(a + b + xValue);
      const psiRx = digamma(rx);
      const psiABx = digamma(a + b + xValue);
      let groupWeight = 0;
      if (xValue === 0) {
        for (let i = row; i < groupEnd; i++) {
          const w = weight[i];
          const t = TIndex[i];
          groupWeight += w;
          ll += w * (-rx * logAlphaPlusTime[t]);
          dR -= w * logAlphaPlusTime[t];
          dAlpha -= w * rx * inverseAlphaPlusTime[t];
        }
      } else {
        const c4 = logA - Math.log(b + xValue - 1);
        const inverseBx1 = 1 / (b + xValue - 1);
        for (let i = row; i < groupEnd; i++) {
          const w = weight[i];
          const tT = TIndex[i];
          const tX = txIndex[i];
          groupWeight += w;
          const a3 = -rx * logAlphaPlusTime[tT];
          const a4 = c4 - rx * logAlphaPlusTime[tX];
          // log-sum-exp and the posterior weight of "dropped out after the last purchase".
          const difference = a4 - a3;
          let logSum: number;
          let weight4: number;
          if (difference > 0) {
            const e = Math.exp(-difference);
            logSum = a4 + Math.log1p(e);
            weight4 = 1 / (1 + e);
          } else {
            const e = Math.exp(difference);
            logSum = a3 + Math.log1p(e);
            weight4 = e / (1 + e);
          }
          const weight3 = 1 - weight4;
          ll += w * logSum;
          dR -= w * (weight3 * logAlphaPlusTime[tT] + weight4 * logAlphaPlusTime[tX]);
          dAlpha -= w * rx * (weight3 * inverseAlphaPlusTime[tT] + weight4 * inverseAlphaPlusTime[tX]);
          dA += (w * weight4) / a;
          dB -= w * weight4 * inverseBx1;
        }
      }
      ll += groupWeight * (a1 + a2);
      dR += groupWeight * (psiRx - psiR + logAlpha);
      dAlpha += (groupWeight * r) / alpha;
      dA += groupWeight * (psiAB - psiABx);
      dB += groupWeight * (psiAB + digamma(b + xValue) - psiB - psiABx);
      row = groupEnd;
    }
    // Chain rule to log-parameters, and the sign and scale of the objective.
    gradient[0] = (-dR * r) / customers;
    gradient[1] = (-dAlpha * alpha) / customers;
    gradient[2] = (-dA * a) / customers;
    gradient[3] = (-dB * b) / customers;
    return -ll / customers;
  };
}

const PARAMETER_NAMES = ['r', 'alpha', 'a', 'b'] as const;

/**
 * Fit the BG/NBD by maximum likelihood: BFGS on log-parameters with the analytic gradient over
 * the weighted unique (x, t_x, T) rows, standard errors from the numerical Hessian.
 *
 * Throws a UserInputError when the data cannot identify the model: fewer than 2 customers, or
 * nobody made a repeat purchase (then neither the purchase rate nor dropout can be estimated), or
 * the likelihood cannot be evaluated at the start; never another error. A fit that stops short of
 * the optimum, or whose parameters run off to a boundary, is returned with `converged: false` and
 * the reason (fit-assessment.ts decides whether it can be used).
 */
export function fitBgNbd(data: FrequencyRecency, options: BgNbdFitOptions = {}): BgNbdFit {
  const customers = data.x.length;
  if (customers < 2) {
    throw new UserInputError(
      `the BG/NBD model needs at least 2 customers, got ${customers}`,
      { field: 'customers' },
      'Fit on a purchase history with more customers.',
    );
  }
  const rows = compressFrequencyRecency(data);
  if (rows.totalRepeatPurchases === 0) {
    throw new UserInputError(
      `none of the ${customers} customers made a repeat purchase in the calibration period, so the purchase rate and dropout cannot be estimated`,
      { field: 'x' },
      'Use a longer calibration period (a later --calibration-end), or check that the customer column identifies customers across purchases.',
    );
  }
  const start = options.start ?? defaultStart(data, rows);
  const objective = bgNbdObjective(rows);
  const result = minimizeBfgs(objective, [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)], {
    maxIterations: options.maxIterations ?? 500,
  });
  if (!Number.isFinite(result.value)) {
    throw new UserInputError(
      `the BG/NBD model cannot be evaluated on these purchase times (${result.reason})`,
      { field: 'T' },
      'Check the date column and the calibration period: the times between purchases are beyond the range the model can compute with.',
    );
  }
  const [r, alpha, a, b] = Array.from(result.point, Math.exp);
  const params: BgNbdParameters = { r, alpha, a, b };
  const logErrors = logParameterStandardErrors(objective, result.point, customers);
  const standardErrors: BgNbdParameters = {
    r: r * logErrors[0],
    alpha: alpha * logErrors[1],
    a: a * logErrors[2],
    b: b * logErrors[3],
  };
  const atBound = parametersAtBound(PARAMETER_NAMES, result.point);
  const converged = result.converged && atBound.length === 0;
  const message = atBound.length > 0 ? boundMessageOf(atBound) : result.reason;
  return {
    params,
    logLikelihood: -result.value * customers,
    standardErrors,
    customers,
    uniqueRows: rows.rows,
    iterations: result.iterations,
    gradientNorm: gradientNorm(result.gradient),
    converged,
    message,
    atBound,
  };
}

function defaultStart(data: FrequencyRecency, rows: WeightedFrequencyRecency): BgNbdParameters {
  let totalT = 0;
  for (let i = 0; i < data.T.length; i++) totalT += data.T[i];
  // With r = 1, alpha is the mean time between purchases: total observed time over repeat purchases.
  const alpha = totalT > 0 ? totalT / rows.totalRepeatPurchases : 1;
  return { r: 1, alpha, a: 1, b: 1 };
}

