/**
 * Finding a break-even value by re-simulation (docs/methods.md section 5): the value x of one
 * assumption (a frequency uplift, a spend uplift, an enrolment share) at which the mean
 * incremental profit over the iterations, f(x), is zero, every other draw and the seed unchanged.
 * Each evaluation of f is a simulation, so the search runs in rounds: `next()` says which values
 * to simulate, `tell()` takes their results, and several searches can share one simulation per
 * round.
 *
 * Method: a bracketing root finder. Until a change of sign is found it steps from the point
 * nearest zero along the secant of the two points nearest zero (the first-order slope while there
 * is one point), clamped to [lower, upper]; when the step reaches an end of that range that has
 * the same sign as every other point, no value in the range breaks even: null when the program
 * loses throughout, the range's lower end when it never loses (it pays at every value, down to
 * the lowest searched: a share of 0 with no setup cost, say). Once a sign
 * change brackets a root it narrows the bracket by false position with the Illinois modification
 * (the end kept twice in a row has its value halved for the next interpolation), which keeps
 * bisection's guarantee of convergence and converges superlinearly on smooth functions.
 *
 * Tolerance: the search stops at the first simulated value whose mean incremental profit is
 * within 1 Monte Carlo standard error of zero (that value's MCSE over the iterations) and reports
 * it: re-running the scenario with it gives that same mean, since the random numbers are the same.
 * The error left is then at most the Monte Carlo error of the mean itself. When the MCSE is 0 or
 * unknown (one iteration, nothing uncertain) it stops when the bracket is narrower than `width`
 * and reports the linear interpolation in it, and after `maxEvaluations` simulated values in any
 * case (the interpolation in the bracket, or without one as when the range is exhausted).
 */

/** One simulated value: x, the mean incremental profit there and its Monte Carlo standard error. */
export interface SearchPoint {
  x: number;
  profit: number;
  mcse: number;
}

export interface BreakEvenSearchSpec {
  /** Where to start (the first-order estimate); clamped to [lower, upper]. */
  start: number;
  /** df/dx at the start, to first order; NaN when unknown. */
  slope: number;
  lower: number;
  upper: number;
  /**
   * Simulate start + firstStep with the start in the first round, so that the second round can
   * take a secant step (a frequency uplift, whose first-order slope is too steep).
   */
  firstStep?: number;
  /**
   * The profit is taken to rise with the value towards the upper end (an enrolment share): a loss
   * at the upper end, beyond tolerance and with no sign change found, means no value pays (null)
   * without trying the lower end.
   */
  upperMustPay?: boolean;
  /** Stop when the bracket is narrower than this (default 1e-4). */
  width?: number;
  /** At most this many simulated values (default 12). */
  maxEvaluations?: number;
}

/** The result of a search: the break-even value, or null when no value in [lower, upper] breaks even. */
export type SearchOutcome = number | null;

const clamp = (x: number, lower: number, upper: number) => Math.min(upper, Math.max(lower, x));

export class BreakEvenSearch {
  readonly points: SearchPoint[] = [];
  private outcome: SearchOutcome | undefined;
  private readonly width: number;
  private readonly maxEvaluations: number;
  /** Illinois: which end of the bracket the last two narrowing steps replaced (-1 lower, +1 upper). */
  private lastReplaced = 0;
  private retained = 0;
  private bracket: [SearchPoint, SearchPoint] | null = null;

  constructor(private readonly spec: BreakEvenSearchSpec) {
    this.width = spec.width ?? 1e-4;
    this.maxEvaluations = spec.maxEvaluations ?? 12;
  }

  /** The break-even value once the search is done (null: none in the range); undefined while it runs. */
  get result(): SearchOutcome | undefined {
    return this.outcome;
  }

  /** The values to simulate next; none when the search is done. */
  next(): number[] {
    if (this.outcome !== undefined) return [];
    const { lower, upper } = this.spec;
    if (this.points.length === 0) {
      const start = clamp(this.spec.start, lower, upper);
      const first = this.spec.firstStep === undefined ? [start] : [start, clamp(start + this.spec.firstStep, lower, upper)];
      return first.filter((x, i) => Number.isFinite(x) && first.indexOf(x) === i);
    }
    if (this.bracket !== null) return [this.interpolate(this.bracket)];
    const candidates = this.outward();
    if (candidates.length === 0) this.outcome = this.withoutBracket();
    return candidates;
  }

