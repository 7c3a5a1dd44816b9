/**
 * Breakage of a points program from its own ledger by the chain-ladder method (docs/methods.md
 * §5, "Breakage from a points ledger"). The FIFO triangle (fifo-points.ts) gives per cohort c
 * the cumulative points redeemed C(c, a) by development age a = 0 … a_c (a_c: the cohort's age at the cut-off). Then
 *
 *   f_k = Σ_c C(c, k+1) / Σ_c C(c, k)      over the cohorts observed at age k+1 (volume-weighted)
 *   U_c = min( C(c, a_c) × Π_{k ≥ a_c} f_k ,  issued_c − expired_c )
 *   ultimate redemption rate = Σ U_c / Σ issued_c,   breakage = 1 − that
 *
 * No tail: beyond the oldest age observed the factor is 1. With points expiring N months after
 * issue, f_k = 1 for k ≥ N (nothing is redeemed after expiry). A factor with Σ C(c, k) = 0 carries
 * no information and is 1. Intervals: a bootstrap of the factors, resampling cohorts with
 * replacement (England & Verrall 2002 resample residuals; resampling whole cohorts keeps each
 * cohort's development path), and in every draw each cohort's future developed with process
 * noise: Mack's (1993) model Var(C(c, k+1) | C(c, k)) = sigma_k^2 C(c, k), drawn from a gamma
 * distribution of that mean and variance (England & Verrall 2002, section 7), so an interval holds
 * both the factors' uncertainty and the randomness of the redemptions still to come.
 */
import { isoDate } from '../data/calendar.js';
import { sampleGamma } from '../model/gamma-variates.js';
import { SeededVariateSource } from '../model/seeded-variate-source.js';
import { monthLabel, type PointsDevelopment } from './fifo-points.js';
import { percentile } from './summary.js';

/** Cumulative sums of a row: C(a) = Σ_{j ≤ a} x(j). */
export function cumulative(row: readonly number[]): number[] {
  let sum = 0;
  return row.map((value) => (sum += value));
}

/**
 * Volume-weighted development factors f_0 … f_{K−1} of a triangle of cumulative amounts (row c
 * holds C(c, 0 … a_c); K + 1 = the longest row), taken over the rows `use` lists (all rows when
 * omitted, a row listed twice counts twice). `developmentEnd` N: f_k = 1 for k ≥ N. A factor no
 * row informs (Σ C(c, k) = 0) is `fallback[k]` when given, else 1.
 */
export function developmentFactors(triangle: readonly (readonly number[])[], options: { developmentEnd?: number; use?: readonly number[]; fallback?: readonly number[] } = {}): number[] {
  const longest = triangle.reduce((max, row) => Math.max(max, row.length), 0);
  const numerators = new Array<number>(Math.max(0, longest - 1)).fill(0);
  const denominators = new Array<number>(Math.max(0, longest - 1)).fill(0);
  const rows = options.use ?? triangle.map((_, c) => c);
  for (const c of rows) {
    const row = triangle[c];
    for (let k = 0; k + 1 < row.length; k++) {
      numerators[k] += row[k + 1];
      denominators[k] += row[k];
    }
  }
  const end = options.developmentEnd ?? Infinity;
  return numerators.map((numerator, k) => (k >= end ? 1 : denominators[k] > 0 ? numerator / denominators[k] : options.fallback?.[k] ?? 1));
}

/**
 * Mack's (1993) variance parameters sigma_k^2 of the development from age k to k + 1:
 *   sigma_k^2 = 1 / (n_k - 1) x Σ_c C(c, k) (C(c, k+1) / C(c, k) - f_k)^2
 * over the n_k cohorts observed at age k + 1 with C(c, k) > 0; where n_k = 1 (the last factor, as
 * a rule) his extrapolation min(sigma_{k-1}^4 / sigma_{k-2}^2, sigma_{k-2}^2, sigma_{k-1}^2), or
 * sigma_{k-1}^2 when that is all there is, 0 with nothing before. sigma_k^2 = 0 for k >= `developmentEnd`.
 */
export function mackVarianceParameters(triangle: readonly (readonly number[])[], factors: readonly number[], developmentEnd = Infinity): number[] {
  const sigma2 = factors.map((f, k) => {
    if (k >= developmentEnd) return 0;
    let sum = 0;
    let n = 0;
    for (const row of triangle) {
      if (row.length <= k + 1 || !(row[k] > 0)) continue;
      sum += row[k] * (row[k + 1] / row[k] - f) ** 2;
      n++;
    }
    return n >= 2 ? sum / (n - 1) : NaN;
  });
  for (let k = 0; k < sigma2.length; k++) {
    if (!Number.isNaN(sigma2[k])) continue;
    const a = k >= 1 ? sigma2[k - 1] : NaN;
    const b = k >= 2 ? sigma2[k - 2] : NaN;
    sigma2[k] = Number.isFinite(a) && Number.isFinite(b) ? (b > 0 ? Math.min((a * a) / b, a, b) : 0) : Number.isFinite(a) ? a : 0;
  }
  return sigma2;
}

