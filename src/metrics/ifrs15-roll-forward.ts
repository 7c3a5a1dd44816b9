/**
 * The contract liability of a points program under IFRS 15 (B39-B43, Illustrative Example 52,
 * IE267-IE270; docs/methods.md section 5, "Accounting reference: IFRS 15"), rolled forward period
 * by period over a portfolio of points. For period t, with I_t, R_t the points issued and redeemed
 * up to t's end, E_t the points of all points issued so far expected ever to be redeemed (estimated
 * at t's end) and V the face value of a point:
 *
 *   SSP_t  = points issued in t x V x E_t / I_t           stand-alone price of t's points (B42)
 *   A_t    = sales_t x SSP_t / (sales_t + SSP_t)           allocated to the points (0 when both are 0);
 *                                                          the goods' stand-alone price is sales_t
 *   CA_t   = A_1 + ... + A_t
 *   CR_t   = CA_t x min(1, R_t / E_t)                      cumulative revenue for points
 *                                                          (cumulative catch-up when E changes);
 *                                                          CR_t = CA_t when E_t = 0: no point is
 *                                                          expected to be redeemed, the whole
 *                                                          allocation is breakage
 *   recognised_t = CR_t - CR_{t-1}                         negative when the estimate rises faster
 *                                                          than redemptions (a reversal)
 *   opening_t = closing_{t-1} (0 at first), deferred_t = A_t,
 *   closing_t = opening_t + A_t - recognised_t = CA_t - CR_t >= 0.
 *
 * Example 52: sales 100,000 earn 10,000 points of 1; 4,500 redeemed and 9,500 expected in year 1
 * give A = 100,000 x 9,500 / 109,500 = 8,676, revenue 4,110, liability 4,566; 8,500 redeemed and
 * 9,700 expected in year 2 give CR = 7,603, revenue 3,493, liability 1,073.
 */
import { UserInputError } from '../errors.js';
import { PointsLedgerChecker, type PointsLedgerPeriod } from '../data/points-ledger-rows.js';

export type { PointsLedgerPeriod } from '../data/points-ledger-rows.js';

/** One period of the roll-forward: the ledger row, the cumulative figures and the liability. */
export interface RollForwardPeriod extends PointsLedgerPeriod {
  /** I_t: points issued up to the period's end. */
  cumulativeIssued: number;
  /** R_t: points redeemed up to the period's end. */
  cumulativeRedeemed: number;
  /** E_t / I_t; NaN while no point has been issued. */
  expectedRedemptionRate: number;
  /** SSP_t: stand-alone selling price of the points issued in the period. */
  pointsStandAlonePrice: number;
  /** A_t: the part of the period's sales allocated to its points, deferred as contract liability. */
  allocated: number;
  /** CA_t */
  cumulativeAllocated: number;
  /** CR_t: revenue recognised for points up to the period's end. */
  cumulativeRecognised: number;
  /** CR_t - CR_{t-1}: revenue for points recognised in the period. */
  recognised: number;
  /** Contract liability at the period's start. */
  openingLiability: number;
  /** Contract liability at the period's end. */
  closingLiability: number;
}

/** Sums over all periods; the liability at the start of the first period and the end of the last. */
export interface RollForwardTotals {
  sales: number;
  pointsIssued: number;
  pointsRedeemed: number;
  /** E of the last period. */
  expectedRedemptions: number;
  /** E / I of the last period. */
  expectedRedemptionRate: number;
  allocated: number;
  recognised: number;
  openingLiability: number;
  closingLiability: number;
}

export interface LiabilityRollForward {
  /** V: the value of one point to the customer, in the sales currency. */
  faceValue: number;
  periods: RollForwardPeriod[];
  totals: RollForwardTotals;
}

export interface RollForwardOptions {
  /** V: the value of one point to the customer, in the sales currency (> 0). */
  faceValue: number;
}

/**
 * Roll the points' contract liability forward over the ledger's periods (in order). Throws a
 * UserInputError naming the period and field (`periods[1].expectedRedemptions`) when a value is
 * negative or not finite, points redeemed so far exceed points issued so far, the expected
 * redemptions lie outside [redeemed so far, issued so far], or periods repeat or are out of order.
 */
export function ifrs15RollForward(ledger: readonly PointsLedgerPeriod[], options: RollForwardOptions): LiabilityRollForward {
  const { faceValue } = options;
  if (!(Number.isFinite(faceValue) && faceValue > 0)) {
    throw new UserInputError(`the face value must be a positive number, got ${faceValue}`, { field: 'faceValue' });
  }
  const checker = new PointsLedgerChecker((index) => `as periods[${index}]`);
  const periods: RollForwardPeriod[] = [];
  let issued = 0;
  let redeemed = 0;
  let cumulativeAllocated = 0;
  let previousRecognised = 0;
  let opening = 0;
  const totals: RollForwardTotals = {
    sales: 0,
    pointsIssued: 0,
    pointsRedeemed: 0,
    expectedRedemptions: 0,
    expectedRedemptionRate: NaN,
    allocated: 0,
    recognised: 0,
    openingLiability: 0,
    closingLiability: 0,
  };
  ledger.forEach((row, index) => {
    const problem = checker.check(row, index);
    if (problem !== null) throw new UserInputError(problem.message, { field: `periods[${index}].${problem.field}` }, problem.hint);
    issued += row.pointsIssued;
    redeemed += row.pointsRedeemed;
    const expected = row.expectedRedemptions;
    const rate = issued > 0 ? expected / issued : NaN;
    const ssp = row.pointsIssued > 0 ? row.pointsIssued * faceValue * rate : 0;
    // sales x SSP / (sales + SSP), written so that the product cannot overflow.
    const allocated = row.sales + ssp > 0 ? ssp * (row.sales / (row.sales + ssp)) : 0;
    cumulativeAllocated += allocated;
    const cumulativeRecognised = expected > 0 ? cumulativeAllocated * Math.min(1, redeemed / expected) : cumulativeAllocated;
    const recognised = cumulativeRecognised - previousRecognised;
    const closing = cumulativeAllocated - cumulativeRecognised;
    if (!Number.isFinite(ssp) || !Number.isFinite(cumulativeAllocated + totals.sales + row.sales)) {
      throw new UserInputError(
        `the points' stand-alone price (${row.pointsIssued} points issued x face value ${faceValue}) or the sales allocated to them so far are beyond what a number holds (about 1.8e308)`,
        { field: `periods[${index}]` },
        'Check the face value and the units of the sales and points for a typo.',
      );
    }
    periods.push({
      ...row,
      cumulativeIssued: issued,
      cumulativeRedeemed: redeemed,
      expectedRedemptionRate: rate,
      pointsStandAlonePrice: ssp,
      allocated,
      cumulativeAllocated,
      cumulativeRecognised,
      recognised,
      openingLiability: opening,
      closingLiability: closing,
    });
    totals.sales += row.sales;
    totals.expectedRedemptions = expected;
    totals.expectedRedemptionRate = rate;
    totals.allocated = cumulativeAllocated;
    totals.recognised = cumulativeRecognised;
    totals.closingLiability = closing;
    previousRecognised = cumulativeRecognised;
    opening = closing;
  });
  totals.pointsIssued = issued;
  totals.pointsRedeemed = redeemed;
  return { faceValue, periods, totals };
}
