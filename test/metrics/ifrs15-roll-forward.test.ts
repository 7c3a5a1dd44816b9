/**
 * The IFRS 15 roll-forward of a points liability (src/metrics/ifrs15-roll-forward.ts): IFRS 15
 * Illustrative Example 52 (IE267-IE270) worked through, hand-checkable small cases, the
 * invariants on random ledgers, and the checks on bad ledgers.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/errors.js';
import { ifrs15RollForward, type PointsLedgerPeriod } from '../../src/metrics/ifrs15-roll-forward.js';

/** IFRS 15 IE267-IE270: year 1 and year 2 of the customer loyalty programme. */
const EXAMPLE_52: PointsLedgerPeriod[] = [
  { period: 'year 1', sales: 100_000, pointsIssued: 10_000, pointsRedeemed: 4_500, expectedRedemptions: 9_500 },
  { period: 'year 2', sales: 0, pointsIssued: 0, pointsRedeemed: 4_000, expectedRedemptions: 9_700 },
];

const ledgerRow = (period: string, sales: number, pointsIssued: number, pointsRedeemed: number, expectedRedemptions: number): PointsLedgerPeriod => ({
  period,
  sales,
  pointsIssued,
  pointsRedeemed,
  expectedRedemptions,
});

describe('IFRS 15 Illustrative Example 52', () => {
  // Year 1: the customer buys goods for 100,000 (their stand-alone selling price) and earns 10,000
  // points worth 1 each. 9,500 of them are expected to be redeemed, so the points' stand-alone
  // selling price is 10,000 x 1 x 9,500 / 10,000 = 9,500 (IE268). Allocating 100,000 by relative
  // stand-alone selling price: points 100,000 x 9,500 / (100,000 + 9,500) = 8,675.8 = 8,676.
  // 4,500 points are redeemed: revenue 4,500 / 9,500 x 8,676 = 4,110 (IE269); the contract
  // liability left is 8,676 - 4,110 = 4,566.
  // Year 2: 4,000 more points are redeemed (8,500 so far) and 9,700 are now expected. Cumulative
  // revenue 8,500 / 9,700 x 8,676 = 7,603, so year 2's revenue is 7,603 - 4,110 = 3,493 (IE270);
  // the liability left is 8,676 - 7,603 = 1,073.
  const result = ifrs15RollForward(EXAMPLE_52, { faceValue: 1 });
  const [year1, year2] = result.periods;

  it('allocates 8,676 of the sales to the points', () => {
    expect(year1.pointsStandAlonePrice).toBe(9_500);
    expect(year1.expectedRedemptionRate).toBe(0.95);
    expect(year1.allocated).toBeCloseTo((100_000 * 9_500) / 109_500, 9);
    expect(Math.round(year1.allocated)).toBe(8_676);
  });

  it('recognises 4,110 in year 1 and leaves a liability of 4,566', () => {
    expect(Math.round(year1.recognised)).toBe(4_110);
    expect(year1.openingLiability).toBe(0);
    expect(Math.round(year1.closingLiability)).toBe(4_566);
  });

  it('recognises 3,493 in year 2 (cumulative 7,603) and leaves a liability of 1,073', () => {
    expect(year2.allocated).toBe(0);
    expect(year2.expectedRedemptionRate).toBe(0.97);
    expect(Math.round(year2.cumulativeRecognised)).toBe(7_603);
    expect(Math.round(year2.recognised)).toBe(3_493);
    expect(year2.openingLiability).toBe(year1.closingLiability);
    expect(Math.round(year2.closingLiability)).toBe(1_073);
  });

  it('adds up to the totals', () => {
    expect(result.faceValue).toBe(1);
    expect(result.totals.sales).toBe(100_000);
    expect(result.totals.pointsIssued).toBe(10_000);
    expect(result.totals.pointsRedeemed).toBe(8_500);
    expect(result.totals.expectedRedemptions).toBe(9_700);
    expect(Math.round(result.totals.allocated)).toBe(8_676);
    expect(Math.round(result.totals.recognised)).toBe(7_603);
    expect(result.totals.openingLiability).toBe(0);
    expect(result.totals.closingLiability).toBe(year2.closingLiability);
  });
});

