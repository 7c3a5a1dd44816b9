/**
 * Invariants of the engine, checked in every iteration of randomised runs.
 */
import { describe, expect, it } from 'vitest';
import { resolvedProgram, type ProgramDefinitionInput, type ResolvedProgram } from '../../src/programs/registry.js';
import { bonusProgram } from '../../src/programs/types/bonus.js';
import { IterationKey, RandomStream } from '../../src/sim/random-stream.js';
import { simulate } from '../../src/sim/simulate.js';
import type { SimulationResult } from '../../src/sim/simulation-input.js';
import { TALLY_FIELDS, tallyValue, type TallyField } from '../../src/sim/tally.js';
import { monthlyRollForward } from '../../src/metrics/points-accounting.js';
import { incrementalProfit } from '../../src/metrics/profit.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { bonus, common, discount, input, variedCustomers } from './fixtures.js';
import { UserInputError } from '../../src/errors.js';
import type { MemberEvent, ProgramEventOutcome, ProgramPolicy } from '../../src/programs/program.js';
import { engineWithPolicyOverride } from './policy-override.js';



const shape = (result: SimulationResult) => ({ iterations: result.iterations, worldCount: result.worlds.length, horizonMonths: result.horizonMonths });
const value = (result: SimulationResult, iteration: number, world: number, month: number, field: TallyField) =>
  tallyValue(result.tallies, shape(result), iteration, world, month, field);

