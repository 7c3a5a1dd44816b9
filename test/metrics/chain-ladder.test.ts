/**
 * The FIFO development of a points ledger and its chain-ladder breakage (src/metrics/fifo-points.ts,
 * src/metrics/chain-ladder.ts): a triangle whose factors and ultimates are worked by hand, a FIFO
 * ledger worked by hand, the cap at the points still redeemable, and synthetic ledgers of a known
 * ultimate redemption rate.
 */
import { describe, expect, it } from 'vitest';
import { parseIsoDateString } from '../../src/data/calendar.js';
import type { PointsTransaction, PointsTransactionKind } from '../../src/data/points-transactions-csv.js';
import { PointsLedgerChecker } from '../../src/data/points-ledger-rows.js';
import { SeededVariateSource } from '../../src/model/seeded-variate-source.js';
import { chainLadderBreakage, developmentFactors, mackVarianceParameters, projectedUltimate, unfinishedDevelopmentWarning } from '../../src/metrics/chain-ladder.js';
import { fifoDevelopment } from '../../src/metrics/fifo-points.js';

const tx = (customerId: string, date: string, points: number, kind: PointsTransactionKind = points < 0 ? 'redeem' : 'earn'): PointsTransaction => ({ customerId, day: parseIsoDateString(date), points, kind });

describe('chain-ladder development factors', () => {
  // Cumulative redeemed by age:         0    1    2    3
  //   cohort A                         100  150  175  180
  //   cohort B                         110  168  196
  //   cohort C                         120  180
  //   cohort D                         130
  // f0 = (150 + 168 + 180) / (100 + 110 + 120) = 498 / 330
  // f1 = (175 + 196) / (150 + 168) = 371 / 318 = 7 / 6
  // f2 = 180 / 175 = 36 / 35
  // Ultimates: A 180; B 196 × 36/35 = 201.6; C 180 × 7/6 × 36/35 = 216;
  //            D 130 × 498/330 × 7/6 × 36/35 = 16,314,480 / 69,300 = 235.41818...
  const triangle = [
    [100, 150, 175, 180],
    [110, 168, 196],
    [120, 180],
    [130],
  ];

  it('are the volume-weighted ratios of the cohorts observed at both ages', () => {
    const factors = developmentFactors(triangle);
    expect(factors).toHaveLength(3);
    expect(factors[0]).toBeCloseTo(498 / 330, 12);
    expect(factors[1]).toBeCloseTo(7 / 6, 12);
    expect(factors[2]).toBeCloseTo(36 / 35, 12);
  });

  it('project each cohort from its latest age, with no tail beyond the oldest', () => {
    const factors = developmentFactors(triangle);
    const ultimates = triangle.map((row) => projectedUltimate(row[row.length - 1], row.length - 1, factors, Infinity).ultimate);
    expect(ultimates[0]).toBe(180);
    expect(ultimates[1]).toBeCloseTo(201.6, 10);
    expect(ultimates[2]).toBeCloseTo(216, 10);
    expect(ultimates[3]).toBeCloseTo(16314480 / 69300, 10);
  });

  it('stop at the expiry age and cap a projection at what is still redeemable', () => {
    const factors = developmentFactors(triangle, { developmentEnd: 2 });
    expect(factors[0]).toBeCloseTo(498 / 330, 12);
    expect(factors[1]).toBeCloseTo(7 / 6, 12);
    expect(factors[2]).toBe(1);
    expect(projectedUltimate(130, 0, factors, 200)).toEqual({ ultimate: 200, capped: true });
    // C at age 1 = 180: 180 x 7/6 x 1 = 210, under its cap.
    const uncapped = projectedUltimate(180, 1, factors, 400);
    expect(uncapped.capped).toBe(false);
    expect(uncapped.ultimate).toBeCloseTo(210, 10);
  });

  it("give Mack's variance parameters: sigma_0^2 = 3/110 by hand, 0 where every cohort developed alike, extrapolated for the last", () => {
    // sigma_0^2 = 1/2 [100 (1.5 - f0)^2 + 110 (168/110 - f0)^2 + 120 (1.5 - f0)^2], f0 = 498/330:
    // the deviations are -3/330, 6/330, -3/330, so (900 + 3960 + 1080) / 108,900 / 2 = 3/110.
    // sigma_1^2 = 0 (175/150 = 196/168 = 7/6 = f1); sigma_2^2 from one cohort: min(0^2 / (3/110), 0, 3/110) = 0.
    const sigma2 = mackVarianceParameters(triangle, developmentFactors(triangle));
    expect(sigma2[0]).toBeCloseTo(3 / 110, 14);
    expect(sigma2[1]).toBeCloseTo(0, 14);
    expect(sigma2[2]).toBe(0);
    // Past the expiry age nothing develops, so nothing varies either.
    expect(mackVarianceParameters(triangle, developmentFactors(triangle, { developmentEnd: 1 }), 1).slice(1)).toEqual([0, 0]);
  });

  it('warn when the oldest ages were still developing, not when development ended or stopped at expiry', () => {
    // 1.1 x 1.05 x 1.1 = 1.2705.
    expect(unfinishedDevelopmentWarning([2, 1.1, 1.05, 1.1])).toContain('cumulative redemptions grew 27.1% from 1 to 4 months');
    expect(unfinishedDevelopmentWarning([1.5, 1.004, 1.003, 1.002])).toBeUndefined();
    expect(unfinishedDevelopmentWarning([1.5, 1.2, 1.05], 3)).toBeUndefined();
  });

  it('take a cohort listed twice twice (the bootstrap resample)', () => {
    // Rows A, A, C: f0 = (150 + 150 + 180) / (100 + 100 + 120) = 480 / 320 = 1.5; f1 = f2 from A alone.
    const factors = developmentFactors(triangle, { use: [0, 0, 2] });
    expect(factors[0]).toBeCloseTo(1.5, 12);
    expect(factors[1]).toBeCloseTo(175 / 150, 12);
    expect(factors[2]).toBeCloseTo(180 / 175, 12);
  });
});

