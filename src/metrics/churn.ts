/** Churn: the observable lapse and the simulated dropout (docs/methods.md section 5). */
import type { WorldTotals } from './world-totals.js';

/**
 * Lapsed share = share of the customers active at the start of the horizon who make no purchase in
 * the first 12 months (or in the whole horizon if it is shorter): what the owner could observe. It
 * depends on how often customers buy as much as on whether they stay. NaN without such customers.
 */
export function lapsedShare(world: Pick<WorldTotals, 'cohortActiveAtStart' | 'cohortLapsed'>): number {
  return world.cohortActiveAtStart === 0 ? NaN : world.cohortLapsed / world.cohortActiveAtStart;
}

/** Dropout share = share of the customers active at the start who drop out within the horizon. NaN without such customers. */
export function dropoutShare(world: Pick<WorldTotals, 'cohortActiveAtStart' | 'cohortDroppedOut'>): number {
  return world.cohortActiveAtStart === 0 ? NaN : world.cohortDroppedOut / world.cohortActiveAtStart;
}

/** Of the customers active at the start who are members of the world's program, the share still active at the horizon's end. NaN without members. */
export function memberRetention(world: Pick<WorldTotals, 'cohortMembers' | 'cohortMembersDroppedOut'>): number {
  return world.cohortMembers === 0 ? NaN : 1 - world.cohortMembersDroppedOut / world.cohortMembers;
}

/** The same for the customers active at the start who are not members. NaN when everyone is a member. */
export function nonMemberRetention(
  world: Pick<WorldTotals, 'cohortActiveAtStart' | 'cohortDroppedOut' | 'cohortMembers' | 'cohortMembersDroppedOut'>,
): number {
  const nonMembers = world.cohortActiveAtStart - world.cohortMembers;
  return nonMembers === 0 ? NaN : 1 - (world.cohortDroppedOut - world.cohortMembersDroppedOut) / nonMembers;
}
