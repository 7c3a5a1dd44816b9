/**
 * The run-off (docs/methods.md section 5, "Points past the horizon"): after the horizon's last
 * month the engine keeps simulating each member who still holds points, by the same rules and
 * behaviour, until those points are redeemed, expire or are forfeited, the member drops out, or
 * RUN_OFF_MONTHS months have passed. Policies are therefore called for months up to
 * horizonMonths + RUN_OFF_MONTHS - 1, and size their per-month state by `monthsSimulated`.
 */

/** Longest run-off after the horizon, in months. */
export const RUN_OFF_MONTHS = 60;

/** Months a policy may see: the horizon and the run-off after it. */
export function monthsSimulated(horizonMonths: number): number {
  return horizonMonths + RUN_OFF_MONTHS;
}
