/** The behaviour change a program needs to pay for itself. */
import type { WorldTotals } from './world-totals.js';

/**
 * Break-even frequency uplift: the uplift u* at which the incremental profit would be zero.
 *
 * Non-members behave the same in both worlds (common random numbers), so the incremental profit is
 * the members' contribution minus what the members would have brought anyway and minus fixed costs:
 *     incremental profit = D - N
 *     D = members' gross profit - discounts - points payments - reward cost - transaction cost
 *         - partner payments out + partner payments in        (grows with the members' purchases)
 *     N = members' baseline gross profit + setup and per-member cost (operating - transaction)
 *         + benefit cost - fee income                        (treated as fixed)
 * To first order the members' purchases, hence D, scale with (1 + uplift); the simulated world ran
 * at uplift u, so at u* the contribution is D (1 + u*) / (1 + u), and it breaks even at
 *     u* = (1 + u) N / D - 1.
 * Check (docs/methods.md section 3): 10% off at 45% margin, no fixed cost: N = 0.45 V, D = 0.35 V,
 * u* = 0.45 / 0.35 - 1 = 28.6%. The first-order scaling ignores that faster buyers also use up
 * their dropout chances sooner. +Infinity when D <= 0: no uplift pays for the program.
 */
export function breakEvenUplift(program: WorldTotals, simulatedUplift: number): number {
  const contribution =
    program.memberGrossProfit -
    program.discounts -
    program.pointsPayments -
    program.rewardCost -
    program.transactionCost -
    program.partnerPaymentsOut +
    program.partnerPaymentsIn;
  const toCover = program.memberBaselineGrossProfit + (program.operatingCost - program.transactionCost) + program.benefitCost - program.feeIncome;
  if (contribution <= 0) return Infinity;
  return ((1 + simulatedUplift) * toCover) / contribution - 1;
}
