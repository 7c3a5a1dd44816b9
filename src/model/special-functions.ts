/**
 * Special functions the customer-base models need: log-gamma, digamma, log-beta and the Gauss
 * hypergeometric function 2F1. Plain doubles, no allocation, so they can sit in the fitting loop.
 */

const LOG_SQRT_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Lanczos approximation with g = 7 and 9 coefficients (Lanczos 1964; coefficients as published by
 * Godfrey), relative error below 1e-15 for the gamma function itself on x >= 0.5.
 */
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * ln |Gamma(x)|. For x >= 0.5 the Lanczos series; below that the reflection formula
 * Gamma(x) Gamma(1 - x) = pi / sin(pi x). Infinity at the poles x = 0, -1, -2, ...
 */
export function logGamma(x: number): number {
  if (x < 0.5) {
    if (Number.isInteger(x)) return Infinity;
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const shifted = x - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) series += LANCZOS_COEFFICIENTS[i] / (shifted + i);
  const t = shifted + LANCZOS_G + 0.5;
  return LOG_SQRT_TWO_PI + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

/** The sign of Gamma(x): +1 for x > 0; for negative non-integers it alternates between poles; 0 at a pole. */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * Digamma psi(x) = d/dx ln Gamma(x). Shifted up with psi(x) = psi(x + 1) - 1/x until x >= 10, then
 * the asymptotic series psi(x) ~ ln x - 1/(2x) - sum B_2k / (2k x^2k) (Abramowitz and Stegun 6.3.18);
 * negative x by the reflection psi(1 - x) - psi(x) = pi cot(pi x).
 */
export function digamma(x: number): number {
  if (x <= 0) {
    if (Number.isInteger(x)) return NaN;
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inverseSquare = 1 / (x * x);
  const tail =
    inverseSquare *
    (1 / 12 - inverseSquare * (1 / 120 - inverseSquare * (1 / 252 - inverseSquare * (1 / 240 - inverseSquare / 132))));
  return shift + Math.log(x) - 0.5 / x - tail;
}

/** Hypergeometric series stop once a term is this small relative to the sum. */
const SERIES_TOLERANCE = 1e-16;
/** A guard against series that converge too slowly to be useful (z within ~1e-6 of 1). */
const MAX_SERIES_TERMS = 5_000_000;
/** Above this z the series converges slowly; use the 1 - z transformation when it is safe. */
const TRANSFORMATION_THRESHOLD = 0.9;
/** Near-integer c - a - b makes the two terms of the 1 - z transformation cancel; sum the series instead. */
const MIN_DISTANCE_FROM_INTEGER = 0.05;

function isNonPositiveInteger(value: number): boolean {
  return value <= 0 && Number.isInteger(value);
}

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) = sum_n (a)_n (b)_n / ((c)_n n!) z^n for real
 * a, b, c (c not 0, -1, -2, ...) and real z < 1.
 *
 * - |z| <= 0.9: the defining series, summed until terms fall below 1e-16 of the sum.
 * - z > 0.9: the 1 - z transformation (Abramowitz and Stegun 15.3.6)
 *     2F1(a,b;c;z) = G(c)G(c-a-b)/(G(c-a)G(c-b)) 2F1(a,b;a+b-c+1;1-z)
 *                  + (1-z)^(c-a-b) G(c)G(a+b-c)/(G(a)G(b)) 2F1(c-a,c-b;c-a-b+1;1-z),
 *   whose series converge fast; when c - a - b is within 0.05 of an integer (where the two terms
 *   nearly cancel) or they cancel anyway, the defining series is summed instead (slower, exact).
 * - z < -0.5: Pfaff's transformation 2F1(a,b;c;z) = (1-z)^(-a) 2F1(a, c-b; c; z/(z-1)).
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z < 1)) throw new RangeError(`hyp2f1 needs z < 1, got ${z}`);
  if (isNonPositiveInteger(c)) throw new RangeError(`hyp2f1 is undefined for c = ${c}`);
  if (z === 0 || a === 0 || b === 0) return 1;
  if (z < -0.5) return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, z / (z - 1));
  const polynomial = isNonPositiveInteger(a) || isNonPositiveInteger(b);
  if (z <= TRANSFORMATION_THRESHOLD || polynomial) return hypergeometricSeries(a, b, c, z);
  const excess = c - a - b;
  if (Math.abs(excess - Math.round(excess)) < MIN_DISTANCE_FROM_INTEGER) return hypergeometricSeries(a, b, c, z);
  const transformed = oneMinusZTransformation(a, b, c, z, excess);
  return Number.isNaN(transformed) ? hypergeometricSeries(a, b, c, z) : transformed;
}

/** The defining series of 2F1; throws if it has not converged after MAX_SERIES_TERMS terms. */
function hypergeometricSeries(a: number, b: number, c: number, z: number): number {
  let sum = 1;
  let term = 1;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    if (term === 0) return sum;
    // Stop only once terms are shrinking, so a small early term (a + n near 0) cannot end the sum.
    if (Math.abs(term) <= SERIES_TOLERANCE * Math.abs(sum) && Math.abs(ratio) < 1) return sum;
  }
  throw new Error(`hyp2f1(${a}, ${b}; ${c}; ${z}): series did not converge in ${MAX_SERIES_TERMS} terms`);
}

/**
 * G(numerators...) / G(denominators...) as sign and log-magnitude; a pole in a denominator makes
 * the ratio exactly zero (1/Gamma is entire).
 */
function gammaRatio(numerators: number[], denominators: number[]): { sign: number; logAbs: number } {
  let sign = 1;
  let logAbs = 0;
  for (const value of denominators) {
    const s = gammaSign(value);
    if (s === 0) return { sign: 0, logAbs: -Infinity };
    sign *= s;
    logAbs -= logGamma(value);
  }
  for (const value of numerators) {
    sign *= gammaSign(value);
    logAbs += logGamma(value);
  }
  return { sign, logAbs };
}

/** Abramowitz and Stegun 15.3.6; NaN when the two terms cancel to fewer than ~8 good digits. */
function oneMinusZTransformation(a: number, b: number, c: number, z: number, excess: number): number {
  const w = 1 - z;
  const first = gammaRatio([c, excess], [c - a, c - b]);
  const second = gammaRatio([c, -excess], [a, b]);
  const firstTerm = first.sign === 0 ? 0 : first.sign * Math.exp(first.logAbs) * hypergeometricSeries(a, b, 1 - excess, w);
  const secondTerm =
    second.sign === 0
      ? 0
      : second.sign * Math.exp(second.logAbs + excess * Math.log(w)) * hypergeometricSeries(c - a, c - b, 1 + excess, w);
  const sum = firstTerm + secondTerm;
  const scale = Math.max(Math.abs(firstTerm), Math.abs(secondTerm));
  if (!Number.isFinite(sum) || Math.abs(sum) < 1e-8 * scale) return NaN;
  return sum;
}
