/**
 * The causal uplift of a program that already runs, by matched difference-in-differences
 * (docs/methods.md section 6, "Uplift of a running program"; Leenheer et al. 2007 on
 * self-selection, Abadie & Imbens 2006 and 2011 on matching with replacement and its bias
 * correction, Stuart 2010 on balance, Callaway & Sant'Anna 2021 on not-yet-treated controls).
 *
 * For a member m joining on day J: the pre-period is the `preMonths` months before J, the
 * post-period the `postMonths` months from J (a month = 365.2425 / 12 days, rounded to whole days).
 * Covariates at J, from the pre-period and before: frequency n (purchases in the pre-period),
 * spend per purchase (their mean amount), recency (days from the last purchase to J), tenure
 * (days from the first purchase to J) and the purchases before the pre-period. Members are
 * analysed when both periods lie inside the history and they bought in the pre-period.
 *
 * Candidate controls at J: every customer who had not joined by J, later members included, with
 * a purchase in the pre-period (customers who had already stopped buying are not comparable).
 * Leaving out the customers who join later would bias the controls downwards: they are the ones
 * whose buying rose, which is why they joined. A control who joins during m's post-period is
 * treated from its own join day: its purchases (and their amounts) from then on count divided by
 * 1 + the estimated effect, the effect being solved as a fixed point.
 *
 * Each member is matched, with replacement, to the MATCHED_CONTROLS candidates with the same n
 * (exact, n capped at FREQUENCY_EXACT_CAP) nearest in the scaled Euclidean distance
 * sqrt(sum_k ((x_k - y_k) / sd_k)^2) over the other covariates, sd_k the standard deviation among
 * the analysed members (the nearest over all covariates when fewer have the same n), each control
 * weighing 1 / (number matched).
 *
 * With an outcome Y (purchases per month; spend per purchase over members and controls who bought
 * in the post-period), the member's counterfactual post-period outcome is
 *   Y0_m = Y_pre,m + sum_c w_c [(Y_post,c - Y_pre,c) + beta . (x_m - x_c)],
 * beta the weighted least-squares slopes of the controls' change Y_post,c - Y_pre,c on their
 * covariates (the bias correction for inexact matches), and the effect is the relative change
 *   uplift = sum_m Y_post,m / sum_m Y0_m - 1,
 * the factor by which joining multiplies the outcome. Retention effect: the share of members
 * buying in the post-period minus the weighted share of their controls.
 * 90% intervals: the 5% and 95% quantiles over bootstrap resamples of the members with their
 * controls. Naive difference: members' mean post-period rate over non-members' mean rate from the
 * launch to the end of the history (both among customers buying before), minus 1.
 */
import { SeededVariateSource } from '../model/seeded-variate-source.js';
import { independentColumns, solveNormalEquations } from './least-squares.js';

/** Days in a month: a year of 365.2425 days over 12. */
export const DAYS_PER_MONTH = 365.2425 / 12;
/** Pre-period frequencies at or above this are matched as one class. */
export const FREQUENCY_EXACT_CAP = 20;
/** Controls matched to each member (with replacement): more controls, less noise on the controls' side. */
export const MATCHED_CONTROLS = 10;
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
  /** Controls matched to each member (MATCHED_CONTROLS; fewer when fewer candidates have the member's frequency). */
  controlsPerMember: number;
  frequencyUplift: Interval;
  spendUplift: Interval;
  /** Share buying in the post-period, members minus controls (percentage points as a fraction). */
  retentionEffect: Interval;
  /** Members in the spend estimate: they and at least one of their controls bought in the post-period. */
  spendMembers: number;
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

/** Purchases and spend in one window, split at the customer's own join day when it falls inside. */
interface SplitWindow {
  /** Before the customer's join (the whole window without a join in it). */
  untreated: Window;
  /** From the customer's join day on (zero without a join in the window). */
  treated: Window;
}

interface MatchedControl {
  customer: number;
  x: readonly number[];
  pre: Window;
  /** A control who joins during the member's post-period is treated from its own join day. */
  post: SplitWindow;
}

/** An analysed member and its matched controls, each weighing 1 / controls.length. */
interface MatchedMember {
  member: number;
  joinDay: number;
  x: readonly number[];
  pre: Window;
  post: Window;
  controls: MatchedControl[];
}