/**
 * One draw of a cohort's ultimate from `latest` at `age`: C(k+1) ~ Gamma with mean C(k) f_k and
 * variance sigma_k^2 C(k) (the mean alone where the variance or the mean is 0), at most `cap`.
 */
function developedWithProcessNoise(latest: number, age: number, factors: readonly number[], sigma2: readonly number[], cap: number, random: SeededVariateSource): number {
  let value = latest;
  for (let k = age; k < factors.length; k++) {
    const mean = value * factors[k];
    const variance = sigma2[k] * value;
    // A gamma of mean m and variance v: shape m^2 / v, rate m / v.
    value = mean > 0 && variance > 0 ? sampleGamma(random, (mean * mean) / variance, mean / variance) : mean;
  }
  return Math.min(value, cap);
}

/** Π_{k ≥ age} f_k: the factor from age `age` to ultimate (1 past the last factor: no tail). */
export function factorToUltimate(factors: readonly number[], age: number): number {
  let product = 1;
  for (let k = age; k < factors.length; k++) product *= factors[k];
  return product;
}

/** U = min(latest × factor to ultimate, cap). */
export function projectedUltimate(latest: number, age: number, factors: readonly number[], cap: number): { ultimate: number; capped: boolean } {
  const projected = latest * factorToUltimate(factors, age);
  return projected > cap ? { ultimate: cap, capped: true } : { ultimate: projected, capped: false };
}

export interface BreakageOptions {
  /** Points expire this many months after issue (development stops at this age), or undefined. */
  expiryMonths?: number;
  /** Bootstrap draws (default 1,000). */
  draws?: number;
  /** Seed of the bootstrap (default 1). */
  seed?: number;
  /** The interval's coverage (default 0.9). */
  coverage?: number;
}

export interface DevelopmentFactor {
  fromAge: number;
  toAge: number;
  factor: number;
  /** Cohorts observed at both ages. */
  cohorts: number;
}

export interface CohortBreakage {
  /** The issuance month, YYYY-MM. */
  cohort: string;
  issued: number;
  redeemed: number;
  expired: number;
  /** Months from the issuance month to the cut-off month. */
  age: number;
  ultimateRedeemed: number;
  ultimateRate: number;
  rateInterval: [number, number];
  breakage: number;
  /** True when the projection was cut to the points still redeemable (issued − expired). */
  capped: boolean;
}

/** One row of the ledger `liability` reads (src/data/points-ledger-rows.ts), without sales. */
export interface ExpectedRedemptionsPeriod {
  period: string;
  pointsIssued: number;
  pointsRedeemed: number;
  /** Of all points issued up to the period's end, those expected ever to be redeemed. */
  expectedRedemptions: number;
}

export interface BreakageEstimate {
  cutoff: string;
  expiryMonths: number | null;
  draws: number;
  seed: number;
  coverage: number;
  factors: DevelopmentFactor[];
  cohorts: CohortBreakage[];
  overall: { issued: number; redeemed: number; expired: number; ultimateRedeemed: number; ultimateRate: number; rateInterval: [number, number]; breakage: number; cappedCohorts: number };
  expectedRedemptions: ExpectedRedemptionsPeriod[];
  /** What the reader should know: development still running at the oldest age, no tail. */
  warnings: string[];
}

/** Factors beyond the oldest ages this far above 1 (together) mean redemptions were still coming there. */
export const UNFINISHED_DEVELOPMENT = 0.01;
/** How many of the last factors `unfinishedDevelopmentWarning` reads. */
const LAST_FACTORS = 3;

/**
 * A warning when the development had not finished at the oldest age observed: the product of the
 * last LAST_FACTORS factors (before the expiry age, where development ends) exceeds
 * 1 + UNFINISHED_DEVELOPMENT. With no tail, the redemptions after that age are not projected,
 * so the ultimate rate is understated and breakage overstated.
 */
export function unfinishedDevelopmentWarning(factors: readonly number[], developmentEnd = Infinity): string | undefined {
  const oldestAge = factors.length;
  if (oldestAge >= developmentEnd || oldestAge === 0) return undefined;
  const last = factors.slice(Math.max(0, oldestAge - LAST_FACTORS));
  const product = last.reduce((p, f) => p * f, 1);
  if (!(product > 1 + UNFINISHED_DEVELOPMENT)) return undefined;
  const ages = `${oldestAge - last.length} to ${oldestAge} months`;
  return (
    `redemptions were still coming at the oldest age observed (cumulative redemptions grew ${((product - 1) * 100).toFixed(1)}% from ${ages}): ` +
    `no tail is projected beyond ${oldestAge} months, so the ultimate redemption rate is understated and breakage overstated` +
    (Number.isFinite(developmentEnd) ? '' : '; if points expire, give --expiry-months') +
    '; a longer ledger gives the later factors'
  );
}

