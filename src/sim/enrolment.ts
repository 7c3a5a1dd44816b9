/**
 * Who joins a program.
 *
 * An active customer with purchase rate lambda joins with probability
 *     P(join) = min(1, c * w),   w = lambda^s
 * where s = selfSelection >= 0 says how strongly heavier buyers self-select (s = 0: everyone has
 * the same chance) and the scale c is chosen so that the expected share of joiners among the
 * iteration's active customers equals the program's `share`:
 *     sum_i min(1, c * w_i) = share * n.
 * The sum is increasing in c, so c is found exactly by capping: start with c = share * n / sum w,
 * cap every customer whose c * w reaches 1, recompute c over the uncapped ones with the remaining
 * target, and repeat until no new customer is capped (the capped set only grows).
 */

/** w_i = lambda_i^s for the first `count` customers (w = 1 for s = 0, also when lambda = 0). */
export function enrolmentWeights(rates: Float64Array, count: number, selfSelection: number, weights: Float64Array): void {
  for (let i = 0; i < count; i++) weights[i] = selfSelection === 0 ? 1 : Math.pow(rates[i], selfSelection);
}

/**
 * The scale c for the weights of the active customers (active[i] = 1). Infinity when everyone
 * joins (share 1); 0 when nobody does (share 0, or every weight 0); exactly `share` without
 * self-selection (all weights 1). `capped` is scratch space of at least `count` entries.
 */
export function enrolmentScale(
  weights: Float64Array,
  active: Uint8Array,
  count: number,
  share: number,
  selfSelection: number,
  capped: Uint8Array,
): number {
  if (share >= 1) return Infinity;
  if (share <= 0) return 0;
  if (selfSelection === 0) return share;
  let activeCount = 0;
  for (let i = 0; i < count; i++) {
    capped[i] = 0;
    activeCount += active[i];
  }
  const target = share * activeCount;
  let cappedCount = 0;
  let scale = 0;
  for (;;) {
    const uncappedWeight = sumOfUncappedWeights(weights, active, capped, count);
    // The scale never decreases as customers are capped; if the remaining customers cannot take
    // any more (all their weights are 0, or the target is met), the last scale is the answer.
    const nextScale = uncappedWeight > 0 ? (target - cappedCount) / uncappedWeight : 0;
    if (nextScale <= scale) return scale;
    scale = nextScale;
    const newlyCapped = capReachingOne(weights, active, capped, count, scale);
    if (newlyCapped === 0) return scale;
    cappedCount += newlyCapped;
  }
}

function sumOfUncappedWeights(weights: Float64Array, active: Uint8Array, capped: Uint8Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    if (active[i] === 1 && capped[i] === 0) sum += weights[i];
  }
  return sum;
}

/** Mark the active, uncapped customers whose scale * weight reaches 1; returns how many. */
function capReachingOne(weights: Float64Array, active: Uint8Array, capped: Uint8Array, count: number, scale: number): number {
  let newlyCapped = 0;
  for (let i = 0; i < count; i++) {
    if (active[i] === 1 && capped[i] === 0 && scale * weights[i] >= 1) {
      capped[i] = 1;
      newlyCapped++;
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
