/**
 * The result object of `loyalty-sim fit`, which its reporters are fed (reporters.ts), and its JSON
 * form.
 */
import type { CustomerModelFit } from '../model/customer-model.js';
import { jsonDocument } from './json-writer.js';

/** The result of `fit`: the fitted customer-base model of a purchase history. */
export interface FitReport {
  /** The purchase history, as the user named it. */
  file: string;
  model: CustomerModelFit;
}

/**
 * The `fit --json` object: `bgnbd: {r, alpha, a, b, logLikelihood, ...}`, `gammaGamma: {p, q, v, ...}`,
 * `customers`, `calibration: {start, end, period}` and `holdout` when present. Standard errors sit
 * under their own `standardErrors` keys.
 */
export function fitJson(model: CustomerModelFit): Record<string, unknown> {
  const { bgnbd, gammaGamma } = model;
  const json: Record<string, unknown> = {
    bgnbd: {
      ...bgnbd.params,
      logLikelihood: bgnbd.logLikelihood,
      standardErrors: bgnbd.standardErrors,
      customers: bgnbd.customers,
      converged: bgnbd.converged,
    },
    gammaGamma: {
      ...gammaGamma.params,
      logLikelihood: gammaGamma.logLikelihood,
      standardErrors: gammaGamma.standardErrors,
      customers: gammaGamma.customers,
      converged: gammaGamma.converged,
    },
    customers: model.customers,
    calibration: model.calibration,
  };
  if (model.holdout) json.holdout = model.holdout;
  return json;
}

/** The `fit --json` document. */
export function renderFitJson(report: FitReport): string {
  return jsonDocument(fitJson(report.model));
}
