/**
 * The engine's hooks for program types: breakdown groups, arrivals through a program, referrals,
 * benefits to non-members and enrolment decided by the policy. A small test program type, installed
 * in the registry for the duration of a test, exercises each.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EnrolmentCandidate, MemberEvent, ProgramEventOutcome, ProgramPolicy } from '../../src/programs/program.js';
import type { ResolvedProgram } from '../../src/programs/registry.js';
import type { ResolvedNoneProgram } from '../../src/programs/types/none.js';
import type { SimulationResult } from '../../src/sim/simulation-input.js';
import { BREAKDOWN_FIELDS, breakdownIndex, breakdownLayout, BreakdownField, TALLY_FIELDS, Tally, tallyOffset } from '../../src/sim/tally.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { common, input, variedCustomers, WEEKLY_MODEL } from './fixtures.js';
import { engineWithPolicyOverride, type PolicyOverride } from './policy-override.js';

/** The engine, with the test's policy in place of a type's while a test installs one. */
const { simulate, overridePolicy } = await engineWithPolicyOverride();

/** Options of the test policy, set per test. */
interface TestHooks {
  /** Spend from which a member moves to group 1 ("gold"), where they get 10% off. */
  goldFromSpend?: number;
  arrivalsPerMonth?: number;
  nonMemberShare?: number;
  /** Members join when their expected purchases per year reach this (policy-decided enrolment). */
  joinFromPurchasesPerYear?: number;
}

let hooks: TestHooks = {};

class TestPolicy implements ProgramPolicy<ResolvedNoneProgram> {
  private spend = 0;
  configure(): void {}
  enrol(_event: MemberEvent, out: ProgramEventOutcome): void {
    this.spend = 0;
    out.group = 0;
  }
  purchase(event: MemberEvent, out: ProgramEventOutcome): void {
    if (hooks.goldFromSpend === undefined) return;
    if (this.spend >= hooks.goldFromSpend) out.discount = 0.1 * event.amount;
    this.spend += event.amount;
    if (this.spend >= hooks.goldFromSpend) out.group = 1;
  }
  monthEnd(_event: MemberEvent, out: ProgramEventOutcome): void {
    out.quietUntilMonth = Infinity;
  }
  leave(): void {}
  decidesEnrolment(): boolean {
    return hooks.joinFromPurchasesPerYear !== undefined;
  }
  joins(candidate: EnrolmentCandidate): boolean {
    return candidate.ratePerDay * 365.2425 >= hooks.joinFromPurchasesPerYear!;
  }
  arrivalsPerMonth(): number {
    return hooks.arrivalsPerMonth ?? 0;
  }
  nonMemberShare(): number {
    return hooks.nonMemberShare ?? 0;
  }
  nonMemberPurchase(event: MemberEvent, out: ProgramEventOutcome): void {
    out.discount = 0.2 * event.amount;
  }
}

/** The test policy in place of type `none`'s. */
const testType: PolicyOverride = {
  type: 'none',
  create: () => new TestPolicy() as ProgramPolicy<ResolvedProgram>,
  breakdownGroups: () => (hooks.goldFromSpend === undefined ? [] : ['standard', 'gold']),
};

function installTestType(options: TestHooks): void {
  hooks = options;
  overridePolicy(testType);
}
afterEach(() => {
  overridePolicy(undefined);
  hooks = {};
});

const testProgram = (overrides: Parameters<typeof common>[1] = {}): ResolvedProgram => ({ ...common('test', overrides), type: 'none' });
const shapeOf = (result: SimulationResult) => ({ iterations: result.iterations, worldCount: result.worlds.length, horizonMonths: result.horizonMonths });

