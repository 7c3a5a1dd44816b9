/**
 * Profit, revenue and cost of a program against the baseline (docs/methods.md section 5). Revenue
 * in the tallies is at list price and every program cost is its own tally, so each cost is
 * subtracted exactly once.
 */
import type { WorldTotals } from './world-totals.js';

type Flows = Pick<
  WorldTotals,
  | 'revenue'
  | 'costOfGoods'
  | 'discounts'
  | 'pointsPayments'
  | 'rewardCost'
  | 'benefitCost'
  | 'operatingCost'
  | 'feeIncome'
  | 'partnerPaymentsIn'
  | 'partnerPaymentsOut'
>;

/** Gross profit = revenue - cost of goods. */
export function grossProfit(world: Pick<WorldTotals, 'revenue' | 'costOfGoods'>): number {
  return world.revenue - world.costOfGoods;
}

/**
 * Profit of a world = revenue - cost of goods - discounts - points payments - reward cost
 *                     - benefit cost - operating cost + fee income + partner payments in
 *                     - partner payments out.
 * In the baseline every program term is 0, so this is its gross profit.
 */
export function worldProfit(world: Flows): number {
  return (
    world.revenue -
    world.costOfGoods -
    world.discounts -
    world.pointsPayments -
    world.rewardCost -
    world.benefitCost -
    world.operatingCost +
    world.feeIncome +
    world.partnerPaymentsIn -
    world.partnerPaymentsOut
  );
}

type RevenueFlows = Pick<WorldTotals, 'revenue' | 'discounts' | 'pointsPayments'>;

/**
 * Net revenue = sales at list price - discounts - points payments: the cash taken for the goods.
 * Points paying part of a price reduce it like a discount (docs/methods.md section 3).
 */
export function netRevenue(world: RevenueFlows): number {
  return world.revenue - world.discounts - world.pointsPayments;
}

/** Incremental revenue = net revenue(program) - net revenue(baseline). */
export function incrementalRevenue(program: RevenueFlows, baseline: RevenueFlows): number {
  return netRevenue(program) - netRevenue(baseline);
}

/** Incremental profit = profit(program world) - profit(baseline world), from the same random draws. */
export function incrementalProfit(program: Flows, baseline: Flows): number {
  return worldProfit(program) - worldProfit(baseline);
}

/**
 * Program cost = discounts + points payments + reward cost + benefit cost + operating cost
 * + partner payments out.
 */
export function programCost(
  program: Pick<WorldTotals, 'discounts' | 'pointsPayments' | 'rewardCost' | 'benefitCost' | 'operatingCost' | 'partnerPaymentsOut'>,
): number {
  return program.discounts + program.pointsPayments + program.rewardCost + program.benefitCost + program.operatingCost + program.partnerPaymentsOut;
}

/**
 * ROI = incremental profit / program cost. The cost is already inside the incremental profit and is
 * not subtracted again. NaN for a program that costs nothing.
 */
export function returnOnInvestment(incremental: number, cost: number): number {
  return cost === 0 ? NaN : incremental / cost;
}
