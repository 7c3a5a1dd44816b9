/**
 * The result object of `loyalty-sim fit`, which its reporters are fed (reporters.ts), and its JSON
 * form.
 */
import type { ReturnRate } from '../data/data-quality.js';
import type { CustomerModelFit } from '../model/customer-model.js';
import { jsonDocument } from './json-writer.js';

/** The result of `fit`: the fitted customer-base model of a purchase history. */
export interface FitReport {
  /** The purchase history, as the user named it. */
  file: string;
  model: CustomerModelFit;
  /** The calibration period's return rate (the spend model is fitted to purchase values before returns). */
  returnRate?: ReturnRate;
}

/**
 * The `fit --json` object: `bgnbd: {r, alpha, a, b, logLikelihood, ...}`, `gammaGamma: {p, q, v, ...}`,
 * `customers`, `calibration: {start, end, period}`, `returnRate: {rate, purchasedValue, returnedValue}`
 * when given and `holdout` when present. Standard errors sit under their own `standardErrors` keys.
 */
export function fitJson(model: CustomerModelFit, returnRate?: ReturnRate): Record<string, unknown> {
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
  if (returnRate) json.returnRate = returnRate;
  if (model.holdout) json.holdout = model.holdout;
  return json;
}

/** The `fit --json` document. */
export function renderFitJson(report: FitReport): string {
  return jsonDocument(fitJson(report.model, report.returnRate));
}
