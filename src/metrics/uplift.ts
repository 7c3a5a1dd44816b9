/**
 * The causal uplift of a program that already runs, by matched difference-in-differences
 * (docs/methods.md section 6, "Uplift of a running program"; Leenheer et al. 2007 on
 * self-selection, Abadie & Imbens 2006 and 2011 on matching with replacement and its bias
 * correction, Stuart 2010 on balance, Callaway & Sant'Anna 2021 on not-yet-treated controls).
 *
 * For a member m joining on day J: the pre-period is the `preMonths` months before J, the
 * post-period the `postMonths` months from J (a month = 365.2425 / 12 days, rounded to whole days),
 * or up to the history's end when it ends sooner (at least MIN_POST_DAYS). Covariates at J, from
 * the pre-period and before: frequency n (purchases in the pre-period), spend per purchase (their
 * mean amount), recency (days from the last purchase to J), tenure (days from the first purchase
 * to J) and the purchases before the pre-period. Members are analysed when the pre-period lies
 * inside the history and they bought in it.
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
 * the analysed members (the nearest over all covariates when none has the same n), each control
 * weighing 1 / (number matched).
 *
 * With an outcome Y (purchases over the member's post-period, the pre-period's scaled to its
 * length; spend per purchase over members and controls who bought in the post-period), the
 * member's counterfactual post-period outcome is
 *   Y0_m = Y_pre,m + sum_c w_c [(Y_post,c - Y_pre,c) + beta . (x_m - x_c)],
 * beta the weighted least-squares slopes of the controls' change Y_post,c - Y_pre,c on their
 * covariates (the bias correction for inexact matches), and the effect is the relative change
 *   uplift = sum_m Y_post,m / sum_m Y0_m - 1,
 * the factor by which joining multiplies the outcome. Retention effect: the share of members
 * buying in the post-period minus their counterfactual share (the same correction, no
 * pre-period), over the members with the full post-period.
 * 90% intervals: the 5% and 95% quantiles over bootstrap resamples of the customers, members and
 * controls alike, each counted Poisson(1) times. Naive difference: members' mean post-period rate over non-members' mean rate from the
 * launch to the end of the history (both among customers buying before), minus 1.
 */
import { DAYS_PER_MONTH } from '../data/calendar.js';
import { SeededVariateSource } from '../model/seeded-variate-source.js';
import { mean, percentile } from './summary.js';
import { independentColumns, solveNormalEquations } from './least-squares.js';

/** Pre-period frequencies at or above this are matched as one class. */
export const FREQUENCY_EXACT_CAP = 20;
/** Controls matched to each member (with replacement): more controls, less noise on the controls' side. */
export const MATCHED_CONTROLS = 10;
/** Warn under this many analysed members or distinct matched controls. */
export const MIN_UPLIFT_GROUP = 100;
/** Warn when a covariate's |standardised mean difference| after matching exceeds this. */
export const MAX_BALANCED_SMD = 0.1;
/** The shortest post-period analysed: a member who joined less than a month before the history's end is left out. */
export const MIN_POST_DAYS = Math.round(DAYS_PER_MONTH);

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
  /** The most controls matched to a member (MATCHED_CONTROLS; fewer when fewer candidates have the member's frequency). */
  controlsPerMember: number;
  frequencyUplift: Interval;
  spendUplift: Interval;
  /** Share buying in the post-period, members minus controls (percentage points as a fraction). */
  retentionEffect: Interval;
  /** Members in the spend estimate: they and at least one of their controls bought in the post-period. */
  spendMembers: number;
  /** Members in the retention effect and the event study: those with the full post-period. */
  retentionMembers: number;
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
  /** Days of its post-period: `postMonths`, or fewer when the history ends sooner. */
  postDays: number;
  /** Whether the post-period is the full `postMonths`. */
  fullPost: boolean;
  x: readonly number[];
  pre: Window;
  post: Window;
  controls: MatchedControl[];
}

/** Coefficients of the bias-correction regression: an intercept and one slope per covariate. */
const REGRESSION_COLUMNS = COVARIATES.length + 1;

/** One control's outcome: pre-period value, post-period value before and from its own join. */
interface ControlOutcome {
  pre: number;
  untreatedPost: number;
  treatedPost: number;
}

/** Y_pre,m, Y_post,m of a member and the outcome of each control, undefined where Y is not defined (no purchase to price). */
interface Outcome {
  member(m: MatchedMember): { pre: number; post: number } | undefined;
  control(c: MatchedControl, m: MatchedMember): ControlOutcome | undefined;
}

