/**
 * Every metric of every program against the baseline, per iteration and summarised over the
 * iterations (docs/methods.md section 5). The metrics and their computations are declared in
 * metric-definitions.ts; each is one small function in this folder.
 */
import type { SimulationResult } from '../sim/simulation-input.js';
import { Tally, tallyOffset } from '../sim/tally.js';
import { programBreakdown, type GroupBreakdown } from './breakdown.js';
import { METRIC_NAMES, METRICS, type MetricInputs, type MetricName } from './metric-definitions.js';
import { monthlyPointsLiability, monthlyRollForward, pointFaceValue, pointsAccounting, type PointsAccounting } from './points-accounting.js';
import { incrementalProfit, programCost, worldProfit } from './profit.js';
import { summarize, type MetricSummary } from './summary.js';
import { worldTotals, type WorldTotals } from './world-totals.js';

export { METRIC_NAMES } from './metric-definitions.js';
export type { MetricName } from './metric-definitions.js';

export interface MetricsEconomics {
  /** Annual rate for the NPV, e.g. 0.08. */
  annualDiscountRate: number;
}

export interface ProgramMetrics {
  name: string;
  type: string;
  metrics: Record<MetricName, MetricSummary>;
  /** Each metric's value in each iteration, in iteration order: what `metrics` summarises. */
  iterationValues: Record<MetricName, Float64Array>;
  /** Per breakdown group (tiers, ...), per month; absent for programs without groups. */
  breakdown?: GroupBreakdown[];
  /** Programs whose members hold points: the run-off, the points by issue month, IFRS 15. */
  points?: PointsAccounting;
}

/**
 * Economic incremental profit per month of one program world against the baseline in one
 * iteration: the month's profit (fees as earned) minus the month's change of the points liability
 * (points-accounting.ts, monthlyPointsLiability), before the setup cost: the setup is a cash flow
 * at time zero (docs/methods.md section 5), booked in month 1's operating cost by the engine and
 * taken out of it here, so the months and -setup add up to the incremental profit.
 */
export function monthlyIncrementalProfit(
  result: SimulationResult,
  iteration: number,
  world: number,
  worldTotalsOfIteration: WorldTotals = worldTotals(result, iteration, world),
): Float64Array {
  const setup = world > 0 ? result.setupCost[iteration * result.programs.length + world - 1] : 0;
  const shape = { iterations: result.iterations, worldCount: result.worlds.length, horizonMonths: result.horizonMonths };
  const monthly = new Float64Array(result.horizonMonths);
  const t = result.tallies;
  const profitAt = (offset: number, setupInMonth: number) =>
    worldProfit({
      revenue: t[offset + Tally.revenue],
      costOfGoods: t[offset + Tally.costOfGoods],
      discounts: t[offset + Tally.discounts],
      pointsPayments: t[offset + Tally.pointsPayments],
      rewardCost: t[offset + Tally.rewardCost],
      benefitCost: t[offset + Tally.benefitCost],
      operatingCost: t[offset + Tally.operatingCost] - setupInMonth,
      feeRevenue: t[offset + Tally.feeRevenue],
      partnerPaymentsIn: t[offset + Tally.partnerPaymentsIn],
      partnerPaymentsOut: t[offset + Tally.partnerPaymentsOut],
    });
  const liability = monthlyPointsLiability(result, iteration, world, worldTotalsOfIteration);
  for (let month = 0; month < result.horizonMonths; month++) {
    const liabilityChange = liability[month] - (month > 0 ? liability[month - 1] : 0);
    const worldMonth = profitAt(tallyOffset(shape, iteration, world, month), month === 0 ? setup : 0);
    monthly[month] = worldMonth - profitAt(tallyOffset(shape, iteration, 0, month), 0) - liabilityChange;
  }
  return monthly;
}

/** The metrics of one program (index into result.programs) in one iteration. */
export function metricsOfIteration(
  result: SimulationResult,
  economics: MetricsEconomics,
  programIndex: number,
  iteration: number,
  baseline: WorldTotals = worldTotals(result, iteration, 0),
): Record<MetricName, number> {
  const world = programIndex + 1;
  const program = worldTotals(result, iteration, world);
  const inputs: MetricInputs = {
    program,
    baseline,
    monthlyIncrementalProfit: monthlyIncrementalProfit(result, iteration, world, program),
    setupCost: result.setupCost[iteration * result.programs.length + programIndex],
    incrementalProfit: incrementalProfit(program, baseline),
    programCost: programCost(program),
    pointFaceValue: pointFaceValue(result, iteration, programIndex),
    contractLiability: monthlyRollForward(result, iteration, programIndex)?.totals.closingLiability ?? NaN,
    annualDiscountRate: economics.annualDiscountRate,
  };
  const values = {} as Record<MetricName, number>;
  for (const metric of METRICS) values[metric.name] = metric.compute(inputs);
  return values;
}

/** Every metric of one program, one value per iteration. */
export function iterationMetrics(result: SimulationResult, economics: MetricsEconomics, programIndex: number): Record<MetricName, Float64Array> {
  const values = Object.fromEntries(METRIC_NAMES.map((name) => [name, new Float64Array(result.iterations)])) as Record<MetricName, Float64Array>;
  for (let iteration = 0; iteration < result.iterations; iteration++) {
    const metrics = metricsOfIteration(result, economics, programIndex, iteration);
    for (const name of METRIC_NAMES) values[name][iteration] = metrics[name];
  }
  return values;
}

/** Every metric of every program, summarised as {mean, mcse, p5, p50, p95} over the iterations, with the values summarised. */
export function computeMetrics(result: SimulationResult, economics: MetricsEconomics): ProgramMetrics[] {
  return result.programs.map((program, programIndex) => {
    const values = iterationMetrics(result, economics, programIndex);
    const metrics = Object.fromEntries(METRIC_NAMES.map((name) => [name, summarize(values[name])])) as Record<MetricName, MetricSummary>;
    const breakdown = programBreakdown(result, programIndex);
    const points = pointsAccounting(result, programIndex);
    return {
      name: program.name,
      type: program.type,
      metrics,
      iterationValues: values,
      ...(breakdown.length > 0 ? { breakdown } : {}),
      ...(points !== null ? { points } : {}),
    };
  });
}

