/**
 * The points of a program as the accounts see them (docs/methods.md section 5): what became of
 * the points issued in each month of the horizon once the run-off has followed them to their end,
 * the economic liability at each month end, and the IFRS 15 roll-forward of the contract
 * liability per month.
 */
import type { SimulationResult } from '../sim/simulation-input.js';
import { ifrs15RollForward, type LiabilityRollForward } from './ifrs15-roll-forward.js';
import { summarize, type MetricSummary } from './summary.js';
import { monthTallies, worldTotals, type WorldTotals } from './world-totals.js';

/** The face value of a point of program `programIndex` in an iteration (NaN without points). */
export function pointFaceValue(result: SimulationResult, iteration: number, programIndex: number): number {
  return result.pointFaceValue[iteration * result.programs.length + programIndex];
}

/**
 * The economic points liability at each month end of one program world in one iteration:
 *     liability_m = outstanding points_m x (liability at the horizon's end / outstanding points then),
 * the month's points valued at the run-off's cost per outstanding point of the horizon's end (the
 * run-off is simulated from the horizon's end only). The last month's value is the liability
 * itself; its month-to-month changes are the cost of the points of each month in the monthly
 * economic profit.
 */
export function monthlyPointsLiability(
  result: SimulationResult,
  iteration: number,
  world: number,
  totals: WorldTotals = worldTotals(result, iteration, world),
): Float64Array {
  const months = result.horizonMonths;
  const liability = new Float64Array(months);
  if (totals.pointsLiability === 0 || totals.pointsOutstanding === 0) return liability;
  const perPoint = totals.pointsLiability / totals.pointsOutstanding;
  for (let month = 0; month < months - 1; month++) liability[month] = monthTallies(result, iteration, world, month).pointsOutstanding * perPoint;
  liability[months - 1] = totals.pointsLiability;
  return liability;
}

/**
 * The IFRS 15 roll-forward (ifrs15-roll-forward.ts) of one program world in one iteration, one
 * period per month:
 *   sales        the members' purchases at list price less discounts and points payments (the
 *                cash received for the purchases that earn points);
 *   points       issued and redeemed in the month;
 *   expected     redemptions of all points issued so far = the points of months up to this one that
 *                are ever redeemed, within the horizon or in the run-off (`ultimateRedeemed`);
 *   face value   the program's point value.
 * Undefined (null) for a world without points.
 */
export function monthlyRollForward(result: SimulationResult, iteration: number, programIndex: number): LiabilityRollForward | null {
  const world = programIndex + 1;
  const faceValue = pointFaceValue(result, iteration, programIndex);
  if (!(faceValue > 0)) return null;
  let expected = 0;
  const periods = [];
  for (let month = 0; month < result.horizonMonths; month++) {
    const t = monthTallies(result, iteration, world, month);
    expected += t.ultimateRedeemed;
    periods.push({
      period: String(month + 1),
      sales: Math.max(0, t.memberRevenue - t.discounts - t.pointsPayments),
      pointsIssued: t.pointsIssued,
      pointsRedeemed: t.pointsRedeemed,
      expectedRedemptions: expected,
    });
  }
  return ifrs15RollForward(periods, { faceValue });
}

/** What became of the points issued in one month of the horizon, over the iterations. */
export interface IssueMonthPoints {
  /** 1-based month of the horizon. */
  month: number;
  issued: MetricSummary;
  /** Of them, redeemed at any time (in the horizon or the run-off). */
  ultimatelyRedeemed: MetricSummary;
  /** ultimatelyRedeemed / issued (iterations that issued none left out). */
  ultimateRedemptionRate: MetricSummary;
}

/** One month of the IFRS 15 roll-forward, over the iterations. */
export interface RollForwardMonth {
  month: number;
  opening: MetricSummary;
  deferred: MetricSummary;
  recognised: MetricSummary;
  closing: MetricSummary;
}

/** The points of one program over the iterations (a report section of every points program). */
export interface PointsAccounting {
  /** The fate of the points outstanding at the horizon's end, found by the run-off. */
  runOff: {
    outstanding: MetricSummary;
    redeemed: MetricSummary;
    expiredOrForfeited: MetricSummary;
    /** Held by members who dropped out or never redeem. */
    stranded: MetricSummary;
    /** Still held when the run-off stopped at its cap (counted as never redeemed). */
    heldAtCap: MetricSummary;
    /** Cost of the run-off's redemptions, undiscounted. */
    redemptionCost: MetricSummary;
    /** The same discounted to the horizon's end: the economic points liability. */
    liability: MetricSummary;
  };
  byIssueMonth: IssueMonthPoints[];
  /** IFRS 15 / ASC 606 contract liability for the points, per month. */
  contractLiability: RollForwardMonth[];
}

/** The points section of a program; null when it issued no point in any iteration. */
export function pointsAccounting(result: SimulationResult, programIndex: number): PointsAccounting | null {
  const world = programIndex + 1;
  const n = result.iterations;
  const months = result.horizonMonths;
  const totals = Array.from({ length: n }, (_, i) => worldTotals(result, i, world));
  if (totals.every((t) => t.pointsIssued === 0)) return null;
  const over = (pick: (i: number) => number) => summarize(Float64Array.from({ length: n }, (_, i) => pick(i)));

  const issued = Array.from({ length: n }, () => new Float64Array(months));
  const ultimate = Array.from({ length: n }, () => new Float64Array(months));
  const rollForwards = Array.from({ length: n }, (_, i) => monthlyRollForward(result, i, programIndex));
  for (let i = 0; i < n; i++) {
    for (let month = 0; month < months; month++) {
      const t = monthTallies(result, i, world, month);
      issued[i][month] = t.pointsIssued;
      ultimate[i][month] = t.ultimateRedeemed;
    }
  }
  const fromRollForward = (month: number, pick: 'openingLiability' | 'allocated' | 'recognised' | 'closingLiability') =>
    over((i) => rollForwards[i]?.periods[month][pick] ?? NaN);
  return {
    runOff: {
      outstanding: over((i) => totals[i].pointsOutstanding),
      redeemed: over((i) => totals[i].runOffRedeemed),
      expiredOrForfeited: over((i) => totals[i].runOffExpired),
      stranded: over((i) => totals[i].runOffStranded),
      heldAtCap: over((i) => totals[i].runOffHeldAtCap),
      redemptionCost: over((i) => totals[i].runOffRedemptionCost),
      liability: over((i) => totals[i].pointsLiability),
    },
    byIssueMonth: Array.from({ length: months }, (_, month) => ({
      month: month + 1,
      issued: over((i) => issued[i][month]),
      ultimatelyRedeemed: over((i) => ultimate[i][month]),
      ultimateRedemptionRate: over((i) => (issued[i][month] > 0 ? ultimate[i][month] / issued[i][month] : NaN)),
    })),
    contractLiability: Array.from({ length: months }, (_, month) => ({
      month: month + 1,
      opening: fromRollForward(month, 'openingLiability'),
      deferred: fromRollForward(month, 'allocated'),
      recognised: fromRollForward(month, 'recognised'),
      closing: fromRollForward(month, 'closingLiability'),
    })),
  };
}
