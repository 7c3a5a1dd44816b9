/**
 * The result object of `loyalty-sim fit`, which its reporters are fed (reporters.ts), and its JSON
 * form.
 */
import type { ReturnRate } from '../data/data-quality.js';
import type { CustomerModelFit } from '../model/customer-model.js';
import type { FitAssessment } from '../model/fit-assessment.js';
import type { ParameterAtBound } from '../model/fit-diagnostics.js';
import type { BgNbdParameters, GammaGammaParameters } from '../model/parameters.js';
import { jsonDocument } from './json-writer.js';

/** The result of `fit`: the fitted customer-base model of a purchase history. */
export interface FitReport {
  /** The purchase history, as the user named it. */
  file: string;
  model: CustomerModelFit;
  /** The calibration period's return rate (the spend model is fitted to purchase values before returns). */
  returnRate?: ReturnRate;
}

/** One model's diagnostics in JSON: how the optimiser ended and which parameters ran to a bound. */
export interface FitDiagnosticsJson {
  converged: boolean;
  iterations: number;
  gradientNorm: number;
  message: string;
  atBound: ParameterAtBound[];
}

/** One fitted model in JSON: its parameters, log-likelihood, standard errors, customers and diagnostics. */
export type FittedParametersJson<P> = P & { logLikelihood: number; standardErrors: P; customers: number } & FitDiagnosticsJson;

/** The fitted customer model in JSON (`fit --json` and `run --json`'s `inputs.fit`). */
export interface FittedModelJson {
  bgnbd: FittedParametersJson<BgNbdParameters>;
  gammaGamma: FittedParametersJson<GammaGammaParameters>;
  identification: FitAssessment;
}

function diagnosticsJson(fit: CustomerModelFit['bgnbd'] | CustomerModelFit['gammaGamma']): FitDiagnosticsJson {
  return {
    converged: fit.converged,
    iterations: fit.iterations,
    gradientNorm: fit.gradientNorm,
    message: fit.message,
    atBound: fit.atBound,
  };
}

/**
 * The `fit --json` object: `bgnbd: {r, alpha, a, b, logLikelihood, standardErrors, customers,
 * converged, iterations, gradientNorm, message, atBound}`, `gammaGamma: {p, q, v, ...}` alike,
 * `identification: {identified, problems}`, `customers`, `calibration: {start, end, period}`,
 * `returnRate: {rate, purchasedValue, returnedValue}` when given and `holdout` when present.
 */
export function fitJson(model: CustomerModelFit, returnRate?: ReturnRate): Record<string, unknown> {
  const json: Record<string, unknown> = {
    ...fittedModelJson(model),
    customers: model.customers,
    calibration: model.calibration,
  };
  if (returnRate) json.returnRate = returnRate;
  if (model.holdout) json.holdout = model.holdout;
  return json;
}

/** The fitted models with their diagnostics and the identification verdict (`fit --json`, and `run --json`'s `inputs.fit`). */
export function fittedModelJson(model: CustomerModelFit): FittedModelJson {
  const { bgnbd, gammaGamma } = model;
  return {
    bgnbd: {
      ...bgnbd.params,
      logLikelihood: bgnbd.logLikelihood,
      standardErrors: bgnbd.standardErrors,
      customers: bgnbd.customers,
      ...diagnosticsJson(bgnbd),
    },
    gammaGamma: {
      ...gammaGamma.params,
      logLikelihood: gammaGamma.logLikelihood,
      standardErrors: gammaGamma.standardErrors,
      customers: gammaGamma.customers,
      ...diagnosticsJson(gammaGamma),
    },
    identification: model.assessment,
  };
}

/** The `fit --json` document. */
export function renderFitJson(report: FitReport): string {
  return jsonDocument(fitJson(report.model, report.returnRate));
}
