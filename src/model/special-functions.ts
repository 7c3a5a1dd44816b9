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
 * Gamma(x) Gamma(1 - x) = pi / sin(pi x). Infinity at the poles x = 0, -1, -2, ... and at
 * +Infinity; NaN for NaN and -Infinity.
 */
export function logGamma(x: number): number {
  if (x === Infinity) return Infinity;
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
/**
 * A budget against series that converge too slowly to be useful: past it (or when the terms
 * cannot shrink below the tolerance within it, z within ~4e-5 of 1) the series gives up with NaN.
 */
const MAX_SERIES_TERMS = 1_000_000;
/** Above this z the series converges slowly; use the 1 - z transformation when it is safe. */
const TRANSFORMATION_THRESHOLD = 0.9;
/** Near-integer c - a - b makes the two terms of the 1 - z transformation cancel; sum the series instead. */
const MIN_DISTANCE_FROM_INTEGER = 0.05;
/**
 * Within this of an integer m, c - a - b is taken as m and the logarithmic form of the 1 - z
 * transformation is used (the value moves by about this much times d ln 2F1 / dc).
 */
const INTEGER_SNAP = 1e-7;

function isNonPositiveInteger(value: number): boolean {
  return value <= 0 && Number.isInteger(value);
}

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) = sum_n (a)_n (b)_n / ((c)_n n!) z^n for real
 * a, b, c (c not 0, -1, -2, ...) and real z < 1. Never throws: NaN outside that domain, and NaN
 * when no method below reaches double precision (parameters so large, or z so close to 1, that
 * the terms overflow or need more than a million terms), for the caller to report.
 *
 * - |z| <= 0.9: the defining series, summed until terms fall below 1e-16 of the sum.
 * - z > 0.9: the 1 - z transformation (Abramowitz and Stegun 15.3.6)
 *     2F1(a,b;c;z) = G(c)G(c-a-b)/(G(c-a)G(c-b)) 2F1(a,b;a+b-c+1;1-z)
 *                  + (1-z)^(c-a-b) G(c)G(a+b-c)/(G(a)G(b)) 2F1(c-a,c-b;c-a-b+1;1-z),
 *   whose series converge fast. When c - a - b is within 0.05 of an integer the two terms nearly
 *   cancel: the defining series is summed instead when it converges within its budget; within
 *   1e-7 of an integer m, the logarithmic forms for integer c - a - b are used (Abramowitz and
 *   Stegun 15.3.10 and 15.3.11, with Euler's transformation 15.3.3
 *   2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a,c-b;c;z) for negative m); otherwise the transformation,
 *   accepted while the cancellation leaves at least 7 good digits.
 * - z < -0.5: Pfaff's transformation 2F1(a,b;c;z) = (1-z)^(-a) 2F1(a, c-b; c; z/(z-1)) (15.3.4).
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z < 1) || isNonPositiveInteger(c) || Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(c)) return NaN;
  if (z === 0 || a === 0 || b === 0) return 1;
  if (z < -0.5) return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, z / (z - 1));
  const polynomial = isNonPositiveInteger(a) || isNonPositiveInteger(b);
  if (z <= TRANSFORMATION_THRESHOLD || polynomial) return hypergeometricSeries(a, b, c, z);
  const excess = c - a - b;
  const nearestInteger = Math.round(excess);
  const distance = Math.abs(excess - nearestInteger);
  if (distance < MIN_DISTANCE_FROM_INTEGER) {
    const series = hypergeometricSeries(a, b, c, z);
    if (!Number.isNaN(series)) return series;
    if (distance < INTEGER_SNAP) return integerExcessTransformation(a, b, c, z, nearestInteger);
    return oneMinusZTransformation(a, b, c, z, excess, 1e-9);
  }
  const transformed = oneMinusZTransformation(a, b, c, z, excess, 1e-8);
  return Number.isNaN(transformed) ? hypergeometricSeries(a, b, c, z) : transformed;
}

/**
 * The defining series of 2F1; NaN if it has not converged after MAX_SERIES_TERMS terms, if it
 * cannot within them (the terms shrink like z^n at best), or if a term overflows.
 */
