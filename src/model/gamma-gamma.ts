/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie and Lee 2005, "RFM and CLV: using
 * iso-value curves for customer base analysis", Journal of Marketing Research 42(4); the
 * likelihood as in Fader and Hardie 2013, "The Gamma-Gamma model of monetary value").
 *
 * A customer's purchase values are Gamma(shape p, rate nu); across customers nu ~ Gamma(shape q,
 * rate v) (v is the paper's gamma). The model is fitted on customers with at least one repeat
 * purchase, from x (their number of repeat purchases) and m (the mean value of those purchases).
 */
import { UserInputError } from '../errors.js';
import type { FrequencyMonetary } from '../data/customer-summary.js';
import type { GammaGammaParameters } from './parameters.js';
import { digamma, logGamma } from './special-functions.js';
import { minimizeBfgs, type ObjectiveWithGradient } from './optimiser.js';
import { logParameterStandardErrors } from './standard-errors.js';
import { boundMessageOf, gradientNorm, parametersAtBound, type ParameterAtBound } from './fit-diagnostics.js';

/**
 * Log-likelihood of one customer's mean repeat-purchase value m over x purchases:
 *   ln f(m | p, q, v, x) = lnG(px + q) - lnG(px) - lnG(q) + q ln v + (px - 1) ln m + px ln x
 *                          - (px + q) ln(v + x m)
 */
export function gammaGammaLogLikelihood(params: GammaGammaParameters, x: number, m: number): number {
  const { p, q, v } = params;
  const px = p * x;
  return (
    logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(v) + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(v + x * m)
  );
}

/**
 * Expected mean spend per purchase of a customer with x repeat purchases of mean value m:
 * E[M | x, m] = p (v + x m) / (p x + q - 1) (the posterior mean of p / nu, nu ~ Gamma(q + p x,
 * v + x m)). For x = 0 this is the population mean p v / (q - 1). Infinity when the mean does not
 * exist (p x + q <= 1).
 */
export function conditionalExpectedSpend(params: GammaGammaParameters, x: number, m: number): number {
  const { p, q, v } = params;
  const denominator = p * x + q - 1;
  if (denominator <= 0) return Infinity;
  return (p * (v + x * m)) / denominator;
}

export interface GammaGammaFit {
  params: GammaGammaParameters;
  logLikelihood: number;
  /** Delta-method standard errors from the observed information (NaN when it is singular). */
  standardErrors: GammaGammaParameters;
  /** Customers the model was fitted on: x > 0 and monetaryValue > 0. */
  customers: number;
  iterations: number;
  /** Euclidean norm of the gradient of the mean negative log-likelihood in log-parameters at the end. */
  gradientNorm: number;
  converged: boolean;
  message: string;
  /** Parameters that ran off towards 0 or infinity (log-parameter beyond +-15 on the scaled values). */
  atBound: ParameterAtBound[];
  /** The power of two the mean values were divided by before fitting (v is given back in the data's units). */
  scale: number;
}

export interface GammaGammaFitOptions {
  /** Starting values; default p = 1, q = 2, v = mean of m (so that the mean spend starts at mean m). */
  start?: GammaGammaParameters;
  maxIterations?: number;
}

/**
 * The customers used by the fit, grouped by x so that gamma terms are computed once per x.
 * Per customer it keeps ln m and m.
 */
interface MonetaryRows {
  customers: number;
  /** Distinct x values and the range [groupStart[k], groupStart[k + 1]) of their customers. */
  groupX: Float64Array;
  groupStart: Int32Array;
  /** Mean values divided by `scale`, and their logarithms. */
  m: Float64Array;
  logM: Float64Array;
  scale: number;
}

function collectMonetaryRows(data: FrequencyMonetary): MonetaryRows {
  const n = data.x.length;
  if (data.monetaryValue.length !== n) {
    throw new UserInputError(`x and monetaryValue must have the same length (got ${n}, ${data.monetaryValue.length})`, {
      field: 'monetary_value',
    });
  }
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const m = data.monetaryValue[i];
    if (!Number.isFinite(x) || x < 0 || !Number.isInteger(x)) {
      throw new UserInputError(`customer ${i + 1}: x must be a whole number >= 0, got ${x}`, { field: 'x' });
    }
    if (!Number.isFinite(m)) {
      throw new UserInputError(`customer ${i + 1}: the mean repeat-purchase value must be finite, got ${m}`, {
        field: 'monetary_value',
      });
    }
    if (x > 0 && m > 0) counts.set(x, (counts.get(x) ?? 0) + 1);
  }
  const xs = Float64Array.from(counts.keys()).sort();
  const groupStart = new Int32Array(xs.length + 1);
  const offset = new Map<number, number>();
  let total = 0;
  xs.forEach((x, k) => {
    groupStart[k] = total;
    offset.set(x, total);
    total += counts.get(x)!;
  });
  groupStart[xs.length] = total;
  let m = new Float64Array(total);
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const value = data.monetaryValue[i];
    if (x > 0 && value > 0) {
      const position = offset.get(x)!;
      m[position] = value;
      offset.set(x, position + 1);
    }
  }
  const scale = spendScale(m);
  m = m.map((value) => value / scale);
  return { customers: total, groupX: xs, groupStart, m, logM: m.map(Math.log), scale };
}

/** Values whose geometric mean is within 2^+-32 of 1 are fitted as they are. */
const UNSCALED_LOG2_RANGE = 32;

