/** Points that are never redeemed, and what the ones that will be cost (docs/methods.md section 5). */
import type { WorldTotals } from './world-totals.js';

/**
 * Breakage rate = 1 - (points redeemed + expected future redemptions of outstanding points) / points issued.
 *
 * Expected future redemptions are the points outstanding at the horizon end that are held by
 * members who are still buying and redeem at all (`pointsRedeemable`). Points of members who
 * dropped out or never redeem count as breakage; every point of an active redeemer counts as a
 * future redemption. That is an upper bound on future redemptions (some will still expire or stay
 * below the minimum), so the breakage rate is a prudent lower bound. NaN when no points were issued.
 */
export function breakageRate(program: Pick<WorldTotals, 'pointsIssued' | 'pointsRedeemed' | 'pointsRedeemable'>): number {
  if (program.pointsIssued === 0) return NaN;
  return 1 - (program.pointsRedeemed + program.pointsRedeemable) / program.pointsIssued;
}

/**
 * Economic points liability at the horizon end = outstanding points x expected redemption rate x
 * cost per point, where expected redemption rate x outstanding = the redeemable points above.
 * The engine tallies it per member (redeemable points x that program's cost per point).
 */
export function economicLiability(program: Pick<WorldTotals, 'liability'>): number {
  return program.liability;
}