/** Random program parameters for one iteration, from the test's own stream. */
function randomPrograms(iteration: number): ResolvedProgram[] {
  const s = new RandomStream(new IterationKey(2024, iteration, 5), 0);
  const u = () => s.nextUniform();
  const overrides = () => ({
    enrolment: { share: u(), selfSelection: 3 * u() },
    effects: { frequencyUplift: 0.5 * u() - 0.1, spendUplift: 0.2 * u() - 0.05, churnReduction: u() * 0.5 },
    costs: { setup: 1000 * u(), perMemberPerYear: 5 * u(), perTransaction: 0.1 * u() },
  });
  const points = bonus(0.02 + 0.2 * u(), overrides(), 'points');
  points.points = {
    ...points.points,
    rounding: (['floor', 'round', 'none'] as const)[Math.floor(3 * u())],
    welcomeBonus: Math.floor(50 * u()),
    pendingDays: Math.floor(30 * u()),
    expiryMonths: 1 + Math.floor(6 * u()),
    minimumToRedeem: 100 * u(),
    maxShareOfPurchase: u(),
    costPerPoint: u(),
    byCategory: { fuel: 0.3 * u() },
  };
  points.redemption = { probability: u(), neverRedeemShare: u(), form: 'reward', displacesPurchase: u() };
  const redemption = () => ({ probability: u(), neverRedeemShare: 0.5 * u() });
  const tiered = resolvedProgram({
    ...common('tiers', overrides()),
    type: 'tiered',
    qualification: (() => {
      const metric = (['spend', 'purchases', 'points'] as const)[Math.floor(3 * u())];
      const window = u() < 0.3 ? ('calendar-year' as const) : 1 + Math.floor(6 * u());
      const reviewEveryMonths = 1 + Math.floor(6 * u());
      // A calendar-year window is reviewed at each year's end.
      return { metric, window, reviewEveryMonths: window === 'calendar-year' ? 12 : reviewEveryMonths, graceMonths: Math.floor(3 * u()) };
    })(),
    tiers: [
      { name: 'Red', threshold: 0 },
      { name: 'Silver', threshold: 2 + 100 * u(), earnMultiplier: 1.5, discount: 0.05 * u(), benefitCostPerYear: 20 * u() },
      { name: 'Gold', threshold: 200 + 300 * u(), earnMultiplier: 2, discount: 0.1 * u(), benefitCostPerYear: 100 * u() },
    ],
    points: { earnRate: 0.1 * u(), faceValue: 0.1, expiryMonths: 1 + Math.floor(6 * u()), pendingDays: Math.floor(20 * u()) },
    redemption: redemption(),
  });
  const stamps = resolvedProgram({
    ...common('stamps', overrides()),
    type: 'threshold-gift',
    gift: { countOn: u() < 0.5 ? 'visits' : 'spend', threshold: 2 + Math.floor(8 * u()), giftValue: 5, giftCost: 2 * u(), minimumPurchase: 20 * u(), expiryMonths: 1 + Math.floor(4 * u()) },
    redemption: redemption(),
  });
  const partner = resolvedProgram({
    ...common('network partner', overrides()),
    type: 'coalition',
    coalition: {
      view: 'partner', earnRate: u(), pricePerPointIssued: 0.01 * u(), reimbursementPerPointRedeemed: 0.01 * u(), platformFeePerMemberPerMonth: u(),
      pointsElsewherePerPoint: 2 * u(), networkArrivalsPerMonth: 10 * u(), faceValue: 0.01, expiryMonths: 1 + Math.floor(6 * u()), minimumToRedeem: 100 * u(), maxShareOfPurchase: u(),
    },
    redemption: redemption(),
  });
  const fuelShare = 0.2 + 0.6 * u();
  const operator = resolvedProgram({
    ...common('network operator', { ...overrides(), effects: { frequencyUplift: 0, spendUplift: 0, churnReduction: 0 } }),
    type: 'coalition',
    coalition: {
      view: 'operator', faceValue: 0.01, expiryMonths: 1 + Math.floor(6 * u()), maxShareOfPurchase: u(),
      partners: [
        { name: 'Fuel', spendShare: fuelShare, earnRate: 0.1, pricePerPointIssued: 0.01, reimbursementPerPointRedeemed: 0.008 },
        { name: 'Shop', spendShare: 1 - fuelShare, earnRate: 0.3, pricePerPointIssued: 0.012, reimbursementPerPointRedeemed: 0.009 },
      ],
    },
    redemption: redemption(),
  });
  const club = resolvedProgram({
    ...common('club', { ...overrides(), referral: { perMemberPerMonth: 0.05 * u(), bonus: 20 * u() } }),
    type: 'paid',
    paid: {
      fee: 5 + 100 * u(),
      period: u() < 0.5 ? 'month' : 'year',
      discountPercent: 0.3 * u(),
      deliveryValuePerOrder: 5 * u(),
      deliveryCostPerOrder: 3 * u(),
      joining: u() < 0.5 ? 'share' : 'rational',
      hurdle: 2 * u(),
      noise: 0.5 * u(),
    },
  });
  const pointsClub = resolvedProgram({
    ...common('points club', overrides()),
    type: 'paid',
    paid: {
      fee: 2 + 20 * u(),
      period: u() < 0.5 ? 'month' : 'year',
      discountPercent: 0.1 * u(),
      deliveryValuePerOrder: 0,
      deliveryCostPerOrder: 0,
      joining: u() < 0.5 ? 'share' : 'rational',
      hurdle: 2 * u(),
      noise: 0.5 * u(),
      pointsMultiplier: 3 * u(),
    },
    points: {
      earnRate: 0.02 + 0.2 * u(),
      rounding: (['floor', 'round', 'none'] as const)[Math.floor(3 * u())],
      welcomeBonus: Math.floor(50 * u()),
      pendingDays: Math.floor(20 * u()),
      expiryMonths: 1 + Math.floor(6 * u()),
      minimumToRedeem: 50 * u(),
      maxShareOfPurchase: u(),
      faceValue: 0.1,
      costPerPoint: 0.1 * u(),
      cardFee: 10 * u(),
    },
    redemption: { ...redemption(), form: 'reward' as const },
  });
  return [points, discount(0.2 * u(), overrides(), 'discount'), tiered, stamps, partner, operator, club, pointsClub];
}