function hypergeometricSeries(a: number, b: number, c: number, z: number): number {
  const polynomial = isNonPositiveInteger(a) || isNonPositiveInteger(b);
  if (!polynomial && Math.abs(z) > 0 && Math.log(SERIES_TOLERANCE) / Math.log(Math.abs(z)) > MAX_SERIES_TERMS) return NaN;
  let sum = 1;
  let term = 1;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    if (term === 0) return sum;
    if (!Number.isFinite(sum)) return NaN;
    // Stop only once terms are shrinking, so a small early term (a + n near 0) cannot end the sum.
    if (Math.abs(term) <= SERIES_TOLERANCE * Math.abs(sum) && Math.abs(ratio) < 1) return sum;
  }
  return NaN;
}

/**
 * 2F1(a, b; c; z) for z > 0.9 when c - a - b is (within INTEGER_SNAP of) the integer m, taken as
 * exactly m. For m >= 0 (Abramowitz and Stegun 15.3.11; 15.3.10 is m = 0), with w = 1 - z:
 *   2F1(a,b;a+b+m;z) = G(m)G(a+b+m)/(G(a+m)G(b+m)) sum_{n<m} (a)_n (b)_n / (n! (1-m)_n) w^n
 *     - (z-1)^m G(a+b+m)/(G(a)G(b)) sum_{n>=0} (a+m)_n (b+m)_n / (n! (n+m)!) w^n
 *       [ln w - psi(n+1) - psi(n+m+1) + psi(a+n+m) + psi(b+n+m)];
 * for m < 0 first Euler's transformation (15.3.3), which turns c - a - b into -m.
 */
function integerExcessTransformation(a: number, b: number, c: number, z: number, m: number): number {
  const w = 1 - z;
  // Euler's transformation; the transformed parameters may be small enough for the series (a huge
  // c - a - b with small c - a and c - b, as the BG/NBD gives when a runs off to infinity).
  if (m < 0) return Math.pow(w, c - a - b) * hyp2f1(c - a, c - b, c, z);
  // The finite sum has m terms: beyond the series' own bound it is not attempted.
  if (m > MAX_SERIES_TERMS) return NaN;
  const cm = a + b + m;
  let finite = 0;
  if (m > 0) {
    const prefactor = gammaRatio([m, cm], [a + m, b + m]);
    let term = 1;
    let sum = 1;
    for (let n = 0; n < m - 1; n++) {
      term *= ((a + n) * (b + n) * w) / ((n + 1) * (1 - m + n));
      sum += term;
    }
    finite = prefactor.sign === 0 ? 0 : prefactor.sign * Math.exp(prefactor.logAbs) * sum;
  }
  const prefactor = gammaRatio([cm], [a, b]);
  if (prefactor.sign === 0) return Number.isFinite(finite) ? finite : NaN;
  const logW = Math.log(w);
  // psi(n+1), psi(n+m+1), psi(a+n+m), psi(b+n+m) at n = 0, advanced by psi(x + 1) = psi(x) + 1/x.
  let psiN = digamma(1);
  let psiNM = digamma(m + 1);
  let psiA = digamma(a + m);
  let psiB = digamma(b + m);
  let term = 1 / Math.exp(logGamma(m + 1));
  let sum = 0;
  let converged = false;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    const contribution = term * (logW - psiN - psiNM + psiA + psiB);
    sum += contribution;
    if (!Number.isFinite(sum)) return NaN;
    if (term === 0 || (n > 0 && Math.abs(contribution) <= SERIES_TOLERANCE * Math.abs(sum) && Math.abs(term) <= SERIES_TOLERANCE * Math.abs(sum))) {
      converged = true;
      break;
    }
    term *= ((a + m + n) * (b + m + n) * w) / ((n + 1) * (n + m + 1));
    psiN += 1 / (n + 1);
    psiNM += 1 / (n + m + 1);
    psiA += 1 / (a + m + n);
    psiB += 1 / (b + m + n);
  }
  if (!converged) return NaN;
  const sign = m % 2 === 0 ? 1 : -1; // (z - 1)^m = (-w)^m
  const value = finite - sign * prefactor.sign * Math.exp(prefactor.logAbs + m * logW) * sum;
  return Number.isFinite(value) ? value : NaN;
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

/**
 * Abramowitz and Stegun 15.3.6; NaN when the two terms cancel to below `cancellation` of the
 * larger (1e-8: about 8 good digits left), or a series of it does not converge.
 */
function oneMinusZTransformation(a: number, b: number, c: number, z: number, excess: number, cancellation: number): number {
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
  if (!Number.isFinite(sum) || Math.abs(sum) < cancellation * scale) return NaN;
  return sum;
}
