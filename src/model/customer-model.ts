/**
 * The whole customer-base model of a purchase history: BG/NBD for purchases and dropout,
 * Gamma-Gamma for spend, and, when the history runs past the calibration end, the holdout check.
 * What `loyalty-sim fit` reports, and what the simulator starts from.
 */
import { UserInputError } from '../errors.js';
import { DAYS_PER_PERIOD, type CustomerSummaries, type Period } from '../data/customer-summary.js';
import { isoDate, parseIsoDateString } from '../data/calendar.js';
import { fitBgNbd, type BgNbdFit } from './bg-nbd.js';
import { fitGammaGamma, type GammaGammaFit } from './gamma-gamma.js';
import { validateHoldout, type HoldoutValidation } from './holdout-validation.js';
import { assessCustomerModel, type FitAssessment } from './fit-assessment.js';

export interface CustomerModelFit {
  bgnbd: BgNbdFit;
  gammaGamma: GammaGammaFit;
  customers: number;
  calibration: { start: string; end: string; period: Period };
  /** Present when the history has purchases after the calibration end. */
  holdout?: HoldoutValidation & { start: string; end: string };
  /** Whether the model is identified (fit-assessment.ts), and if not, why. */
  assessment: FitAssessment;
}

/**
 * Fit both models on the calibration summaries. A UserInputError from a fitter (data that cannot
 * identify a model) is given `file` as its location when the caller names the source.
 */
export function fitCustomerModel(summaries: CustomerSummaries, source?: { file: string }): CustomerModelFit {
  try {
    const bgnbd = fitBgNbd(summaries);
    const gammaGamma = fitGammaGamma(summaries);
    let repeatCustomers = 0;
    for (let i = 0; i < summaries.x.length; i++) if (summaries.x[i] > 0) repeatCustomers++;
    const fit: CustomerModelFit = {
      bgnbd,
      gammaGamma,
      customers: summaries.x.length,
      calibration: { start: summaries.calibrationStart, end: summaries.calibrationEnd, period: summaries.period },
      assessment: { identified: true, problems: [] },
    };
    const extra: string[] = [];
    if (summaries.holdoutEnd !== undefined) {
      const calibrationEndDay = parseIsoDateString(summaries.calibrationEnd);
      const holdoutEndDay = parseIsoDateString(summaries.holdoutEnd);
      // The holdout runs from the day after the calibration end through the last day of the file.
      const periods = (holdoutEndDay - calibrationEndDay) / DAYS_PER_PERIOD[summaries.period];
      fit.holdout = {
        start: isoDate(calibrationEndDay + 1),
        end: summaries.holdoutEnd,
        ...validateHoldout(bgnbd.params, summaries, periods),
      };
      if (!Number.isFinite(fit.holdout.predictedPurchases)) {
        extra.push('BG/NBD: the expected holdout purchases cannot be computed at these parameters');
      }
    }
    fit.assessment = assessCustomerModel(bgnbd, gammaGamma, repeatCustomers, extra);
    return fit;
  } catch (err) {
    if (err instanceof UserInputError && source && err.location.file === undefined) {
      throw new UserInputError(err.message, { ...err.location, file: source.file }, err.hint);
    }
    throw err;
  }
}
