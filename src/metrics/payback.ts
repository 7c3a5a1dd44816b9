/** When a program has paid for itself. */

/**
 * Payback month: the first month (1-based) at whose end the cumulative incremental profit is
 * positive. When it never is within the horizon, horizon + 1 is reported (the payback lies beyond
 * the horizon); `paidBack` tells the two apart for the probability of payback.
 */
export function paybackMonth(monthlyIncrementalProfit: ArrayLike<number>): number {
  let cumulative = 0;
  for (let month = 0; month < monthlyIncrementalProfit.length; month++) {
    cumulative += monthlyIncrementalProfit[month];
    if (cumulative > 0) return month + 1;
  }
  return monthlyIncrementalProfit.length + 1;
}

/** Whether the cumulative incremental profit turns positive within the horizon. */
export function paidBack(monthlyIncrementalProfit: ArrayLike<number>): boolean {
  return paybackMonth(monthlyIncrementalProfit) <= monthlyIncrementalProfit.length;
}
