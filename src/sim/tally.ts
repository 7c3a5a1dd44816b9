/**
 * The engine's output: one Float64Array of tallies per iteration x world x month x field.
 *
 *   index = ((iteration * worldCount + world) * horizonMonths + month) * TALLY_FIELD_COUNT + field
 *
 * World 0 is the baseline (no program); world k >= 1 is program k - 1 of the input. The fields are
 * the quantities declared in programs/flows.ts, in that order (their meaning, kinds and the profit
 * formula are there).
 */
import { FLOWS, OUTCOME_FLOWS, type FlowKind, type TallyField } from '../programs/flows.js';
import type { ProgramEventOutcome } from '../programs/program.js';

export type { TallyField } from '../programs/flows.js';

/** Offset of each field within one month's tallies: its position in FLOWS. */
export const Tally = Object.freeze(Object.fromEntries(FLOWS.map((flow, index) => [flow.name, index]))) as {
  readonly [K in TallyField]: number;
};

export const TALLY_FIELD_COUNT = FLOWS.length;
export const TALLY_FIELDS: readonly TallyField[] = FLOWS.map((flow) => flow.name);
/** Kind of each field (flow, stock at the month end, month-0 cohort), by offset. */
export const TALLY_FIELD_KINDS: readonly FlowKind[] = FLOWS.map((flow) => flow.kind);

/**
 * Add the declared flows a policy writes (programs/flows.ts) from an outcome into the tallies of
 * one world and month (`offset`): `tallies[offset + 2] += outcome.discount; ...`, compiled once
 * from the list. It runs after every event of the simulation, so it is written out as one add per
 * named field, which V8 makes fastest (a loop over names would look each one up generically).
 */
export const addOutcomeFlows = new Function(
  'tallies',
  'offset',
  'outcome',
  OUTCOME_FLOWS.filter((flow) => flow.kind === 'flow')
    .map((flow) => `tallies[offset + ${Tally[flow.name]}] += outcome.${flow.outcome};`)
    .join('\n'),
) as (tallies: Float64Array, offset: number, outcome: ProgramEventOutcome) => void;

/** The declared stocks a policy reports at month ends, and their field offsets. */
const OUTCOME_STOCKS = OUTCOME_FLOWS.filter((flow) => flow.kind === 'stock');
export const OUTCOME_STOCK_COUNT = OUTCOME_STOCKS.length;
export const OUTCOME_STOCK_OFFSETS = Int32Array.from(OUTCOME_STOCKS, (flow) => Tally[flow.name]);

/** Add `stocks` (OUTCOME_STOCKS order) into the tallies of one world and month, compiled once like addOutcomeFlows. */
export const addOutcomeStocks = new Function(
  'tallies',
  'offset',
  'stocks',
  OUTCOME_STOCKS.map((flow, i) => `tallies[offset + ${Tally[flow.name]}] += stocks[${i}];`).join('\n'),
) as (tallies: Float64Array, offset: number, stocks: Float64Array) => void;

/** Copy an outcome's stocks into `stocks` (OUTCOME_STOCKS order), compiled once like addOutcomeFlows. */
export const readOutcomeStocks = new Function(
  'outcome',
  'stocks',
  OUTCOME_STOCKS.map((flow, i) => `stocks[${i}] = outcome.${flow.outcome};`).join('\n'),
) as (outcome: ProgramEventOutcome, stocks: Float64Array) => void;

/** Where a tally is not a finite number (a simulated figure overflowed), or undefined when every one is. */
export function firstNonFiniteTally(
  tallies: Float64Array,
  shape: TallyShape,
): { iteration: number; world: number; month: number; field: TallyField } | undefined {
  for (let index = 0; index < tallies.length; index++) {
    if (Number.isFinite(tallies[index])) continue;
    const field = index % TALLY_FIELD_COUNT;
    const month = Math.floor(index / TALLY_FIELD_COUNT) % shape.horizonMonths;
    const world = Math.floor(index / (TALLY_FIELD_COUNT * shape.horizonMonths)) % shape.worldCount;
    const iteration = Math.floor(index / (TALLY_FIELD_COUNT * shape.horizonMonths * shape.worldCount));
    return { iteration, world, month, field: TALLY_FIELDS[field] };
  }
  return undefined;
}

