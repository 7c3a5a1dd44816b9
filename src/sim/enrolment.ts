/**
 * Who joins a program (docs/methods.md section 6).
 *
 * A customer who shops in the horizon, with purchase rate lambda, mean purchase value V and
 * dropout probability p, is chosen with probability
 *     P(join) = min(1, c * w),   w = lambda^s * V^a * (1 / p)^b
 * where s = selfSelection, a = spendSelection and b = loyaltySelection (all >= 0) say how strongly
 * heavier buyers, higher spenders and more loyal customers (more purchases expected before dropping
 * out, 1 / p; p at least MIN_DROPOUT) self-select (all 0: everyone has the same chance), and the
 * scale c is chosen so that the expected share of joiners among the iteration's customers who shop
 * equals the program's `share`:
 *     sum_i min(1, c * w_i) = share * n.
 * The sum is increasing in c, so c is found exactly by capping: start with c = share * n / sum w,
 * cap every customer whose c * w reaches 1, recompute c over the uncapped ones with the remaining
 * target, and repeat until no new customer is capped (the capped set only grows).
 */

/** The dropout probability the loyalty weight uses at least: 1 / p stays finite. */
export const MIN_DROPOUT = 1e-9;

/** The self-selection exponents: purchase rate, mean purchase value, expected purchases before dropping out. */
export interface SelectionWeights {
  rate: number;
  spend: number;
  loyalty: number;
}

/** Whether every customer has the same weight. */
export function selectsNobody(selection: SelectionWeights): boolean {
  return selection.rate === 0 && selection.spend === 0 && selection.loyalty === 0;
}

/**
 * w_i = lambda_i^s V_i^a (1 / p_i)^b for the first `count` customers (a factor is 1 when its
 * exponent is 0, also for lambda = 0 or V = 0).
 */
export function enrolmentWeights(
  rates: Float64Array,
  meanValues: Float64Array,
  dropouts: Float64Array,
  count: number,
  selection: SelectionWeights,
  weights: Float64Array,
): void {
  const { rate, spend, loyalty } = selection;
  for (let i = 0; i < count; i++) {
    let w = rate === 0 ? 1 : Math.pow(rates[i], rate);
    if (spend !== 0) w *= Math.pow(meanValues[i], spend);
    if (loyalty !== 0) w *= Math.pow(1 / (dropouts[i] > MIN_DROPOUT ? dropouts[i] : MIN_DROPOUT), loyalty);
    weights[i] = w;
  }
}

/**
 * The scale c for the weights of the eligible customers (active[i] = 1: those who shop in the
 * horizon). Infinity when everyone joins (share 1); 0 when nobody does (share 0, or every weight
 * 0); exactly `share` without self-selection (`equalWeights`: all weights 1). `capped` is scratch
 * space of at least `count` entries. With a customer sample, `standsFor` gives the customers each
 * sampled one stands for (sim/customer-sample.ts): the share is then of the whole base's
 * eligible customers, each counted with that weight.
 */
export function enrolmentScale(
  weights: Float64Array,
  active: Uint8Array,
  count: number,
  share: number,
  equalWeights: boolean,
  capped: Uint8Array,
  standsFor?: Float64Array,
): number {
  if (share >= 1) return Infinity;
  if (share <= 0) return 0;
  if (equalWeights) return share;
  let activeCount = 0;
  for (let i = 0; i < count; i++) {
    capped[i] = 0;
    activeCount += standsFor === undefined ? active[i] : active[i] * standsFor[i];
  }
  const target = share * activeCount;
  let cappedCount = 0;
  let scale = 0;
  for (;;) {
    const uncappedWeight = sumOfUncappedWeights(weights, active, capped, count, standsFor);
    // The scale never decreases as customers are capped; if the remaining customers cannot take
    // any more (all their weights are 0, or the target is met), the last scale is the answer.
    const nextScale = uncappedWeight > 0 ? (target - cappedCount) / uncappedWeight : 0;
    if (nextScale <= scale) return scale;
    scale = nextScale;
    const newlyCapped = capReachingOne(weights, active, capped, count, scale, standsFor);
    if (newlyCapped === 0) return scale;
    cappedCount += newlyCapped;
  }
}

function sumOfUncappedWeights(weights: Float64Array, active: Uint8Array, capped: Uint8Array, count: number, standsFor: Float64Array | undefined): number {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    if (active[i] === 1 && capped[i] === 0) sum += standsFor === undefined ? weights[i] : weights[i] * standsFor[i];
  }
  return sum;
}

/** Mark the active, uncapped customers whose scale * weight reaches 1; returns how many (each counted as the customers it stands for). */
function capReachingOne(weights: Float64Array, active: Uint8Array, capped: Uint8Array, count: number, scale: number, standsFor: Float64Array | undefined): number {
  let newlyCapped = 0;
  for (let i = 0; i < count; i++) {
    if (active[i] === 1 && capped[i] === 0 && scale * weights[i] >= 1) {
      capped[i] = 1;
      newlyCapped += standsFor === undefined ? 1 : standsFor[i];
    }
  }
  return newlyCapped;
}

/** P(join) = min(1, c * w); 1 for c = Infinity (everyone joins, whatever their weight). */
export function enrolmentProbability(scale: number, weight: number): number {
  if (scale === Infinity) return 1;
  const probability = scale * weight;
  return probability < 1 ? probability : 1;
}
