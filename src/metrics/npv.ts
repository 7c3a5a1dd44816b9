/** Net present value of a program's incremental profit. */

/** Monthly rate equivalent to an annual rate: (1 + annual)^(1/12) - 1. */
export function monthlyRate(annualRate: number): number {
  return Math.pow(1 + annualRate, 1 / 12) - 1;
}

/**
 * NPV = sum over months m = 0 .. H-1 of incremental profit_m / (1 + i)^(m + 1), with i the monthly
 * rate equivalent to the annual discount rate: each month's profit is discounted from its end.
 */
export function netPresentValue(monthlyIncrementalProfit: ArrayLike<number>, annualDiscountRate: number): number {
  const factor = 1 / (1 + monthlyRate(annualDiscountRate));
  let discount = 1;
  let total = 0;
  for (let month = 0; month < monthlyIncrementalProfit.length; month++) {
    discount *= factor;
    total += monthlyIncrementalProfit[month] * discount;
  }
  return total;
}
