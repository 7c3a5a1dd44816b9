/** The behaviour change a program needs to pay for itself, to first order, and what it pays for. */
import type { CostParameters } from '../programs/program.js';
import type { SimulationResult } from '../sim/simulation-input.js';
import { worldTotals, type WorldTotals } from './world-totals.js';

/**
 * First-order break-evens: where the scenario's break-even figures (found by re-simulation,
 * run/break-even.ts) start their search, and what `--break-even first-order` reports.
 *
 * Non-members behave the same in both worlds (common random numbers), so the incremental profit is
 * the members' contribution minus what the members would have brought anyway and minus fixed costs:
 *     incremental profit = D - N
 *     D = members' gross profit - discounts - points payments - reward cost - transaction cost
 *         - partner payments out + partner payments in - points liability at the horizon's end
 *                                                            (grows with the members' purchases)
 *     N = members' baseline gross profit + setup and per-member cost (operating - transaction)
 *         + benefit cost - fee revenue                       (treated as fixed)
 * To first order the members' purchases, hence D, scale with (1 + frequency uplift): iteration i
 * simulated at uplift u_i, so at a fixed uplift x its profit is D_i (1 + x) / (1 + u_i) - N_i, and
 * the mean over the iterations is zero at
 *     x* = mean(N_i) / mean(D_i / (1 + u_i)) - 1.
 * Check (docs/methods.md section 3): 10% off at 45% margin, no fixed cost: N = 0.45 V, D = 0.35 V,
 * x* = 0.45 / 0.35 - 1 = 28.6%. The members' purchases scale with (1 + uplift) when their dropout
 * rate in calendar time is kept (the default `dropoutKept`, docs/methods.md section 6); the
 * scaling ignores that with `dropoutKept: perPurchase` faster buyers use up their dropout chances
 * sooner, and that benefits charged per order grow with the orders; re-simulation does not.
 * A spend uplift scales every item of D but the transaction cost: D + T scales with (1 + s), and
 *     s* = mean(N_i + T_i) / mean((D_i + T_i) / (1 + s_i)) - 1.
 * An enrolment share scales everything but the setup cost, to first order: with P_i the
 * incremental profit and S_i the setup of iteration i simulated at share e_i,
 *     e* = mean(S_i) / mean((P_i + S_i) / e_i).
 */
export interface FirstOrderBreakEven {
  /** Where the first-order mean profit is zero; NaN when it does not rise with the value. */
  value: number;
  /** d(mean incremental profit) / d(value), to first order. */
  slope: number;
}

/** D of the formula above: the members' contribution, which grows with their purchases. */
export function memberContribution(program: WorldTotals): number {
  return (
    program.memberGrossProfit -
    program.discounts -
    program.pointsPayments -
    program.rewardCost -
    program.transactionCost -
    program.partnerPaymentsOut +
    program.partnerPaymentsIn -
    program.pointsLiability
  );
}

/** N of the formula above: what the members' contribution must cover. */
export function contributionToCover(program: WorldTotals): number {
  return program.memberBaselineGrossProfit + (program.operatingCost - program.transactionCost) + program.benefitCost - program.feeRevenue;
}

function firstOrder(fixed: number, slope: number, offset: number): FirstOrderBreakEven {
  return { value: slope > 0 ? fixed / slope - offset : NaN, slope };
}

function meanOver(count: number, value: (i: number) => number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += value(i);
  return sum / count;
}

/** The first-order break-even frequency uplift over iterations simulated at `uplifts`. */
export function firstOrderFrequencyUplift(worlds: readonly WorldTotals[], uplifts: readonly number[]): FirstOrderBreakEven {
  const n = worlds.length;
  const slope = meanOver(n, (i) => memberContribution(worlds[i]) / (1 + uplifts[i]));
  return firstOrder(meanOver(n, (i) => contributionToCover(worlds[i])), slope, 1);
}