/**
 * The scale the mean values are divided by before fitting: 1 when their geometric mean is within
 * 2^+-32 of 1 (about 2e-10 .. 4e9), otherwise the power of two nearest it (2^round(mean log2 m),
 * within the doubles 2^-1074 .. 2^1023). Dividing by a power of two is exact, and the Gamma-Gamma
 * model is equivariant in the unit of money: if m has density f(m | p, q, v), then m / s has
 * density f(m / s | p, q, v / s) (nu ~ Gamma(q, v) becomes s nu ~ Gamma(q, v / s)). So the fit on
 * m / s gives the same p and q, v / s, and a log-likelihood n ln s higher; the fit works on values
 * near 1 whatever the currency, from 5e-324 to 1.8e308.
 */
export function spendScale(values: ArrayLike<number>): number {
  if (values.length === 0) return 1;
  let meanLog2 = 0;
  for (let i = 0; i < values.length; i++) meanLog2 += Math.log2(values[i]) / values.length;
  if (Math.abs(meanLog2) <= UNSCALED_LOG2_RANGE) return 1;
  const exponent = Math.min(1023, Math.max(-1074, Math.round(meanLog2)));
  return Math.pow(2, exponent);
}

/**
 * Negative mean log-likelihood and its gradient in log-parameters [ln p, ln q, ln v]. One log and
 * one division per customer per evaluation; gamma and digamma terms once per distinct x.
 */
function gammaGammaObjective(rows: MonetaryRows): ObjectiveWithGradient {
  const { groupX, groupStart, m, logM, customers } = rows;
  return (logParams, gradient) => {
    const p = Math.exp(logParams[0]);
    const q = Math.exp(logParams[1]);
    const v = Math.exp(logParams[2]);
    const logV = Math.log(v);
    const lgQ = logGamma(q);
    const psiQ = digamma(q);
    let ll = 0;
    let dP = 0;
    let dQ = 0;
    let dV = 0;
    for (let k = 0; k < groupX.length; k++) {
      const x = groupX[k];
      const px = p * x;
      const logX = Math.log(x);
      const count = groupStart[k + 1] - groupStart[k];
      const psiPxQ = digamma(px + q);
      ll += count * (logGamma(px + q) - logGamma(px) - lgQ + q * logV + px * logX);
      dP += count * x * (psiPxQ - digamma(px) + logX);
      dQ += count * (psiPxQ - psiQ + logV);
      dV += (count * q) / v;
      for (let i = groupStart[k]; i < groupStart[k + 1]; i++) {
        const scale = v + x * m[i];
        const logScale = Math.log(scale);
        ll += (px - 1) * logM[i] - (px + q) * logScale;
        dP += x * (logM[i] - logScale);
        dQ -= logScale;
        dV -= (px + q) / scale;
      }
    }
    gradient[0] = (-dP * p) / customers;
    gradient[1] = (-dQ * q) / customers;
    gradient[2] = (-dV * v) / customers;
    return -ll / customers;
  };
}

const PARAMETER_NAMES = ['p', 'q', 'v'] as const;

/**
 * Fit the Gamma-Gamma model by maximum likelihood on the customers with x > 0 and a positive mean
 * repeat-purchase value, on the values divided by their scale (spendScale), with v, its standard
 * error and the log-likelihood given back in the data's units.
 *
 * Throws a UserInputError when fewer than 2 such customers exist, or when the likelihood cannot be
 * evaluated at all (values spread over more than the range of doubles); never another error.
 * A fit that stops short of the optimum, or whose parameters run off to a boundary, is returned
 * with `converged: false` and the reason (fit-assessment.ts decides whether it can be used).
 */
export function fitGammaGamma(data: FrequencyMonetary, options: GammaGammaFitOptions = {}): GammaGammaFit {
  const rows = collectMonetaryRows(data);
  if (rows.customers < 2) {
    throw new UserInputError(
      `the Gamma-Gamma spend model needs at least 2 customers with a repeat purchase of positive value, got ${rows.customers}`,
      { field: 'monetary_value' },
      'Use a longer calibration period (a later --calibration-end) or a purchase history with more repeat customers.',
    );
  }
  const { scale } = rows;
  let meanM = 0;
  for (let i = 0; i < rows.customers; i++) meanM += rows.m[i] / rows.customers;
  const start = options.start ? { ...options.start, v: options.start.v / scale } : { p: 1, q: 2, v: meanM };
  const objective = gammaGammaObjective(rows);
  const result = minimizeBfgs(objective, [Math.log(start.p), Math.log(start.q), Math.log(start.v)], {
    maxIterations: options.maxIterations ?? 500,
  });
  if (!Number.isFinite(result.value)) {
    throw new UserInputError(
      `the Gamma-Gamma spend model cannot be evaluated on these purchase values (${result.reason})`,
      { field: 'monetary_value' },
      'Check the amount column: the mean purchase values span more than the range of numbers (from 5e-324 to 1.8e308) allows.',
    );
  }
  const [p, q, scaledV] = Array.from(result.point, Math.exp);
  const v = scaledV * scale;
  if (!Number.isFinite(v) || v === 0) {
    throw new UserInputError(
      `the Gamma-Gamma spend model's scale v is ${scaledV.toPrecision(4)} x ${scale} in the data's units, beyond the range of numbers`,
      { field: 'monetary_value' },
      'Give the amounts in a unit nearer their size (e.g. thousands): the model is the same in any unit of money.',
    );
  }
  const logErrors = logParameterStandardErrors(objective, result.point, rows.customers);
  const atBound = parametersAtBound(PARAMETER_NAMES, result.point);
  return {
    params: { p, q, v },
    logLikelihood: -result.value * rows.customers - rows.customers * Math.log(scale),
    standardErrors: { p: p * logErrors[0], q: q * logErrors[1], v: v * logErrors[2] },
    customers: rows.customers,
    iterations: result.iterations,
    gradientNorm: gradientNorm(result.gradient),
    converged: result.converged && atBound.length === 0,
    message: atBound.length > 0 ? boundMessageOf(atBound) : result.reason,
    atBound,
    scale,
  };
}