/** Coefficients of the bias-correction regression: an intercept and one slope per covariate. */
const REGRESSION_COLUMNS = COVARIATES.length + 1;

/**
 * One member's terms in the estimate of one outcome (ratioEstimate): its own pre- and
 * post-period outcome and, over its controls with weights w_c, the sums the counterfactual and the
 * bias-correction regression need. Summing the terms of any set of members gives that set's
 * estimate, so a bootstrap resample costs one pass over its members.
 */
interface OutcomeTerms {
  memberPre: number;
  memberPost: number;
  /** sum_c w_c (untreated Y_post,c - Y_pre,c) and sum_c w_c (treated Y_post,c). */
  controlChange: number;
  controlTreated: number;
  /** sum_c w_c (x_m - x_c) / sd, per covariate. */
  gap: Float64Array;
  /** sum_c w_c z_c z_c^T with z_c = (1, x_c / sd): the regression's normal equations. */
  gram: Float64Array;
  /** sum_c w_c z_c (untreated change) and sum_c w_c z_c (treated Y_post,c). */
  zChange: Float64Array;
  zTreated: Float64Array;
}

/** One control's outcome: pre-period value, post-period value before and from its own join. */
interface ControlOutcome {
  pre: number;
  untreatedPost: number;
  treatedPost: number;
}

/** Y_pre,m, Y_post,m of a member and the outcome of each control, undefined where Y is not defined (no purchase to price). */
interface Outcome {
  member(m: MatchedMember): { pre: number; post: number } | undefined;
  control(c: MatchedControl): ControlOutcome | undefined;
}

/** Purchases per month. */
function frequencyOutcome(preMonths: number, postMonths: number): Outcome {
  return {
    member: (m) => ({ pre: m.pre.count / preMonths, post: m.post.count / postMonths }),
    control: (c) => ({ pre: c.pre.count / preMonths, untreatedPost: c.post.untreated.count / postMonths, treatedPost: c.post.treated.count / postMonths }),
  };
}

/**
 * Buying at all in the post-period (1 or 0), with no pre-period (every analysed customer bought
 * in it): a control who joins during the post-period counts as it bought.
 */
const retentionOutcome: Outcome = {
  member: (m) => ({ pre: 0, post: m.post.count > 0 ? 1 : 0 }),
  control: (c) => ({ pre: 0, untreatedPost: c.post.untreated.count + c.post.treated.count > 0 ? 1 : 0, treatedPost: 0 }),
};

/** Spend per purchase, over members and controls who bought in the post-period. */
const spendOutcome: Outcome = {
  member: (m) => (m.post.count > 0 ? { pre: m.pre.spend / m.pre.count, post: m.post.spend / m.post.count } : undefined),
  control: (c) => {
    const purchases = c.post.untreated.count + c.post.treated.count;
    if (purchases === 0) return undefined;
    return { pre: c.pre.spend / c.pre.count, untreatedPost: c.post.untreated.spend / purchases, treatedPost: c.post.treated.spend / purchases };
  },
};

/** A member's terms for an outcome, undefined when the member or all its controls have none. */
function outcomeTerms(m: MatchedMember, outcome: Outcome, scale: readonly number[]): OutcomeTerms | undefined {
  const own = outcome.member(m);
  if (own === undefined) return undefined;
  const controls = m.controls.map((c) => ({ c, y: outcome.control(c) })).filter((entry) => entry.y !== undefined);
  if (controls.length === 0) return undefined;
  const p = REGRESSION_COLUMNS;
  const terms: OutcomeTerms = {
    memberPre: own.pre,
    memberPost: own.post,
    controlChange: 0,
    controlTreated: 0,
    gap: new Float64Array(COVARIATES.length),
    gram: new Float64Array(p * p),
    zChange: new Float64Array(p),
    zTreated: new Float64Array(p),
  };
  const w = 1 / controls.length;
  const z = new Float64Array(p);
  for (const { c, y } of controls) {
    const change = y!.untreatedPost - y!.pre;
    terms.controlChange += w * change;
    terms.controlTreated += w * y!.treatedPost;
    z[0] = 1;
    for (let k = 0; k < COVARIATES.length; k++) {
      z[k + 1] = c.x[k] / scale[k];
      terms.gap[k] += (w * (m.x[k] - c.x[k])) / scale[k];
    }
    for (let a = 0; a < p; a++) {
      terms.zChange[a] += w * z[a] * change;
      terms.zTreated[a] += w * z[a] * y!.treatedPost;
      for (let b = 0; b < p; b++) terms.gram[a * p + b] += w * z[a] * z[b];
    }
  }
  return terms;
}

