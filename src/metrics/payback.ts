/** When a program has paid for itself. */

/**
 * Payback month: the first month (1-based) from whose end on the cumulative incremental profit
 * stays positive through the end of the horizon — the month the program turns positive for good.
 * A program that is ahead early and falls behind later (a paid club collecting fees up front, a
 * points program before the first redemptions) has not paid back. When the cumulative profit is
 * not positive at the horizon's end, horizon + 1 is reported (the payback lies beyond the horizon,
 * if anywhere); `paidBack` tells the two apart for the probability of payback.
 */
export function paybackMonth(monthlyIncrementalProfit: ArrayLike<number>): number {
  const months = monthlyIncrementalProfit.length;
  let cumulative = 0;
  let positiveSince = months + 1;
  for (let month = 0; month < months; month++) {
    cumulative += monthlyIncrementalProfit[month];
    if (cumulative <= 0) positiveSince = months + 1;
    else if (positiveSince > months) positiveSince = month + 1;
  }
  return positiveSince;
}

/** Whether the cumulative incremental profit is positive at the horizon's end (so payback happened within it). */
export function paidBack(monthlyIncrementalProfit: ArrayLike<number>): boolean {
  return paybackMonth(monthlyIncrementalProfit) <= monthlyIncrementalProfit.length;
}
