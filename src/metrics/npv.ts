/** Net present value of a program's incremental profit. */

/** Monthly rate equivalent to an annual rate: (1 + annual)^(1/12) - 1. */
export function monthlyRate(annualRate: number): number {
  return Math.pow(1 + annualRate, 1 / 12) - 1;
}

/**
 * NPV = -setup + sum over months m = 0 .. H-1 of incremental profit_m / (1 + i)^(m + 1), with i the
 * monthly rate equivalent to the annual discount rate: the setup cost is paid at time zero,
 * undiscounted, and each month's profit (before the setup) is discounted from its end. A partial
 * last month is discounted from the end of its whole month, a fraction of a month after the
 * horizon's end (docs/methods.md section 5).
 */
export function netPresentValue(monthlyIncrementalProfit: ArrayLike<number>, annualDiscountRate: number, setupCost = 0): number {
  const factor = 1 / (1 + monthlyRate(annualDiscountRate));
  let discount = 1;
  let total = 0;
  for (let month = 0; month < monthlyIncrementalProfit.length; month++) {
    discount *= factor;
    total += monthlyIncrementalProfit[month] * discount;
  }
  return total - setupCost;
}
