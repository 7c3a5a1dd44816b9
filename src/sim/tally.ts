/**
 * The engine's output: one Float64Array of tallies per iteration x world x month x field.
 *
 *   index = ((iteration * worldCount + world) * horizonMonths + month) * TALLY_FIELD_COUNT + field
 *
 * World 0 is the baseline (no program); world k >= 1 is program k - 1 of the input. Flows are sums
 * over the month; stocks (marked) are values at the month end. Money is in the data's currency.
 *
 * `revenue` is sales at list price (after the members' spend effect, before any discount or points
 * payment). Discounts, rewards and benefits are separate tallies, so profit subtracts each cost once:
 *   baseline profit = revenue - costOfGoods
 *   program profit  = revenue - costOfGoods - discounts - rewardCost - benefitCost - operatingCost
 *                     + feeIncome + partnerPaymentsIn - partnerPaymentsOut
 * Points are in points; their sums are exact (see programs/points-ledger.ts), so for every month
 *   cumulative pointsIssued = cumulative pointsRedeemed + cumulative pointsExpired + pointsOutstanding.
 */
export const Tally = {
  /** Sales at list price. */
  revenue: 0,
  /** Cost of the goods sold: list price x (1 - gross margin of the category). */
  costOfGoods: 1,
  /** Price reductions given to members. */
  discounts: 2,
  /** Part of prices paid with points, at face value (not a cost: the cost is `rewardCost`). */
  paidWithPoints: 3,
  pointsIssued: 4,
  pointsRedeemed: 5,
  pointsExpired: 6,
  /** Stock: points held by members at the month end. */
  pointsOutstanding: 7,
  /** Stock: points held at the month end by members expected to redeem them (still buying, redeemers). */
  pointsRedeemable: 8,
  /** Stock: economic liability at the month end, redeemable points x cost per point. */
  liability: 9,
  /** Cost of the rewards redeemed. */
  rewardCost: 10,
  /** Cost of non-monetary member benefits. */
  benefitCost: 11,
  feeIncome: 12,
  partnerPaymentsIn: 13,
  partnerPaymentsOut: 14,
  /** Setup (month 1) + per member per year pro rata + per transaction. */
  operatingCost: 15,
  /** The per-transaction part of operatingCost. */
  transactionCost: 16,
  /** Stock: customers who are members at the month end. */
  members: 17,
  /** Customers who were active (had not dropped out) at some time in the month. */
  activeCustomers: 18,
  purchases: 19,
  memberPurchases: 20,
  /**
   * Benefits (discount + reward cost + benefit cost) given on purchases the member would have made
   * anyway. With common random numbers a member's k-th purchase is the counterpart of the same
   * customer's k-th baseline purchase; benefits on the first n purchases, where n is the customer's
   * baseline purchase count, count as subsidy, scaled by min(1, 1 / (1 + spendUplift)) — the share of
   * the purchase's value that would have been spent anyway (all of it when members spend less).
   */
  subsidy: 21,
  /** Members' sales at list price minus their cost of goods, in this world. */
  memberGrossProfit: 22,
  /** The same customers' gross profit in the baseline world (0 in the baseline's own rows). */
  memberBaselineGrossProfit: 23,
  /**
   * Month 0 only: customers active at the start of the horizon (the churn cohort), and those of them
   * who make no purchase in the first 12 months (or the whole horizon if shorter).
   */
  cohortActiveAtStart: 24,
  cohortLapsed: 25,
  /** New customers brought by members (referral); they exist in this world only. */
  referrals: 26,
  /** New customers who reached the business through the program (e.g. a network); this world only. */
  programArrivals: 27,
  /** Membership fees charged (feeIncome is their sum). */
  feePayments: 28,
  /** Membership periods that ended (renewal decisions). */
  periodsEnded: 29,
  /** Of those, renewed. */
  renewals: 30,
  /** Of those, periods in which the member's benefit fell short of the fee. */
  benefitShortfalls: 31,
  /** Purchases by non-members with a benefit (shared codes). */
  nonMemberBenefitPurchases: 32,
} as const;

export type TallyField = keyof typeof Tally;
export const TALLY_FIELD_COUNT = 33;
export const TALLY_FIELDS = Object.keys(Tally) as TallyField[];

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
 *   profit = grossProfit - benefits - operatingCost + feeIncome + partnerPaymentsIn - partnerPaymentsOut
 * of the members of the group (operating cost: per member and per transaction; the setup cost and
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
  /** Discounts + reward cost + benefit cost given. */
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