describe('breakdown groups', () => {
  it('split the members, their sales, benefits and baseline profit exactly between the groups', async () => {
    installTestType({ goldFromSpend: 150 });
    const result = await simulate(
      input(variedCustomers(1500), [testProgram({ enrolment: { share: 0.7, selfSelection: 1 }, costs: { setup: 0, perMemberPerYear: 12, perTransaction: 0.5 } })], {
        iterations: 3,
        newCustomersPerMonth: 20,
      }),
      { workers: 1 },
    );
    expect(result.breakdownGroups).toEqual([['standard', 'gold']]);
    const layout = breakdownLayout(result.breakdownGroups, result.horizonMonths);
    expect(result.breakdown.length).toBe(3 * 12 * 2 * BREAKDOWN_FIELDS.length);
    const shape = shapeOf(result);
    for (let i = 0; i < result.iterations; i++) {
      let goldMembers = 0;
      for (let month = 0; month < 12; month++) {
        const tally = (field: keyof typeof Tally) => result.tallies[tallyOffset(shape, i, 1, month) + Tally[field]];
        const group = (g: number, field: keyof typeof BreakdownField) => result.breakdown[breakdownIndex(layout, i, 0, month, g) + BreakdownField[field]];
        const both = (field: keyof typeof BreakdownField) => group(0, field) + group(1, field);
        expect(both('members')).toBe(tally('members'));
        expect(both('purchases')).toBe(tally('memberPurchases'));
        expect(both('grossProfit')).toBeCloseTo(tally('memberGrossProfit'), 6);
        expect(both('benefits')).toBeCloseTo(tally('discounts'), 6);
        // Every member is a member all along, so the groups' profit is the world's member profit.
        expect(both('profit')).toBeCloseTo(tally('memberGrossProfit') - tally('discounts') - tally('operatingCost'), 6);
        // Only gold members get the discount.
        expect(group(0, 'benefits')).toBe(0);
        expect(group(1, 'members')).toBeGreaterThanOrEqual(goldMembers); // nobody leaves gold
        goldMembers = group(1, 'members');
      }
      expect(goldMembers).toBeGreaterThan(0);
      // Over the horizon the baseline gross profit of the members splits exactly between the groups.
      let baselineOfGroups = 0;
      for (let month = 0; month < 12; month++) {
        for (const g of [0, 1]) baselineOfGroups += result.breakdown[breakdownIndex(layout, i, 0, month, g) + BreakdownField.baselineGrossProfit];
      }
      expect(baselineOfGroups).toBeCloseTo(worldTotals(result, i, 1).memberBaselineGrossProfit, 6);
    }
  });

  it('take no room for programs without groups', async () => {
    installTestType({});
    const result = await simulate(input(variedCustomers(100), [testProgram()], { iterations: 2 }), { workers: 1 });
    expect(result.breakdownGroups).toEqual([[]]);
    expect(result.breakdown.length).toBe(0);
  });
});

describe('arrivals through a program', () => {
  it('add new customers in the program world only, as members, at the given rate', async () => {
    installTestType({ arrivalsPerMonth: 50 });
    const make = () => input(variedCustomers(800), [testProgram({ enrolment: { share: 0.5, selfSelection: 0 } })], { iterations: 8 });
    const result = await simulate(make(), { workers: 1 });
    overridePolicy(undefined);
    const plain = await simulate(make(), { workers: 1 });
    let arrivals = 0;
    for (let i = 0; i < result.iterations; i++) {
      const program = worldTotals(result, i, 1);
      const plainProgram = worldTotals(plain, i, 1);
      // The baseline does not change; the program world gains the arrivals and their purchases.
      expect(worldTotals(result, i, 0)).toEqual(worldTotals(plain, i, 0));
      expect(program.members - plainProgram.members).toBeGreaterThan(0);
      expect(program.purchases).toBeGreaterThan(plainProgram.purchases + program.programArrivals - 1);
      expect(plainProgram.programArrivals).toBe(0);
      arrivals += program.programArrivals;
    }
    // Poisson: 8 x 12 x 50 = 4,800 expected, standard deviation about 69.
    expect(Math.abs(arrivals - 4800)).toBeLessThan(4 * Math.sqrt(4800));
  });
});

