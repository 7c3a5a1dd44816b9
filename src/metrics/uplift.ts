/**
 * The causal uplift of a program that already runs, by matched difference-in-differences
 * (docs/methods.md section 6, "Uplift of a running program"; Leenheer et al. 2007 on self-selection, Abadie & Imbens 2006 on
 * nearest-neighbour matching, Stuart 2010 on balance).
 *
 * For a member m joining on day J: the pre-period is the `preMonths` months before J, the
 * post-period the `postMonths` months from J (a month = 365.2425 / 12 days, rounded to whole days).
 * Covariates at J, from the pre-period and before: frequency n (purchases in the pre-period),
 * spend per purchase s (their mean amount), recency (days from the last purchase to J) and tenure
 * (days from the first purchase to J) and the purchases before the pre-period. Members are analysed when both periods lie inside the
 * history and they bought in the pre-period (they were still active).
 *
 * Candidate controls at J: customers who are not members, or members who join only after m's
 * post-period ends (not yet treated during it), with a purchase in the pre-period (customers who
 * had already stopped buying are not comparable). Each member is matched, with replacement, to the
 * candidate with the same n (exact, n capped at FREQUENCY_EXACT_CAP) nearest in the scaled
 * Euclidean distance sqrt(sum_k ((x_k - y_k) / sd_k)^2) over the other covariates, sd_k the
 * standard deviation among the analysed members; when no candidate has the same n, the nearest
 * over all four covariates.
 *
 * With rates r = purchases / months per period, for pairs (m, c(m)):
 *   frequency uplift = mean_m[(r_post,m - r_pre,m) - (r_post,c - r_pre,c)] / mean_m r_pre,m
 *   spend uplift     = mean[(s_post,m - s_pre,m) - (s_post,c - s_pre,c)] / mean s_pre,m
 *                      over pairs where both bought in the post-period
 *   retention effect = share of members buying in the post-period - same share of their controls
 * 90% intervals: the 5% and 95% quantiles over bootstrap resamples of the members with their
 * controls. Naive difference: members' mean post-period rate over non-members' mean rate from the
 * launch to the end of the history (both among customers buying before), minus 1.
 */
import { SeededVariateSource } from '../model/seeded-variate-source.js';

/** Days in a month: a year of 365.2425 days over 12. */
export const DAYS_PER_MONTH = 365.2425 / 12;
/** Pre-period frequencies at or above this are matched as one class. */
export const FREQUENCY_EXACT_CAP = 20;
/** Warn under this many analysed members or distinct matched controls. */
export const MIN_UPLIFT_GROUP = 100;
/** Warn when a covariate's |standardised mean difference| after matching exceeds this. */
export const MAX_BALANCED_SMD = 0.1;

/** One customer's purchases: day numbers ascending, amounts in the same order. */
export interface CustomerPurchases {
  days: Int32Array;
  amounts: Float64Array;
}

