/** Points that are never redeemed, and what the ones that will be cost (docs/methods.md section 5). */
import type { WorldTotals } from './world-totals.js';

/**
 * Breakage rate = 1 - (points redeemed + future redemptions of outstanding points) / points issued,
 * the ultimate breakage of the points issued in the horizon. Future redemptions are those of the
 * run-off (programs/run-off.ts): the members are followed past the horizon by the same rules and
 * behaviour until their points are redeemed, expire or are forfeited, they drop out, or the
 * run-off's cap. NaN when no points were issued.
 */
export function breakageRate(program: Pick<WorldTotals, 'pointsIssued' | 'pointsRedeemed' | 'runOffRedeemed'>): number {
  if (program.pointsIssued === 0) return NaN;
  return 1 - (program.pointsRedeemed + program.runOffRedeemed) / program.pointsIssued;
}

/**
 * Economic points liability at the horizon's end: what the run-off's redemptions of the points
 * outstanding then will cost the business, each discounted from the end of its month to the
 * horizon's end at the scenario's rate. The engine tallies it (`pointsLiability`).
 */
export function economicLiability(program: Pick<WorldTotals, 'pointsLiability'>): number {
  return program.pointsLiability;
}

/** The points outstanding at the horizon's end at their face value to the members. */
export function liabilityAtFaceValue(program: Pick<WorldTotals, 'pointsOutstanding'>, faceValue: number): number {
  return program.pointsOutstanding === 0 ? 0 : program.pointsOutstanding * faceValue;
}
