/** Hand-made report parts shared by the reporter tests. */
import { REPORT_SCHEMA_VERSION, type MetricSummary, type ProgramReport, type SimulationReport } from '../../src/report/report-model.js';

/** A summary whose every figure is `value` (no spread over the iterations). */
export const fixed = (value: number): MetricSummary => ({ mean: value, mcse: 0, p5: value, p50: value, p95: value });

/** The report's fields above the programs: scenario 'Test', 100 customers (a population), 12 months, 10 iterations, EUR. */
export const REPORT_HEADER: Omit<SimulationReport, 'baseline' | 'programs'> = {
  schemaVersion: REPORT_SCHEMA_VERSION,
  tool: { name: 'loyalty-sim', version: '0.0.0' },
  scenario: 'Test',
  scenarioFile: 't.yaml',
  seed: 1,
  iterations: 10,
  horizon: '12 months',
  horizonDays: 365.2425,
  horizonMonths: 12,
  currency: 'EUR',
  customers: 100,
  settings: { breakEvenMethod: 're-simulated', sensitivity: false, annualDiscountRate: 0.08 },
  assumptions: [],
  inputs: { population: { customers: 100, bgnbd: { r: 1, alpha: 3, a: 1, b: 30 }, gammaGamma: { p: 6, q: 4, v: 20 } } },
};

/** A program's month-by-month series and profit histogram left empty, for tests of the other figures. */
export const NO_SERIES: Pick<ProgramReport, 'monthly' | 'profitHistogram'> = {
  monthly: { incrementalProfit: [], cumulativeIncrementalProfit: [], members: [], pointsOutstanding: [], liability: [] },
  profitHistogram: { edges: [], counts: [] },
};
