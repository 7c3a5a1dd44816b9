/**
 * Worker threads need the compiled worker script, so this test runs the built engine in dist/
 * (`npm test` builds first; run `npm run build` before running it alone).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../dist/sim/simulate.js';
import { resolvedProgram, type ProgramDefinitionInput } from '../../dist/programs/registry.js';
import { worldTotals } from '../../dist/metrics/world-totals.js';
import { bonus, common, discount, input, variedCustomers } from './fixtures.js';

/** The baseline's totals over the horizon in iteration 0. */
const worldTotalsOf = (result: Awaited<ReturnType<typeof simulate>>) => worldTotals(result, 0, 0);

describe('simulate with worker threads', () => {
  it('gives byte-identical tallies with 1 and 2 workers', async () => {
    const programs = (i: number) => [
      bonus(0.05 + 0.01 * i, { enrolment: { share: 0.5, selfSelection: 1 }, effects: { frequencyUplift: 0.03, spendUplift: 0.01, churnReduction: 0.05 } }),
      discount(0.05, { enrolment: { share: 0.4, selfSelection: 0.5 } }),
    ];
    const run = (workers: number) => simulate(input(variedCustomers(3000), programs, { iterations: 9, newCustomersPerMonth: 40, seed: 99 }), { workers });
    const progress: number[] = [];
    const inThread = await run(1);
    const pooled = await simulate(input(variedCustomers(3000), programs, { iterations: 9, newCustomersPerMonth: 40, seed: 99 }), {
      workers: 2,
      onProgress: (done, total) => {
        expect(total).toBe(9);
        progress.push(done);
      },
    });
    expect(inThread.workersUsed).toBe(1);
    expect(pooled.workersUsed).toBe(2);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Buffer.from(pooled.tallies.buffer).equals(Buffer.from(inThread.tallies.buffer))).toBe(true);
    expect(pooled.worlds).toEqual(['baseline', 'points', '5% off']);
  });

  it('gives byte-identical tallies with 1 and 2 workers with a customer sample, its halves included', async () => {
    const programs = () => [bonus(0.05, { enrolment: { share: 0.5, selfSelection: 1 } })];
    const make = () => ({ ...input(variedCustomers(4000), programs, { iterations: 6, newCustomersPerMonth: 40, seed: 12 }), customerSample: 600 });
    const inThread = await simulate(make(), { workers: 1 });
    const pooled = await simulate(make(), { workers: 2 });
    expect(pooled.workersUsed).toBe(2);
    expect(inThread.customerSample?.size).toBe(600);
    expect(Buffer.from(pooled.tallies.buffer).equals(Buffer.from(inThread.tallies.buffer))).toBe(true);
    expect(Buffer.from(pooled.customerSample!.halfDifference.buffer).equals(Buffer.from(inThread.customerSample!.halfDifference.buffer))).toBe(true);
  });

  it('gives byte-identical tallies with 1 and 2 workers with returns, the returns included', async () => {
    const programs = () => [bonus(0.05, { enrolment: { share: 0.5, selfSelection: 1 } })];
    const make = () => ({ ...input(variedCustomers(2000), programs, { iterations: 6, newCustomersPerMonth: 20, seed: 8 }), returnRate: 0.15 });
    const inThread = await simulate(make(), { workers: 1 });
    const pooled = await simulate(make(), { workers: 2 });
    expect(pooled.workersUsed).toBe(2);
    expect(Buffer.from(pooled.tallies.buffer).equals(Buffer.from(inThread.tallies.buffer))).toBe(true);
    expect(worldTotalsOf(pooled).returnedPurchases).toBeGreaterThan(0);
  });

  it('gives byte-identical tallies with 1 and 2 workers with referrals', async () => {
    const programs = () => [discount(0.05, { enrolment: { share: 0.5, selfSelection: 1 }, referral: { perMemberPerMonth: 0.05, bonus: 10 } })];
    const make = () => input(variedCustomers(2000), programs, { iterations: 6, newCustomersPerMonth: 20, seed: 5 });
    const inThread = await simulate(make(), { workers: 1 });
    const pooled = await simulate(make(), { workers: 2 });
    expect(pooled.workersUsed).toBe(2);
    expect(Buffer.from(pooled.tallies.buffer).equals(Buffer.from(inThread.tallies.buffer))).toBe(true);
  });

  it('gives byte-identical tallies and breakdowns with 1 and 2 workers for tiers, paid rational joining and shared codes', async () => {
    const programs = () =>
      (
        [
      {
        ...common('tiers', { enrolment: { share: 0.6, selfSelection: 1 } }),
        type: 'tiered',
        qualification: { metric: 'spend', window: 3 },
        tiers: [
          { name: 'Red', threshold: 0 },
          { name: 'Gold', threshold: 120, discount: 0.05, benefitCostPerYear: 30 },
        ],
      },
      {
        ...common('club'),
        type: 'paid',
        paid: { fee: 40, period: 'month', discountPercent: 0.2, deliveryValuePerOrder: 2, deliveryCostPerOrder: 1, joining: 'rational', hurdle: 1, noise: 0.3 },
      },
      { ...discount(0.1, { enrolment: { share: 0.3, selfSelection: 0 } }, 'codes'), discount: { percent: 0.1, scope: 'all', leakShare: 0.2 } },
        ] as ProgramDefinitionInput[]
      ).map((program) => resolvedProgram(program));
    const make = () => input(variedCustomers(2000), programs, { iterations: 5, newCustomersPerMonth: 20, seed: 8 });
    const inThread = await simulate(make(), { workers: 1 });
    const pooled = await simulate(make(), { workers: 2 });
    expect(pooled.workersUsed).toBe(2);
    expect(pooled.breakdownGroups).toEqual([['Red', 'Gold'], ['expected benefit below the fee', '1-2x the fee', 'over 2x the fee'], []]);
    expect(pooled.breakdown.length).toBeGreaterThan(0);
    expect(Buffer.from(pooled.tallies.buffer).equals(Buffer.from(inThread.tallies.buffer))).toBe(true);
    expect(Buffer.from(pooled.breakdown.buffer).equals(Buffer.from(inThread.breakdown.buffer))).toBe(true);
  });
});
