import { describe, expect, it } from 'vitest';
import { programVerdict, roundedMoney, roundedPercent } from '../../src/report/verdict.js';
import type { MetricSummary, ProgramReport, SimulationReport } from '../../src/report/report-model.js';
import { fixed, NO_SERIES, REPORT_HEADER } from './report-fixture.js';

const COVERS = { discounts: false, pointsPayments: true, rewardCost: false, benefitCost: false, partnerPayments: false, pointsLiability: true, feeRevenue: false, setup: 0, perMemberPerYear: 0, perTransaction: 0 };
const spread = (p5: number, mean: number, p95: number): MetricSummary => ({ mean, mcse: 10, p5, p50: mean, p95 });

function program(overrides: Partial<ProgramReport>): ProgramReport {
  return {
    name: '5% back in points',
    type: 'bonus',
    metrics: { incrementalProfit: spread(-12_049, -9_312.4, -6_480), probabilityOfLoss: fixed(0.99) },
    world: { customers: fixed(1), members: fixed(1), purchases: fixed(1), revenue: fixed(1), grossProfit: fixed(1), profit: fixed(1) },
    breakEven: { frequencyUplift: 0.1437, method: 're-simulated', covers: COVERS },
    ...NO_SERIES,
    ...overrides,
  };
}

const UPLIFT = { name: 'programs["5% back in points"].effects.frequencyUplift', description: "the members' frequency uplift in '5% back in points'", program: '5% back in points', distribution: 'pert(0, 0.03, 0.1)', uncertain: true, drawn: fixed(0.04) };

function report(p: ProgramReport, changes: Partial<SimulationReport> = {}): SimulationReport {
  return { ...REPORT_HEADER, iterations: 1000, assumptions: [UPLIFT], baseline: { customers: fixed(1), purchases: fixed(1), revenue: fixed(1), grossProfit: fixed(1) }, programs: [p], ...changes };
}

describe('programVerdict', () => {
  it('words a losing program as the issue example does', () => {
    const p = program({ keyAssumption: { assumption: UPLIFT.name, description: "the members' frequency uplift", measure: 'varianceShare', value: 0.62 } });
    expect(programVerdict(report(p), p)).toBe(
      "5% back in points: -9,310 a year (P5 -12,000 .. P95 -6,480), 99% chance of loss; needs members to buy 14% more often to break even; the members' frequency uplift matters most (62% of the spread)",
    );
  });

  it('words a profitable program, a horizon other than a year and the tornado as the measure', () => {
    const p = program({
      metrics: { incrementalProfit: spread(1_000, 25_551, 40_000), probabilityOfLoss: fixed(0.004) },
      breakEven: { frequencyUplift: 0.02, method: 're-simulated', covers: COVERS },
      keyAssumption: { assumption: UPLIFT.name, description: "the members' frequency uplift", measure: 'tornadoSwing', value: 12_345 },
    });
    expect(programVerdict(report(p, { horizon: '18 months' }), p)).toBe(
      "5% back in points: 25,600 over 18 months (P5 1,000 .. P95 40,000), <1% chance of loss; stays profitable while members buy at least 2% more often; the members' frequency uplift matters most (its P10 to P90 moves the mean by 12,300)",
    );
  });

  it('says when no uplift breaks even, when no single assumption explains a tenth, and when iterations are too few', () => {
    const weak = program({ breakEven: { frequencyUplift: null, method: 're-simulated', covers: COVERS }, keyAssumption: { assumption: UPLIFT.name, description: 'the return rate', measure: 'varianceShare', value: 0.04 } });
    const text = programVerdict(report(weak), weak);
    expect(text).toContain('no frequency uplift up to +500% breaks even');
    expect(text).toContain('no single assumption explains a tenth of the spread (the return rate explains most, 4%)');
    const few = program({});
    expect(programVerdict(report(few, { iterations: 4 }), few)).toContain('too few iterations to tell which assumption matters most (30 needed, or --sensitivity)');
    expect(programVerdict(report(few, { assumptions: [] }), few)).toContain("no assumption is uncertain, the spread is the customers' own randomness");
  });
});

describe('rounded figures', () => {
  it('rounds money to three significant figures and shares to whole percentages, keeping the ends honest', () => {
    expect([roundedMoney(-9312.4), roundedMoney(842.2), roundedMoney(-9.0612), roundedMoney(0), roundedMoney(1_234_567)]).toEqual(['-9,310', '842', '-9.06', '0', '1,230,000']);
    expect([roundedPercent(0.996), roundedPercent(1), roundedPercent(0.004), roundedPercent(0), roundedPercent(0.144)]).toEqual(['>99%', '100%', '<1%', '0%', '14%']);
  });
});