/** Fixed-point steps at most for the effect, which the treated controls put on both sides; it contracts fast, their share being small. */
const FIXED_POINT_STEPS = 100;

/**
 * The sums of the terms of the members `sample` (indices into `terms`, repeats allowed) and the
 * bias correction: gap . beta for the regressions of the controls' untreated change and of their
 * treated outcome on the covariates that vary among the controls independently of each other (both 0 with fewer members than
 * twice the regression's coefficients, or with collinear covariates).
 */
function summedTerms(terms: readonly OutcomeTerms[], sample: ArrayLike<number>) {
  const n = sample.length;
  const p = REGRESSION_COLUMNS;
  const gram = new Float64Array(p * p);
  const zChange = new Float64Array(p);
  const zTreated = new Float64Array(p);
  const gap = new Float64Array(COVARIATES.length);
  const sums = { memberPre: 0, memberPost: 0, controlChange: 0, controlTreated: 0, adjustChange: 0, adjustTreated: 0 };
  for (let i = 0; i < n; i++) {
    const t = terms[sample[i]];
    sums.memberPre += t.memberPre;
    sums.memberPost += t.memberPost;
    sums.controlChange += t.controlChange;
    sums.controlTreated += t.controlTreated;
    for (let k = 0; k < gap.length; k++) gap[k] += t.gap[k];
    for (let a = 0; a < p; a++) {
      zChange[a] += t.zChange[a];
      zTreated[a] += t.zTreated[a];
    }
    for (let a = 0; a < p * p; a++) gram[a] += t.gram[a];
  }
  // The regression on the covariates that are not constant or combinations of others among the controls.
  const columns = independentColumns(gram, p);
  const q = columns.length;
  if (n < 2 * q) return sums;
  const reducedGram = Float64Array.from({ length: q * q }, (_, i) => gram[columns[Math.floor(i / q)] * p + columns[i % q]]);
  const betaChange = solveNormalEquations(reducedGram, q, columns.map((a) => zChange[a]));
  const betaTreated = solveNormalEquations(reducedGram, q, columns.map((a) => zTreated[a]));
  if (betaChange === undefined || betaTreated === undefined) return sums;
  for (let i = 1; i < q; i++) {
    sums.adjustChange += betaChange[i] * gap[columns[i] - 1];
    sums.adjustTreated += betaTreated[i] * gap[columns[i] - 1];
  }
  return sums;
}

/**
 * The relative effect sum_m Y_post,m / sum_m Y0_m - 1 over members `sample`, with the
 * counterfactual of the module doc: the controls' treated outcomes divided by 1 + effect, and so
 * the regression slopes beta = beta_change + beta_treated / (1 + effect) (a regression is linear
 * in its outcome), solved by fixed-point iteration. NaN without members or with a counterfactual
 * that is not positive.
 */
function ratioEstimate(terms: readonly OutcomeTerms[], sample: ArrayLike<number>): number {
  if (sample.length === 0) return NaN;
  const s = summedTerms(terms, sample);
  let effect = 0;
  for (let step = 0; step < FIXED_POINT_STEPS; step++) {
    const counterfactual = s.memberPre + s.controlChange + s.adjustChange + (s.controlTreated + s.adjustTreated) / (1 + effect);
    if (!(counterfactual > 0)) return NaN;
    const next = s.memberPost / counterfactual - 1;
    if (Math.abs(next - effect) < 1e-12) return next;
    effect = next;
  }
  return effect;
}

/** The absolute effect mean_m (Y_post,m - Y0_m) over members `sample`, for an outcome without a pre-period (its pre values 0) and no treated part. */
function differenceEstimate(terms: readonly OutcomeTerms[], sample: ArrayLike<number>): number {
  if (sample.length === 0) return NaN;
  const s = summedTerms(terms, sample);
  return (s.memberPost - s.memberPre - s.controlChange - s.adjustChange) / sample.length;
}

