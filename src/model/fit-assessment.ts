/**
 * Whether a fitted customer model can be used: the identification rule of docs/methods.md
 * section 6 ("Fit diagnostics and identification"). `fit` and `run` refuse a model that fails it
 * (exit 2, saying what to do) unless told to accept a weak fit, and then warn.
 */
import type { BgNbdFit } from './bg-nbd.js';
import type { GammaGammaFit } from './gamma-gamma.js';
import { LOG_PARAMETER_LIMIT } from './fit-diagnostics.js';

/** Fewer customers with a repeat purchase than this cannot pin down dropout or spend heterogeneity. */
export const MIN_REPEAT_CUSTOMERS = 10;
/**
 * A standard error above this multiple of its estimate leaves the parameter undetermined: the 95%
 * interval theta x exp(+-1.96 SE / theta) would span more than a factor of e^3.92, about 50.
 */
export const MAX_RELATIVE_STANDARD_ERROR = 1;

export interface FitAssessment {
  /** True when every condition of the rule holds. */
  identified: boolean;
  /** Each condition that failed, as a sentence naming the model and the parameter. */
  problems: string[];
}

function sentences(
  model: string,
  fit: Pick<BgNbdFit, 'converged' | 'message' | 'atBound'>,
  params: Record<string, number>,
  errors: Record<string, number>,
): string[] {
  const problems: string[] = [];
  if (fit.atBound.length > 0) {
    const described = fit.atBound.map(({ parameter, towards }) => `${parameter} = ${params[parameter].toPrecision(3)} (towards ${towards === 'zero' ? '0' : 'infinity'})`);
    problems.push(`${model}: ${described.join(', ')} ran off to a bound (beyond e^+-${LOG_PARAMETER_LIMIT}); the data cannot pin ${fit.atBound.length > 1 ? 'them' : 'it'} down`);
  } else if (!fit.converged) {
    problems.push(`${model}: the fit did not converge (${fit.message})`);
  }
  const bounded = new Set(fit.atBound.map((bound) => bound.parameter));
  const undetermined = Object.keys(params).filter((name) => !bounded.has(name) && !Number.isFinite(errors[name]));
  if (undetermined.length > 0) {
    problems.push(`${model}: no finite standard error for ${undetermined.join(', ')} (the likelihood is flat or singular there)`);
  }
  for (const name of Object.keys(params)) {
    if (bounded.has(name) || !Number.isFinite(errors[name])) continue;
    const relative = errors[name] / params[name];
    if (relative > MAX_RELATIVE_STANDARD_ERROR) {
      problems.push(`${model}: the standard error of ${name} is ${Number(relative.toPrecision(2))} times its estimate ${Number(params[name].toPrecision(3))}`);
    }
  }
  return problems;
}

/**
 * The identification rule. A customer model is identified when
 * 1. at least MIN_REPEAT_CUSTOMERS customers made a repeat purchase (of positive value, for the
 *    spend model) in the calibration period;
 * 2. both optimisers converged;
 * 3. no parameter ran off to a bound (log-parameter beyond +-15);
 * 4. every standard error is finite and at most MAX_RELATIVE_STANDARD_ERROR times its estimate.
 * `repeatCustomers` is the number of customers with x > 0; `extra` adds problems found elsewhere
 * (predictions that cannot be computed).
 */
export function assessCustomerModel(bgnbd: BgNbdFit, gammaGamma: GammaGammaFit, repeatCustomers: number, extra: string[] = []): FitAssessment {
  const problems: string[] = [];
  if (repeatCustomers < MIN_REPEAT_CUSTOMERS) {
    problems.push(`only ${repeatCustomers} customers made a repeat purchase in the calibration period; the model needs at least ${MIN_REPEAT_CUSTOMERS}`);
  } else if (gammaGamma.customers < MIN_REPEAT_CUSTOMERS) {
    problems.push(`only ${gammaGamma.customers} customers made a repeat purchase of positive value; the spend model needs at least ${MIN_REPEAT_CUSTOMERS}`);
  }
  const bgnbdParams: Record<string, number> = { ...bgnbd.params };
  const bgnbdErrors: Record<string, number> = { ...bgnbd.standardErrors };
  problems.push(...sentences('BG/NBD', bgnbd, bgnbdParams, bgnbdErrors));
  const ggParams: Record<string, number> = { ...gammaGamma.params };
  const ggErrors: Record<string, number> = { ...gammaGamma.standardErrors };
  problems.push(...sentences('Gamma-Gamma', gammaGamma, ggParams, ggErrors));
  problems.push(...extra);
  return { identified: problems.length === 0, problems };
}

/** The one-line summary of a failed assessment, for messages (the caller names the file). */
export function weakFitMessage(assessment: FitAssessment): string {
  return `the customer model cannot be identified from this purchase history: ${assessment.problems.join('; ')}`;
}