  /** The simulated values' results (any order). */
  tell(points: readonly SearchPoint[]): void {
    if (this.outcome !== undefined) return;
    for (const point of points) {
      if (this.points.some((known) => known.x === point.x)) continue;
      this.points.push(point);
      this.narrow(point);
    }
    // The first simulated value within tolerance, in the order of the points.
    const within = points.find((point) => Math.abs(point.profit) <= tolerance(point));
    if (within !== undefined) {
      this.outcome = within.x;
      return;
    }
    const bracket = this.bracket;
    if (bracket === null && this.spec.upperMustPay === true && this.points.some((point) => point.x === this.spec.upper && point.profit < 0)) {
      this.outcome = null;
      return;
    }
    if (bracket !== null && bracket[1].x - bracket[0].x <= this.width) {
      this.outcome = linearRoot(bracket[0], bracket[1]);
      return;
    }
    if (this.points.length >= this.maxEvaluations) this.outcome = bracket === null ? this.withoutBracket() : linearRoot(bracket[0], bracket[1]);
  }

  /**
   * No change of sign found: null when some simulated value loses (no value pays), the range's
   * lower end when none does (every value pays).
   */
  private withoutBracket(): SearchOutcome {
    return this.points.some((point) => point.profit < 0) ? null : this.spec.lower;
  }

  /** Keep the bracket: the lowest pair of neighbouring points of opposite sign. */
  private narrow(point: SearchPoint): void {
    const previous = this.bracket;
    const sorted = [...this.points].sort((a, b) => a.x - b.x);
    let found: [SearchPoint, SearchPoint] | null = null;
    for (let i = 0; i + 1 < sorted.length && found === null; i++) {
      if (Math.sign(sorted[i].profit) * Math.sign(sorted[i + 1].profit) < 0) found = [sorted[i], sorted[i + 1]];
    }
    this.bracket = found;
    if (previous === null || found === null) {
      this.lastReplaced = 0;
      this.retained = 0;
      return;
    }
    const replaced = found[0] === point ? -1 : found[1] === point ? 1 : 0;
    this.retained = replaced !== 0 && replaced === this.lastReplaced ? this.retained + 1 : 0;
    this.lastReplaced = replaced;
  }

  /** False position in the bracket, the end kept repeatedly weighted down (Illinois). */
  private interpolate([low, high]: [SearchPoint, SearchPoint]): number {
    const factor = Math.pow(0.5, this.retained);
    // The end kept is the one not replaced last time.
    const fLow = this.lastReplaced === 1 ? low.profit * factor : low.profit;
    const fHigh = this.lastReplaced === -1 ? high.profit * factor : high.profit;
    const x = low.x - (fLow * (high.x - low.x)) / (fHigh - fLow);
    // Strictly inside the bracket, so that every step narrows it.
    const margin = (high.x - low.x) * 1e-3;
    return clamp(x, low.x + margin, high.x - margin);
  }

  /** No sign change yet: a secant (or first-order) step from the point nearest zero, or the range's ends. */
  private outward(): number[] {
    const { lower, upper } = this.spec;
    const byDistance = [...this.points].sort((a, b) => Math.abs(a.profit) - Math.abs(b.profit));
    const nearest = byDistance[0];
    const other = byDistance.find((point) => point.x !== nearest.x);
    const slope = other !== undefined ? (nearest.profit - other.profit) / (nearest.x - other.x) : this.spec.slope;
    const known = (x: number) => this.points.some((point) => point.x === x);
    if (Number.isFinite(slope) && slope !== 0) {
      const x = clamp(nearest.x - nearest.profit / slope, lower, upper);
      if (!known(x)) return [x];
      // The step ends at a range end already simulated, with the same sign: nothing in the range breaks even.
      if (x === lower || x === upper) return [];
    }
    // No usable slope: the ends of the range not simulated yet.
    return [lower, upper].filter((x) => !known(x));
  }
}

/** Within this of zero a simulated mean counts as zero: its MCSE (0 when unknown). */
function tolerance(point: SearchPoint): number {
  return Number.isFinite(point.mcse) ? point.mcse : 0;
}

/** Where the line through two points of opposite sign crosses zero. */
function linearRoot(low: SearchPoint, high: SearchPoint): number {
  return low.x - (low.profit * (high.x - low.x)) / (high.profit - low.profit);
}

/**
 * Run one search against a function of x to the end, one value at a time (for functions that are
 * cheap; the scenario runner batches its searches' values into shared simulations instead).
 */
export function searchBreakEven(spec: BreakEvenSearchSpec, evaluate: (x: number) => SearchPoint): SearchOutcome {
  const search = new BreakEvenSearch(spec);
  for (let values = search.next(); values.length > 0; values = search.next()) search.tell(values.map(evaluate));
  return search.result ?? null;
}