/** The candidates' indices nearest to x (ascending distance, ties to the lower index), at most `count`. */
function nearest(x: readonly number[], candidateX: readonly number[][], scale: readonly number[], count: number): number[] {
  const chosen: number[] = [];
  const distances: number[] = [];
  for (const exact of [true, false]) {
    for (let i = 0; i < candidateX.length; i++) {
      const y = candidateX[i];
      if (exact && Math.min(y[0], FREQUENCY_EXACT_CAP) !== Math.min(x[0], FREQUENCY_EXACT_CAP)) continue;
      let distance = 0;
      for (let k = exact ? 1 : 0; k < COVARIATES.length; k++) distance += ((x[k] - y[k]) / scale[k]) ** 2;
      if (chosen.length === count && distance >= distances[count - 1]) continue;
      let at = Math.min(chosen.length, count - 1);
      while (at > 0 && distances[at - 1] > distance) at--;
      chosen.splice(at, 0, i);
      distances.splice(at, 0, distance);
      if (chosen.length > count) {
        chosen.pop();
        distances.pop();
      }
    }
    if (chosen.length > 0) break;
  }
  return chosen;
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

  const memberCovariates = new Map<number, number[]>();
  let inactive = 0;
  for (const [day, members] of membersByDay) {
    for (const m of members) {
      const x = covariatesAt(customers[m], day, preDays);
      if (x === undefined) inactive++;
      else memberCovariates.set(m, x);
    }
  }
  const scale = COVARIATES.map((_, k) => Math.sqrt(variance([...memberCovariates.values()].map((x) => x[k]))) || 1);
  const candidateMoments = COVARIATES.map(() => new RunningMoments());

  /** The window [from, to) of customer c, split at c's own join day when it falls inside. */
  const splitWindow = (c: number, from: number, to: number): SplitWindow => {
    const join = joinDay[c];
    if (!(join > from && join < to)) return { untreated: windowOf(customers[c], from, to), treated: { count: 0, spend: 0 } };
    return { untreated: windowOf(customers[c], from, join), treated: windowOf(customers[c], join, to) };
  };

  const matched: MatchedMember[] = [];
  let withoutControl = 0;
  for (const [day, members] of membersByDay) {
    const analysed = members.filter((m) => memberCovariates.has(m));
    if (analysed.length === 0) continue;
    const candidates: number[] = [];
    const candidateX: number[][] = [];
    for (let c = 0; c < customers.length; c++) {
      if (joinDay[c] <= day) continue;
      const x = covariatesAt(customers[c], day, preDays);
      if (x === undefined) continue;
      candidates.push(c);
      candidateX.push(x);
    }
    for (const m of analysed) {
      const x = memberCovariates.get(m)!;
      for (const cx of candidateX) cx.forEach((value, k) => candidateMoments[k].add(value));
      const chosen = nearest(x, candidateX, scale, MATCHED_CONTROLS);
      if (chosen.length === 0) {
        withoutControl++;
        continue;
      }
      matched.push({
        member: m,
        joinDay: day,
        x,
        pre: windowOf(customers[m], day - preDays, day),
        post: windowOf(customers[m], day, day + postDays),
        controls: chosen.map((i) => {
          const control = candidates[i];
          return { customer: control, x: candidateX[i], pre: windowOf(customers[control], day - preDays, day), post: splitWindow(control, day, day + postDays) };
        }),
      });
    }
  }

  const frequencyTerms = matched.map((m) => outcomeTerms(m, frequencyOutcome(preMonths, postMonths), scale)!);
  const spendTerms: OutcomeTerms[] = [];
  /** For each member, the index of its spend terms, or -1 when it has none. */
  const spendIndex = matched.map((m) => {
    const terms = outcomeTerms(m, spendOutcome, scale);
    if (terms === undefined) return -1;
    spendTerms.push(terms);
    return spendTerms.length - 1;
  });
  const retentionTerms = matched.map((m) => outcomeTerms(m, retentionOutcome, scale)!);

  const estimates = (sample: ArrayLike<number>) => {
    const spendSample: number[] = [];
    for (let i = 0; i < sample.length; i++) if (spendIndex[sample[i]] >= 0) spendSample.push(spendIndex[sample[i]]);
    return { frequency: ratioEstimate(frequencyTerms, sample), spend: ratioEstimate(spendTerms, spendSample), retention: differenceEstimate(retentionTerms, sample) };
  };
  const everyone = matched.map((_, i) => i);
  const point = estimates(everyone);
  const random = new SeededVariateSource(`${input.seed}:uplift-bootstrap`);
  const resamples = input.resamples ?? 500;
  const draws = { frequency: [] as number[], spend: [] as number[], retention: [] as number[] };
  const sample = new Int32Array(matched.length);
  for (let b = 0; b < resamples && matched.length > 0; b++) {
    for (let i = 0; i < sample.length; i++) sample[i] = Math.floor(random.next() * matched.length);
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
    const memberValues = matched.map((m) => m.x[k]);
    // The controls weighted as in the estimate: 1 / (controls of their member).
    const controlMean = mean(matched.map((m) => mean(m.controls.map((c) => c.x[k]))));
    const controlVariance = matched.reduce((sum, m) => sum + m.controls.reduce((inner, c) => inner + (c.x[k] - controlMean) ** 2, 0) / m.controls.length, 0) / Math.max(1, matched.length - 1);
    return {
      covariate,
      before: standardisedMeanDifference(mean(memberValues), variance(memberValues), candidateMoments[k].mean, candidateMoments[k].variance),
      after: standardisedMeanDifference(mean(memberValues), variance(memberValues), controlMean, controlVariance),
    };
  });

  // Event study: the controls' purchases from their own join on divided by 1 + the frequency uplift, as in the estimate.
  const deflate = Number.isFinite(point.frequency) ? 1 / (1 + point.frequency) : 1;
  const eventStudy: EventStudyRow[] = [];
  for (let month = -preMonths; month < postMonths; month++) {
    const from = (day: number) => day + Math.round(month * DAYS_PER_MONTH);
    const to = (day: number) => day + Math.round((month + 1) * DAYS_PER_MONTH);
    const controlCount = (c: number, day: number) => {
      const split = splitWindow(c, from(day), to(day));
      return split.untreated.count + split.treated.count * deflate;
    };
    eventStudy.push({
      month,
      members: mean(matched.map((m) => windowOf(customers[m.member], from(m.joinDay), to(m.joinDay)).count)),
      controls: mean(matched.map((m) => mean(m.controls.map((c) => controlCount(c.customer, m.joinDay))))),
    });
  }

  // Naive: members' post-period rate against non-members' rate from the launch to the end.
  const nonMemberRates: number[] = [];
  const launchMonths = (lastDay + 1 - launchDay) / DAYS_PER_MONTH;
  customers.forEach((customer, c) => {
    if (!Number.isNaN(joinDay[c]) || customer.days.length === 0 || customer.days[0] >= launchDay) return;
    nonMemberRates.push(windowOf(customer, launchDay, lastDay + 1).count / launchMonths);
  });
  const naive = mean(matched.map((m) => m.post.count / postMonths)) / mean(nonMemberRates) - 1;

  const distinctControls = new Set(matched.flatMap((m) => m.controls.map((c) => c.customer))).size;
  const warnings: string[] = [];
  if (matched.length < MIN_UPLIFT_GROUP) warnings.push(`only ${matched.length} members could be analysed: the estimates are imprecise (at least ${MIN_UPLIFT_GROUP} are advised)`);
  if (distinctControls < MIN_UPLIFT_GROUP) warnings.push(`only ${distinctControls} distinct customers serve as controls: the estimates lean on few customers (at least ${MIN_UPLIFT_GROUP} are advised)`);
  for (const row of balance) {
    if (Math.abs(row.after) > MAX_BALANCED_SMD) warnings.push(`${row.covariate} is not balanced after matching (standardised mean difference ${row.after.toFixed(2)}, above ${MAX_BALANCED_SMD}): members and controls still differ`);
  }

  return {
    membersAnalysed: matched.length,
    membersOutsideHistory: outside,
    membersInactiveBefore: inactive,
    membersWithoutControl: withoutControl,
    distinctControls,
    controlsPerMember: MATCHED_CONTROLS,
    frequencyUplift: interval(point.frequency, draws.frequency),
    spendUplift: interval(point.spend, draws.spend),
    retentionEffect: interval(point.retention, draws.retention),
    spendMembers: spendTerms.length,
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
