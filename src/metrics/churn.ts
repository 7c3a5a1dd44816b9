/** Churn (docs/methods.md section 5). */
import type { WorldTotals } from './world-totals.js';

/**
 * Churn = share of the customers active at the start of the horizon who make no purchase in the
 * first year (or in the whole horizon if it is shorter than a year). NaN without such customers.
 */
export function churnRate(world: Pick<WorldTotals, 'cohortActiveAtStart' | 'cohortLapsed'>): number {
  return world.cohortActiveAtStart === 0 ? NaN : world.cohortLapsed / world.cohortActiveAtStart;
}
