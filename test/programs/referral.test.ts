/**
 * Referral ("bring a friend"), worked by hand: each member brings new customers at a rate while a
 * member and still buying, the referred join and bring others in turn, each referral costs the bonus.
 */
import { describe, expect, it } from 'vitest';
import { programDefinitionSchema } from '../../src/config/program-schema.js';
import { drawAssumptions } from '../../src/schema/draw-assumptions.js';
import { simulate } from '../../src/sim/simulate.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { tallyValue } from '../../src/sim/tally.js';
import type { ResolvedProgram } from '../../src/programs/registry.js';
import { common, discount, input, variedCustomers, WEEKLY_MODEL } from '../sim/fixtures.js';

/** 2,000 customers who are all active and never drop out (p ~ Beta(1e-6, 4) is 0 in double precision). */
function loyalCustomers() {
  const customers = variedCustomers(2000);
  customers.x.fill(0);
  return { customers, model: { ...WEEKLY_MODEL, bgnbd: { r: 2, alpha: 10, a: 1e-6, b: 4 } } };
}

describe('referral', () => {
  it('brings N0 (e^(rho T) - 1) customers: 2,000 members at 0.1 a month for a month bring 210.3', async () => {
    const { customers, model } = loyalCustomers();
    const program: ResolvedProgram = { ...common('friends', { referral: { perMemberPerMonth: 0.1, bonus: 15 } }), type: 'none' };
    const iterations = 10;
    const result = await simulate(input(customers, [program], { model, iterations, horizonMonths: 1 }), { workers: 1 });
    let referrals = 0;
    for (let i = 0; i < iterations; i++) {
      const totals = worldTotals(result, i, 1);
      referrals += totals.referrals;
      // Each referral costs exactly the bonus, and the referred are members.
      expect(totals.rewardCost).toBe(15 * totals.referrals);
      expect(totals.members).toBe(2000 + totals.referrals);
    }
    // A linear birth process: E = 2,000 (e^0.1 - 1) = 210.34 per iteration; Poisson-like spread.
    const expected = iterations * 2000 * Math.expm1(0.1);
    expect(Math.abs(referrals - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it('books the bonus in the month of the referral, and the referred buy: incremental revenue is theirs', async () => {
    const { customers, model } = loyalCustomers();
    const program = discount(0, { referral: { perMemberPerMonth: 0.02, bonus: 25 } }, 'friends');
    const result = await simulate(input(customers, [program], { model, iterations: 3, horizonMonths: 6 }), { workers: 1 });
    const shape = { iterations: 3, worldCount: 2, horizonMonths: 6 };
    for (let i = 0; i < 3; i++) {
      for (let month = 0; month < 6; month++) {
        expect(tallyValue(result.tallies, shape, i, 1, month, 'rewardCost')).toBe(25 * tallyValue(result.tallies, shape, i, 1, month, 'referrals'));
      }
      const program = worldTotals(result, i, 1);
      const baseline = worldTotals(result, i, 0);
      expect(program.referrals).toBeGreaterThan(0);
      expect(program.revenue).toBeGreaterThan(baseline.revenue);
      expect(baseline.referrals).toBe(0);
    }
    const [metrics] = computeMetrics(result, { annualDiscountRate: 0.08 }).map((p) => p.metrics);
    expect(metrics.referrals.mean).toBeGreaterThan(0);
    expect(metrics.incrementalRevenue.mean).toBeGreaterThan(0);
  });

  it('stops when the member stops buying: members who drop out at their first purchase refer until then', async () => {
    // Customers without history (x = t_x = T = 0): rates lambda ~ Gamma(2, 10) a week, and dropout
    // probability 1 (p ~ Beta(1e6, 1e-6)) at the first purchase. The time to that purchase is Lomax:
    // P(tau > t) = (10 / (10 + t))^2, so E[min(tau, 52.18 weeks)] = 10 - 100 / 62.18 = 8.39 weeks
    // = 1.93 months. The 2,000 founders bring 2,000 x 0.1 x 1.93 = 386; the referred, each with a
    // trial purchase and then the same wait at most, add at most a share 0.193 per generation:
    // at most 386 / (1 - 0.193) = 478.
    const customers = variedCustomers(2000);
    for (const key of ['x', 'tx', 'T'] as const) customers[key].fill(0);
    const model = { ...WEEKLY_MODEL, bgnbd: { r: 2, alpha: 10, a: 1e6, b: 1e-6 } };
    const program: ResolvedProgram = { ...common('friends', { referral: { perMemberPerMonth: 0.1, bonus: 1 } }), type: 'none' };
    const iterations = 4;
    const result = await simulate(input(customers, [program], { model, iterations, horizonMonths: 12 }), { workers: 1 });
    let referrals = 0;
    for (let i = 0; i < iterations; i++) referrals += worldTotals(result, i, 1).referrals;
    const founders = (10 - 100 / (10 + 365.2425 / 7)) * (7 / (365.2425 / 12)) * 0.1 * 2000;
    expect(founders).toBeCloseTo(386, 0);
    expect(referrals / iterations).toBeGreaterThan(founders - 4 * Math.sqrt(founders / iterations));
    expect(referrals / iterations).toBeLessThan(founders / (1 - founders / 2000) + 4 * Math.sqrt(founders / iterations));
  });

  it('is an optional block of any program type in YAML, drawn into the engine\'s shape', () => {
    const definition = programDefinitionSchema.parse({
      name: 'Bring a friend',
      type: 'discount',
      discount: { percent: '5%' },
      referral: { perMemberPerMonth: 'uniform(0.01, 0.03)', bonus: 10 },
    });
    const drawn = drawAssumptions(definition, () => 0.5);
    expect(drawn.referral?.perMemberPerMonth).toBeCloseTo(0.02, 15);
    expect(drawn.referral?.bonus).toBe(10);
    expect(() => programDefinitionSchema.parse({ name: 'x', type: 'none', referral: { perMemberPerMonth: -1 } })).toThrow();
    expect(drawAssumptions(programDefinitionSchema.parse({ name: 'x', type: 'none' }), () => 0.5)).not.toHaveProperty('referral');
  });
});

describe('referral into a paid membership with rational joining', () => {
  it('lets the referred customers decide by the same rule as everyone; the referrer gets the bonus either way', async () => {
    const { customers, model } = loyalCustomers();
    const club = (perMemberPerMonth: number, fee: number, joining: 'share' | 'rational' = 'rational'): ResolvedProgram => ({
      ...common('club', { referral: { perMemberPerMonth, bonus: 5 } }),
      type: 'paid',
      paid: { fee, period: 'year', discountPercent: 0.1, deliveryValuePerOrder: 0, deliveryCostPerOrder: 0, joining, hurdle: 1, noise: 0.3 },
    });
    const run = async (program: ResolvedProgram) =>
      worldTotals(await simulate(input(customers, [program], { model, iterations: 1, horizonMonths: 3 }), { workers: 1 }), 0, 1);
    // The same founders join with and without referrals (same random numbers); within 3 months of a
    // yearly fee nobody leaves, so the members added by referral are the referred who chose to join.
    const withoutReferral = await run(club(0, 20));
    const withReferral = await run(club(0.1, 20));
    const referredJoined = withReferral.members - withoutReferral.members;
    expect(withoutReferral.members).toBeGreaterThan(0);
    expect(withoutReferral.members).toBeLessThan(2000);
    expect(referredJoined).toBeGreaterThan(0);
    expect(referredJoined).toBeLessThan(withReferral.referrals);
    expect(withReferral.rewardCost).toBe(5 * withReferral.referrals);
    // Every member paid the joining fee once (within 3 months of a yearly fee, no renewal).
    expect(withReferral.feesCollected).toBe(20 * withReferral.members);
    // With joining by share, the referred join on arrival, all of them.
    const byShare = await run(club(0.1, 20, 'share'));
    expect(byShare.members).toBe(2000 + byShare.referrals);
  });
});
