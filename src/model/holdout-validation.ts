/**
 * Holdout validation of a fitted BG/NBD model: the purchases each customer made after the
 * calibration end, against the model's conditional expectation for a period of the same length
 * (Fader, Hardie and Lee 2005, section 4, "conditional expectations" by calibration frequency).
 */
import type { FrequencyRecency } from '../data/customer-summary.js';
import type { BgNbdParameters } from './parameters.js';
import { conditionalExpectedPurchases } from './bg-nbd.js';

/** Calibration-frequency buckets x = 0, 1, ..., 6 and 7+. */
export const HOLDOUT_BUCKET_LABELS = ['0', '1', '2', '3', '4', '5', '6', '7+'] as const;

export interface HoldoutBucket {
  /** Calibration repeat purchases: '0' ... '6' or '7+'. */
  label: string;
  customers: number;
  /** Holdout purchases of the bucket's customers, in total and per customer. */
  actual: number;
  predicted: number;
  meanActual: number;
  meanPredicted: number;
}

export interface HoldoutValidation {
  /** Length of the holdout period in model periods. */
  periods: number;
  customers: number;
  actualPurchases: number;
  predictedPurchases: number;
  /** 100 * (predicted - actual) / actual; NaN when nobody bought in the holdout. */
  percentError: number;
  buckets: HoldoutBucket[];
  /** Pearson correlation of predicted and actual holdout purchases across customers (NaN if either is constant). */
  correlation: number;
}

/**
 * Compare `holdoutPurchases` (purchase days after the calibration end) with the expected purchases
 * over `holdoutPeriods`, customer by customer.
 */
export function validateHoldout(
  params: BgNbdParameters,
  data: FrequencyRecency & { holdoutPurchases: ArrayLike<number> },
  holdoutPeriods: number,
): HoldoutValidation {
  const n = data.x.length;
  const bucketCustomers = new Float64Array(HOLDOUT_BUCKET_LABELS.length);
  const bucketActual = new Float64Array(HOLDOUT_BUCKET_LABELS.length);
  const bucketPredicted = new Float64Array(HOLDOUT_BUCKET_LABELS.length);
  let sumActual = 0;
  let sumPredicted = 0;
  let sumActualSquared = 0;
  let sumPredictedSquared = 0;
  let sumProduct = 0;
  for (let i = 0; i < n; i++) {
    const predicted = conditionalExpectedPurchases(params, holdoutPeriods, data.x[i], data.tx[i], data.T[i]);
    const actual = data.holdoutPurchases[i];
    const bucket = Math.min(data.x[i], HOLDOUT_BUCKET_LABELS.length - 1);
    bucketCustomers[bucket] += 1;
    bucketActual[bucket] += actual;
    bucketPredicted[bucket] += predicted;
    sumActual += actual;
    sumPredicted += predicted;
    sumActualSquared += actual * actual;
    sumPredictedSquared += predicted * predicted;
    sumProduct += actual * predicted;
  }
  const covariance = sumProduct - (sumActual * sumPredicted) / n;
  const varianceActual = sumActualSquared - (sumActual * sumActual) / n;
  const variancePredicted = sumPredictedSquared - (sumPredicted * sumPredicted) / n;
  const correlation = varianceActual > 0 && variancePredicted > 0 ? covariance / Math.sqrt(varianceActual * variancePredicted) : NaN;
  return {
    periods: holdoutPeriods,
    customers: n,
    actualPurchases: sumActual,
    predictedPurchases: sumPredicted,
    percentError: sumActual > 0 ? (100 * (sumPredicted - sumActual)) / sumActual : NaN,
    buckets: HOLDOUT_BUCKET_LABELS.map((label, k) => ({
      label,
      customers: bucketCustomers[k],
      actual: bucketActual[k],
      predicted: bucketPredicted[k],
      meanActual: bucketCustomers[k] > 0 ? bucketActual[k] / bucketCustomers[k] : NaN,
      meanPredicted: bucketCustomers[k] > 0 ? bucketPredicted[k] / bucketCustomers[k] : NaN,
    })),
    correlation,
  };
}