/** Months over which churn is measured: a year, or the whole horizon if shorter. */
export const CHURN_WINDOW_MONTHS = 12;

/** Shape of a tally array. */
export interface TallyShape {
  iterations: number;
  worldCount: number;
  horizonMonths: number;
}

/** Index of (iteration, world, month, field 0). */
export function tallyOffset(shape: TallyShape, iteration: number, world: number, month: number): number {
  return ((iteration * shape.worldCount + world) * shape.horizonMonths + month) * TALLY_FIELD_COUNT;
}

/** Number of values of one iteration (all worlds, months and fields). */
export function iterationTallyLength(worldCount: number, horizonMonths: number): number {
  return worldCount * horizonMonths * TALLY_FIELD_COUNT;
}

/** One tally value. */
export function tallyValue(tallies: Float64Array, shape: TallyShape, iteration: number, world: number, month: number, field: TallyField): number {
  return tallies[tallyOffset(shape, iteration, world, month) + Tally[field]];
}

/**
 * Breakdown tallies: for programs that declare groups (ProgramPolicyType.breakdownGroups, e.g.
 * tiers), a second Float64Array per iteration with, per program world w >= 1 that has groups,
 * month and group:
 *
 *   index = iteration * breakdownLength + breakdownOffsets[w - 1]
 *           + (month * groupCount[w - 1] + group) * BREAKDOWN_FIELD_COUNT + field
 *
 * breakdownOffsets[k] is the start of program k's block within an iteration (programs without
 * groups take no room); see `breakdownLayout`. A member's flows count for the group they were in
 * when each event happened; `members` for the group after the month end. `baselineGrossProfit`
 * pairs purchases as the subsidy tally does: the gross profit of the customer's k-th baseline
 * purchase counts with the member's k-th purchase (group and month of that purchase); baseline
 * purchases beyond the member's count, with the group the member ended in, in the month they left
 * or the last month. Over the horizon the groups' baselineGrossProfit adds up to the members'
 * baseline gross profit exactly (as long as nobody's membership ends).
 *   profit = grossProfit - benefits - operatingCost + feeRevenue + partnerPaymentsIn - partnerPaymentsOut
 * of the members of the group (fees as earned, in the group the member was in when charged) (operating cost: per member and per transaction; the setup cost and
 * referral bonuses belong to no group). profit - baselineGrossProfit is the group's incremental
 * profit: what its members bring beyond what they would have brought without the program.
 */
export const BreakdownField = {
  /** Stock: members in the group at the month end. */
  members: 0,
  /** Member purchases. */
  purchases: 1,
  /** Sales at list price. */
  revenue: 2,
  /** Sales minus cost of goods. */
  grossProfit: 3,
  /** Discounts + points payments + reward cost + benefit cost given. */
  benefits: 4,
  /** The group's contribution to the program world's profit (formula above). */
  profit: 5,
  /** The same customers' gross profit in the baseline world, purchase by purchase (see above). */
  baselineGrossProfit: 6,
} as const;

export type BreakdownFieldName = keyof typeof BreakdownField;
export const BREAKDOWN_FIELD_COUNT = 7;
export const BREAKDOWN_FIELDS = Object.keys(BreakdownField) as BreakdownFieldName[];

/** Where each program's breakdown lives in an iteration's breakdown block. */
export interface BreakdownLayout {
  /** Per program: start of its block (meaningful when it has groups). */
  offsets: number[];
  /** Per program: number of groups (0: no breakdown). */
  groupCounts: number[];
  /** Values per iteration. */
  length: number;
}

export function breakdownLayout(groupsPerProgram: readonly (readonly string[])[], horizonMonths: number): BreakdownLayout {
  const offsets: number[] = [];
  const groupCounts: number[] = [];
  let length = 0;
  for (const groups of groupsPerProgram) {
    offsets.push(length);
    groupCounts.push(groups.length);
    length += horizonMonths * groups.length * BREAKDOWN_FIELD_COUNT;
  }
  return { offsets, groupCounts, length };
}

/** Index of (iteration, program, month, group, field 0) in a breakdown array. */
export function breakdownIndex(layout: BreakdownLayout, iteration: number, program: number, month: number, group: number): number {
  return iteration * layout.length + layout.offsets[program] + (month * layout.groupCounts[program] + group) * BREAKDOWN_FIELD_COUNT;
}