/**
 * Purchases over the member's post-period, the pre-period's scaled to its length: the rates of
 * the module doc, each member weighing by the length of its post-period.
 */
function frequencyOutcome(preDays: number): Outcome {
  return {
    member: (m) => ({ pre: (m.pre.count * m.postDays) / preDays, post: m.post.count }),
    control: (c, m) => ({ pre: (c.pre.count * m.postDays) / preDays, untreatedPost: c.post.untreated.count, treatedPost: c.post.treated.count }),
  };
}

/**
 * Buying at all in the post-period (1 or 0), with no pre-period (every analysed customer bought
 * in it): a control who joins during the post-period counts as it bought.
 */
const retentionOutcome: Outcome = {
  member: (m) => (m.fullPost ? { pre: 0, post: m.post.count > 0 ? 1 : 0 } : undefined),
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

/** One control's row in the estimate of an outcome: its change, its treated outcome, its scaled covariates and its gap to the member. */
interface ControlRow {
  customer: number;
  /** Untreated Y_post,c - Y_pre,c, and treated Y_post,c (divided by 1 + effect in the estimate). */
  change: number;
  treated: number;
  /** z_c = (1, x_c / sd): the regression's row. */
  z: Float64Array;
  /** (x_m - x_c) / sd, per covariate. */
  gap: Float64Array;
}

/** A member's rows in the estimate of an outcome: its own pre- and post-period outcome and its controls' rows. */
interface MemberRows {
  member: number;
  pre: number;
  post: number;
  controls: ControlRow[];
}

/** A member's rows for an outcome, undefined when the member or all its controls have none. */
function outcomeRows(m: MatchedMember, outcome: Outcome, scale: readonly number[]): MemberRows | undefined {
  const own = outcome.member(m);
  if (own === undefined) return undefined;
  const controls: ControlRow[] = [];
  for (const c of m.controls) {
    const y = outcome.control(c, m);
    if (y === undefined) continue;
    const z = new Float64Array(REGRESSION_COLUMNS);
    const gap = new Float64Array(COVARIATES.length);
    z[0] = 1;
    for (let k = 0; k < COVARIATES.length; k++) {
      z[k + 1] = c.x[k] / scale[k];
      gap[k] = (m.x[k] - c.x[k]) / scale[k];
    }
    controls.push({ customer: c.customer, change: y.untreatedPost - y.pre, treated: y.treatedPost, z, gap });
  }
  return controls.length === 0 ? undefined : { member: m.member, pre: own.pre, post: own.post, controls };
}

/**
 * The sums over members that an estimate needs (ratioEstimate, differenceEstimate): their own
 * outcomes, and over each member's controls with weights w_c summing to 1, the controls' change
 * and treated outcome, the gaps, and the normal equations of the bias-correction regression
 * (sum w_c z_c z_c^T, sum w_c z_c change_c, sum w_c z_c treated_c).
 */
class OutcomeSums {
  members = 0;
  memberPre = 0;
  memberPost = 0;
  controlChange = 0;
  controlTreated = 0;
  readonly gap = new Float64Array(COVARIATES.length);
  readonly gram = new Float64Array(REGRESSION_COLUMNS * REGRESSION_COLUMNS);
  readonly zChange = new Float64Array(REGRESSION_COLUMNS);
  readonly zTreated = new Float64Array(REGRESSION_COLUMNS);

  reset(): void {
    this.members = this.memberPre = this.memberPost = this.controlChange = this.controlTreated = 0;
    for (const array of [this.gap, this.gram, this.zChange, this.zTreated]) array.fill(0);
  }

  /**
   * Add a member `times` times, control c weighing weight[c] / (the weights of the member's
   * controls) (every control alike without `weight`); nothing when its controls all weigh 0.
   */
  add(rows: MemberRows, times: number, weight?: Float64Array): void {
    if (times === 0) return;
    let total = 0;
    for (const c of rows.controls) total += weight === undefined ? 1 : weight[c.customer];
    if (total === 0) return;
    this.members += times;
    this.memberPre += times * rows.pre;
    this.memberPost += times * rows.post;
    const p = REGRESSION_COLUMNS;
    for (const c of rows.controls) {
      const w = (times * (weight === undefined ? 1 : weight[c.customer])) / total;
      if (w === 0) continue;
      this.controlChange += w * c.change;
      this.controlTreated += w * c.treated;
      for (let k = 0; k < c.gap.length; k++) this.gap[k] += w * c.gap[k];
      for (let a = 0; a < p; a++) {
        const wz = w * c.z[a];
        this.zChange[a] += wz * c.change;
        this.zTreated[a] += wz * c.treated;
        for (let b = 0; b <= a; b++) this.gram[a * p + b] += wz * c.z[b];
      }
    }
  }

  /**
   * The bias correction gap . beta of the regressions of the controls' untreated change and of
   * their treated outcome, on the covariates that vary among the controls independently of each
   * other (both 0 with fewer members than twice the regression's coefficients, or collinear covariates).
   */
  correction(): { change: number; treated: number } {
    const p = REGRESSION_COLUMNS;
    const gram = Float64Array.from(this.gram);
    for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) gram[a * p + b] = gram[b * p + a];
    const columns = independentColumns(gram, p);
    const q = columns.length;
    const none = { change: 0, treated: 0 };
    if (this.members < 2 * q) return none;
    const reduced = Float64Array.from({ length: q * q }, (_, i) => gram[columns[Math.floor(i / q)] * p + columns[i % q]]);
    const betaChange = solveNormalEquations(reduced, q, columns.map((a) => this.zChange[a]));
    const betaTreated = solveNormalEquations(reduced, q, columns.map((a) => this.zTreated[a]));
    if (betaChange === undefined || betaTreated === undefined) return none;
    // columns[0] is the intercept, whose gap is 0.
    for (let i = 1; i < q; i++) {
      none.change += betaChange[i] * this.gap[columns[i] - 1];
      none.treated += betaTreated[i] * this.gap[columns[i] - 1];
    }
    return none;
  }
}

