/**
 * The programmatic API as a user meets it: everything below is imported from the package entry
 * point (src/index.ts), nothing from inside.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import {
  defaultScenarioPath,
  expectedPurchases,
  fitCustomerModel,
  generateTransactions,
  ifrs15RollForward,
  ingestPurchaseHistory,
  loadScenario,
  mergeShards,
  readCategoryTableCsv,
  readSummaryTableCsv,
  renderJson,
  runScenario,
  runShard,
  transactionCsvChunks,
  categoryTableSql,
  customerSummarySql,
} from '../../src/index.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SAMPLE_RETAILER = fileURLToPath(new URL('../../scenarios/data/sample-retailer.csv', import.meta.url));

describe('the programmatic API', () => {
  it('generates the bundled sample history from the command in scenarios/data/README.md', () => {
    const generated = generateTransactions({
      customers: 3000,
      start: '2024-01-01',
      end: '2025-12-31',
      categories: [
        { name: 'grocery', share: 0.6, margin: 0.24 },
        { name: 'household', share: 0.3, margin: 0.38 },
        { name: 'gifts', share: 0.1, margin: 0.45 },
      ],
      seed: 2024,
    });
    // 3,000 customers and 12,294 purchases, as the README of the sample data says.
    expect(generated.customers).toBe(3000);
    expect(generated.purchases).toBe(12_294);
    expect([...transactionCsvChunks(generated)].join('')).toBe(readFileSync(SAMPLE_RETAILER, 'utf8'));
  });

  it('reads a purchase history and fits the customer models to it', async () => {
    const { summaries, quality, categories } = await ingestPurchaseHistory(SAMPLE_RETAILER);
    expect(quality.rowsRead).toBe(12_294);
    expect(quality.customers).toBe(3000);
    // Each row's margin is its amount times the category's margin, rounded to cents.
    expect(categories.map((c) => [c.name, Number((c.grossMargin / c.revenue).toFixed(3))])).toEqual([
      ['grocery', 0.24],
      ['household', 0.38],
      ['gifts', 0.45],
    ]);
    const model = fitCustomerModel(summaries);
    // The history was drawn with r = 0.75, alpha = 7.5, a = 0.8, b = 6 per week and p = 6, q = 4,
    // v = 20 (a mean ticket of p v / (q - 1) = 40): the fit finds them within a quarter.
    const truth = { r: 0.75, alpha: 7.5, a: 0.8, b: 6, p: 6, q: 4, v: 20 };
    const fitted = { ...model.bgnbd.params, ...model.gammaGamma.params };
    for (const [name, value] of Object.entries(truth)) {
      expect(Math.abs(fitted[name as keyof typeof truth] / value - 1), name).toBeLessThan(0.25);
    }
    const { p, q, v } = model.gammaGamma.params;
    expect(Math.abs((p * v) / (q - 1) / 40 - 1)).toBeLessThan(0.05);
    // A new customer's expected purchases in their first year: the same order as the 5.2 a year
    // of an active customer, fewer because some drop out.
    const firstYear = expectedPurchases(model.bgnbd.params, 52);
    expect(firstYear).toBeGreaterThan(2);
    expect(firstYear).toBeLessThan(5.2);
  });

  it('runs a scenario from code, the same report for the same seed', async () => {
    const loaded = await loadScenario(defaultScenarioPath());
    const report = await runScenario(loaded, { iterations: 10, workers: 1 });
    expect(report.programs.map((p) => p.name)).toEqual(['5% off for members', '5% back in points']);
    expect(report.iterations).toBe(10);
    const again = await runScenario(loaded, { iterations: 10, workers: 1 });
    expect(renderJson(again)).toBe(renderJson(report));
  });

  it('runs a run in shards from code and merges them into the report of the whole run', async () => {
    const loaded = await loadScenario(defaultScenarioPath());
    const overrides = { iterations: 9, workers: 1, breakEven: 'first-order' as const };
    const shards = await Promise.all([1, 2, 3].map(async (index) => ({ file: `part-${index}.json`, shard: await runShard(loaded, { index, count: 3 }, overrides) })));
    expect(shards.map(({ shard }) => shard.identity.shard)).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
    const merged = await mergeShards([shards[2], shards[0], shards[1]]);
    expect(renderJson(merged)).toBe(renderJson(await runScenario(loaded, overrides)));
  });

  it('reads the customer and category tables a warehouse query makes, and prints those queries', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-api-tables-'));
    const customers = path.join(folder, 'customers.csv');
    writeFileSync(customers, 'customer_id,x,t_x,T,monetary_value\nalice,2,14,28,12.5\nbob,0,0,7,0\n');
    const table = await readSummaryTableCsv(customers, { period: 'day', calibrationEnd: '2025-06-30' });
    expect([...table.summaries.x]).toEqual([2, 0]);
    expect(table.summaries.calibrationStart).toBe('2025-06-02');
    const categories = path.join(folder, 'categories.csv');
    writeFileSync(categories, 'category,revenue,gross_margin,purchase_lines,return_lines,calibration_purchased_value,calibration_returned_value\nshop,90,27,10,1,100,10\nfuel,500,40,20,0,400,0\n');
    const { categories: read, returnRate } = await readCategoryTableCsv(categories);
    expect(read.map((c) => c.name)).toEqual(['fuel', 'shop']);
    expect(returnRate).toEqual({ rate: 10 / 500, purchasedValue: 500, returnedValue: 10 });
    expect(customerSummarySql({ dialect: 'postgres', table: 'orders' })).toContain('FROM "orders"');
    expect(categoryTableSql({ dialect: 'bigquery', table: 'shop.orders' })).toContain('CAST(line_value AS NUMERIC)');
  });

  it('rolls a points liability forward: IFRS 15 Illustrative Example 52', () => {
    // 100,000 of sales earn 10,000 points of 1, 9,500 expected: 8,676 allocated to the points;
    // 4,500 redeemed: revenue 4,110; then 8,500 redeemed of 9,700 expected: 3,493, liability 1,073.
    const { periods } = ifrs15RollForward(
      [
        { period: '1', sales: 100_000, pointsIssued: 10_000, pointsRedeemed: 4_500, expectedRedemptions: 9_500 },
        { period: '2', sales: 0, pointsIssued: 0, pointsRedeemed: 4_000, expectedRedemptions: 9_700 },
      ],
      { faceValue: 1 },
    );
    expect(periods.map((p) => [p.allocated, p.recognised, p.closingLiability].map(Math.round))).toEqual([
      [8_676, 4_110, 4_566],
      [0, 3_493, 1_073],
    ]);
  });

  it('exports these values and no engine internals (policies, tallies, tables)', () => {
    expect(Object.keys(api).sort()).toEqual([
      'BASELINE_FIGURES',
      'BREAK_EVEN_FIGURES',
      'CATEGORY_TABLE_COLUMNS',
      'ConfigError',
      'DAYS_PER_MONTH',
      'DAYS_PER_PERIOD',
      'DAYS_PER_YEAR',
      'DEFAULT_GAMMA_GAMMA',
      'DEFAULT_WEEKLY_BG_NBD',
      'DIALECT_NAMES',
      'ExitCode',
      'GROUP_FIGURES',
      'HETEROGENEITY_SHAPES',
      'HOLDOUT_BUCKET_LABELS',
      'METRICS',
      'METRIC_CATALOGUE',
      'METRIC_NAMES',
      'PROGRAM_TYPES',
      'SCHEMA_KINDS',
      'SUMMARY_TABLE_COLUMNS',
      'UserInputError',
      'WORLD_FIGURES',
      'bgNbdLogLikelihood',
      'breakEvenCoverage',
      'breakEvenFigures',
      'categoryTableSql',
      'checkResolvedProgram',
      'computeMetrics',
      'conditionalExpectedPurchases',
      'conditionalExpectedSpend',
      'customerBaseFromData',
      'customerBaseFromPopulation',
      'customerLifetimeValue',
      'customerSummarySql',
      'defaultBgNbdParameters',
      'defaultScenarioPath',
      'discountedExpectedPurchases',
      'distributionMean',
      'distributionProblem',
      'distributionQuantile',
      'distributionSupport',
      'drawAssumptions',
      'expectedPurchases',
      'expectedSpendPerPurchase',
      'expectedValueOfPartialPerfectInformation',
      'expectedValueOfPerfectInformation',
      'fitBgNbd',
      'fitCustomerModel',
      'fitGammaGamma',
      'fitJson',
      'fitReporter',
      'formatDistribution',
      'gammaGammaLogLikelihood',
      'generateTransactions',
      'ifrs15RollForward',
      'ingestOptionsFor',
      'ingestPurchaseHistory',
      'iterationMetrics',
      'jsonDocument',
      'loadConfigFile',
      'loadProgram',
      'loadScenario',
      'mergeShards',
      'parseDistributionText',
      'percentile',
      'predictCustomer',
      'probabilityAlive',
      'profileCustomerBase',
      'programBreakEvenCoverage',
      'programBreakdown',
      'programDefinitionSchema',
      'programSettlement',
      'publishedJsonSchema',
      'readCategoryTableCsv',
      'readSummaryTableCsv',
      'renderFitJson',
      'renderJson',
      'renderSummaryJson',
      'renderTable',
      'renderToString',
      'resolvedProgram',
      'runReporter',
      'runScenario',
      'runShard',
      'sampleDistribution',
      'scenarioSchema',
      'simulate',
      'simulateCustomerSummaries',
      'summarize',
      'summaryJson',
      'summaryReporter',
      'transactionCsvChunks',
      'validateHoldout',
      'worldFigures',
      'worldSummaries',
      'worldTotals',
    ]);
  });
});