describe('referral', () => {
  it('brings perMemberPerMonth customers per member-month while buying, each costing the bonus', async () => {
    installTestType({});
    // No dropout (a ~ 0) and no membership end: every member refers for the whole year.
    const model = { ...WEEKLY_MODEL, bgnbd: { r: 2, alpha: 10, a: 1e-6, b: 4 } };
    const customers = variedCustomers(1000);
    customers.x.fill(0);
    const program = testProgram({ enrolment: { share: 1, selfSelection: 0, at: 'start' }, referral: { perMemberPerMonth: 0.05, bonus: 15 } });
    const result = await simulate(input(customers, [program], { model, iterations: 6 }), { workers: 1 });
    let referrals = 0;
    let expected = 0;
    for (let i = 0; i < result.iterations; i++) {
      const totals = worldTotals(result, i, 1);
      const baseline = worldTotals(result, i, 0);
      expect(totals.rewardCost).toBeCloseTo(15 * totals.referrals, 8);
      // Referred customers are members and buy: the world has more customers than the baseline.
      expect(totals.members).toBeGreaterThan(baseline.cohortActiveAtStart);
      expect(totals.revenue).toBeGreaterThan(baseline.revenue);
      referrals += totals.referrals;
      // A linear birth process: members grow as N0 e^(rho t), so the referrals over 12 months are
      // 1,000 (e^(0.05 x 12) - 1) = 822.1.
      expected += 1000 * Math.expm1(0.05 * 12);
    }
    expect(Math.abs(referrals - expected)).toBeLessThan(4 * Math.sqrt(expected));
    expect(worldTotals(result, 0, 0).referrals).toBe(0);
  });
});

describe('benefits to non-members', () => {
  it('go to the given share of non-members, on every purchase, without behaviour change', async () => {
    installTestType({ nonMemberShare: 0.25 });
    const result = await simulate(input(variedCustomers(4000), [testProgram({ enrolment: { share: 0.4, selfSelection: 0 } })], { iterations: 4 }), {
      workers: 1,
    });
    for (let i = 0; i < result.iterations; i++) {
      const program = worldTotals(result, i, 1);
      const baseline = worldTotals(result, i, 0);
      expect(program.revenue).toBe(baseline.revenue);
      const nonMemberPurchases = baseline.purchases - program.memberPurchases;
      const share = program.nonMemberBenefitPurchases / nonMemberPurchases;
      expect(share).toBeGreaterThan(0.15);
      expect(share).toBeLessThan(0.35);
      // 20% off on purchases made anyway: all of it is subsidy.
      expect(program.subsidy).toBeCloseTo(program.discounts, 6);
    }
  });
});

describe('enrolment decided by the policy', () => {
  it('enrols exactly the customers the policy picks, from their own purchase rate', async () => {
    installTestType({ joinFromPurchasesPerYear: 8 });
    const customers = variedCustomers(2000);
    const result = await simulate(input(customers, [testProgram()], { iterations: 2, horizonMonths: 1 }), { workers: 1 });
    for (let i = 0; i < result.iterations; i++) {
      const program = worldTotals(result, i, 1);
      expect(program.members).toBeGreaterThan(0);
      expect(program.members).toBeLessThan(program.cohortActiveAtStart);
      // Members buy at >= 8 a year; the rest below. Over one month, members average at least 8/12.
      expect(program.memberPurchases / program.members).toBeGreaterThan((8 / 12) * 0.9);
      const others = program.purchases - program.memberPurchases;
      expect(others / (program.cohortActiveAtStart - program.members)).toBeLessThan(8 / 12);
    }
  });
});

describe('a program with hooks but no effects', () => {
  it('leaves every baseline tally unchanged', async () => {
    installTestType({ goldFromSpend: 1e12 });
    const result = await simulate(input(variedCustomers(600), [testProgram({ enrolment: { share: 0.5, selfSelection: 1 } })], { iterations: 2 }), {
      workers: 1,
    });
    const skip = new Set(['members', 'enrolments', 'memberMonths', 'memberPurchases', 'memberRevenue', 'memberGrossProfit', 'memberBaselineGrossProfit', 'cohortMembers', 'cohortMembersDroppedOut']);
    for (let i = 0; i < 2; i++) {
      const program = worldTotals(result, i, 1);
      const baseline = worldTotals(result, i, 0);
      for (const field of TALLY_FIELDS) if (!skip.has(field)) expect(program[field], field).toBe(baseline[field]);
    }
  });
});
