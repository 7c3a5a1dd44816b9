import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/report/table-reporter.js';
import type { BreakEvenFigures, MetricSummary, SimulationReport } from '../../src/report/report-model.js';
import { fixed, NO_SERIES, REPORT_HEADER } from './report-fixture.js';

const spread = (p5: number, mean: number, p95: number): MetricSummary => ({ mean, mcse: 1, p5, p50: mean, p95 });

const BASELINE = { customers: spread(3_610, 3_670, 3_702), purchases: fixed(10_540), revenue: spread(390_789, 410_194, 428_564), grossProfit: fixed(124_534) };
const WORLD = { customers: fixed(3_670), members: fixed(1_900), purchases: fixed(10_851), revenue: fixed(405_867), grossProfit: fixed(111_662), profit: spread(99_033, 104_291, 110_918) };

const COVERS = { discounts: true, pointsPayments: false, rewardCost: false, benefitCost: false, partnerPayments: false, pointsLiability: false, feeRevenue: false, setup: 5_000, perMemberPerYear: 1.5, perTransaction: 0.02 };

const NO_BREAK_EVEN: BreakEvenFigures = { method: 're-simulated', covers: COVERS };

function report(programs: { name: string; type: string; metrics: Record<string, MetricSummary>; breakEven?: BreakEvenFigures }[]): SimulationReport {
  return {
    ...REPORT_HEADER,
    baseline: BASELINE,
    programs: programs.map((program) => ({ breakEven: NO_BREAK_EVEN, ...program, world: WORLD, ...NO_SERIES })),
  };
}

const discount = { name: 'Ten off', type: 'discount', metrics: { incrementalProfit: fixed(-1234.4), pointsIssued: fixed(0), pointsExpired: fixed(0), breakageRate: fixed(NaN), paybackMonth: fixed(NaN), probabilityOfPayback: fixed(0), probabilityOfLoss: fixed(0.25) } };
const points = { name: 'Points', type: 'bonus', metrics: { incrementalProfit: fixed(500), pointsIssued: fixed(2000), liability: fixed(300), pointsExpired: fixed(0), breakageRate: fixed(0.4), paybackMonth: fixed(3), probabilityOfPayback: fixed(0.4), probabilityOfLoss: fixed(0.1) }, breakEven: { method: 're-simulated' as const, covers: { ...COVERS, pointsLiability: true } } };