describe('engine invariants', () => {
  // 12 months, and 380 days: 13 months, the last ending 14.8 days into it, where the run-off starts.
  it.each([{ horizonMonths: 12 }, { horizonDays: 380 }])('balances points in every iteration, world and month (issued = redeemed + expired + forfeited + outstanding), across the run-off and in the IFRS 15 roll-forward (%o)', async (horizon) => {
    const result = await simulate(input(variedCustomers(1500), randomPrograms, { iterations: 12, newCustomersPerMonth: 40, ...horizon }), { workers: 1 });
    // Every program type with points: bonus, tiered, threshold-gift, coalition (partner, operator),
    // paid with a points base (members who do not renew forfeit their balance). The run-off after
    // the horizon then accounts for every point outstanding at its end.
    for (const world of [1, 3, 4, 5, 6, 8]) {
      let checked = 0;
      let anyRedeemed = 0;
      let anyExpired = 0;
      for (let i = 0; i < result.iterations; i++) {
        let issued = 0;
        let redeemed = 0;
        let expired = 0;
        let ultimatelyRedeemed = 0;
        for (let month = 0; month < result.horizonMonths; month++) {
          issued += value(result, i, world, month, 'pointsIssued');
          redeemed += value(result, i, world, month, 'pointsRedeemed');
          expired += value(result, i, world, month, 'pointsExpired') + value(result, i, world, month, 'pointsForfeited');
          ultimatelyRedeemed += value(result, i, world, month, 'ultimateRedeemed');
          expect(issued, `${result.worlds[world]}, iteration ${i}, month ${month}`).toBe(redeemed + expired + value(result, i, world, month, 'pointsOutstanding'));
          checked++;
        }
        const outstanding = value(result, i, world, result.horizonMonths - 1, 'pointsOutstanding');
        const runOff = (field: TallyField) => value(result, i, world, 0, field);
        expect(runOff('runOffRedeemed') + runOff('runOffExpired') + runOff('runOffStranded') + runOff('runOffHeldAtCap'), `${result.worlds[world]}, run-off`).toBe(outstanding);
        expect(ultimatelyRedeemed, `${result.worlds[world]}, points ever redeemed`).toBe(redeemed + runOff('runOffRedeemed'));
        // The IFRS 15 roll-forward: opening + deferred - recognised = closing every month, the
        // next month opens where this one closed, and the revenue recognised never exceeds the
        // sales allocated to points.
        const rollForward = monthlyRollForward(result, i, world - 1)!;
        let allocated = 0;
        let recognised = 0;
        rollForward.periods.forEach((period, month) => {
          const where = `${result.worlds[world]}, iteration ${i}, month ${month}: IFRS 15`;
          expect(period.openingLiability + period.allocated - period.recognised, where).toBeCloseTo(period.closingLiability, 8);
          expect(period.openingLiability, where).toBe(month === 0 ? 0 : rollForward.periods[month - 1].closingLiability);
          allocated += period.allocated;
          recognised += period.recognised;
          expect(recognised, where).toBeLessThanOrEqual(allocated * (1 + 1e-12));
        });
        anyRedeemed += redeemed;
        anyExpired += expired;
      }
      expect(checked).toBe(12 * result.horizonMonths);
      // The run exercises every flow.
      expect(anyRedeemed, result.worlds[world]).toBeGreaterThan(0);
      expect(anyExpired, result.worlds[world]).toBeGreaterThan(0);
    }
  });

  it('charges paid memberships exactly: fees collected = fee x fees charged, every month; renewals within periods ended', async () => {
    const result = await simulate(input(variedCustomers(1500), randomPrograms, { iterations: 12, newCustomersPerMonth: 40 }), { workers: 1 });
    const world = 7;
    let renewals = 0;
    let referrals = 0;
    for (let i = 0; i < result.iterations; i++) {
      const fee = randomPrograms(i)[world - 1];
      if (fee.type !== 'paid') throw new Error('expected the paid program');
      for (let month = 0; month < result.horizonMonths; month++) {
        expect(value(result, i, world, month, 'feesCollected')).toBe(fee.paid.fee * value(result, i, world, month, 'feePayments'));
        expect(value(result, i, world, month, 'renewals')).toBeLessThanOrEqual(value(result, i, world, month, 'periodsEnded'));
        expect(value(result, i, world, month, 'benefitShortfalls')).toBeLessThanOrEqual(value(result, i, world, month, 'periodsEnded'));
      }
      const totals = worldTotals(result, i, world);
      renewals += totals.renewals;
      referrals += totals.referrals;
      expect(totals.rewardCost).toBeCloseTo(fee.referral!.bonus * totals.referrals, 6);
    }
    expect(renewals).toBeGreaterThan(0);
    expect(referrals).toBeGreaterThan(0);
  });

  // 15 months, and 440 days (14.46 months: the last month ends inside it).
  it.each([{ horizonMonths: 15 }, { horizonDays: 440 }])('splits every fee collected into revenue earned within the horizon and fees deferred past it, per iteration and program (%o)', async (horizon) => {
    // Clubs with monthly or yearly fees, joined on day 0 and by new customers on any day, one with a
    // card fee; the horizon ends inside the second year of the yearly fees.
    const result = await simulate(input(variedCustomers(1500), randomPrograms, { iterations: 8, newCustomersPerMonth: 40, ...horizon }), { workers: 1 });
    let deferred = 0;
    for (let i = 0; i < result.iterations; i++) {
      for (let world = 1; world < result.worlds.length; world++) {
        const totals = worldTotals(result, i, world);
        // Shares of fees of up to 22 rounded in binary: equal to 1e-9 of the fees (up to about 1e5).
        expect(Math.abs(totals.feesCollected - totals.feeRevenue - totals.feesDeferred), result.worlds[world]).toBeLessThan(1e-9 * Math.max(1, totals.feesCollected));
        expect(totals.feeRevenue).toBeGreaterThanOrEqual(0);
        expect(totals.feesDeferred).toBeGreaterThanOrEqual(0);
        deferred += totals.feesDeferred;
      }
    }
    expect(deferred).toBeGreaterThan(0);
  });

  it('reproduces the baseline exactly with a program of zero effects and zero cost, in every tally', async () => {
    const zero = { enrolment: { share: 0.6, selfSelection: 1 } };
    const programs = (
      [
      { ...common('nothing', zero), type: 'none' },
      discount(0, zero, 'no discount'),
      bonus(0, zero, 'no points'),
      { ...common('no tier benefits', zero), type: 'tiered', qualification: { metric: 'spend', window: 3 }, tiers: [{ name: 'Red', threshold: 0 }, { name: 'Gold', threshold: 50, discount: 0 }] },
      {
        ...common('no coalition money', zero),
        type: 'coalition',
        coalition: { view: 'partner', earnRate: 0, pricePerPointIssued: 0, reimbursementPerPointRedeemed: 0, faceValue: 0.01 },
        redemption: { probability: 1, neverRedeemShare: 0 },
      },
      {
        ...common('free club', { ...zero, referral: { perMemberPerMonth: 0, bonus: 10 } }),
        type: 'paid',
        paid: { fee: 0, period: 'month', discountPercent: 0, deliveryValuePerOrder: 0, deliveryCostPerOrder: 0, joining: 'rational', hurdle: 1, noise: 0.2 },
      },
      { ...discount(0, zero, 'codes for nothing'), discount: { percent: 0, scope: 'all', leakShare: 0.5 } },
      ] as ProgramDefinitionInput[]
    ).map((program) => resolvedProgram(program));
    const result = await simulate(input(variedCustomers(2000), programs, { iterations: 6, newCustomersPerMonth: 30 }), { workers: 1 });
    // Counts of members and of their membership events and code uses, not money or behaviour.
    const memberBookkeeping: TallyField[] = [
      'members',
      'enrolments',
      'memberMonths',
      'memberPurchases',
      'memberRevenue',
      'memberGrossProfit',
      'memberBaselineGrossProfit',
      'cohortMembers',
      'cohortMembersDroppedOut',
      'feePayments',
      'periodsEnded',
      'renewals',
      'nonMemberBenefitPurchases',
    ];
    for (let i = 0; i < result.iterations; i++) {
      for (let world = 1; world <= programs.length; world++) {
        for (let month = 0; month < result.horizonMonths; month++) {
          for (const field of TALLY_FIELDS) {
            if (memberBookkeeping.includes(field)) continue;
            expect(value(result, i, world, month, field), `${result.worlds[world]} ${field} month ${month}`).toBe(value(result, i, 0, month, field));
          }
        }
        expect(incrementalProfit(worldTotals(result, i, world), worldTotals(result, i, 0))).toBe(0);
        expect(value(result, i, world, 11, 'members')).toBeGreaterThan(0);
      }
    }
  });

  it('never raises profit with a discount and no behaviour change', async () => {
    const programs = (iteration: number): ResolvedProgram[] => {
      const s = new RandomStream(new IterationKey(77, iteration, 1), 0);
      const u = () => s.nextUniform();
      const program = discount(0, {
        enrolment: { share: u(), selfSelection: 2 * u() },
        costs: { setup: 500 * u(), perMemberPerYear: 2 * u(), perTransaction: 0.05 * u() },
      }, 'discount');
      program.discount = {
        percent: 0.2 * u(),
        scope: u() < 0.5 ? 'all' : ['fuel'],
        minimumPurchase: 60 * u(),
        ladder: [
          { spend: 100 * u(), percent: 0.3 * u() },
          { spend: 200 + 200 * u(), percent: 0.3 * u() },
        ],
      };
      return [program];
    };
    const result = await simulate(input(variedCustomers(2000), programs, { iterations: 20, newCustomersPerMonth: 20 }), { workers: 1 });
    for (let i = 0; i < result.iterations; i++) {
      const program = worldTotals(result, i, 1);
      const baseline = worldTotals(result, i, 0);
      expect(program.revenue).toBe(baseline.revenue);
      expect(program.purchases).toBe(baseline.purchases);
      expect(program.discounts).toBeGreaterThan(0);
      expect(incrementalProfit(program, baseline)).toBeLessThan(0);
    }
  });

  it('gives the same tallies when it skips the month ends a policy promised to be quiet', async () => {
    const make = () => input(variedCustomers(1500), randomPrograms, { iterations: 6, newCustomersPerMonth: 30 });
    const skipping = await simulate(make(), { workers: 1 });
    // The same run with a bonus policy that promises nothing: called at every month end.
    const engine = await engineWithPolicyOverride();
    engine.overridePolicy({
      type: 'bonus',
      create(context) {
        const policy = bonusProgram.create(context);
        const monthEnd = policy.monthEnd.bind(policy);
        policy.monthEnd = (event: MemberEvent, out: ProgramEventOutcome) => {
          monthEnd(event, out);
          out.quietUntilMonth = 0;
        };
        return policy as ProgramPolicy<ResolvedProgram>;
      },
    });
    try {
      const calling = await engine.simulate(make(), { workers: 1 });
      expect(Buffer.from(calling.tallies.buffer).equals(Buffer.from(skipping.tallies.buffer))).toBe(true);
    } finally {
      engine.overridePolicy(undefined);
    }
  });

  it('gives the same tallies for the same seed and different ones for another seed', async () => {
    const make = (seed: number) => input(variedCustomers(800), randomPrograms, { iterations: 3, newCustomersPerMonth: 25, seed });
    const first = await simulate(make(11), { workers: 1 });
    const again = await simulate(make(11), { workers: 1 });
    const other = await simulate(make(12), { workers: 1 });
    expect(Buffer.from(again.tallies.buffer).equals(Buffer.from(first.tallies.buffer))).toBe(true);
    expect(Buffer.from(other.tallies.buffer).equals(Buffer.from(first.tallies.buffer))).toBe(false);
    expect(value(other, 0, 0, 0, 'revenue')).not.toBe(value(first, 0, 0, 0, 'revenue'));
  });

  it('seeds each iteration from (seed, iteration): an iteration does not depend on the others', async () => {
    const all = await simulate(input(variedCustomers(500), randomPrograms, { iterations: 3, newCustomersPerMonth: 10 }), { workers: 1 });
    // The same iteration 2, simulated after a different history of iterations (only iteration 2's
    // parameters are the same), gives the same tallies.
    const shuffled = input(variedCustomers(500), (i) => randomPrograms(i === 2 ? 2 : 9), { iterations: 3, newCustomersPerMonth: 10 });
    const again = await simulate(shuffled, { workers: 1 });
    const length = all.tallies.length / 3;
    expect(Array.from(again.tallies.subarray(2 * length))).toEqual(Array.from(all.tallies.subarray(2 * length)));
    expect(Array.from(again.tallies.subarray(0, length))).not.toEqual(Array.from(all.tallies.subarray(0, length)));
  });

  it('enrols the share of the customers who shop in the horizon, each once, heavier buyers more often with self-selection', async () => {
    // Customers with little history over a quarter: many active customers buy nothing in it, so
    // the share of those who shop and the share of those active differ clearly.
    const programs = [discount(0.05, { enrolment: { share: 0.5, selfSelection: 0 } }), discount(0.05, { enrolment: { share: 0.3, selfSelection: 1.5 } }, 'heavy')];
    const result = await simulate(input(variedCustomers(5000), programs, { iterations: 8, horizonMonths: 3, newCustomersPerMonth: 40 }), { workers: 1 });
    for (const [world, share] of [[1, 0.5], [2, 0.3]] as const) {
      let enrolled = 0;
      let shoppers = 0;
      let active = 0;
      let memberPurchases = 0;
      let purchases = 0;
      for (let i = 0; i < result.iterations; i++) {
        const baseline = worldTotals(result, i, 0);
        const totals = worldTotals(result, i, world);
        enrolled += totals.enrolments;
        shoppers += baseline.shoppers;
        active += baseline.customers;
        memberPurchases += totals.memberPurchases;
        purchases += totals.purchases;
        // Nobody's membership ends in a discount program: members at the end = members ever enrolled.
        expect(totals.members).toBe(totals.enrolments);
      }
      // Given who shops, the number enrolled is a sum of independent Bernoulli draws with mean
      // share x shoppers (exactly, by the scale of enrolment.ts) and variance at most that of a
      // Binomial(shoppers, share): the share enrolled is within 4 standard errors
      // sqrt(share (1 - share) / shoppers) of the share (about 0.004 for some 25,000 shoppers).
      expect(Math.abs(enrolled / shoppers - share)).toBeLessThan(4 * Math.sqrt((share * (1 - share)) / shoppers));
      // Not the share of the customers simulated (active at the start, and new arrivals).
      expect(shoppers / active).toBeLessThan(0.8);
      expect(Math.abs(enrolled / active - share)).toBeGreaterThan(0.05);
      if (world === 2) {
        // Members buy more often than the non-members who shop.
        expect(memberPurchases / enrolled).toBeGreaterThan(1.5 * ((purchases - memberPurchases) / (shoppers - enrolled)));
      }
    }
  });

  it('lowers members\' dropout with a churn reduction and raises their purchases with a frequency uplift', async () => {
    const programs = [discount(0, { effects: { frequencyUplift: 0.4, spendUplift: 0, churnReduction: 0.8 } })];
    const result = await simulate(input(variedCustomers(3000), programs, { iterations: 4 }), { workers: 1 });
    for (let i = 0; i < result.iterations; i++) {
      const program = worldTotals(result, i, 1);
      const baseline = worldTotals(result, i, 0);
      expect(program.cohortDroppedOut).toBeLessThan(baseline.cohortDroppedOut);
      expect(program.cohortLapsed).toBeLessThan(baseline.cohortLapsed);
      expect(program.purchases).toBeGreaterThan(1.2 * baseline.purchases);
    }
  });

  it('rejects impossible resolved parameters naming the iteration and field', async () => {
    const bad = input(variedCustomers(10), (i) => [{ ...discount(0.05), enrolment: { share: i === 1 ? 1.2 : 0.5, selfSelection: 0 } }], { iterations: 2 });
    const error = await simulate(bad, { workers: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).format()).toBe('iteration 2: programs[0] (5% off).enrolment.share: must be at most 1 (100%), got 1.2');
  });
});
