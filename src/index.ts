/**
 * The public programmatic API: what `import { ... } from 'loyalty-sim'` gives. Grouped by layer,
 * low to high, in the order of the layers (errors, data, model, schema, programs, config, sim,
 * metrics, report, run); within a group, one line per module, the modules sorted by path.
 *
 * - Read a purchase history: `ingestPurchaseHistory`, then `profileCustomerBase`.
 * - Fit and predict: `fitCustomerModel` (or `fitBgNbd`, `fitGammaGamma`), `predictCustomer`,
 *   `customerLifetimeValue`, `validateHoldout`.
 * - Synthetic data: `generateTransactions` + `transactionCsvChunks`, `simulateCustomerSummaries`.
 * - Run a scenario: `loadScenario`, `runScenario`, then `renderTable` or `renderJson`; or
 *   `simulate` on a `SimulationInput` and `computeMetrics` on its result.
 * - Book a points liability (IFRS 15): `ifrs15RollForward` on a ledger of periods.
 *
 * Every program type is exported the same way: its resolved parameters (`Resolved...Program`, the
 * engine's input) as a type. The engine's policies, tallies and tables stay inside.
 */

// errors
export { ExitCode, UserInputError } from './errors.js';
export type { SourceLocation } from './errors.js';

// data: reading purchase histories
export { DAYS_PER_MONTH, DAYS_PER_YEAR } from './data/calendar.js';
export type { CategoryTotals } from './data/category-totals.js';
export { CATEGORY_TABLE_COLUMNS, readCategoryTableCsv } from './data/category-table-csv.js';
export type { CategoryTable } from './data/category-table-csv.js';
export type { ColumnRole } from './data/column-mapping.js';
export { profileCustomerBase } from './data/customer-base-profile.js';
export type { CustomerBaseProfile, PurchaseCountBucket } from './data/customer-base-profile.js';
export { DAYS_PER_PERIOD } from './data/customer-summary.js';
export type { CustomerSummaries, FrequencyMonetary, FrequencyRecency, Period } from './data/customer-summary.js';
export type { DataQualityReport, HoldoutSummary, ReturnRate, SkippedRow, SkipReason } from './data/data-quality.js';
export { ingestPurchaseHistory } from './data/ingest.js';
export type { IngestOptions, IngestResult } from './data/ingest.js';
export { readSummaryTableCsv, SUMMARY_TABLE_COLUMNS } from './data/summary-table-csv.js';
export type { SummaryTable, SummaryTableColumn, SummaryTableOptions } from './data/summary-table-csv.js';
export { DIALECT_NAMES } from './data/summary-sql/dialects.js';
export type { DialectName } from './data/summary-sql/dialects.js';
export { categoryTableSql, customerSummarySql } from './data/summary-sql/summary-query.js';
export type { SummarySqlOptions } from './data/summary-sql/summary-query.js';
export { transactionCsvChunks } from './data/transaction-csv.js';
export type { GeneratedTransactions, GeneratorCategory } from './data/transaction-csv.js';

// model: fitting, predicting and generating customers
export { bgNbdLogLikelihood, conditionalExpectedPurchases, expectedPurchases, fitBgNbd, probabilityAlive } from './model/bg-nbd.js';
export type { BgNbdFit, BgNbdFitOptions } from './model/bg-nbd.js';
export { customerLifetimeValue, discountedExpectedPurchases, expectedSpendPerPurchase } from './model/clv.js';
export type { CustomerHistory, LifetimeValueOptions } from './model/clv.js';
export { DEFAULT_GAMMA_GAMMA, DEFAULT_WEEKLY_BG_NBD, defaultBgNbdParameters } from './model/customer-draws.js';
export { fitCustomerModel } from './model/customer-model.js';
export type { CustomerModelFit } from './model/customer-model.js';
export { predictCustomer } from './model/customer-predictions.js';
export type { CustomerPrediction } from './model/customer-predictions.js';
export { conditionalExpectedSpend, fitGammaGamma, gammaGammaLogLikelihood } from './model/gamma-gamma.js';
export type { GammaGammaFit, GammaGammaFitOptions } from './model/gamma-gamma.js';
export { simulateCustomerSummaries } from './model/generate-summaries.js';
export type { SimulatedSummaries, SimulateSummariesOptions } from './model/generate-summaries.js';
export { generateTransactions } from './model/generate-transactions.js';
export type { GenerateOptions } from './model/generate-transactions.js';
export { HOLDOUT_BUCKET_LABELS, validateHoldout } from './model/holdout-validation.js';
export type { HoldoutBucket, HoldoutValidation } from './model/holdout-validation.js';
export type { BgNbdParameters, GammaGammaParameters } from './model/parameters.js';

// schema: uncertain numbers in scenario and program files
export { parseDistributionText } from './schema/distribution-text.js';
export {
  distributionMean,
  distributionProblem,
  distributionQuantile,
  distributionSupport,
  formatDistribution,
  sampleDistribution,
} from './schema/distributions.js';
export type { Distribution, DistributionName } from './schema/distributions.js';
export { drawAssumptions } from './schema/draw-assumptions.js';
export type { Drawn } from './schema/draw-assumptions.js';

