/**
 * Profit, revenue and cost of a program against the baseline (docs/methods.md section 5). Revenue
 * in the tallies is at list price and every program cost is its own tally, so each cost is
 * subtracted exactly once. The headline is economic: the horizon's profit minus the points
 * liability left at its end (the run-off's cost of the redemptions still to come, programs/run-off.ts).
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
  | 'feeRevenue'
  | 'partnerPaymentsIn'
  | 'partnerPaymentsOut'
>;
/** The flows of the cash result: fees as collected instead of as earned. */
type CashFlows = Omit<Flows, 'feeRevenue'> & Pick<WorldTotals, 'feesCollected'>;

/** Gross profit = revenue - cost of goods. */
export function grossProfit(world: Pick<WorldTotals, 'revenue' | 'costOfGoods'>): number {
  return world.revenue - world.costOfGoods;
}

/**
 * Profit of a world = revenue - cost of goods - discounts - points payments - reward cost
 *                     - benefit cost - operating cost + fee revenue + partner payments in
 *                     - partner payments out,
 * with fees as earned: fee revenue is the part of the fees for service within the horizon (or the
 * month), pro rata by day (sim/membership.ts). In the baseline every program term is 0, so this is
 * its gross profit.
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
    world.feeRevenue +
    world.partnerPaymentsIn -
    world.partnerPaymentsOut
  );
}

/**
 * Cash profit of a world = worldProfit with fees as collected instead of as earned, including
 * those for service after the horizon (fees collected = fee revenue + fees deferred):
 *   revenue - cost of goods - discounts - points payments - reward cost - benefit cost
 *   - operating cost + fees collected + partner payments in - partner payments out.
 * The horizon's cash result, not its profit.
 */
export function worldCashProfit(world: CashFlows): number {
  return worldProfit({ ...world, feeRevenue: world.feesCollected });
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

/** Economic profit of a world = profit in the horizon - points liability at the horizon's end. */
export function worldEconomicProfit(world: Flows & Pick<WorldTotals, 'pointsLiability'>): number {
  return worldProfit(world) - world.pointsLiability;
}

/**
 * Incremental profit = economic profit(program world) - economic profit(baseline world), from the
 * same random draws. The baseline holds no points, so its economic profit is its gross profit.
 */
export function incrementalProfit(program: Flows & Pick<WorldTotals, 'pointsLiability'>, baseline: Flows & Pick<WorldTotals, 'pointsLiability'>): number {
  return worldEconomicProfit(program) - worldEconomicProfit(baseline);
}

/**
 * Incremental profit with every category's gross margin at `margin`, from the same tallies: the
 * cost of goods of a world is then revenue x (1 - margin), whatever the categories' mix. Exact,
 * because a margin changes nothing but the cost of goods (no behaviour, no program figure depends
 * on it; docs/methods.md section 8).
 */
export function incrementalProfitAtMargin(
  program: Flows & Pick<WorldTotals, 'pointsLiability'>,
  baseline: Flows & Pick<WorldTotals, 'pointsLiability'>,
  margin: number,
): number {
  return incrementalProfit({ ...program, costOfGoods: program.revenue * (1 - margin) }, { ...baseline, costOfGoods: baseline.revenue * (1 - margin) });
}

/**
 * Incremental cash profit = cash profit(program world) - profit(baseline world): the horizon's
 * cash result, with fees as collected and no points liability (the baseline has neither).
 */
export function incrementalCashProfit(program: CashFlows, baseline: Flows): number {
  return worldCashProfit(program) - worldProfit(baseline);
}

/**
 * Program cost = discounts + points payments + reward cost + benefit cost + operating cost
 *                + partner payments out + points liability at the horizon's end (the redemptions still owed).
 */
export function programCost(
  program: Pick<WorldTotals, 'discounts' | 'pointsPayments' | 'rewardCost' | 'benefitCost' | 'operatingCost' | 'partnerPaymentsOut' | 'pointsLiability'>,
): number {
  return (
    program.discounts +
    program.pointsPayments +
    program.rewardCost +
    program.benefitCost +
    program.operatingCost +
    program.partnerPaymentsOut +
    program.pointsLiability
  );
}

/**
 * ROI = incremental profit / program cost. The cost is already inside the incremental profit and is
 * not subtracted again. NaN for a program that costs nothing.
 */
export function returnOnInvestment(incremental: number, cost: number): number {
  return cost === 0 ? NaN : incremental / cost;
}
