import { describe, expect, it } from 'vitest';
import { digamma, gammaSign, hyp2f1, logBeta, logGamma } from '../../src/model/special-functions.js';

/** |actual - expected| <= tolerance * |expected| */
function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

const EULER_GAMMA = 0.5772156649015329;

describe('logGamma', () => {
  it('matches factorials summed term by term: ln Gamma(n) = ln((n-1)!)', () => {
    let logFactorial = 0;
    for (let n = 2; n <= 170; n++) {
      logFactorial += Math.log(n - 1);
      expectRelative(logGamma(n + 0), logFactorial, n < 4 ? 1e-13 : 2e-14);
    }
  });

  it('matches known constants', () => {
    expectRelative(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-15);
    // Gamma(1/3) = 2.678938534707747633...
    expectRelative(logGamma(1 / 3), Math.log(2.6789385347077476337), 1e-14);
    // Gamma(0.1) = 9.513507698668731836... (the reflection branch)
    expectRelative(logGamma(0.1), Math.log(9.5135076986687318363), 1e-14);
    // Reference values from mpmath.loggamma at 30 digits.
    expectRelative(logGamma(0.001), 6.90717888538385368251234466808, 1e-14);
    expectRelative(logGamma(123.456), 469.605547129929468730069192331, 1e-14);
    expectRelative(logGamma(1e7), 151180949.369473913940105582879, 1e-14);
    expectRelative(logGamma(1e-300), 690.775527898213705205397436405, 1e-14);
  });

  it('satisfies ln Gamma(x + 1) = ln Gamma(x) + ln x', () => {
    for (const x of [0.01, 0.3, 0.77, 1.5, 4.2, 17.9, 250.5, 12345.678]) {
      expect(logGamma(x + 1)).toBeCloseTo(logGamma(x) + Math.log(x), 10);
    }
  });

  it('is Infinity at +Infinity and at the poles, NaN for NaN, never an exception', () => {
    expect(logGamma(Infinity)).toBe(Infinity);
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
    expect(logGamma(NaN)).toBeNaN();
  });

  it('uses the reflection formula below 1/2 and knows the sign of Gamma', () => {
    // |Gamma(-2.5)| = 0.9453087204829419 (Gamma(-2.5) = -8 sqrt(pi) / 15), negative.
    // ln|Gamma| is near zero here, so compare absolutely.
    expect(Math.abs(logGamma(-2.5) - Math.log((8 * Math.sqrt(Math.PI)) / 15))).toBeLessThan(1e-14);
    expect(gammaSign(-2.5)).toBe(-1);
    expect(gammaSign(-1.5)).toBe(1);
    expect(gammaSign(-0.5)).toBe(-1);
    expect(gammaSign(3)).toBe(1);
    expect(gammaSign(-2)).toBe(0);
    expect(logGamma(-3)).toBe(Infinity);
  });

  it('gives ln B(a, b) consistent with B(1, b) = 1/b and B(2, 3) = 1/12', () => {
    expectRelative(logBeta(1, 7.5), -Math.log(7.5), 1e-14);
    expectRelative(logBeta(2, 3), -Math.log(12), 1e-14);
  });
});

describe('digamma', () => {
  it('matches closed forms', () => {
    // The upward recurrence loses a few bits to cancellation for small x: 1e-13 relative.
    expectRelative(digamma(1), -EULER_GAMMA, 1e-13);
    expectRelative(digamma(0.5), -EULER_GAMMA - 2 * Math.LN2, 1e-13);
    // psi(1/3) = -gamma - pi / (2 sqrt 3) - (3/2) ln 3
    expectRelative(digamma(1 / 3), -EULER_GAMMA - Math.PI / (2 * Math.sqrt(3)) - 1.5 * Math.log(3), 1e-13);
    // psi(n + 1) = -gamma + H_n
    let harmonic = 0;
    for (let n = 1; n <= 40; n++) {
      harmonic += 1 / n;
      expectRelative(digamma(n + 1), -EULER_GAMMA + harmonic, 1e-13);
    }
  });

  it('matches mpmath reference values', () => {
    expectRelative(digamma(0.001), -1000.57557193181030047147261447, 1e-14);
    expectRelative(digamma(7.3), 1.91782033563798609836763439524, 1e-14);
    expectRelative(digamma(1000.5), 6.90775532064879642705781860595, 1e-14);
  });

  it('is the derivative of logGamma', () => {
    for (const x of [0.05, 0.8, 3.3, 42]) {
      const h = 1e-5 * x;
      const numeric = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
      expectRelative(digamma(x), numeric, 1e-7);
    }
  });
});

