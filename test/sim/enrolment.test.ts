import { describe, expect, it } from 'vitest';
import { enrolmentProbability, enrolmentScale, enrolmentWeights, MIN_DROPOUT } from '../../src/sim/enrolment.js';

function probabilities(rates: number[], share: number, selfSelection: number, active = rates.map(() => 1)): number[] {
  const n = rates.length;
  const weights = new Float64Array(n);
  const selection = { rate: selfSelection, spend: 0, loyalty: 0 };
  enrolmentWeights(Float64Array.from(rates), new Float64Array(n), new Float64Array(n), n, selection, weights);
  const scale = enrolmentScale(weights, Uint8Array.from(active), n, share, selfSelection === 0, new Uint8Array(n));
  return rates.map((_, i) => (active[i] ? enrolmentProbability(scale, weights[i]) : 0));
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('enrolment', () => {
  it('gives everyone the share when there is no self-selection', () => {
    expect(probabilities([0.1, 1, 5], 0.4, 0)).toEqual([0.4, 0.4, 0.4]);
  });

  it('makes the chance proportional to rate^s with the expected share equal to the share', () => {
    // Rates 1, 2, 3, 4 with s = 1: c = 0.5 * 4 / 10 = 0.2, chances 0.2, 0.4, 0.6, 0.8.
    const p = probabilities([1, 2, 3, 4], 0.5, 1);
    p.forEach((value, i) => expect(value).toBeCloseTo([0.2, 0.4, 0.6, 0.8][i], 14));
    // s = 2: weights 1, 4, 9, 16; c = 2 / 30 would give the heaviest 16 * 2 / 30 > 1, so they are
    // capped at 1 and the others share the remaining 1: c = 1 / 14.
    const q = probabilities([1, 2, 3, 4], 0.5, 2);
    q.forEach((value, i) => expect(value).toBeCloseTo([1 / 14, 4 / 14, 9 / 14, 1][i], 14));
  });

  it('caps chances at 1 and hands the rest to the others', () => {
    // Rates 1, 1, 1, 10, share 0.75 (3 of 4): uncapped c = 3 / 13 gives the heavy buyer 2.3.
    // Capped: the heavy buyer joins surely and the three others share the remaining 2: 2/3 each.
    const p = probabilities([1, 1, 1, 10], 0.75, 1);
    expect(p[3]).toBe(1);
    for (const value of p.slice(0, 3)) expect(value).toBeCloseTo(2 / 3, 14);
    expect(sum(p)).toBeCloseTo(3, 12);
  });

  it('keeps the expected share for many customers with heavy-tailed rates', () => {
    const rates = Array.from({ length: 5000 }, (_, i) => Math.exp(6 * Math.sin(i * 12.9898) ** 2) / 100);
    for (const share of [0.05, 0.5, 0.95]) {
      const p = probabilities(rates, share, 1.5);
      expect(sum(p) / rates.length).toBeCloseTo(share, 10);
      expect(Math.max(...p)).toBeLessThanOrEqual(1);
    }
  });

  it('counts only active customers', () => {
    const p = probabilities([1, 2, 3, 4], 0.5, 1, [1, 1, 0, 0]);
    // Two active customers, expected joiners 1: c = 1 / 3.
    expect(p[0]).toBeCloseTo(1 / 3, 14);
    expect(p[1]).toBeCloseTo(2 / 3, 14);
    expect(p[2]).toBe(0);
  });

  it('lets everyone join at share 1 and nobody at share 0, whatever their rate', () => {
    expect(probabilities([0, 1, 7], 1, 1)).toEqual([1, 1, 1]);
    expect(probabilities([0, 1, 7], 0, 1)).toEqual([0, 0, 0]);
  });

  it('weighs mean purchase value and loyalty (1 / dropout) by their own exponents', () => {
    const weights = new Float64Array(2);
    const rates = Float64Array.from([1, 1]);
    // Values 1 and 2 with spendSelection 1: weights 1, 2; share 0.5 of 2 customers: c = 1 / 3.
    enrolmentWeights(rates, Float64Array.from([1, 2]), Float64Array.from([0.5, 0.5]), 2, { rate: 0, spend: 1, loyalty: 0 }, weights);
    let scale = enrolmentScale(weights, Uint8Array.from([1, 1]), 2, 0.5, false, new Uint8Array(2));
    expect([enrolmentProbability(scale, weights[0]), enrolmentProbability(scale, weights[1])].map((p) => p * 3)).toEqual([1, 2].map((v) => expect.closeTo(v, 14)));
    // Dropouts 0.1 and 0.2 with loyaltySelection 2: weights 100, 25; c = 1 / 125: chances 0.8, 0.2.
    enrolmentWeights(rates, Float64Array.from([1, 1]), Float64Array.from([0.1, 0.2]), 2, { rate: 0, spend: 0, loyalty: 2 }, weights);
    scale = enrolmentScale(weights, Uint8Array.from([1, 1]), 2, 0.5, false, new Uint8Array(2));
    expect(enrolmentProbability(scale, weights[0])).toBeCloseTo(0.8, 14);
    expect(enrolmentProbability(scale, weights[1])).toBeCloseTo(0.2, 14);
    // A customer who never drops out weighs as one with dropout MIN_DROPOUT: finite.
    enrolmentWeights(rates, Float64Array.from([1, 1]), Float64Array.from([0, 0.5]), 2, { rate: 0, spend: 0, loyalty: 1 }, weights);
    expect(weights[0]).toBe(1 / MIN_DROPOUT);
  });
});