describe('FIFO development of a points ledger', () => {
  it('uses the oldest points first and counts a negative adjustment as cancelled points', () => {
    const development = fifoDevelopment([
      tx('X', '2025-01-10', 100),
      tx('X', '2025-02-05', 50),
      tx('X', '2025-03-01', -120), // 100 of January (age 2), 20 of February (age 1)
      tx('Y', '2025-03-01', -30), // before Y's earn in the file, after it on the day: March, age 0
      tx('Y', '2025-03-01', 30),
      tx('X', '2025-04-02', -20, 'adjust'), // 20 of February's 30 left cancelled
      tx('X', '2025-05-01', -10), // February's last 10, age 3
    ]);
    expect(development.cutoffMonth - development.cohorts[0].month).toBe(4);
    expect(development.cohorts.map((c) => c.issued)).toEqual([100, 30, 30, 0, 0]);
    expect(development.cohorts.map((c) => c.redeemed)).toEqual([[0, 0, 100, 0, 0], [0, 20, 0, 10], [30, 0, 0], [0, 0], [0]]);
    expect(development.cohorts.every((c) => c.expired.every((x) => x === 0))).toBe(true);
  });

  it('names the transaction where a customer redeems more than they have', () => {
    const transactions = [tx('A', '2025-01-01', 50), tx('A', '2025-03-01', -30), tx('A', '2025-02-01', -30)];
    // By date: -30 on February 1 leaves 20; -30 on March 1 is the one that overdraws (index 1).
    expect(() => fifoDevelopment(transactions)).toThrow(expect.objectContaining({
      message: "customer 'A' redeems 30 points on 2025-03-01 but has only 20 left",
      location: { field: 'transactions[1]' },
    }));
  });
});

