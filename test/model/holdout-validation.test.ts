import { describe, expect, it } from 'vitest';
import { validateHoldout } from '../../src/model/holdout-validation.js';
import { conditionalExpectedPurchases, fitBgNbd } from '../../src/model/bg-nbd.js';
import { simulateCustomerSummaries } from '../../src/model/generate-summaries.js';
import { PUBLISHED_BG_NBD } from './cdnow.js';

describe('validateHoldout', () => {
  it('adds up predictions and actuals per calibration-frequency bucket, worked on four customers', () => {
    const data = {
      x: [0, 1, 1, 9],
      tx: [0, 5, 20, 30],
      T: [38, 38, 38, 38],
      holdoutPurchases: [0, 1, 0, 6],
    };
    const predicted = data.x.map((x, i) => conditionalExpectedPurchases(PUBLISHED_BG_NBD, 39, x, data.tx[i], data.T[i]));
    const result = validateHoldout(PUBLISHED_BG_NBD, data, 39);
    expect(result.customers).toBe(4);
    expect(result.actualPurchases).toBe(7);
    const totalPredicted = predicted.reduce((s, v) => s + v, 0);
    expect(result.predictedPurchases).toBeCloseTo(totalPredicted, 12);
    expect(result.percentError).toBeCloseTo((100 * (totalPredicted - 7)) / 7, 10);

    const bucket = (label: string) => result.buckets.find((b) => b.label === label)!;
    expect(result.buckets.map((b) => b.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(bucket('0')).toMatchObject({ customers: 1, actual: 0 });
    expect(bucket('1')).toMatchObject({ customers: 2, actual: 1, meanActual: 0.5 });
    expect(bucket('1').predicted).toBeCloseTo(predicted[1] + predicted[2], 12);
    expect(bucket('7+')).toMatchObject({ customers: 1, actual: 6 });
    expect(bucket('3')).toMatchObject({ customers: 0, actual: 0 });
    expect(bucket('3').meanActual).toBeNaN();

    // Pearson correlation, two-pass.
    const meanA = 7 / 4;
    const meanP = totalPredicted / 4;
    let covariance = 0;
    let varianceA = 0;
    let varianceP = 0;
    data.holdoutPurchases.forEach((actual, i) => {
      covariance += (actual - meanA) * (predicted[i] - meanP);
      varianceA += (actual - meanA) ** 2;
      varianceP += (predicted[i] - meanP) ** 2;
    });
    expect(result.correlation).toBeCloseTo(covariance / Math.sqrt(varianceA * varianceP), 12);
  });

  it('predicts the holdout of customers simulated from the model it was fitted on', () => {
    const truth = { r: 0.75, alpha: 7.5, a: 0.8, b: 6 };
    const simulated = simulateCustomerSummaries({
      customers: 20_000,
      bgnbd: truth,
      minT: 26,
      maxT: 78,
      holdoutLength: 26,
      seed: 'holdout',
    });
    const fit = fitBgNbd(simulated);
    const result = validateHoldout(fit.params, simulated, 26);
    // Total holdout purchases are in the thousands; the model should be within a few percent.
    expect(result.actualPurchases).toBeGreaterThan(5000);
    expect(Math.abs(result.percentError)).toBeLessThan(5);
    for (const bucket of result.buckets) {
      if (bucket.customers >= 500) expect(Math.abs(bucket.meanPredicted - bucket.meanActual)).toBeLessThan(0.1 * bucket.meanActual + 0.05);
    }
    expect(result.correlation).toBeGreaterThan(0.6);
  });
});