describe('small ledgers checked by hand', () => {
  it('scales the points by the face value: 1,000 points of 0.10 on sales of 900', () => {
    // SSP = 1,000 x 0.1 x 800 / 1,000 = 80; A = 900 x 80 / 980 = 73.469...; half of the expected
    // 800 redeemed: revenue 36.73, liability 36.73.
    const [row] = ifrs15RollForward([ledgerRow('2025-Q1', 900, 1_000, 400, 800)], { faceValue: 0.1 }).periods;
    expect(row.pointsStandAlonePrice).toBeCloseTo(80, 12);
    expect(row.allocated).toBeCloseTo(72_000 / 980, 12);
    expect(row.recognised).toBeCloseTo(36_000 / 980, 12);
    expect(row.closingLiability).toBeCloseTo(36_000 / 980, 12);
  });

  it('recognises everything as breakage when no point is expected to be redeemed, and reverses it when the estimate rises', () => {
    // Period 1: nothing expected, so SSP = 0 and nothing is allocated. Period 2: 100 of the 200
    // points issued so far are expected; the 100 new points have SSP 100 x 1 x 0.5 = 50, so
    // A = 50 x 50 / 100 = 25, none redeemed: liability 25.
    const result = ifrs15RollForward([ledgerRow('a', 100, 100, 0, 0), ledgerRow('b', 50, 100, 0, 100)], { faceValue: 1 });
    expect(result.periods[0].allocated).toBe(0);
    expect(result.periods[0].closingLiability).toBe(0);
    expect(result.periods[1].allocated).toBe(25);
    expect(result.periods[1].recognised).toBe(0);
    expect(result.periods[1].closingLiability).toBe(25);
  });

  it('recognises the whole allocation as breakage once no point is expected to be redeemed any more', () => {
    // Period 1: 500 of 1,000 points of 1 expected: SSP 500, A = 1,000 x 500 / 1,500 = 333.33,
    // nothing redeemed: liability 333.33. Period 2: the estimate falls to 0: all 333.33 is
    // recognised (breakage), liability 0.
    const [first, second] = ifrs15RollForward([ledgerRow('1', 1_000, 1_000, 0, 500), ledgerRow('2', 0, 0, 0, 0)], { faceValue: 1 }).periods;
    expect(first.allocated).toBeCloseTo(1_000 / 3, 10);
    expect(first.recognised).toBe(0);
    expect(first.closingLiability).toBeCloseTo(1_000 / 3, 10);
    expect(second.recognised).toBeCloseTo(1_000 / 3, 10);
    expect(second.closingLiability).toBe(0);
  });

  it('books a reversal (negative revenue) when the expected redemptions rise faster than redemptions', () => {
    // A = 1,000 x 500 / 1,500 = 333.33; 250 of 500 expected redeemed: CR = 166.67. Then 900
    // expected, 300 redeemed: CR = 333.33 x 300 / 900 = 111.11, revenue -55.56.
    const result = ifrs15RollForward([ledgerRow('1', 1_000, 1_000, 250, 500), ledgerRow('2', 0, 0, 50, 900)], { faceValue: 1 });
    expect(result.periods[0].recognised).toBeCloseTo(500 / 3, 10);
    expect(result.periods[1].recognised).toBeCloseTo(1_000 / 9 - 500 / 3, 10);
    expect(result.periods[1].closingLiability).toBeCloseTo(1_000 / 3 - 1_000 / 9, 10);
  });

  it('gives no rate before the first point is issued, and an empty ledger gives zeros', () => {
    const result = ifrs15RollForward([ledgerRow('1', 500, 0, 0, 0)], { faceValue: 1 });
    expect(result.periods[0].expectedRedemptionRate).toBeNaN();
    expect(result.periods[0].allocated).toBe(0);
    expect(ifrs15RollForward([], { faceValue: 1 }).totals.closingLiability).toBe(0);
  });
});

/** A ledger of `periods` random periods that passes every check, drawn from `seed`. */
function randomLedger(seed: string, periods: number): PointsLedgerPeriod[] {
  const uniform = seedrandom(seed);
  const rows: PointsLedgerPeriod[] = [];
  let issued = 0;
  let redeemed = 0;
  for (let t = 0; t < periods; t++) {
    const sales = uniform() < 0.2 ? 0 : Math.round(uniform() * 100_000);
    const pointsIssued = uniform() < 0.2 ? 0 : Math.round(uniform() * 10_000);
    issued += pointsIssued;
    const pointsRedeemed = Math.floor(uniform() * (issued - redeemed));
    redeemed += pointsRedeemed;
    const expectedRedemptions = redeemed + Math.floor(uniform() * (issued - redeemed + 1));
    rows.push({ period: String(2020 + t), sales, pointsIssued, pointsRedeemed, expectedRedemptions });
  }
  return rows;
}