export interface UpliftInput {
  customers: readonly CustomerPurchases[];
  /** Join day per customer, NaN for customers who are not members. */
  joinDay: Float64Array;
  /** First and last day of the history. */
  firstDay: number;
  lastDay: number;
  /** The launch (default: the first join day). */
  launchDay?: number;
  preMonths: number;
  postMonths: number;
  seed: string | number;
  /** Bootstrap resamples (default 500). */
  resamples?: number;
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

export const COVARIATES = ['frequency', 'spendPerPurchase', 'recencyDays', 'tenureDays', 'earlierPurchases'] as const;
export type Covariate = (typeof COVARIATES)[number];

export interface BalanceRow {
  covariate: Covariate;
  /** Standardised mean difference members - candidates (all candidates of every member), and members - matched controls. */
  before: number;
  after: number;
}

export interface EventStudyRow {
  /** Month relative to joining: -preMonths .. postMonths - 1 (0 = the first month from joining). */
  month: number;
  members: number;
  controls: number;
}

export interface UpliftResult {
  membersAnalysed: number;
  /** Members left out: periods outside the history, no pre-period purchase, no candidate. */
  membersOutsideHistory: number;
  membersInactiveBefore: number;
  membersWithoutControl: number;
  distinctControls: number;
  frequencyUplift: Interval;
  spendUplift: Interval;
  /** Share buying in the post-period, members minus controls (percentage points as a fraction). */
  retentionEffect: Interval;
  spendPairs: number;
  /** Naive relative difference of purchase rates, members against non-members. */
  naiveFrequencyDifference: number;
  balance: BalanceRow[];
  eventStudy: EventStudyRow[];
  warnings: string[];
}

/** Index of the first day >= `day` in ascending `days`. */
function lowerBound(days: Int32Array, day: number): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (days[middle] < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

interface Window {
  count: number;
  spend: number;
}

function windowOf(customer: CustomerPurchases, from: number, to: number): Window {
  const start = lowerBound(customer.days, from);
  const end = lowerBound(customer.days, to);
  let spend = 0;
  for (let i = start; i < end; i++) spend += customer.amounts[i];
  return { count: end - start, spend };
}

/** Covariates at day J over the pre-period [J - preDays, J); undefined without a purchase in it. */
function covariatesAt(customer: CustomerPurchases, joinDay: number, preDays: number): number[] | undefined {
  const pre = windowOf(customer, joinDay - preDays, joinDay);
  if (pre.count === 0) return undefined;
  const lastBefore = customer.days[lowerBound(customer.days, joinDay) - 1];
  return [pre.count, pre.spend / pre.count, joinDay - lastBefore, joinDay - customer.days[0], lowerBound(customer.days, joinDay - preDays)];
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function variance(values: readonly number[]): number {
  const m = mean(values);
  return values.reduce((sum, v) => sum + (v - m) ** 2, 0) / Math.max(1, values.length - 1);
}

/** Running mean and variance (Welford) of the candidates' covariates, for the balance before matching. */
class RunningMoments {
  count = 0;
  mean = 0;
  private m2 = 0;
  add(value: number): void {
    this.count++;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (value - this.mean);
  }
  get variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : 0;
  }
}

/** Standardised mean difference (mean_a - mean_b) / sqrt((var_a + var_b) / 2) (Stuart 2010). */
export function standardisedMeanDifference(meanA: number, varA: number, meanB: number, varB: number): number {
  const pooled = Math.sqrt((varA + varB) / 2);
  return pooled > 0 ? (meanA - meanB) / pooled : 0;
}

function quantile(sorted: readonly number[], q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

interface Pair {
  member: number;
  control: number;
  joinDay: number;
  preRate: [number, number];
  postRate: [number, number];
  /** Spend per purchase pre and post (NaN without purchases). */
  preSpend: [number, number];
  postSpend: [number, number];
}

/** The matched difference-in-differences estimates (module doc). */
export function estimateUplift(input: UpliftInput): UpliftResult {
  const { customers, joinDay, firstDay, lastDay, preMonths, postMonths } = input;
  const preDays = Math.round(preMonths * DAYS_PER_MONTH);
  const postDays = Math.round(postMonths * DAYS_PER_MONTH);
  let launchDay = input.launchDay ?? Infinity;
  if (input.launchDay === undefined) for (const day of joinDay) if (day < launchDay) launchDay = day;

  // Members by join day, to compute the candidates' covariates once per day.
  const membersByDay = new Map<number, number[]>();
  let outside = 0;
  joinDay.forEach((day, c) => {
    if (Number.isNaN(day)) return;
    if (day - preDays < firstDay || day + postDays - 1 > lastDay) {
      outside++;
      return;
    }
    const list = membersByDay.get(day) ?? [];
    list.push(c);
    membersByDay.set(day, list);
  });

  const memberCovariates: number[][] = [];
  const memberIndex: number[] = [];
  const memberDay: number[] = [];
  let inactive = 0;
  for (const [day, members] of membersByDay) {
    for (const m of members) {
      const x = covariatesAt(customers[m], day, preDays);
      if (x === undefined) inactive++;
      else {
        memberCovariates.push(x);
        memberIndex.push(m);
        memberDay.push(day);
      }
    }
  }
  const scale = COVARIATES.map((_, k) => Math.sqrt(variance(memberCovariates.map((x) => x[k]))) || 1);
  const candidateMoments = COVARIATES.map(() => new RunningMoments());

  const pairs: Pair[] = [];
  const matchedCovariates: number[][] = [];
  const analysedMemberCovariates: number[][] = [];
  let withoutControl = 0;
  const rates = (c: number, day: number) => {
    const pre = windowOf(customers[c], day - preDays, day);
    const post = windowOf(customers[c], day, day + postDays);
    return { pre, post };
  };
  let cursor = 0;
  for (const [day, members] of membersByDay) {
    const candidates: number[] = [];
    const candidateX: number[][] = [];
    for (let c = 0; c < customers.length; c++) {
      if (!Number.isNaN(joinDay[c]) && joinDay[c] < day + postDays) continue;
      const x = covariatesAt(customers[c], day, preDays);
      if (x === undefined) continue;
      candidates.push(c);
      candidateX.push(x);
    }
    const analysed = members.filter((m) => covariatesAt(customers[m], day, preDays) !== undefined);
    for (const m of analysed) {
      const x = memberCovariates[cursor++];
      for (const cx of candidateX) cx.forEach((value, k) => candidateMoments[k].add(value));
      let best = -1;
      let bestDistance = Infinity;
      for (const exact of [true, false]) {
        for (let i = 0; i < candidates.length; i++) {
          const y = candidateX[i];
          if (exact && Math.min(y[0], FREQUENCY_EXACT_CAP) !== Math.min(x[0], FREQUENCY_EXACT_CAP)) continue;
          let distance = 0;
          for (let k = exact ? 1 : 0; k < COVARIATES.length; k++) distance += ((x[k] - y[k]) / scale[k]) ** 2;
          if (distance < bestDistance) {
            bestDistance = distance;
            best = i;
          }
        }
        if (best >= 0) break;
      }
      if (best < 0) {
        withoutControl++;
        continue;
      }
      const control = candidates[best];
      const a = rates(m, day);
      const b = rates(control, day);
      pairs.push({
        member: m,
        control,
        joinDay: day,
        preRate: [a.pre.count / preMonths, b.pre.count / preMonths],
        postRate: [a.post.count / postMonths, b.post.count / postMonths],
        preSpend: [a.pre.spend / a.pre.count, b.pre.spend / b.pre.count],
        postSpend: [a.post.count > 0 ? a.post.spend / a.post.count : NaN, b.post.count > 0 ? b.post.spend / b.post.count : NaN],
      });
      analysedMemberCovariates.push(x);
      matchedCovariates.push(candidateX[best]);
    }
  }

  const estimates = (sample: readonly Pair[]) => {
    const frequency = mean(sample.map((p) => p.postRate[0] - p.preRate[0] - (p.postRate[1] - p.preRate[1]))) / mean(sample.map((p) => p.preRate[0]));
    const spendSample = sample.filter((p) => !Number.isNaN(p.postSpend[0]) && !Number.isNaN(p.postSpend[1]));
    const spend = mean(spendSample.map((p) => p.postSpend[0] - p.preSpend[0] - (p.postSpend[1] - p.preSpend[1]))) / mean(spendSample.map((p) => p.preSpend[0]));
    const retention = mean(sample.map((p) => (p.postRate[0] > 0 ? 1 : 0) - (p.postRate[1] > 0 ? 1 : 0)));
    return { frequency, spend, retention, spendPairs: spendSample.length };
  };
  const point = estimates(pairs);
  const random = new SeededVariateSource(`${input.seed}:uplift-bootstrap`);
  const resamples = input.resamples ?? 500;
  const draws = { frequency: [] as number[], spend: [] as number[], retention: [] as number[] };
  for (let b = 0; b < resamples && pairs.length > 0; b++) {
    const sample = Array.from({ length: pairs.length }, () => pairs[Math.floor(random.next() * pairs.length)]);
    const e = estimates(sample);
    draws.frequency.push(e.frequency);
    draws.spend.push(e.spend);
    draws.retention.push(e.retention);
  }
  const interval = (estimate: number, values: number[]): Interval => {
    const sorted = values.filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
    return sorted.length === 0 ? { estimate, low: NaN, high: NaN } : { estimate, low: quantile(sorted, 0.05), high: quantile(sorted, 0.95) };
  };

  const balance: BalanceRow[] = COVARIATES.map((covariate, k) => {
    const memberValues = analysedMemberCovariates.map((x) => x[k]);
    const controlValues = matchedCovariates.map((x) => x[k]);
    return {
      covariate,
      before: standardisedMeanDifference(mean(memberValues), variance(memberValues), candidateMoments[k].mean, candidateMoments[k].variance),
      after: standardisedMeanDifference(mean(memberValues), variance(memberValues), mean(controlValues), variance(controlValues)),
    };
  });

  const eventStudy: EventStudyRow[] = [];
  for (let month = -preMonths; month < postMonths; month++) {
    const count = (c: number, day: number) => windowOf(customers[c], day + Math.round(month * DAYS_PER_MONTH), day + Math.round((month + 1) * DAYS_PER_MONTH)).count;
    eventStudy.push({ month, members: mean(pairs.map((p) => count(p.member, p.joinDay))), controls: mean(pairs.map((p) => count(p.control, p.joinDay))) });
  }

  // Naive: members' post-period rate against non-members' rate from the launch to the end.
  const nonMemberRates: number[] = [];
  const launchMonths = (lastDay + 1 - launchDay) / DAYS_PER_MONTH;
  customers.forEach((customer, c) => {
    if (!Number.isNaN(joinDay[c]) || customer.days.length === 0 || customer.days[0] >= launchDay) return;
    nonMemberRates.push(windowOf(customer, launchDay, lastDay + 1).count / launchMonths);
  });
  const naive = mean(pairs.map((p) => p.postRate[0])) / mean(nonMemberRates) - 1;

  const distinctControls = new Set(pairs.map((p) => p.control)).size;
  const warnings: string[] = [];
  if (pairs.length < MIN_UPLIFT_GROUP) warnings.push(`only ${pairs.length} members could be analysed: the estimates are imprecise (at least ${MIN_UPLIFT_GROUP} are advised)`);
  if (distinctControls < MIN_UPLIFT_GROUP) warnings.push(`only ${distinctControls} distinct customers serve as controls: the estimates lean on few customers (at least ${MIN_UPLIFT_GROUP} are advised)`);
  for (const row of balance) {
    if (Math.abs(row.after) > MAX_BALANCED_SMD) warnings.push(`${row.covariate} is not balanced after matching (standardised mean difference ${row.after.toFixed(2)}, above ${MAX_BALANCED_SMD}): members and controls still differ`);
  }

  return {
    membersAnalysed: pairs.length,
    membersOutsideHistory: outside,
    membersInactiveBefore: inactive,
    membersWithoutControl: withoutControl,
    distinctControls,
    frequencyUplift: interval(point.frequency, draws.frequency),
    spendUplift: interval(point.spend, draws.spend),
    retentionEffect: interval(point.retention, draws.retention),
    spendPairs: point.spendPairs,
    naiveFrequencyDifference: naive,
    balance,
    eventStudy,
    warnings,
  };
}

/** z of the 95% quantile of the standard normal: a 90% interval is mean +- 1.645 sd. */
const Z_90 = 1.6448536269514722;

/**
 * A normal distribution matching a 90% interval: mean the estimate, sd = (high - low) / (2 x 1.645),
 * for the `effects:` block of a program (`uplift --effects-out`).
 */
export function normalOfInterval(interval: Interval): { mean: number; sd: number } {
  return { mean: interval.estimate, sd: (interval.high - interval.low) / (2 * Z_90) };
}