describe('renderTable', () => {
  it('formats money with grouping, shares as percentages, and a payback beyond the horizon as never', () => {
    const text = renderTable(report([discount, points]), { definitions: false });
    expect(text).toContain('-1,234');
    expect(text).toContain('40.0%');
    expect(text).toMatch(/Payback month\s*│\s*never\s*│\s*3\.0\s*│/);
    expect(text).toMatch(/Probability of payback\s*│\s*0\.0%\s*│\s*40\.0%\s*│/);
  });

  it('gives the horizon in the header as the scenario writes it', () => {
    expect(renderTable(report([discount]), { definitions: false })).toContain('100 customers, 12 months, 10 iterations');
    const week = { ...report([discount]), horizon: '1 week', horizonDays: 7, horizonMonths: 1 };
    expect(renderTable(week, { definitions: false })).toContain('100 customers, 1 week, 10 iterations');
  });

  it('says never when no program pays back in any iteration', () => {
    const text = renderTable(report([discount]), { definitions: false });
    expect(text).toMatch(/Payback month\s*│\s*never\s*│/);
    expect(text).not.toContain('never ..');
  });

  it('shows a probability without an interval', () => {
    const text = renderTable(report([discount]), { definitions: false });
    expect(text).toContain('25.0%');
    expect(text).not.toContain('25.0% .. 25.0%');
  });

  it('leaves out the points rows when no program issues points, and keeps a zero row of a points program', () => {
    const withoutPoints = renderTable(report([discount]), { definitions: false });
    expect(withoutPoints).not.toContain('Points issued');
    expect(withoutPoints).not.toContain('Points expired');
    expect(withoutPoints).not.toContain('Breakage');
    const withPoints = renderTable(report([discount, points]), { definitions: false });
    expect(withPoints).toContain('Points issued');
    expect(withPoints).toMatch(/Points expired\s*│\s*0\s*│\s*0/);
  });

  it('shows each world\'s own figures under the table: the baseline\'s beside each program world\'s', () => {
    const text = renderTable(report([discount]), { definitions: false });
    const section = text.slice(text.indexOf('Each world over the horizon'));
    expect(section).toMatch(/│\s*│\s*baseline\s*│\s*Ten off\s*│/);
    expect(section).toMatch(/Customers\s*│\s*3,670\s*│\s*3,670\s*│/);
    expect(section).toMatch(/│\s*3,610 \.\. 3,702\s*│\s*3,670 \.\. 3,670\s*│/);
    // The baseline has no members; its profit is its gross profit.
    expect(section).toMatch(/Members at the end\s*│\s*-\s*│\s*1,900\s*│/);
    expect(section).toMatch(/Revenue\s*│\s*410,194\s*│\s*405,867\s*│/);
    expect(section).toMatch(/Gross profit\s*│\s*124,534\s*│\s*111,662\s*│/);
    expect(section).toMatch(/Profit\s*│\s*124,534\s*│\s*104,291\s*│/);
    expect(section).toMatch(/│\s*124,534 \.\. 124,534\s*│\s*99,033 \.\. 110,918\s*│/);
  });

  it('shows each break-even figure as one value, what none pays says, and says under the table what they cover', () => {
    const figures = (covers: BreakEvenFigures['covers'], values: Partial<BreakEvenFigures>): BreakEvenFigures => ({ ...values, method: 're-simulated', covers });
    // Points without a liability of their own (like a coalition partner's, which are the operator's): no caveat.
    const club = {
      name: 'Club',
      type: 'paid',
      metrics: { pointsIssued: fixed(900), liability: fixed(0) },
      // A club that chooses its members has no enrolment share.
      breakEven: figures(
        { discounts: true, pointsPayments: false, rewardCost: true, benefitCost: true, partnerPayments: false, pointsLiability: false, feeRevenue: true, setup: 0, perMemberPerYear: 0, perTransaction: 0.005 },
        { frequencyUplift: -0.125, spendUplift: null },
      ),
    };
    const text = renderTable(
      report([
        { ...discount, breakEven: figures(COVERS, { frequencyUplift: 0.416, spendUplift: 0.2441, enrolmentShare: null }) },
        { ...points, breakEven: figures({ ...COVERS, pointsLiability: true }, { frequencyUplift: 0.25, spendUplift: 5, enrolmentShare: 0.3 }) },
        club,
      ]),
      { definitions: true },
    );
    expect(text).toMatch(/Break-even frequency uplift\s*│\s*41\.6%\s*│\s*25\.0%\s*│\s*-12\.5%\s*│/);
    expect(text).toMatch(/Break-even spend uplift\s*│\s*24\.4%\s*│\s*500\.0%\s*│\s*no uplift pays\s*│/);
    expect(text).toMatch(/Break-even enrolment share\s*│\s*no share pays\s*│\s*30\.0%\s*│\s*-\s*│/);
    // One value each, no interval.
    expect(text).not.toContain('41.6% ..');
    expect(text).toContain('Break-even figures (re-simulated, every other assumption as drawn) cover (scenario values, means when uncertain):');
    expect(text).toContain('  Ten off: discounts, setup 5,000, 1.5 per member per year, 0.02 per transaction\n');
    expect(text).toContain("  Points: discounts, the liability of points outstanding at the horizon's end, setup 5,000, 1.5 per member per year, 0.02 per transaction\n");
    expect(text).toContain('  Club: discounts, rewards, benefit costs, 0.005 per transaction, less fee revenue\n');
    expect(text).toContain("  Break-even enrolment share: share of customers joining at which the mean incremental profit is zero");
    // No break-even figure, no rows and no note.
    const none = renderTable(report([discount]), { definitions: false });
    expect(none).not.toContain('Break-even');
  });

  it('says when the break-even figures are first order', () => {
    const text = renderTable(report([{ ...discount, breakEven: { frequencyUplift: 0.3, method: 'first-order', covers: COVERS } }]), { definitions: false });
    expect(text).toContain('Break-even figures (first order (--break-even first-order), not re-simulated) cover');
  });
});

describe('renderTable: names from the user', () => {
  it('shows a program name of 10,000 characters cut to 60 columns, and a line break in it escaped', () => {
    const long = { ...discount, name: `Ten\noff ${'x'.repeat(10_000)}` };
    const text = renderTable(report([long, points]), { definitions: false });
    const shown = `Ten\\noff ${'x'.repeat(60 - 'Ten\\noff '.length - 1)}…`;
    expect(text).toContain(shown);
    expect(text).not.toContain('x'.repeat(60));
    // The verdict, the table's head and the world table name the programs the same way (no sparkline: the fixture has no histogram).
    expect(text.split(shown).length - 1).toBe(3);
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThan(300);
  });
});