/** Fixed-point steps at most for the effect, which the treated controls put on both sides; it contracts fast, their share being small. */
const FIXED_POINT_STEPS = 100;

/**
 * The relative effect sum_m Y_post,m / sum_m Y0_m - 1, with the counterfactual of the module
 * doc: the controls' treated outcomes divided by 1 + effect, and so the regression slopes
 * beta = beta_change + beta_treated / (1 + effect) (a regression is linear in its outcome), solved
 * by fixed-point iteration. NaN without members or with a counterfactual that is not positive.
 */
function ratioEstimate(sums: OutcomeSums): number {
  if (sums.members === 0) return NaN;
  const correction = sums.correction();
  let effect = 0;
  for (let step = 0; step < FIXED_POINT_STEPS; step++) {
    const counterfactual = sums.memberPre + sums.controlChange + correction.change + (sums.controlTreated + correction.treated) / (1 + effect);
    if (!(counterfactual > 0)) return NaN;
    const next = sums.memberPost / counterfactual - 1;
    if (Math.abs(next - effect) < 1e-12) return next;
    effect = next;
  }
  return effect;
}

/** The absolute effect mean_m (Y_post,m - Y0_m), for an outcome without a pre-period (its pre values 0) and no treated part. */
function differenceEstimate(sums: OutcomeSums): number {
  if (sums.members === 0) return NaN;
  const correction = sums.correction();
  return (sums.memberPost - sums.memberPre - sums.controlChange - correction.change) / sums.members;
}

