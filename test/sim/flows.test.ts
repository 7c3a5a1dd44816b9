import { describe, expect, it } from 'vitest';
import { FLOWS, OUTCOME_FLOWS } from '../../src/programs/flows.js';
import { ProgramEventOutcome } from '../../src/programs/program.js';
import {
  addOutcomeFlows,
  OUTCOME_STOCK_COUNT,
  OUTCOME_STOCK_OFFSETS,
  readOutcomeStocks,
  Tally,
  TALLY_FIELD_COUNT,
  TALLY_FIELD_KINDS,
  TALLY_FIELDS,
} from '../../src/sim/tally.js';

describe('the declared flows', () => {
  it('lay out the tallies in list order', () => {
    expect(TALLY_FIELD_COUNT).toBe(53);
    expect(TALLY_FIELDS).toEqual(FLOWS.map((flow) => flow.name));
    expect(Tally.revenue).toBe(0);
    expect(Tally.discounts).toBe(2);
    expect(Tally.members).toBe(20);
    expect(Tally.nonMemberBenefitPurchases).toBe(51);
    expect(Tally.customers).toBe(52);
    expect(Tally.returnedRevenue).toBe(Tally.purchases + 2);
    expect([Tally.enrolments, Tally.memberMonths, Tally.shoppers]).toEqual([21, 22, 23]);
    expect(TALLY_FIELD_KINDS[Tally.pointsOutstanding]).toBe('stock');
    expect(TALLY_FIELD_KINDS[Tally.pointsLiability]).toBe('cohort');
    expect(TALLY_FIELD_KINDS[Tally.cohortLapsed]).toBe('cohort');
    expect(TALLY_FIELD_KINDS[Tally.cohortDroppedOut]).toBe('cohort');
    expect(TALLY_FIELD_KINDS[Tally.feePayments]).toBe('flow');
  });

  it('give the outcome one field per policy-written entry, cleared to 0', () => {
    const outcome = new ProgramEventOutcome();
    expect(Object.keys(outcome).sort()).toEqual(
      [...OUTCOME_FLOWS.map((flow) => flow.outcome), 'group', 'member', 'quietUntilMonth', 'feePeriodStartDay', 'feePeriodDays', 'feeEarnedAtOnce'].sort(),
    );
    outcome.discount = 3;
    outcome.pointsIssued += 2.5;
    outcome.pointsRedeemable = 7;
    outcome.member = false;
    outcome.group = 2;
    outcome.quietUntilMonth = Infinity;
    outcome.clear();
    for (const flow of OUTCOME_FLOWS) expect(outcome[flow.outcome], flow.outcome).toBe(0);
    expect([outcome.member, outcome.group, outcome.quietUntilMonth]).toEqual([true, -1, 0]);
  });

  it('leave an outcome\'s fee period to clearFeePeriod, which the engine calls after booking a fee', () => {
    const outcome = new ProgramEventOutcome();
    Object.assign(outcome, { feesCollected: 30, feePayments: 1, feePeriodStartDay: 40, feePeriodDays: 365, feeEarnedAtOnce: 5 });
    outcome.clear();
    expect([outcome.feesCollected, outcome.feePayments]).toEqual([0, 0]);
    expect([outcome.feePeriodStartDay, outcome.feePeriodDays, outcome.feeEarnedAtOnce]).toEqual([40, 365, 5]);
    outcome.clearFeePeriod();
    expect([outcome.feePeriodStartDay, outcome.feePeriodDays, outcome.feeEarnedAtOnce]).toEqual([0, 0, 0]);
  });

  it('add an outcome\'s flows, and only its flows, into the tallies of one month', () => {
    const outcome = new ProgramEventOutcome();
    outcome.discount = 1.5;
    outcome.feesCollected = 40;
    outcome.renewals = 1;
    outcome.pointsOutstanding = 900; // a stock: reported at month ends, not added as a flow
    const tallies = new Float64Array(2 * TALLY_FIELD_COUNT);
    addOutcomeFlows(tallies, TALLY_FIELD_COUNT, outcome);
    addOutcomeFlows(tallies, TALLY_FIELD_COUNT, outcome);
    const expected = new Float64Array(2 * TALLY_FIELD_COUNT);
    expected[TALLY_FIELD_COUNT + Tally.discounts] = 3;
    expected[TALLY_FIELD_COUNT + Tally.feesCollected] = 80;
    expected[TALLY_FIELD_COUNT + Tally.renewals] = 2;
    expect(Array.from(tallies)).toEqual(Array.from(expected));
  });

  it('read the month-end stocks a policy reports', () => {
    const outcome = new ProgramEventOutcome();
    outcome.pointsOutstanding = 900;
    outcome.pointsRedeemable = 600;
    const stocks = new Float64Array(OUTCOME_STOCK_COUNT);
    readOutcomeStocks(outcome, stocks);
    expect(Array.from(stocks)).toEqual([900, 600]);
    expect(Array.from(OUTCOME_STOCK_OFFSETS)).toEqual([Tally.pointsOutstanding, Tally.pointsRedeemable]);
  });
});
