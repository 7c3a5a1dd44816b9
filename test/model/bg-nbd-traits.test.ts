/**
 * The customer trait model the engine draws from (model/bg-nbd-traits.ts): its posterior and
 * population draws against the BG/NBD and Gamma-Gamma formulas, and the individual expectation
 * of purchases.
 */
import { describe, expect, it } from 'vitest';
import { probabilityAlive } from '../../src/model/bg-nbd.js';
import { BgNbdTraitModel, individualExpectedPurchases } from '../../src/model/bg-nbd-traits.js';
import { sampleBeta, sampleGamma } from '../../src/model/gamma-variates.js';
import { IterationKey, RandomStream } from '../../src/sim/random-stream.js';

const bgnbd = { r: 1.3, alpha: 10, a: 0.5, b: 6 };
const gammaGamma = { p: 6, q: 4, v: 20 };
const DAYS_PER_PERIOD = 7;
// Customer 0: 3 repeat purchases, the last at week 40 of 60, mean value 25; customer 1: no repeats.
const histories = {
  x: Float64Array.of(3, 0),
  tx: Float64Array.of(40, 0),
  T: Float64Array.of(60, 30),
  monetaryValue: Float64Array.of(25, 0),
  count: 2,
};

function traitColumns(size: number) {
  return { ratePerDay: new Float64Array(size), dropout: new Float64Array(size), spendRate: new Float64Array(size) };
}

describe('BG/NBD trait model', () => {
  const model = new BgNbdTraitModel(bgnbd, gammaGamma, DAYS_PER_PERIOD, histories);
  const key = new IterationKey(11, 2, 1);

  it('draws an existing customer from the posterior Gamma(r + x, alpha + T), Beta(a, b + x), Gamma(q + p x, v + x m)', () => {
    let active = 0;
    for (let index = 0; index < 200; index++) {
      const stream = new RandomStream(key, index);
      const traits = traitColumns(1);
      const isActive = model.drawExisting(stream, 0, traits, 0);
      // The same draws by hand, in the documented order.
      const replay = new RandomStream(key, index);
      const expectActive = replay.nextUniform() < probabilityAlive(bgnbd, 3, 40, 60);
      expect(isActive).toBe(expectActive);
      if (!isActive) continue;
      active++;
      expect(traits.ratePerDay[0]).toBe(sampleGamma(replay, 1.3 + 3, 10 + 60) / 7);
      expect(traits.dropout[0]).toBe(sampleBeta(replay, 0.5, 6 + 3));
      expect(traits.spendRate[0]).toBe(sampleGamma(replay, 4 + 6 * 3, 20 + 3 * 25));
      // The next draw of both streams is the same: the model consumed exactly these.
      expect(stream.nextUniform()).toBe(replay.nextUniform());
    }
    // P(active | x = 3, t_x = 40, T = 60) = 1 / (1 + a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x))
    //   = 1 / (1 + 0.5 / 8 x (70 / 50)^4.3) = 0.7901: most of the 200 are active.
    expect(probabilityAlive(bgnbd, 3, 40, 60)).toBeCloseTo(0.7901, 4);
    expect(active).toBeGreaterThan(130);
    expect(active).toBeLessThan(185);
  });

  it('keeps a customer without repeat purchases active (P(active) = 1 for x = 0)', () => {
    for (let index = 0; index < 50; index++) expect(model.drawExisting(new RandomStream(key, index), 1, traitColumns(1), 0)).toBe(true);
  });

  it('draws a new customer from the population Gamma(r, alpha), Beta(a, b), Gamma(q, v)', () => {
    const stream = new RandomStream(key, 7);
    const traits = traitColumns(3);
    model.drawNew(stream, traits, 2);
    const replay = new RandomStream(key, 7);
    expect(traits.ratePerDay[2]).toBe(sampleGamma(replay, 1.3, 10) / 7);
    expect(traits.dropout[2]).toBe(sampleBeta(replay, 0.5, 6));
    expect(traits.spendRate[2]).toBe(sampleGamma(replay, 4, 20));
  });

  it('gives the Gamma-Gamma mean purchase value p / nu and the purchase-value shape p', () => {
    expect(model.purchaseValueShape).toBe(6);
    expect(model.meanPurchaseValue(0.25)).toBe(24);
  });

  it('expects (1 - exp(-lambda p D)) / p purchases in D days, lambda D without dropout', () => {
    expect(individualExpectedPurchases(0.1, 0.1, 365.2425)).toBeCloseTo((1 - Math.exp(-3.652425)) / 0.1, 10);
    expect(individualExpectedPurchases(0.1, 0, 365.2425)).toBeCloseTo(36.52425, 10);
    expect(model.expectedPurchases(0.2, 0.5, 10)).toBeCloseTo((1 - Math.exp(-1)) / 0.5, 12);
  });
});