describe('chain-ladder breakage', () => {
  it('caps a cohort at its points still redeemable (a ledger worked by hand)', () => {
    // January: 100 earned, 40 redeemed in January, 40 in February -> triangle row [40, 80].
    // February: 100 earned, 50 redeemed and 30 expired in February -> row [50], cap 100 - 30 = 70.
    // f0 = 80 / 40 = 2; February projects 50 x 2 = 100 > 70: capped. Overall (80 + 70) / 200 = 75%.
    const estimate = chainLadderBreakage(
      fifoDevelopment([
        tx('A', '2025-01-03', 100),
        tx('A', '2025-01-20', -40),
        tx('A', '2025-02-20', -40),
        tx('B', '2025-02-01', 100),
        tx('B', '2025-02-02', -50),
        tx('B', '2025-02-03', -30, 'expire'),
      ]),
      { draws: 200 },
    );
    expect(estimate.factors).toEqual([{ fromAge: 0, toAge: 1, factor: 2, cohorts: 1 }]);
    expect(estimate.cohorts.map((c) => [c.cohort, c.ultimateRedeemed, c.capped])).toEqual([['2025-01', 80, false], ['2025-02', 70, true]]);
    expect(estimate.overall.ultimateRate).toBe(0.75);
    expect(estimate.overall.breakage).toBe(0.25);
    // Expected redemptions: January's end 40 x 2 = 80 (of 100 issued); February's end 80 + 70.
    expect(estimate.expectedRedemptions).toEqual([
      { period: '2025-01', pointsIssued: 100, pointsRedeemed: 40, expectedRedemptions: 80 },
      { period: '2025-02', pointsIssued: 100, pointsRedeemed: 90, expectedRedemptions: 150 },
    ]);
  });

  /**
   * A program launched 2025-01: each month 2,000 new customers earn 100 points on a day 1-28;
   * each redeems them all with probability p = 0.6, D months later on the same day, D geometric
   * (P(D = k) = 0.3 × 0.7^k); with expiry after N months, points not redeemed by age N - 1
   * expire at age N. The ledger is cut at 2025-12-28, 12 months after launch.
   */
  function syntheticLedger(expiryMonths?: number): PointsTransaction[] {
    const random = new SeededVariateSource(11);
    const transactions: PointsTransaction[] = [];
    const cutoff = parseIsoDateString('2025-12-28');
    const date = (month: number, day: number) => parseIsoDateString(`${2025 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
    for (let month = 0; month < 12; month++) {
      for (let k = 0; k < 2000; k++) {
        const id = `C${month}-${k}`;
        const day = 1 + Math.floor(random.next() * 28);
        transactions.push({ customerId: id, day: date(month, day), points: 100, kind: 'earn' });
        let delay = 0;
        while (random.next() >= 0.3) delay++;
        const redeems = random.next() < 0.6 && (expiryMonths === undefined || delay < expiryMonths);
        const at = redeems ? date(month + delay, day) : expiryMonths !== undefined ? date(month + expiryMonths, day) : Infinity;
        if (at <= cutoff) transactions.push({ customerId: id, day: at, points: -100, kind: redeems ? 'redeem' : 'expire' });
      }
    }
    transactions.push({ customerId: 'last', day: cutoff, points: 1, kind: 'earn' });
    return transactions;
  }

  it('recovers a known ultimate redemption rate within 3 points', () => {
    const estimate = chainLadderBreakage(fifoDevelopment(syntheticLedger()), { draws: 300, seed: 3 });
    expect(estimate.cohorts).toHaveLength(12);
    expect(Math.abs(estimate.overall.ultimateRate - 0.6)).toBeLessThan(0.03);
    const [low, high] = estimate.overall.rateInterval;
    expect(low).toBeLessThanOrEqual(estimate.overall.ultimateRate);
    expect(high).toBeGreaterThanOrEqual(estimate.overall.ultimateRate);
    // The expected redemptions pass every check of the liability ledger, and end at the overall ultimate.
    const checker = new PointsLedgerChecker((index) => `row ${index}`);
    estimate.expectedRedemptions.forEach((row, index) => expect(checker.check({ ...row, sales: 1000 }, index)).toBeNull());
    expect(estimate.expectedRedemptions.at(-1)!.expectedRedemptions).toBeCloseTo(estimate.overall.ultimateRedeemed, 6);
  });

  it('with expiry, recovers the rate and projects no cohort beyond what it can still redeem', () => {
    // Truth: 0.6 x P(D < 6) = 0.6 x (1 - 0.7^6).
    const truth = 0.6 * (1 - 0.7 ** 6);
    const estimate = chainLadderBreakage(fifoDevelopment(syntheticLedger(6)), { expiryMonths: 6, draws: 300 });
    expect(Math.abs(estimate.overall.ultimateRate - truth)).toBeLessThan(0.03);
    expect(estimate.factors.slice(6).every((f) => f.factor === 1)).toBe(true);
    for (const cohort of estimate.cohorts) {
      expect(cohort.ultimateRedeemed).toBeLessThanOrEqual(cohort.issued - cohort.expired + 1e-9);
      expect(cohort.rateInterval[1] * cohort.issued).toBeLessThanOrEqual(cohort.issued - cohort.expired + 1e-9);
      if (cohort.age >= 6) expect(cohort.ultimateRedeemed).toBe(cohort.redeemed);
    }
  });

  it('gives the same intervals for the same seed', () => {
    const ledger = syntheticLedger();
    const first = chainLadderBreakage(fifoDevelopment(ledger), { draws: 100, seed: 5 });
    const second = chainLadderBreakage(fifoDevelopment(ledger), { draws: 100, seed: 5 });
    expect(second.overall.rateInterval).toEqual(first.overall.rateInterval);
    expect(first.overall.rateInterval[0]).toBeLessThan(first.overall.rateInterval[1]);
  });
});
