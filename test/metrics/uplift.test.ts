import { describe, expect, it } from 'vitest';
import { generateTransactions, type GeneratedProgram } from '../../src/model/generate-transactions.js';
import { estimateUplift, standardisedMeanDifference, type CustomerPurchases, type UpliftResult } from '../../src/metrics/uplift.js';
import { parseIsoDateString } from '../../src/data/calendar.js';

const START = '2023-01-01';
/** A customer base that stays active (dropout about 2.4% after each purchase), so that most members bought before joining. */
const LOYAL_BASE = { r: 1.5, alpha: 10, a: 0.5, b: 20 };
const END = '2025-12-31';

/** A generated history as the per-customer purchases the estimate reads. */
function upliftOn(customers: number, program: GeneratedProgram, seed: number): UpliftResult {
  const generated = generateTransactions({ customers, start: START, end: END, seed, program, bgnbd: LOYAL_BASE });
  const days: number[][] = Array.from({ length: customers }, () => []);
  const amounts: number[][] = Array.from({ length: customers }, () => []);
  for (let i = 0; i < generated.purchases; i++) {
    days[generated.customer[i]].push(generated.day[i]);
    amounts[generated.customer[i]].push(generated.amountCents[i] / 100);
  }
  const purchases: CustomerPurchases[] = days.map((d, c) => ({ days: Int32Array.from(d), amounts: Float64Array.from(amounts[c]) }));
  const joinDay = new Float64Array(customers).fill(NaN);
  generated.members!.customer.forEach((c, i) => {
    joinDay[c] = generated.members!.joinDay[i];
  });
  return estimateUplift({
    customers: purchases,
    joinDay,
    firstDay: parseIsoDateString(START),
    lastDay: parseIsoDateString(END),
    launchDay: parseIsoDateString(program.launch),
    preMonths: 6,
    postMonths: 6,
    seed: 1,
  });
}

const STRONG = { memberShare: 0.3, selfSelection: 2, frequencyUplift: 0.15, spendUplift: 0, launch: '2024-01-01' };