/** A Poisson(1) draw from a uniform u, by inverting its distribution function: P(k) = e^-1 / k!. */
function poissonOfMeanOne(u: number): number {
  let k = 0;
  let probability = Math.exp(-1);
  let cumulative = probability;
  while (u > cumulative && k < 30) {
    k++;
    probability /= k;
    cumulative += probability;
  }
  return k;
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
  /** A member's post-period: `postMonths`, or up to the end of the history when it ends sooner. */
  const postDaysFrom = (day: number) => Math.min(postDays, lastDay + 1 - day);
  joinDay.forEach((day, c) => {
    if (Number.isNaN(day)) return;
    if (day - preDays < firstDay || postDaysFrom(day) < MIN_POST_DAYS) {
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
      const ownPostDays = postDaysFrom(day);
      matched.push({
        member: m,
        joinDay: day,
        postDays: ownPostDays,
        fullPost: ownPostDays === postDays,
        x,
        pre: windowOf(customers[m], day - preDays, day),
        post: windowOf(customers[m], day, day + ownPostDays),
        controls: chosen.map((i) => {
          const control = candidates[i];
          return { customer: control, x: candidateX[i], pre: windowOf(customers[control], day - preDays, day), post: splitWindow(control, day, day + ownPostDays) };
        }),
      });
    }
  }

  const outcomes = { frequency: frequencyOutcome(preDays), spend: spendOutcome, retention: retentionOutcome };
  const rows = {
    frequency: matched.map((m) => outcomeRows(m, outcomes.frequency, scale)),
    spend: matched.map((m) => outcomeRows(m, outcomes.spend, scale)),
    retention: matched.map((m) => outcomeRows(m, outcomes.retention, scale)),
  };
  const sums = new OutcomeSums();
  /** The sums of one outcome with customer c counted weight[c] times (undefined: once each). */
  const summed = (outcomeRows: readonly (MemberRows | undefined)[], weight?: Float64Array) => {
    sums.reset();
    for (const r of outcomeRows) if (r !== undefined) sums.add(r, weight === undefined ? 1 : weight[r.member], weight);
    return sums;
  };
  /**
   * The three estimates with customer c counted weight[c] times (undefined: once each): a member
   * counted k times enters k times, and a control's share among its member's controls is its count
   * over theirs. A customer who is a member and a control for others counts alike in both roles.
   */
  const estimates = (weight?: Float64Array) => ({
    frequency: ratioEstimate(summed(rows.frequency, weight)),
    spend: ratioEstimate(summed(rows.spend, weight)),
    retention: differenceEstimate(summed(rows.retention, weight)),
  });
  const point = estimates();
  // Bootstrap over customers (members and controls alike): each counts Poisson(1) times, so that
  // a control shared by several members varies in all of them at once, as it would in another sample.
  const involved = [...new Set(matched.flatMap((m) => [m.member, ...m.controls.map((c) => c.customer)]))].sort((a, b) => a - b);
  const weight = new Float64Array(customers.length);
  const random = new SeededVariateSource(`${input.seed}:uplift-bootstrap`);
  const resamples = input.resamples ?? 500;
  const draws = { frequency: [] as number[], spend: [] as number[], retention: [] as number[] };
  for (let b = 0; b < resamples && matched.length > 0; b++) {
    for (const c of involved) weight[c] = poissonOfMeanOne(random.next());
    const e = estimates(weight);
    draws.frequency.push(e.frequency);
    draws.spend.push(e.spend);
    draws.retention.push(e.retention);
  }
  const interval = (estimate: number, values: number[]): Interval => {
    const sorted = values.filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
    return sorted.length === 0 ? { estimate, low: NaN, high: NaN } : { estimate, low: percentile(sorted, 0.05), high: percentile(sorted, 0.95) };
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

  // Event study, over the members with a full post-period: the controls' purchases from their own join on divided by 1 + the frequency uplift, as in the estimate.
  const full = matched.filter((m) => m.fullPost);
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
      members: mean(full.map((m) => windowOf(customers[m.member], from(m.joinDay), to(m.joinDay)).count)),
      controls: mean(full.map((m) => mean(m.controls.map((c) => controlCount(c.customer, m.joinDay))))),
    });
  }

  // Naive: members' post-period rate against non-members' rate from the launch to the end.
  const nonMemberRates: number[] = [];
  const launchMonths = (lastDay + 1 - launchDay) / DAYS_PER_MONTH;
  customers.forEach((customer, c) => {
    if (!Number.isNaN(joinDay[c]) || customer.days.length === 0 || customer.days[0] >= launchDay) return;
    nonMemberRates.push(windowOf(customer, launchDay, lastDay + 1).count / launchMonths);
  });
  const naive = mean(matched.map((m) => m.post.count / (m.postDays / DAYS_PER_MONTH))) / mean(nonMemberRates) - 1;

  const distinctControls = new Set(matched.flatMap((m) => m.controls.map((c) => c.customer))).size;
  const warnings: string[] = [];
  if (matched.length < MIN_UPLIFT_GROUP) warnings.push(`only ${matched.length} members could be analysed: the estimates are imprecise (at least ${MIN_UPLIFT_GROUP} are advised)`);
  if (distinctControls < MIN_UPLIFT_GROUP) warnings.push(`only ${distinctControls} distinct customers serve as controls: the estimates lean on few customers (at least ${MIN_UPLIFT_GROUP} are advised)`);
  for (const row of balance) {
    if (Math.abs(row.after) > MAX_BALANCED_SMD) warnings.push(`${row.covariate} is not balanced after matching (standardised mean difference ${row.after.toFixed(2)}, above ${MAX_BALANCED_SMD}): members and controls still differ, and the estimate leans on its regression correction for it`);
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
    spendMembers: rows.spend.filter((r) => r !== undefined).length,
    retentionMembers: rows.retention.filter((r) => r !== undefined).length,
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