describe('invariants on random ledgers', () => {
  it.each(['a', 'b', 'c', 'd', 'e', 'f'])('seed %s', (seed) => {
    const ledger = randomLedger(seed, 12);
    const faceValue = 0.005 + seedrandom(`${seed}-face`)() * 2;
    const { periods, totals } = ifrs15RollForward(ledger, { faceValue });
    let recognised = 0;
    let allocated = 0;
    periods.forEach((row, t) => {
      const scale = 1 + Math.abs(row.cumulativeAllocated);
      // opening + deferred - recognised = closing, and the opening is the previous closing.
      expect(Math.abs(row.openingLiability + row.allocated - row.recognised - row.closingLiability)).toBeLessThan(1e-9 * scale);
      expect(row.openingLiability).toBe(t === 0 ? 0 : periods[t - 1].closingLiability);
      // The allocation is below both the sales and the points' stand-alone price.
      expect(row.allocated).toBeLessThanOrEqual(Math.min(row.sales, row.pointsStandAlonePrice) + 1e-9);
      // Never more revenue than allocated so far; the liability is never negative.
      expect(row.cumulativeRecognised).toBeLessThanOrEqual(row.cumulativeAllocated + 1e-9 * scale);
      expect(row.closingLiability).toBeGreaterThanOrEqual(-1e-9 * scale);
      // The liability is the allocation times the share of expected redemptions still to come.
      const stillToCome = row.expectedRedemptions > 0 ? 1 - row.cumulativeRedeemed / row.expectedRedemptions : 0;
      expect(row.closingLiability).toBeCloseTo(row.cumulativeAllocated * stillToCome, 6);
      recognised += row.recognised;
      allocated += row.allocated;
    });
    expect(totals.recognised).toBeCloseTo(recognised, 6);
    expect(totals.allocated).toBeCloseTo(allocated, 6);
    expect(totals.recognised).toBeLessThanOrEqual(totals.allocated + 1e-9 * (1 + totals.allocated));
    expect(totals.closingLiability).toBeCloseTo(totals.allocated - totals.recognised, 6);
  });
});

describe('bad ledgers', () => {
  const fails = (ledger: PointsLedgerPeriod[], field: string, message: RegExp, faceValue = 1) => {
    let error: unknown;
    try {
      ifrs15RollForward(ledger, { faceValue });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).location.field).toBe(field);
    expect((error as UserInputError).message).toMatch(message);
  };

  it('names the period and field of the first problem', () => {
    fails([ledgerRow('1', -5, 0, 0, 0)], 'periods[0].sales', /-5 is negative/);
    fails([ledgerRow('1', NaN, 0, 0, 0)], 'periods[0].sales', /not a number/);
    fails([ledgerRow('1', 10, 100, 50, 80), ledgerRow('2', 0, 0, 60, 100)], 'periods[1].pointsRedeemed', /110 points redeemed so far are more than the 100 issued/);
    fails([ledgerRow('1', 10, 100, 50, 101)], 'periods[0].expectedRedemptions', /101 points expected to be redeemed are more than the 100 issued/);
    fails([ledgerRow('1', 10, 100, 50, 49)], 'periods[0].expectedRedemptions', /49 points expected to be redeemed are fewer than the 50 redeemed/);
    fails([ledgerRow('2025', 0, 0, 0, 0), ledgerRow('2024', 0, 0, 0, 0)], 'periods[1].period', /'2024' comes after '2025'/);
    fails([ledgerRow('x', 0, 0, 0, 0), ledgerRow('x', 0, 0, 0, 0)], 'periods[1].period', /'x' appears twice \(also as periods\[0\]\)/);
  });

  it('wants a positive face value', () => {
    fails([], 'faceValue', /positive/, 0);
    fails([], 'faceValue', /positive/, -1);
  });

  it('refuses figures beyond what a number holds instead of reporting them as null', () => {
    fails([ledgerRow('1', 100, 10, 0, 5)], 'periods[0]', /stand-alone price \(10 points issued x face value 1e\+308\)/, 1e308);
    fails([ledgerRow('1', 1.5e308, 10, 0, 5), ledgerRow('2', 1.5e308, 0, 0, 5)], 'periods[1]', /beyond what a number holds/);
  });

  it('allocates sales x SSP / (sales + SSP) without overflow when the sales are huge: the SSP itself', () => {
    const { periods } = ifrs15RollForward([ledgerRow('1', 1e300, 10_000, 0, 9_500)], { faceValue: 1 });
    expect(periods[0].allocated).toBe(9_500);
  });
});
