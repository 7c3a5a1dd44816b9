/**
 * `generate --points`: a points ledger drawn by the engine's own program rules, with the truth of
 * what each month's points became, and `breakage` checked against it (docs/methods.md section 5).
 */
import { describe, expect, it } from 'vitest';
import { parseIsoDateString } from '../../src/data/calendar.js';
import type { PointsTransaction } from '../../src/data/points-transactions-csv.js';
import { chainLadderBreakage } from '../../src/metrics/chain-ladder.js';
import { fifoDevelopment, monthLabel } from '../../src/metrics/fifo-points.js';
import { generateTransactions } from '../../src/model/generate-transactions.js';
import { resolvedProgram } from '../../src/programs/registry.js';
import { generatePointsLedger } from '../../src/run/generate-points-ledger.js';
import { COMMON } from '../programs/helpers.js';

const START = '2023-01-01';
const LAUNCH = '2024-07-01';
/** Twelve months after the launch. */
const END = '2025-06-30';

/** 5 points a euro, from 100 points, up to half of a purchase, 60% chance at each purchase, a fifth never redeem. */
function pointsProgram(expiryMonths?: number) {
  return resolvedProgram({
    ...COMMON,
    name: 'points',
    type: 'bonus',
    points: { earnRate: 5, minimumToRedeem: 100, maxShareOfPurchase: 0.5, faceValue: 0.01, ...(expiryMonths === undefined ? {} : { expiryMonths }) },
    redemption: { probability: 0.6, neverRedeemShare: 0.2 },
  });
}

function ledgerOf(customers: number, expiryMonths: number | undefined, seed: number) {
  const generated = generateTransactions({
    customers,
    start: START,
    end: END,
    seed,
    bgnbd: { r: 1.5, alpha: 10, a: 0.5, b: 20 },
    program: { memberShare: 0.5, selfSelection: 0, frequencyUplift: 0, spendUplift: 0, launch: LAUNCH },
    keepEndStates: true,
  });
  const points = generatePointsLedger(generated, generated.members!, generated.continueCustomer!, {
    program: pointsProgram(expiryMonths),
    field: 'points.yaml',
    seed,
    startDay: parseIsoDateString(START),
    endDay: parseIsoDateString(END),
  });
  const transactions: PointsTransaction[] = points.rows.map((row) => ({ customerId: generated.customerId(row.customer), day: row.day, points: row.points, kind: row.kind }));
  return { generated, points, transactions };
}

describe('a points ledger drawn by the program rules', () => {
  it("agrees with the ledger's own FIFO reading: per month of issue, the points issued and redeemed by the end", () => {
    const { points, transactions } = ledgerOf(4000, 6, 3);
    const development = fifoDevelopment(transactions);
    expect(points.rows.every((row) => row.day <= parseIsoDateString(END))).toBe(true);
    const truth = new Map(points.cohorts.map((c) => [c.cohort, c]));
    expect(development.cohorts.length).toBeGreaterThanOrEqual(12);
    for (const cohort of development.cohorts) {
      const t = truth.get(monthLabel(cohort.month))!;
      expect(cohort.issued).toBeCloseTo(t.issued, 6);
      expect(cohort.redeemed.reduce((a, b) => a + b, 0)).toBeCloseTo(t.redeemedByEnd, 6);
      // What expired by the end is part of what expires in the end; what was redeemed by the end part of what is redeemed.
      expect(cohort.expired.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(t.expired + 1e-6);
      expect(t.redeemedByEnd).toBeLessThanOrEqual(t.redeemed + 1e-6);
    }
    // Points expiring 6 months after issue: nothing is still held at the run-off's end.
    expect(points.overall.heldByActive + points.overall.heldByLapsed).toBe(0);
    expect(points.overall.issued).toBeCloseTo(points.overall.redeemed + points.overall.expired, 6);
  });

  it('cut 12 months after launch, with 6-month expiry: the chain ladder projects the true ultimate redemption rate within 3 points, no cohort beyond what it can still redeem', () => {
    const { points, transactions } = ledgerOf(20_000, 6, 4);
    const estimate = chainLadderBreakage(fifoDevelopment(transactions), { expiryMonths: 6 });
    expect(Math.abs(estimate.overall.ultimateRate - points.overall.ultimateRate)).toBeLessThan(0.03);
    const [low, high] = estimate.overall.rateInterval;
    expect(low).toBeLessThanOrEqual(points.overall.ultimateRate);
    expect(high).toBeGreaterThanOrEqual(points.overall.ultimateRate);
    for (const cohort of estimate.cohorts) expect(cohort.ultimateRedeemed).toBeLessThanOrEqual(cohort.issued - cohort.expired + 1e-6);
    expect(estimate.warnings).toEqual([]);
  }, 60_000);

  it('cut 12 months after launch, without expiry: within 3 points, and the oldest ages still developing are warned about', () => {
    const { points, transactions } = ledgerOf(20_000, undefined, 4);
    const estimate = chainLadderBreakage(fifoDevelopment(transactions));
    expect(Math.abs(estimate.overall.ultimateRate - points.overall.ultimateRate)).toBeLessThan(0.03);
    // The last three factors still grow the cumulative redemptions by more than 1%.
    const last = estimate.factors.slice(-3).reduce((p, f) => p * f.factor, 1);
    expect(last).toBeGreaterThan(1.01);
    expect(estimate.warnings).toHaveLength(1);
    expect(estimate.warnings[0]).toMatch(/^redemptions were still coming at the oldest age observed \(cumulative redemptions grew \d+\.\d% from 8 to 11 months\)/);
    // Without expiry, never-redeemers keep their points: some are still held at the run-off's end.
    expect(points.overall.heldByActive + points.overall.heldByLapsed).toBeGreaterThan(0);
  }, 60_000);

  it('is the same for the same seed, and the history is the same with and without points', () => {
    const a = ledgerOf(1500, 6, 9);
    const b = ledgerOf(1500, 6, 9);
    expect(a.points).toEqual(b.points);
    const plain = generateTransactions({ customers: 1500, start: START, end: END, seed: 9, bgnbd: { r: 1.5, alpha: 10, a: 0.5, b: 20 }, program: { memberShare: 0.5, selfSelection: 0, frequencyUplift: 0, spendUplift: 0, launch: LAUNCH } });
    expect(Array.from(plain.amountCents)).toEqual(Array.from(a.generated.amountCents));
    expect(Array.from(plain.day)).toEqual(Array.from(a.generated.day));
  });

  it('refuses a program that keeps no points, naming it', () => {
    const generated = generateTransactions({ customers: 50, start: START, end: END, seed: 1, program: { memberShare: 0.5, selfSelection: 0, frequencyUplift: 0, spendUplift: 0, launch: LAUNCH }, keepEndStates: true });
    const discount = resolvedProgram({ ...COMMON, name: 'discount', type: 'discount', discount: { percent: 0.05 } });
    expect(() => generatePointsLedger(generated, generated.members!, generated.continueCustomer!, { program: discount, field: 'discount.yaml', seed: 1, startDay: parseIsoDateString(START), endDay: parseIsoDateString(END) })).toThrow(/a discount program keeps no points/);
  });
});
