/** The behaviour change a program needs to pay for itself, and what it pays for. */
import type { CostParameters } from '../programs/program.js';
import type { SimulationResult } from '../sim/simulation-input.js';
import { worldTotals, type WorldTotals } from './world-totals.js';

/**
 * Break-even frequency uplift: the uplift u* at which the incremental profit would be zero.
 *
 * Non-members behave the same in both worlds (common random numbers), so the incremental profit is
 * the members' contribution minus what the members would have brought anyway and minus fixed costs:
 *     incremental profit = D - N
 *     D = members' gross profit - discounts - points payments - reward cost - transaction cost
 *         - partner payments out + partner payments in - points liability at the horizon's end
 *                                                            (grows with the members' purchases)
 *     N = members' baseline gross profit + setup and per-member cost (operating - transaction)
 *         + benefit cost - fee revenue                       (treated as fixed)
 * The members' expected purchases scale with (1 + uplift) (their dropout rate in calendar time is
 * kept, docs/methods.md section 6), and D is taken to scale with them; the simulated world ran
 * at uplift u, so at u* the contribution is D (1 + u*) / (1 + u), and it breaks even at
 *     u* = (1 + u) N / D - 1.
 * Check (docs/methods.md section 3): 10% off at 45% margin, no fixed cost: N = 0.45 V, D = 0.35 V,
 * u* = 0.45 / 0.35 - 1 = 28.6%. With `dropoutKept: perPurchase` faster buyers also use up their
 * dropout chances sooner, which the scaling ignores. +Infinity when D <= 0: no uplift pays for the program.
 */
export function breakEvenUplift(program: WorldTotals, simulatedUplift: number): number {
  const contribution =
    program.memberGrossProfit -
    program.discounts -
    program.pointsPayments -
    program.rewardCost -
    program.transactionCost -
    program.partnerPaymentsOut +
    program.partnerPaymentsIn -
    program.pointsLiability;
  const toCover = program.memberBaselineGrossProfit + (program.operatingCost - program.transactionCost) + program.benefitCost - program.feeRevenue;
  if (contribution <= 0) return Infinity;
  return ((1 + simulatedUplift) * toCover) / contribution - 1;
}

/**
 * What the break-even uplift of a program covers: the items of the formula above that the program
 * has (true when they are not 0 in some iteration) and its operating cost parameters (the
 * scenario's values; their means over the iterations when uncertain). The points liability left
 * at the horizon's end counts with the rewards, as incremental profit deducts it (docs/methods.md
 * section 5).
 */
export interface BreakEvenCoverage {
  /** Discounts given (members, and non-members with shared codes). */
  discounts: boolean;
  /** Points payments: cash not taken for points paying part of a price, and for purchases rewards replaced. */
  pointsPayments: boolean;
  /** Reward cost: reward goods that replace no purchase, gifts, referral bonuses. */
  rewardCost: boolean;
  /** Cost of non-monetary member benefits. */
  benefitCost: boolean;
  /** Partner payments out, less partner payments in (coalition). */
  partnerPayments: boolean;
  /** The points liability left at the horizon's end. */
  pointsLiability: boolean;
  /** Fee revenue (fees as earned), counted against the costs. */
  feeRevenue: boolean;
  /** One-off setup cost. */
  setup: number;
  /** Running cost per member per year. */
  perMemberPerYear: number;
  /** Cost per member purchase. */
  perTransaction: number;
}

/** The mean of the values; the value itself when they are all equal (no rounding of a fixed cost). */
function meanOf(values: readonly number[]): number {
  if (values.every((value) => value === values[0])) return values[0] ?? NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * The coverage of one program's break-even uplift, from its world's totals in every iteration and
 * the operating costs drawn for it in every iteration.
 */
export function breakEvenCoverage(worlds: readonly WorldTotals[], costs: readonly CostParameters[]): BreakEvenCoverage {
  const has = (value: (world: WorldTotals) => number) => worlds.some((world) => value(world) !== 0);
  return {
    discounts: has((world) => world.discounts),
    pointsPayments: has((world) => world.pointsPayments),
    rewardCost: has((world) => world.rewardCost),
    benefitCost: has((world) => world.benefitCost),
    partnerPayments: has((world) => world.partnerPaymentsOut) || has((world) => world.partnerPaymentsIn),
    pointsLiability: has((world) => world.pointsLiability),
    feeRevenue: has((world) => world.feeRevenue),
    setup: meanOf(costs.map((cost) => cost.setup)),
    perMemberPerYear: meanOf(costs.map((cost) => cost.perMemberPerYear)),
    perTransaction: meanOf(costs.map((cost) => cost.perTransaction)),
  };
}

/** The coverage of program `programIndex`'s break-even uplift; `costs`: its operating costs drawn in each iteration. */
export function programBreakEvenCoverage(result: SimulationResult, programIndex: number, costs: readonly CostParameters[]): BreakEvenCoverage {
  const worlds = Array.from({ length: result.iterations }, (_, iteration) => worldTotals(result, iteration, programIndex + 1));
  return breakEvenCoverage(worlds, costs);
}
