/** Inputs for engine tests: customer bases, programs and iterations built from seeded streams. */
import type { ResolvedBonusProgram } from '../../src/programs/types/bonus.js';
import type { ResolvedDiscountProgram } from '../../src/programs/types/discount.js';
import type { ProgramCommon } from '../../src/programs/program.js';
import { resolvedProgram, type ResolvedProgram } from '../../src/programs/registry.js';
import { IterationKey, RandomStream } from '../../src/sim/random-stream.js';
import type { SimulationCustomers, SimulationInput } from '../../src/sim/simulation-input.js';

export const WEEKLY_MODEL = {
  bgnbd: { r: 1.2, alpha: 10, a: 0.6, b: 4 },
  gammaGamma: { p: 6, q: 4, v: 20 },
  daysPerPeriod: 7,
};

/** `count` customers with the same history (x, t_x, T in weeks, mean repeat value m). */
export function identicalCustomers(count: number, x: number, tx: number, T: number, m: number): SimulationCustomers {
  return {
    x: new Float64Array(count).fill(x),
    tx: new Float64Array(count).fill(tx),
    T: new Float64Array(count).fill(T),
    monetaryValue: new Float64Array(count).fill(m),
    count,
  };
}

/** A varied customer base: x in 0..9, t_x <= T <= 104 weeks, values around 40. */
export function variedCustomers(count: number, seed = 5): SimulationCustomers {
  const customers = identicalCustomers(count, 0, 0, 0, 0);
  const stream = new RandomStream(new IterationKey(seed, 0, 77), 0);
  for (let i = 0; i < count; i++) {
    const x = Math.floor(stream.nextUniform() * 10);
    const T = 4 + stream.nextUniform() * 100;
    customers.x[i] = x;
    customers.T[i] = T;
    customers.tx[i] = x > 0 ? stream.nextUniform() * T : 0;
    customers.monetaryValue[i] = x > 0 ? 20 + stream.nextUniform() * 40 : 0;
  }
  return customers;
}

export const NO_EFFECTS = { frequencyUplift: 0, spendUplift: 0, churnReduction: 0 };
export const NO_COSTS = { setup: 0, perMemberPerYear: 0, perTransaction: 0 };
/** Everyone who shops joins, at the start (the controlled comparison: effects from day 0). */
export const EVERYONE = { share: 1, selfSelection: 0, at: 'start' as const };

export function common(name: string, overrides: Partial<Omit<ProgramCommon, 'name' | 'type'>> = {}): Omit<ProgramCommon, 'type'> {
  return { name, enrolment: EVERYONE, effects: NO_EFFECTS, costs: NO_COSTS, ...overrides };
}

export function discount(percent: number, overrides: Partial<Omit<ProgramCommon, 'name' | 'type'>> = {}, name = `${percent * 100}% off`): ResolvedDiscountProgram {
  return resolvedProgram({ ...common(name, overrides), type: 'discount', discount: { percent, scope: 'all' } });
}

export function bonus(earnRate: number, overrides: Partial<Omit<ProgramCommon, 'name' | 'type'>> = {}, name = 'points'): ResolvedBonusProgram {
  return resolvedProgram({
    ...common(name, overrides),
    type: 'bonus',
    points: { earnRate, faceValue: 1, minimumToRedeem: 20, maxShareOfPurchase: 0.2, pendingDays: 14, expiryMonths: 3 },
    redemption: { probability: 0.6, neverRedeemShare: 0.3 },
  });
}

export function input(
  customers: SimulationCustomers,
  programs: ResolvedProgram[] | ((iteration: number) => ResolvedProgram[]),
  options: Partial<Omit<SimulationInput, 'customers' | 'iterations'>> & { iterations?: number } = {},
): SimulationInput {
  const iterations = options.iterations ?? 4;
  return {
    customers,
    model: options.model ?? WEEKLY_MODEL,
    categories: options.categories ?? { names: ['shop', 'fuel'], revenueShares: [0.7, 0.3], margins: [0.35, 0.1] },
    newCustomersPerMonth: options.newCustomersPerMonth ?? 0,
    ...(options.horizonDays !== undefined ? { horizonDays: options.horizonDays } : { horizonMonths: options.horizonMonths ?? 12 }),
    ...(options.annualDiscountRate !== undefined ? { annualDiscountRate: options.annualDiscountRate } : {}),
    seed: options.seed ?? 1,
    iterations: Array.from({ length: iterations }, (_, i) => ({ programs: typeof programs === 'function' ? programs(i) : programs })),
  };
}
