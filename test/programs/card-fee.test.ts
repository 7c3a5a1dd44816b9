/**
 * The one-off card fee of a points card (`points.cardFee`), worked by hand: a member pays it on
 * enrolment and nowhere else; through the engine, N members enrolled in month 0 bring exactly
 * N x fee of fees collected and of fee revenue in month 0 (the fee pays for the card, handed over
 * on joining: nothing is deferred) and none later, for a bonus program and for a tiered program
 * (whose base points are a bonus program's); a card fee of 0 changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { worldProfit } from '../../src/metrics/profit.js';
import { monthTallies, worldTotals } from '../../src/metrics/world-totals.js';
import { bonusProgram, type ResolvedBonusProgram } from '../../src/programs/types/bonus.js';
import type { ResolvedPaidProgram } from '../../src/programs/types/paid.js';
import { checkResolvedProgram, resolvedProgram } from '../../src/programs/registry.js';
import { simulate } from '../../src/sim/simulate.js';
import type { UserInputError } from '../../src/errors.js';
import { bonus, common, input, variedCustomers } from '../sim/fixtures.js';
import { PolicyDriver } from './helpers.js';

const CONTEXT = { horizonMonths: 12, categoryNames: ['shop', 'fuel'] };

/** The fixtures' points program with a card fee (`undefined`: the key absent). */
function pointsCard(cardFee: number | undefined, share = 1): ResolvedBonusProgram {
  const program = bonus(0.1, { enrolment: { share, selfSelection: 0, at: 'start' } }, 'points card');
  return { ...program, points: { ...program.points, cardFee } };
}

describe('card fee of a points card', () => {
  it('is paid once, on enrolment and earned then: 250 collected and one fee payment, none on purchases or month ends', () => {
    const policy = bonusProgram.create(CONTEXT);
    policy.configure(pointsCard(250));
    const driver = new PolicyDriver(policy);
    expect(driver.enrol(3)).toMatchObject({ feesCollected: 250, feeEarnedAtOnce: 250, feePeriodStartDay: 3, feePeriodDays: 0, feePayments: 1, pointsIssued: 0 });
    expect(driver.purchase(5, 400)).toMatchObject({ feesCollected: 0, feePayments: 0, pointsIssued: 40 });
    expect(driver.monthEnd(0)).toMatchObject({ feesCollected: 0, feePayments: 0, pointsOutstanding: 40 });
    // A second card bought by a new member (the policy is reused customer after customer).
    expect(driver.enrol(40)).toMatchObject({ feesCollected: 250, feePayments: 1, feePeriodStartDay: 40 });
  });

  it('is nothing when 0 or absent', () => {
    for (const cardFee of [0, undefined]) {
      const policy = bonusProgram.create(CONTEXT);
      policy.configure(pointsCard(cardFee));
      expect(new PolicyDriver(policy).enrol(0)).toMatchObject({ feesCollected: 0, feeEarnedAtOnce: 0, feePayments: 0 });
    }
  });

  it('rejects a negative fee, naming the field', () => {
    let message: string | undefined;
    try {
      checkResolvedProgram(pointsCard(-250), 'programs[0]', CONTEXT);
    } catch (error) {
      message = (error as UserInputError).format();
    }
    expect(message).toBe('programs[0].points.cardFee: must not be negative, got -250');
  });
});

