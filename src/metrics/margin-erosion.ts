/** How much of the baseline's gross profit a program gives away (docs/methods.md sections 3 and 5). */
import { grossProfit } from './profit.js';
import type { WorldTotals } from './world-totals.js';

type Benefits = Pick<WorldTotals, 'discounts' | 'pointsPayments' | 'rewardCost' | 'benefitCost'>;

/** Benefits given to members: discounts + points payments + reward cost + benefit cost. */
export function benefitsGiven(program: Benefits): number {
  return program.discounts + program.pointsPayments + program.rewardCost + program.benefitCost;
}

/**
 * Margin erosion = (discounts + points payments + reward cost + benefit cost) / baseline gross profit.
 * Worked example: 5% off at 30% margin takes 0.05 / 0.30 = 16.7% of gross profit.
 */
export function marginErosion(program: Benefits, baseline: Pick<WorldTotals, 'revenue' | 'costOfGoods'>): number {
  return benefitsGiven(program) / grossProfit(baseline);
}

/**
 * Subsidy share = benefits given on purchases the member would have made anyway / all benefits
 * given (the `subsidy` tally, see sim/tally.ts). 1 means the program only pays customers for what
 * they did anyway. NaN when nothing was given.
 */
export function subsidyShare(program: Benefits & Pick<WorldTotals, 'subsidy'>): number {
  const given = benefitsGiven(program);
  return given === 0 ? NaN : program.subsidy / given;
}
