/**
 * The monthly settlement with a coalition operator, as the report gives it: each month's payments
 * are the engine's partner payments of that month, net = in - out, and the horizon's total is the
 * sum of the months in every iteration.
 */
import { describe, expect, it } from 'vitest';
import { resolvedProgram } from '../../src/programs/registry.js';
import { programSettlement } from '../../src/metrics/settlement.js';
import { mean } from '../../src/metrics/summary.js';
import type { ResolvedCoalitionProgram } from '../../src/programs/types/coalition.js';
import { simulate } from '../../src/sim/simulate.js';
import { tallyValue } from '../../src/sim/tally.js';
import { common, discount, input, variedCustomers } from '../sim/fixtures.js';

const PARTNER = resolvedProgram({
  ...common('partner', { enrolment: { share: 0.6, selfSelection: 1 } }),
  type: 'coalition',
  coalition: {
    view: 'partner',
    earnRate: 1,
    pricePerPointIssued: 0.008,
    reimbursementPerPointRedeemed: 0.006,
    platformFeePerMemberPerMonth: 0.05,
    pointsElsewherePerPoint: 2,
    faceValue: 0.01,
    minimumToRedeem: 100,
  },
  redemption: { probability: 0.5, neverRedeemShare: 0.2 },
});

describe('coalition settlement', () => {
  it('is the month\'s partner payments, in minus out, and the months add up to the total', async () => {
    const result = await simulate(input(variedCustomers(1000), [discount(0.05), PARTNER], { iterations: 5 }), { workers: 1 });
    const settlement = programSettlement(result, 1);
    expect(settlement.months).toHaveLength(12);
    const shape = { iterations: 5, worldCount: 3, horizonMonths: 12 };
    let totalNet = 0;
    settlement.months.forEach((month, m) => {
      const paymentsIn = [0, 1, 2, 3, 4].map((i) => tallyValue(result.tallies, shape, i, 2, m, 'partnerPaymentsIn'));
      const paymentsOut = [0, 1, 2, 3, 4].map((i) => tallyValue(result.tallies, shape, i, 2, m, 'partnerPaymentsOut'));
      expect(month.paymentsIn.mean).toBeCloseTo(mean(paymentsIn), 9);
      expect(month.paymentsOut.mean).toBeCloseTo(mean(paymentsOut), 9);
      expect(month.net.mean).toBeCloseTo(month.paymentsIn.mean - month.paymentsOut.mean, 9);
      expect(month.paymentsOut.mean).toBeGreaterThan(0);
      totalNet += month.net.mean;
    });
    expect(settlement.total.net.mean).toBeCloseTo(totalNet, 6);
    expect(settlement.months.some((month) => month.paymentsIn.mean > 0)).toBe(true);
  });
});