describe('card fee through the engine', () => {
  it('N members enrolled in month 0 bring exactly N x 250 in month 0, collected and earned, and nothing later', async () => {
    // Everyone joins (share 1, no self-selection) and nobody arrives later, so the members
    // enrolled are the customers active at the start, all of them on day 0.
    const result = await simulate(input(variedCustomers(2000), [pointsCard(250)], { iterations: 3 }), { workers: 1 });
    for (let i = 0; i < 3; i++) {
      const enrolled = worldTotals(result, i, 1).cohortActiveAtStart;
      expect(enrolled).toBeGreaterThan(0);
      expect(monthTallies(result, i, 1, 0).feesCollected).toBe(250 * enrolled);
      expect(monthTallies(result, i, 1, 0).feeRevenue).toBe(250 * enrolled);
      expect(monthTallies(result, i, 1, 0).feePayments).toBe(enrolled);
      expect(worldTotals(result, i, 1).feesCollected).toBe(250 * enrolled);
      expect(worldTotals(result, i, 1).feeRevenue).toBe(250 * enrolled);
      expect(worldTotals(result, i, 1).feesDeferred).toBe(0);
      expect(worldTotals(result, i, 0).feesCollected).toBe(0);
    }
  });

  it('with an enrolment share, the card buyers are the members a paid card with the same share signs up', async () => {
    // The engine decides who joins from the enrolment block and each customer's own uniform, the
    // same in every world: a yearly paid card of 250 joined by share enrols the same customers,
    // so in month 0 both collect the same fees; new customers arrive every month and pay too. The
    // card's fee is earned when collected; the paid card's pays for a year, so of a new member's
    // fee the part for service after the 12-month horizon is deferred.
    const club = resolvedProgram({
      ...common('paid card', { enrolment: { share: 0.4, selfSelection: 0, at: 'start' } }),
      type: 'paid',
      paid: { fee: 250, period: 'year', discountPercent: 0, deliveryValuePerOrder: 0, deliveryCostPerOrder: 0, joining: 'share', hurdle: 1, noise: 0 },
    });
    const result = await simulate(input(variedCustomers(2000), [pointsCard(250, 0.4), club], { iterations: 3, newCustomersPerMonth: 30 }), { workers: 1 });
    for (let i = 0; i < 3; i++) {
      const card = worldTotals(result, i, 1);
      const paidCard = worldTotals(result, i, 2);
      expect(card.feePayments).toBeGreaterThan(0.3 * card.cohortActiveAtStart);
      expect(card.feePayments).toBeLessThan(0.5 * card.cohortActiveAtStart + 12 * 30);
      // A paid card's fees within the first year are its joiners' fees only, the card fee's too.
      expect(card.feePayments).toBe(paidCard.feePayments);
      expect(card.feesCollected).toBe(250 * card.feePayments);
      expect(card.feeRevenue).toBe(card.feesCollected);
      expect(card.feesDeferred).toBe(0);
      expect(paidCard.feesDeferred).toBeGreaterThan(0);
      expect(paidCard.feeRevenue + paidCard.feesDeferred).toBeCloseTo(paidCard.feesCollected, 6);
      for (let month = 0; month < 12; month++) {
        expect(monthTallies(result, i, 1, month).feesCollected).toBe(monthTallies(result, i, 2, month).feesCollected);
      }
    }
  });

  it('a tiered program with a card fee on its points collects it on enrolment too', async () => {
    const tiered = resolvedProgram({
      ...common('status card'),
      type: 'tiered',
      qualification: { metric: 'spend', window: 12, reviewEveryMonths: 6, graceMonths: 0 },
      tiers: [
        { name: 'Red', threshold: 0, earnMultiplier: 1 },
        { name: 'Gold', threshold: 400, earnMultiplier: 2 },
      ],
      points: { earnRate: 0.1, faceValue: 0.1, cardFee: 30 },
      redemption: { probability: 0.5, neverRedeemShare: 0.2 },
    });
    const result = await simulate(input(variedCustomers(1000), [tiered], { iterations: 2 }), { workers: 1 });
    for (let i = 0; i < 2; i++) {
      const enrolled = worldTotals(result, i, 1).cohortActiveAtStart;
      expect(monthTallies(result, i, 1, 0).feesCollected).toBe(30 * enrolled);
      expect(worldTotals(result, i, 1).feesCollected).toBe(30 * enrolled);
      expect(worldTotals(result, i, 1).feeRevenue).toBe(30 * enrolled);
    }
  });

  it('a card fee of 0 gives the same tallies, to the bit, as no card fee', async () => {
    const without = await simulate(input(variedCustomers(1000), [pointsCard(undefined, 0.5)], { iterations: 2, newCustomersPerMonth: 10 }), { workers: 1 });
    const zero = await simulate(input(variedCustomers(1000), [pointsCard(0, 0.5)], { iterations: 2, newCustomersPerMonth: 10 }), { workers: 1 });
    expect(Array.from(zero.tallies)).toEqual(Array.from(without.tallies));
  });

  it('the fee is revenue: profit rises by exactly the fees against the same program without one', async () => {
    const without = await simulate(input(variedCustomers(1000), [pointsCard(0, 0.5)], { iterations: 2 }), { workers: 1 });
    const withFee = await simulate(input(variedCustomers(1000), [pointsCard(100, 0.5)], { iterations: 2 }), { workers: 1 });
    for (let i = 0; i < 2; i++) {
      const fees = worldTotals(withFee, i, 1).feeRevenue;
      expect(fees).toBeGreaterThan(0);
      expect(fees).toBe(100 * worldTotals(withFee, i, 1).feePayments);
      // The fee changes no purchase: same sales, same rewards; only the fee revenue differs.
      expect(worldTotals(withFee, i, 1).revenue).toBe(worldTotals(without, i, 1).revenue);
      expect(worldTotals(withFee, i, 1).rewardCost).toBe(worldTotals(without, i, 1).rewardCost);
      expect(worldProfit(worldTotals(withFee, i, 1)) - worldProfit(worldTotals(without, i, 1))).toBeCloseTo(fees, 6);
    }
  });
});