/** The first-order break-even spend uplift over iterations simulated at `uplifts`. */
export function firstOrderSpendUplift(worlds: readonly WorldTotals[], uplifts: readonly number[]): FirstOrderBreakEven {
  const n = worlds.length;
  const slope = meanOver(n, (i) => (memberContribution(worlds[i]) + worlds[i].transactionCost) / (1 + uplifts[i]));
  return firstOrder(meanOver(n, (i) => contributionToCover(worlds[i]) + worlds[i].transactionCost), slope, 1);
}

/**
 * The first-order break-even enrolment share over iterations simulated at `shares`, with their
 * incremental `profits` and `setups` (iterations at share 0 left out of the slope).
 */
export function firstOrderEnrolmentShare(profits: readonly number[], setups: readonly number[], shares: readonly number[]): FirstOrderBreakEven {
  const n = profits.length;
  const slope = meanOver(n, (i) => (shares[i] > 0 ? (profits[i] + setups[i]) / shares[i] : 0));
  return firstOrder(meanOver(n, (i) => setups[i]), slope, 0);
}

/**
 * What the break-even figures of a program cover: the items of the formula above that the program
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
 * The coverage of one program's break-even figures, from its world's totals in every iteration and
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

/** The coverage of program `programIndex`'s break-even figures; `costs`: its operating costs drawn in each iteration. */
export function programBreakEvenCoverage(result: SimulationResult, programIndex: number, costs: readonly CostParameters[]): BreakEvenCoverage {
  const worlds = Array.from({ length: result.iterations }, (_, iteration) => worldTotals(result, iteration, programIndex + 1));
  return breakEvenCoverage(worlds, costs);
}

/** How the break-even figures were found: by re-simulation (the default) or to first order (above). */
export type BreakEvenMethod = 're-simulated' | 'first-order';
export const BREAK_EVEN_METHODS: readonly BreakEvenMethod[] = ['re-simulated', 'first-order'];

/**
 * A program's break-even figures: the value of one assumption at which the mean incremental profit
 * over the iterations is zero, every other draw as drawn (docs/methods.md section 5). null: no
 * value in the range searched breaks even; absent: the program does not have the lever (its
 * policy decides who joins, or its schema fixes the effects).
 */
export interface BreakEvenFigures {
  /** Members' purchase-frequency uplift, searched from -99% to +500%. */
  frequencyUplift?: number | null;
  /** Members' spend uplift (purchase value), searched from -99% to +500%. */
  spendUplift?: number | null;
  /** Share of customers who join, searched from 0 to 1. */
  enrolmentShare?: number | null;
  method: BreakEvenMethod;
  /** What the figures pay for. */
  covers: BreakEvenCoverage;
}

/** A break-even figure as reports show it: its name (as in the README), label, definition and what null means. */
export interface BreakEvenFigureDefinition {
  readonly name: string;
  /** Its key in BreakEvenFigures. */
  readonly field: 'frequencyUplift' | 'spendUplift' | 'enrolmentShare';
  readonly label: string;
  /** One line, printed under the table and in the README. */
  readonly definition: string;
  /** What the table says when no value in the range breaks even (null). */
  readonly none: string;
}

export const BREAK_EVEN_FIGURES: readonly BreakEvenFigureDefinition[] = [
  {
    name: 'breakEvenFrequencyUplift',
    field: 'frequencyUplift',
    label: 'Break-even frequency uplift',
    definition: "members' purchase-frequency uplift at which the mean incremental profit is zero, every other assumption as drawn (by the method named under the table), after the costs listed under the table",
    none: 'no uplift pays',
  },
  {
    name: 'breakEvenSpendUplift',
    field: 'spendUplift',
    label: 'Break-even spend uplift',
    definition: "members' spend uplift (purchase value) at which the mean incremental profit is zero, every other assumption as drawn (by the method named under the table)",
    none: 'no uplift pays',
  },
  {
    name: 'breakEvenEnrolmentShare',
    field: 'enrolmentShare',
    label: 'Break-even enrolment share',
    definition: 'share of customers joining at which the mean incremental profit is zero, every other assumption as drawn (by the method named under the table)',
    none: 'no share pays',
  },
];