describe('hyp2f1', () => {
  it('matches elementary closed forms on both sides of the transformation threshold', () => {
    for (const z of [0.1, 0.5, 0.85, 0.95, 0.999]) {
      // 2F1(1, 1; 2; z) = -ln(1 - z) / z   (c - a - b = 0: summed as a series, ~30,000 terms at
      // z = 0.999, whose rounding errors add up to a few 1e-13)
      expectRelative(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z, 5e-13);
      // 2F1(a, b; b; z) = (1 - z)^-a
      expectRelative(hyp2f1(0.7, 2.3, 2.3, z), Math.pow(1 - z, -0.7), 1e-13);
      // 2F1(1/2, 1/2; 3/2; s^2) = asin(s) / s   (c - a - b = 1/2: the 1 - z transformation above 0.9)
      const s = Math.sqrt(z);
      expectRelative(hyp2f1(0.5, 0.5, 1.5, z), Math.asin(s) / s, 1e-13);
      // 2F1(1/2, 1; 3/2; s^2) = atanh(s) / s
      expectRelative(hyp2f1(0.5, 1, 1.5, z), Math.atanh(s) / s, 5e-13);
    }
  });

  it('matches 2F1(a, 1 - a; 3/2; sin^2 x) = sin((2a - 1) x) / ((2a - 1) sin x)', () => {
    for (const a of [0.2, 1.7, 3.1]) {
      for (const x of [0.4, 1.2, 1.45]) {
        const expected = Math.sin((2 * a - 1) * x) / ((2 * a - 1) * Math.sin(x));
        expectRelative(hyp2f1(a, 1 - a, 1.5, Math.sin(x) ** 2), expected, 1e-12);
      }
    }
  });

  it('terminates for a non-positive integer a (a polynomial)', () => {
    // 2F1(-2, b; c; z) = 1 - 2bz/c + b(b+1)z^2 / (c(c+1))
    const [b, c, z] = [1.3, 2.7, 0.97];
    expectRelative(hyp2f1(-2, b, c, z), 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 1e-15);
  });

  it('handles negative z with the Pfaff transformation: 2F1(1, 1; 2; -3) = ln 4 / 3', () => {
    expectRelative(hyp2f1(1, 1, 2, -3), Math.log(4) / 3, 1e-14);
    expectRelative(hyp2f1(1, 1, 2, -0.3), Math.log(1.3) / 0.3, 1e-14);
  });

  it('matches mpmath reference values, including the arguments of the BG/NBD expectation', () => {
    // mpmath.hyp2f1 at 30 digits.
    expectRelative(hyp2f1(0.243, 2.426, 2.219, 0.5), 1.20709700704404228298980195205, 1e-14);
    expectRelative(hyp2f1(2.5, 0.7, 1.3, 0.95), 154.446263319956138203235455134, 1e-12);
    expectRelative(hyp2f1(0.3, 4.2, 5.1, 0.99), 1.96402994133530179977800909644, 1e-12);
    expectRelative(hyp2f1(1.7, -0.207, 3.219, 0.97), 0.840693600526669356468967599612, 1e-13);
    expectRelative(hyp2f1(10.2, 3.3, 6.1, 0.93), 57299311.0159495298034496665481, 1e-12);
    expectRelative(hyp2f1(500.243, 502.426, 502.219, 0.2), 3.15170259083307519156795219163e48, 1e-11);
    expectRelative(hyp2f1(1.976, -0.207, 502.219, 0.999), 0.999184449978558430194582110549, 1e-13);
  });

  it('agrees between the series and the transformation where both apply', () => {
    // Just above the threshold the transformation is used; just below, the series.
    const below = hyp2f1(0.8, 1.9, 3.05, 0.9);
    const above = hyp2f1(0.8, 1.9, 3.05, 0.9 + 1e-12);
    expectRelative(above, below, 1e-10);
  });

  it('sums the logarithmic forms where c - a - b is an integer and z is too near 1 for the series (mpmath, 40 digits)', () => {
    // [a, b, c, z, mpmath.hyp2f1]: c - a - b = 0, 2, 1, -2, -1, 2, 2; the series would need
    // millions of terms at these z.
    const cases: [number, number, number, number, number][] = [
      [1, 1, 2, 0.999999, 13.815524373459892297],
      [0.5, 0.5, 1, 0.99999, 4.5472301715642513852],
      [0.3, 1.7, 4, 0.99999, 1.233052236302028723],
      [0.3, 1.7, 3, 0.999999999, 1.4426784581583988866],
      [2.5, 1.2, 1.7, 0.99999, 7444478487.9299922104],
      [0.7, 0.4, 0.1, 0.99999, 330402.14087311419867],
      [-0.5, 0.3, 1.8, 0.9999999, 0.9007828366427502944],
      [3.2, 4.1, 9.3, 0.99999, 16.59740615745284357],
    ];
    for (const [a, b, c, z, expected] of cases) expectRelative(hyp2f1(a, b, c, z), expected, 1e-13);
    // 2F1(1, 1; 2; z) = -ln(1 - z) / z down to 1 - z = 1e-12 (1 - z is exact in doubles there).
    const z = 1 - 1e-12;
    expectRelative(hyp2f1(1, 1, 2, z), -Math.log(1 - z) / z, 1e-12);
  });

  it('takes c - a - b within 1e-7 of an integer as that integer, moving the value by about the distance', () => {
    // c - a - b = 1e-9: the relative change is 1e-9 x d ln 2F1 / dc, about 7e-9 here.
    expectRelative(hyp2f1(0.243, 2.426, 2.669 + 1e-9, 1 - 1e-8), 6.6890862530677416435, 1e-8);
    // Parameters the BG/NBD expectation reaches when a and b run off to 0 (c near the pole -1).
    expectRelative(hyp2f1(-0.9999999989999999, -0.999999999, -0.999999998, 0.9999999989999999), 5.0000007898739667119e-10, 1e-7);
    // c - a - b = 1e-3 (between the two regimes): the transformation, to 8 digits or better.
    expectRelative(hyp2f1(0.3, 1.7, 2.001, 0.99999), 5.0016946355029165955, 1e-10);
  });

  it('returns NaN instead of throwing outside its domain and where no method converges', () => {
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, -2, 0.5)).toBeNaN();
    expect(hyp2f1(NaN, 1, 2, 0.5)).toBeNaN();
    // Huge parameters near z = 1: every series overflows; the answer is NaN, promptly.
    expect(hyp2f1(3e8, 2e8, 1e8 + 0.5, 0.99999)).toBeNaN();
  });
});