describe('matched difference-in-differences uplift', () => {
  it('standardised mean difference: (mean_a - mean_b) / sqrt((var_a + var_b) / 2)', () => {
    expect(standardisedMeanDifference(3, 4, 1, 4)).toBe(1);
    expect(standardisedMeanDifference(2, 1, 2, 9)).toBe(0);
  });

  it('10,000 customers, strong self-selection, true frequency uplift 15%, no spend effect: the interval covers 15%, its midpoint within 3 points, the naive difference far larger', () => {
    const result = upliftOn(10_000, STRONG, 11);
    const f = result.frequencyUplift;
    expect(f.low).toBeLessThan(0.15);
    expect(f.high).toBeGreaterThan(0.15);
    expect(Math.abs((f.low + f.high) / 2 - 0.15)).toBeLessThan(0.03);
    expect(Math.abs(f.estimate - 0.15)).toBeLessThan(0.03);
    expect(result.naiveFrequencyDifference).toBeGreaterThan(1);
    expect(result.spendUplift.low).toBeLessThanOrEqual(0);
    expect(result.spendUplift.high).toBeGreaterThanOrEqual(0);
    expect(Math.abs((result.spendUplift.low + result.spendUplift.high) / 2)).toBeLessThan(0.03);
    expect(result.membersAnalysed).toBeGreaterThan(1500);
    // Heavy recent buyers joined: frequency is unbalanced before matching, exactly balanced after (matched exactly).
    const frequency = result.balance.find((row) => row.covariate === 'frequency')!;
    expect(frequency.before).toBeGreaterThan(0.5);
    expect(Math.abs(frequency.after)).toBeLessThan(0.01);
    expect(result.eventStudy.map((row) => row.month)).toEqual([-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
    // The event study's pre-period months of members and controls agree: frequency is matched exactly (up to the cap of 20).
    const preMembers = result.eventStudy.filter((row) => row.month < 0).reduce((sum, row) => sum + row.members, 0);
    const preControls = result.eventStudy.filter((row) => row.month < 0).reduce((sum, row) => sum + row.controls, 0);
    expect(Math.abs(preMembers / preControls - 1)).toBeLessThan(0.01);
  }, 120_000);

  it('10,000 customers, strong self-selection, no true effect: the frequency and spend intervals cover 0 while the naive difference is over +100%', () => {
    const result = upliftOn(10_000, { ...STRONG, frequencyUplift: 0 }, 12);
    expect(result.frequencyUplift.low).toBeLessThanOrEqual(0);
    expect(result.frequencyUplift.high).toBeGreaterThanOrEqual(0);
    expect(Math.abs(result.frequencyUplift.estimate)).toBeLessThan(0.03);
    expect(result.spendUplift.low).toBeLessThanOrEqual(0);
    expect(result.spendUplift.high).toBeGreaterThanOrEqual(0);
    expect(result.naiveFrequencyDifference).toBeGreaterThan(1);
  }, 120_000);

  it('10,000 customers, strong self-selection: recovers a spend uplift of 10% beside a frequency uplift of 15%', () => {
    const result = upliftOn(10_000, { ...STRONG, spendUplift: 0.1 }, 13);
    const s = result.spendUplift;
    expect(s.low).toBeLessThanOrEqual(0.1);
    expect(s.high).toBeGreaterThanOrEqual(0.1);
    expect(Math.abs((s.low + s.high) / 2 - 0.1)).toBeLessThan(0.03);
    expect(result.frequencyUplift.low).toBeLessThanOrEqual(0.15);
    expect(result.frequencyUplift.high).toBeGreaterThanOrEqual(0.15);
  }, 120_000);

  it('a control who joins during the post-period counts its purchases from its own join divided by 1 + the uplift', () => {
    // One member joining on day 400: 2 purchases in the 6 months before, 4 in the 6 after. Its only
    // candidate control has the same 2 purchases before, then 1 purchase before joining itself on
    // day 490 and 2 after. Counterfactual rate 2/6 + (1/6 + (2/6) / (1 + u) - 2/6); the member's
    // 4/6 = (1 + u) x that gives 1 + u = 2. Counting the control's later purchases as untreated
    // would give 4 / 3 - 1 = 33%.
    const customer = (days: number[]): CustomerPurchases => ({ days: Int32Array.from(days), amounts: Float64Array.from(days, () => 20) });
    const result = estimateUplift({
      customers: [customer([300, 350, 410, 450, 500, 550]), customer([300, 350, 420, 500, 520])],
      joinDay: Float64Array.from([400, 490]),
      firstDay: 0,
      lastDay: 900,
      preMonths: 6,
      postMonths: 6,
      seed: 1,
      resamples: 10,
    });
    expect(result.membersAnalysed).toBe(1);
    expect(result.frequencyUplift.estimate).toBeCloseTo(1, 10);
    // Spend per purchase is 20 throughout: no spend effect.
    expect(result.spendUplift.estimate).toBeCloseTo(0, 10);
  });

  it('corrects inexact matches by regression: the controls\' change in spend, linear in their spend before, recovers a 20% spend uplift exactly', () => {
    // Without the program, spend per purchase after = 10 + 0.5 x spend before (regression to the
    // mean); members spend 1.2 times that. Members spent 50 to 60 before, controls 30 to 50, so
    // even the nearest controls spent less: the plain difference-in-differences would find about +10%.
    const customers: CustomerPurchases[] = [];
    const joinDay: number[] = [];
    const J = 400;
    const add = (index: number, before: number, after: number, member: boolean) => {
      const n = 1 + (index % 3);
      const days = Array.from({ length: n }, (_, k) => J - 5 - 9 * k - (index % 7)).reverse();
      customers.push({ days: Int32Array.from([...days, J + 10 + (index % 4)]), amounts: Float64Array.from([...days.map(() => before), after]) });
      joinDay.push(member ? J : NaN);
    };
    for (let i = 0; i < 30; i++) {
      const before = 50 + i / 3;
      add(i, before, 1.2 * (10 + 0.5 * before), true);
    }
    for (let j = 0; j < 60; j++) {
      const before = 30 + j / 3;
      add(j, before, 10 + 0.5 * before, false);
    }
    const result = estimateUplift({ customers, joinDay: Float64Array.from(joinDay), firstDay: 0, lastDay: 900, preMonths: 6, postMonths: 6, seed: 1, resamples: 10 });
    expect(result.membersAnalysed).toBe(30);
    expect(result.spendUplift.estimate).toBeCloseTo(0.2, 10);
    // One purchase each after: no frequency effect.
    expect(result.frequencyUplift.estimate).toBeCloseTo(0, 10);
  });

  it('is deterministic for a seed', () => {
    const a = upliftOn(1500, STRONG, 3);
    const b = upliftOn(1500, STRONG, 3);
    expect(a).toEqual(b);
  }, 60_000);
});
