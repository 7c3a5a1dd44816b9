import { describe, expect, it } from 'vitest';
import { betaQuantile, normalCdf, normalQuantile, regularizedIncompleteBeta } from '../../src/schema/quantile-functions.js';

describe('normalCdf and normalQuantile', () => {
  it('give the textbook values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 12);
  });

  it('invert each other to 1e-12 relative, deep into both tails', () => {
    for (const p of [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1 - 1e-10]) {
      const z = normalQuantile(p);
      const tail = Math.min(p, 1 - p);
      expect(Math.abs(normalCdf(z) - p) / tail).toBeLessThan(1e-12);
    }
  });

  it('is symmetric: Φ(-z) = 1 - Φ(z)', () => {
    for (const z of [0.1, 0.7, 1.5, 3, 6]) expect(normalCdf(-z) + normalCdf(z)).toBeCloseTo(1, 15);
  });
});

describe('regularizedIncompleteBeta and betaQuantile', () => {
  it('match the closed form of Beta(2, 3): F(x) = 6x² - 8x³ + 3x⁴', () => {
    for (const x of [0.1, 0.25, 0.5, 0.9]) {
      expect(regularizedIncompleteBeta(x, 2, 3)).toBeCloseTo(6 * x ** 2 - 8 * x ** 3 + 3 * x ** 4, 13);
    }
  });

  it('match the arcsine law of Beta(1/2, 1/2): F(x) = (2/π) asin(√x)', () => {
    for (const x of [0.01, 0.3, 0.5, 0.99]) {
      expect(regularizedIncompleteBeta(x, 0.5, 0.5)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(x)), 12);
    }
  });

  it('invert each other for U-, J- and bell-shaped densities', () => {
    for (const [a, b] of [[0.5, 0.5], [0.1, 3], [2, 5], [1, 1], [30, 40], [1000, 3]]) {
      for (let i = 1; i < 200; i++) {
        const p = i / 200;
        expect(Math.abs(regularizedIncompleteBeta(betaQuantile(p, a, b), a, b) - p)).toBeLessThan(1e-11);
      }
    }
  });

  it('has the uniform as Beta(1, 1) and known edges', () => {
    expect(betaQuantile(0.37, 1, 1)).toBeCloseTo(0.37, 14);
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
  });
});
