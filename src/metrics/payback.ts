/** When a program has paid for itself (docs/methods.md section 5). */

/**
 * Payback month: the first month (1-based) from whose end on the cumulative incremental profit
 * stays positive through the end of the horizon — the month the program turns positive for good.
 * The cumulative profit starts at -setupCost, the setup paid at time zero, and adds each month's
 * incremental profit before the setup. A program that is ahead early and falls behind later (a
 * paid club collecting fees up front, a points program before the first redemptions) has not paid
 * back. When the cumulative profit is not positive at the horizon's end the program has not paid
 * back within the horizon: NaN, an undefined value, so that summaries over the iterations leave it
 * out (the payback month's mean and percentiles are over the iterations that pay back) and JSON
 * writes it as null.
 */
export function paybackMonth(monthlyIncrementalProfit: ArrayLike<number>, setupCost = 0): number {
  const months = monthlyIncrementalProfit.length;
  let cumulative = -setupCost;
  let positiveSince = NaN;
  for (let month = 0; month < months; month++) {
    cumulative += monthlyIncrementalProfit[month];
    if (cumulative <= 0) positiveSince = NaN;
    else if (Number.isNaN(positiveSince)) positiveSince = month + 1;
  }
  return positiveSince;
}

/** Whether the cumulative incremental profit is positive at the horizon's end (so payback happened within it). */
export function paidBack(monthlyIncrementalProfit: ArrayLike<number>, setupCost = 0): boolean {
  return !Number.isNaN(paybackMonth(monthlyIncrementalProfit, setupCost));
}