// programs: the engine's input for each program type, checked by the type's schema
export type { PointsMechanics, RedemptionBehaviour } from './programs/points-account.js';
export type { CostParameters, EffectParameters, EnrolmentParameters, ProgramCommon, ReferralParameters } from './programs/program.js';
export { checkResolvedProgram, resolvedProgram } from './programs/registry.js';
export type { ResolvedProgram } from './programs/registry.js';
export type { ResolvedBonusProgram } from './programs/types/bonus.js';
export type { ResolvedCoalitionProgram } from './programs/types/coalition.js';
export type { ResolvedDiscountProgram } from './programs/types/discount.js';
export type { ResolvedInstantWinProgram } from './programs/types/instant-win.js';
export type { ResolvedNoneProgram } from './programs/types/none.js';
export type { ResolvedPaidProgram } from './programs/types/paid.js';
export type { ResolvedThresholdGiftProgram } from './programs/types/threshold-gift.js';
export type { ResolvedTieredProgram } from './programs/types/tiered.js';

// config: scenario and program files
export { defaultScenarioPath } from './config/default-scenario.js';
export { ConfigError } from './config/issues.js';
export { publishedJsonSchema, SCHEMA_KINDS } from './config/json-schema.js';
export type { SchemaKind } from './config/json-schema.js';
export { loadConfigFile, loadProgram, loadScenario } from './config/load.js';
export type { LoadedConfig, LoadedProgram, LoadedScenario } from './config/load.js';
export { PROGRAM_TYPES, programDefinitionSchema } from './config/program-schema.js';
export type { ProgramDefinition, ProgramDefinitionInput, ProgramType } from './config/program-schema.js';
export { HETEROGENEITY_SHAPES, ingestOptionsFor, scenarioSchema } from './config/scenario-schema.js';
export type { Acquisition, DataSource, Economics, Horizon, Population, Scenario, ScenarioFileInput } from './config/scenario-schema.js';
export type { ConfigIssue, KeyPath } from './config/yaml-source.js';

// sim: the Monte Carlo engine
export { simulate } from './sim/simulate.js';
export type {
  CategoryMix,
  ResolvedIteration,
  SimulationCustomers,
  SimulationInput,
  SimulationModel,
  SimulationOptions,
  SimulationResult,
} from './sim/simulation-input.js';

// metrics: figures of a simulation result; the IFRS 15 points liability of a ledger
export { BREAK_EVEN_FIGURES, breakEvenCoverage, programBreakEvenCoverage } from './metrics/break-even.js';
export type { BreakEvenCoverage, BreakEvenFigureDefinition, BreakEvenFigures, BreakEvenMethod } from './metrics/break-even.js';
export { GROUP_FIGURES, programBreakdown } from './metrics/breakdown.js';
export type { GroupBreakdown, GroupFigure, GroupFigures } from './metrics/breakdown.js';
export { computeMetrics, iterationMetrics, METRIC_NAMES } from './metrics/compute-metrics.js';
export type { MetricName, MetricsEconomics, ProgramMetrics } from './metrics/compute-metrics.js';
export { expectedValueOfPartialPerfectInformation, expectedValueOfPerfectInformation } from './metrics/evppi.js';
export type { ValueOfInformation } from './metrics/evppi.js';
export { ifrs15RollForward } from './metrics/ifrs15-roll-forward.js';
export type {
  LiabilityRollForward,
  PointsLedgerPeriod,
  RollForwardOptions,
  RollForwardPeriod,
  RollForwardTotals,
} from './metrics/ifrs15-roll-forward.js';
export { METRICS } from './metrics/metric-definitions.js';
export type { MetricDefinition } from './metrics/metric-definitions.js';
export { programSettlement } from './metrics/settlement.js';
export type { Settlement, SettlementFigures } from './metrics/settlement.js';
export { percentile, summarize } from './metrics/summary.js';
export type { MetricSummary } from './metrics/summary.js';
export { BASELINE_FIGURES, WORLD_FIGURES, worldFigures, worldSummaries } from './metrics/world-summary.js';
export type { BaselineFigure, BaselineSummary, ProgramWorldSummary, WorldFigure, WorldSummaries } from './metrics/world-summary.js';
export { worldTotals } from './metrics/world-totals.js';
export type { WorldTotals } from './metrics/world-totals.js';

// report: one reporter per format for each command's result
export { fitJson, renderFitJson } from './report/fit-report.js';
export type { FitReport } from './report/fit-report.js';
export { renderJson } from './report/json-reporter.js';
export { jsonDocument } from './report/json-writer.js';
export { METRIC_CATALOGUE } from './report/metric-catalogue.js';
export type { MetricInfo, MetricUnit } from './report/metric-catalogue.js';
export type {
  AssumptionValueOfInformation,
  DecisionValueOfInformation,
  ProgramReport,
  ProgramTornado,
  SensitivityAssumption,
  SensitivitySection,
  SimulationReport,
  TornadoBar,
} from './report/report-model.js';
export { renderToString } from './report/reporter.js';
export type { Reporter } from './report/reporter.js';
export { fitReporter, runReporter, summaryReporter } from './report/reporters.js';
export type { FitFormat, RunFormat, SummaryFormat } from './report/reporters.js';
export { renderSummaryJson, summaryJson } from './report/summary-report.js';
export type { SummaryReport } from './report/summary-report.js';
export { renderTable } from './report/table-reporter.js';
export type { TableReporterOptions } from './report/table-reporter.js';

// run: a scenario from file to report
export { customerBaseFromData, customerBaseFromPopulation } from './run/customer-base.js';
export type { CustomerBase } from './run/customer-base.js';
export { runScenario } from './run/run-scenario.js';
export { breakEvenFigures } from './run/break-even.js';
export type { BreakEvenOptions } from './run/break-even.js';
export type { RunOverrides } from './run/run-scenario.js';
export { mergeShards, runShard } from './run/shards.js';
export type { NamedShard, ShardSpec } from './run/shards.js';
export type { ShardFile } from './run/shard-file.js';