/**
 * The chain-ladder breakage estimate of a FIFO development. Expected redemptions per month t:
 * with the cut-off's factors, Σ_{c ≤ t} min(C(c, t−c) × Π_{k ≥ t−c} f_k, issued_c − expired_c(≤ t−c)),
 * what the estimate would have said from the redemptions known at t's end.
 */
export function chainLadderBreakage(development: PointsDevelopment, options: BreakageOptions = {}): BreakageEstimate {
  const draws = options.draws ?? 1000;
  const seed = options.seed ?? 1;
  const coverage = options.coverage ?? 0.9;
  const end = options.expiryMonths;
  const { cohorts, cutoffMonth } = development;
  const triangle = cohorts.map((cohort) => cumulative(cohort.redeemed));
  const expiredSoFar = cohorts.map((cohort) => cumulative(cohort.expired));
  const caps = cohorts.map((cohort, c) => Math.max(0, cohort.issued - expiredSoFar[c][expiredSoFar[c].length - 1]));
  const factors = developmentFactors(triangle, { developmentEnd: end });
  const ultimates = triangle.map((row, c) => projectedUltimate(row[row.length - 1], row.length - 1, factors, caps[c]));

  // Bootstrap: resample the cohorts with replacement, refit the factors, develop every cohort with process noise.
  const sigma2 = mackVarianceParameters(triangle, factors, end);
  const random = new SeededVariateSource(seed);
  const drawnRates: number[][] = cohorts.map(() => []);
  const drawnOverall: number[] = [];
  const totalIssued = cohorts.reduce((sum, cohort) => sum + cohort.issued, 0);
  const use = new Array<number>(cohorts.length);
  for (let draw = 0; draw < draws; draw++) {
    for (let k = 0; k < use.length; k++) use[k] = Math.floor(random.next() * cohorts.length);
    const drawn = developmentFactors(triangle, { developmentEnd: end, use, fallback: factors });
    let total = 0;
    triangle.forEach((row, c) => {
      const ultimate = developedWithProcessNoise(row[row.length - 1], row.length - 1, drawn, sigma2, caps[c], random);
      total += ultimate;
      if (cohorts[c].issued > 0) drawnRates[c].push(ultimate / cohorts[c].issued);
    });
    drawnOverall.push(total / totalIssued);
  }
  const tail = (1 - coverage) / 2;
  const interval = (values: number[]): [number, number] => {
    const sorted = [...values].sort((a, b) => a - b);
    return [percentile(sorted, tail), percentile(sorted, 1 - tail)];
  };

  const cohortRows: CohortBreakage[] = [];
  cohorts.forEach((cohort, c) => {
    if (cohort.issued <= 0) return;
    const rate = ultimates[c].ultimate / cohort.issued;
    cohortRows.push({
      cohort: monthLabel(cohort.month),
      issued: cohort.issued,
      redeemed: triangle[c][triangle[c].length - 1],
      expired: expiredSoFar[c][expiredSoFar[c].length - 1],
      age: cutoffMonth - cohort.month,
      ultimateRedeemed: ultimates[c].ultimate,
      ultimateRate: rate,
      rateInterval: interval(drawnRates[c]),
      breakage: 1 - rate,
      capped: ultimates[c].capped,
    });
  });
  const ultimateRedeemed = ultimates.reduce((sum, u) => sum + u.ultimate, 0);
  const overallRate = totalIssued > 0 ? ultimateRedeemed / totalIssued : NaN;

  const expectedRedemptions: ExpectedRedemptionsPeriod[] = cohorts.map((cohort, t) => {
    let expected = 0;
    let redeemed = 0;
    for (let c = 0; c <= t; c++) {
      const age = t - c;
      redeemed += cohorts[c].redeemed[age];
      expected += projectedUltimate(triangle[c][age], age, factors, Math.max(0, cohorts[c].issued - expiredSoFar[c][age])).ultimate;
    }
    return { period: monthLabel(cohort.month), pointsIssued: cohort.issued, pointsRedeemed: redeemed, expectedRedemptions: expected };
  });

  return {
    cutoff: isoDate(development.cutoffDay),
    expiryMonths: end ?? null,
    draws,
    seed,
    coverage,
    factors: factors.map((factor, k) => ({ fromAge: k, toAge: k + 1, factor, cohorts: triangle.filter((row) => row.length > k + 1).length })),
    cohorts: cohortRows,
    overall: {
      issued: totalIssued,
      redeemed: triangle.reduce((sum, row) => sum + row[row.length - 1], 0),
      expired: expiredSoFar.reduce((sum, row) => sum + row[row.length - 1], 0),
      ultimateRedeemed,
      ultimateRate: overallRate,
      rateInterval: interval(drawnOverall),
      breakage: 1 - overallRate,
      cappedCohorts: ultimates.filter((u) => u.capped).length,
    },
    expectedRedemptions,
    warnings: [unfinishedDevelopmentWarning(factors, end)].filter((w): w is string => w !== undefined),
  };
}
