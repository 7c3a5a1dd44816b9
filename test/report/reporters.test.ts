import { describe, expect, it } from 'vitest';
import { pickReporter, renderToString, textReporter } from '../../src/report/reporter.js';
import { runReporter } from '../../src/report/reporters.js';
import { formatCount, formatPercent, formatSignificant } from '../../src/report/format-number.js';
import type { SimulationReport } from '../../src/report/report-model.js';
import { fixed, NO_SERIES, REPORT_HEADER } from './report-fixture.js';

const REPORT: SimulationReport = {
  ...REPORT_HEADER,
  baseline: { customers: fixed(90), purchases: fixed(400), revenue: fixed(16_000), grossProfit: fixed(4_800) },
  programs: [
    {
      name: 'Ten off',
      type: 'discount',
      metrics: { incrementalProfit: fixed(-1234.4), breakageRate: fixed(NaN) },
      breakEven: {
        frequencyUplift: 0.25,
        spendUplift: null,
        method: 're-simulated',
        covers: { discounts: true, pointsPayments: false, rewardCost: false, benefitCost: false, partnerPayments: false, pointsLiability: false, feeRevenue: false, setup: 500, perMemberPerYear: 0, perTransaction: 0 },
      },
      world: { customers: fixed(90), members: fixed(45), purchases: fixed(410), revenue: fixed(15_300), grossProfit: fixed(3_900), profit: fixed(3_565.6) },
      ...NO_SERIES,
    },
  ],
};

describe('picking a reporter by format', () => {
  it('run: json is the report with NaN as null; table is the side-by-side text', async () => {
    const json = JSON.parse(await renderToString(runReporter('json'), REPORT));
    expect(json.programs[0].metrics.breakageRate).toEqual({ mean: null, mcse: 0, p5: null, p50: null, p95: null });
    expect(json.programs[0].metrics.incrementalProfit.mean).toBe(-1234.4);
    expect(json.baseline.revenue.mean).toBe(16_000);
    expect(Object.keys(json)).toEqual(['schemaVersion', 'tool', 'scenario', 'scenarioFile', 'seed', 'iterations', 'horizon', 'horizonDays', 'horizonMonths', 'currency', 'customers', 'settings', 'assumptions', 'inputs', 'baseline', 'programs']);
    expect(json.programs[0].world.members.mean).toBe(45);
    const table = await renderToString(runReporter('table'), REPORT);
    expect(table.split('\n')[0]).toContain('Test');
    expect(table).toContain('-1,234');
  });

  it('refuses a format without a reporter', async () => {
    const reporters = { text: textReporter((n: number) => `${n}\n`) };
    expect(await renderToString(pickReporter(reporters, 'text'), 7)).toBe('7\n');
    expect(() => pickReporter(reporters, 'xml' as 'text')).toThrow("no reporter for the format 'xml'");
  });
});

describe('number formats of the text reports', () => {
  it('four significant digits, plainly written for everyday magnitudes', () => {
    expect(formatSignificant(0.82318)).toBe('0.8232');
    expect(formatSignificant(8.8523)).toBe('8.852');
    expect(formatSignificant(1.0300)).toBe('1.03');
    expect(formatSignificant(123456)).toBe('123500');
    expect(formatSignificant(1.234e-9)).toBe('1.234e-9');
    expect(formatSignificant(NaN)).toBe('-');
  });

  it('counts grouped by thousands, shares as percentages with one decimal', () => {
    expect(formatCount(12294)).toBe('12,294');
    expect(formatPercent(2148 / 3000)).toBe('71.6%');
    expect(formatPercent(NaN)).toBe('-');
  });
});
