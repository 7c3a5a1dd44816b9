/** Paid membership: renewals and members whose benefit fell short of the fee (programs/paid.ts). */
import type { WorldTotals } from './world-totals.js';

/** Renewal rate = periods renewed / periods ended. NaN when no period ended within the horizon. */
export function renewalRate(program: Pick<WorldTotals, 'renewals' | 'periodsEnded'>): number {
  return program.periodsEnded === 0 ? NaN : program.renewals / program.periodsEnded;
}

/**
 * Shortfall share = periods in which the member's benefit (discounts and delivery value received)
 * was below the fee / periods ended: the share of members for whom the membership did not pay.
 * NaN when no period ended within the horizon.
 */
export function shortfallShare(program: Pick<WorldTotals, 'benefitShortfalls' | 'periodsEnded'>): number {
  return program.periodsEnded === 0 ? NaN : program.benefitShortfalls / program.periodsEnded;
}
