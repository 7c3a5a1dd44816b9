import { describe, expect, it } from 'vitest';
import { IterationKey, RandomStream, StreamPurpose } from '../../src/sim/random-stream.js';
import { sampleBeta, sampleGamma, sampleStandardGamma, StandardGammaSampler } from '../../src/sim/sampling.js';

function stream(seed = 1, iteration = 0, customer = 0, purpose: number = StreamPurpose.traits): RandomStream {
  return new RandomStream(new IterationKey(seed, iteration, purpose), customer);
}

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const value = draw();
    sum += value;
    squares += value * value;
  }
  const mean = sum / n;
  return { mean, variance: (squares - n * mean * mean) / (n - 1) };
}

describe('RandomStream', () => {
  it('replays the same sequence for the same key and differs for any other key', () => {
    const first = Array.from({ length: 5 }, ((s) => () => s.nextInt32())(stream(42, 3, 7)));
    const again = Array.from({ length: 5 }, ((s) => () => s.nextInt32())(stream(42, 3, 7)));
    expect(again).toEqual(first);
    for (const other of [stream(43, 3, 7), stream(42, 4, 7), stream(42, 3, 8), stream(42, 3, 7, StreamPurpose.purchases)]) {
      expect(Array.from({ length: 5 }, () => other.nextInt32())).not.toEqual(first);
    }
  });

  it('gives uniforms strictly inside (0, 1) with mean 1/2 and variance 1/12', () => {
    const s = stream();
    let min = 1;
    let max = 0;
    const { mean, variance } = moments(() => {
      const u = s.nextUniform();
      min = Math.min(min, u);
      max = Math.max(max, u);
      return u;
    }, 400_000);
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    // Standard error of the mean: sqrt(1/12 / 400000) = 4.6e-4.
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * 4.6e-4);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('gives uncorrelated uniforms across neighbouring customers', () => {
    // Correlation of the first draw of customer i and of customer i + 1 over 100,000 customers.
    const key = new IterationKey(9, 0, StreamPurpose.purchases);
    const s = new RandomStream();
    const first = new Float64Array(100_001);
    for (let i = 0; i < first.length; i++) {
      s.reset(key, i);
      first[i] = s.nextUniform() - 0.5;
    }
    let product = 0;
    for (let i = 0; i < 100_000; i++) product += first[i] * first[i + 1];
    const correlation = product / 100_000 / (1 / 12);
    expect(Math.abs(correlation)).toBeLessThan(4 / Math.sqrt(100_000));
  });

  it('gives standard normals', () => {
    const s = stream(2);
    const { mean, variance } = moments(() => s.nextNormal(), 400_000);
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(400_000));
    expect(Math.abs(variance - 1)).toBeLessThan(0.01);
  });
});

describe('sampling', () => {
  it.each([0.3, 1, 1.2, 6, 40])('Gamma(%f, 1) has mean and variance equal to its shape', (shape) => {
    const s = stream(3);
    const n = 200_000;
    const { mean, variance } = moments(() => sampleStandardGamma(s, shape), n);
    expect(Math.abs(mean - shape)).toBeLessThan(4 * Math.sqrt(shape / n));
    expect(Math.abs(variance / shape - 1)).toBeLessThan(0.03);
  });

  it('Gamma with a rate has mean shape / rate', () => {
    const s = stream(4);
    const { mean } = moments(() => sampleGamma(s, 3, 12), 200_000);
    expect(mean).toBeCloseTo(0.25, 2);
  });

  it('the fixed-shape sampler draws exactly what sampleStandardGamma draws', () => {
    for (const shape of [0.5, 6]) {
      const a = stream(5);
      const b = stream(5);
      const sampler = new StandardGammaSampler(shape);
      const drawn = new Float64Array(1);
      for (let i = 0; i < 1000; i++) {
        sampler.sampleInto(a, drawn, 0);
        expect(drawn[0]).toBe(sampleStandardGamma(b, shape));
      }
    }
  });

  it.each([
    [0.8, 2.5],
    [2, 3],
    [0.01, 5],
  ])('Beta(%f, %f) has mean a / (a + b)', (a, b) => {
    const s = stream(6);
    const n = 200_000;
    const { mean, variance } = moments(() => sampleBeta(s, a, b), n);
    const expectedMean = a / (a + b);
    const expectedVariance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expect(Math.abs(mean - expectedMean)).toBeLessThan(4 * Math.sqrt(expectedVariance / n));
    expect(Math.abs(variance / expectedVariance - 1)).toBeLessThan(0.05);
  });
});
