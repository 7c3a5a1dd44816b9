/**
 * The samplers of model/gamma-variates.ts fed by the generators' seeded source: sample moments
 * against the textbook ones, within four standard errors of the mean (and 5% for the variance).
 * The engine's use of the same samplers with its own streams is tested in test/sim/random-stream.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  sampleBeta,
  sampleBetaInLogs,
  sampleExponential,
  sampleGamma,
  sampleGammaFromLog,
  sampleLogStandardGamma,
} from '../../src/model/gamma-variates.js';
import { SeededVariateSource } from '../../src/model/seeded-variate-source.js';

const DRAWS = 200_000;

function moments(draw: () => number): { mean: number; variance: number } {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < DRAWS; i++) {
    const value = draw();
    sum += value;
    squares += value * value;
  }
  const mean = sum / DRAWS;
  return { mean, variance: (squares - DRAWS * mean * mean) / (DRAWS - 1) };
}

function expectMoments(draw: () => number, mean: number, variance: number): void {
  const sample = moments(draw);
  expect(Math.abs(sample.mean - mean)).toBeLessThan(4 * Math.sqrt(variance / DRAWS));
  expect(Math.abs(sample.variance / variance - 1)).toBeLessThan(0.05);
}

describe('the seeded source of the data generators', () => {
  it('gives uniforms in (0, 1] and in [0, 1), and standard normals', () => {
    const source = new SeededVariateSource('uniforms');
    let smallest = 1;
    for (let i = 0; i < DRAWS; i++) smallest = Math.min(smallest, source.nextUniform());
    expect(smallest).toBeGreaterThan(0);
    expectMoments(() => source.next(), 0.5, 1 / 12);
    expectMoments(() => source.nextNormal(), 0, 1);
  });

  it('replays the same numbers for the same seed', () => {
    const first = new SeededVariateSource(2024);
    const second = new SeededVariateSource('2024');
    for (let i = 0; i < 1000; i++) expect(second.nextNormal()).toBe(first.nextNormal());
  });
});

describe('Gamma, Beta and Exponential draws', () => {
  // Gamma(k, rate theta): mean k / theta, variance k / theta^2.
  for (const [shape, rate] of [
    [0.3, 2],
    [0.75, 7.5],
    [6, 0.5],
  ]) {
    it(`Gamma(${shape}, rate ${rate}), directly and from its logarithm`, () => {
      const direct = new SeededVariateSource(`gamma ${shape}`);
      const fromLog = new SeededVariateSource(`gamma from log ${shape}`);
      expectMoments(() => sampleGamma(direct, shape, rate), shape / rate, shape / rate ** 2);
      expectMoments(() => sampleGammaFromLog(fromLog, shape, rate), shape / rate, shape / rate ** 2);
    });
  }

  it('ln Gamma(k) has mean digamma(k): -0.5772 for k = 1 (Euler-Mascheroni), and stays finite for k = 0.01', () => {
    const source = new SeededVariateSource('log gamma');
    // Var ln Gamma(1) = trigamma(1) = pi^2 / 6.
    expectMoments(() => sampleLogStandardGamma(source, 1), -0.5772156649015329, Math.PI ** 2 / 6);
    for (let i = 0; i < 1000; i++) expect(Number.isFinite(sampleLogStandardGamma(source, 0.01))).toBe(true);
  });

  // Beta(a, b): mean a / (a + b), variance a b / ((a + b)^2 (a + b + 1)).
  for (const [a, b] of [
    [0.8, 6],
    [0.02, 0.03],
  ]) {
    it(`Beta(${a}, ${b}), directly and in logs`, () => {
      const direct = new SeededVariateSource(`beta ${a}`);
      const inLogs = new SeededVariateSource(`beta in logs ${a}`);
      const mean = a / (a + b);
      const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
      expectMoments(() => sampleBeta(direct, a, b), mean, variance);
      expectMoments(() => sampleBetaInLogs(inLogs, a, b), mean, variance);
    });
  }

  it('Exponential(rate 3): mean 1/3, variance 1/9', () => {
    const source = new SeededVariateSource('exponential');
    expectMoments(() => sampleExponential(source, 3), 1 / 3, 1 / 9);
  });
});
