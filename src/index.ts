/** The public programmatic API: what `import { ... } from 'loyalty-sim'` gives. */
export { UserInputError, ExitCode } from './errors.js';
export type { SourceLocation } from './errors.js';
export type { CustomerSummaries, FrequencyRecency, FrequencyMonetary, Period } from './data/customer-summary.js';
export { DAYS_PER_PERIOD } from './data/customer-summary.js';
export { ingestPurchaseHistory } from './data/ingest.js';
export type { IngestOptions, IngestResult } from './data/ingest.js';
export type { ColumnRole } from './data/column-mapping.js';
export type { DataQualityReport, HoldoutSummary, SkipReason, SkippedRow } from './data/data-quality.js';
export type { CategoryTotals } from './data/category-totals.js';
export { profileCustomerBase } from './data/customer-base-profile.js';
export type { CustomerBaseProfile, PurchaseCountBucket } from './data/customer-base-profile.js';
export type { BgNbdParameters, GammaGammaParameters } from './model/parameters.js';
export { fitBgNbd, bgNbdLogLikelihood, probabilityAlive, conditionalExpectedPurchases, expectedPurchases } from './model/bg-nbd.js';
export type { BgNbdFit, BgNbdFitOptions } from './model/bg-nbd.js';
export { fitGammaGamma, gammaGammaLogLikelihood, conditionalExpectedSpend } from './model/gamma-gamma.js';
export type { GammaGammaFit, GammaGammaFitOptions } from './model/gamma-gamma.js';
export { customerLifetimeValue, discountedExpectedPurchases, expectedSpendPerPurchase } from './model/clv.js';
export type { LifetimeValueOptions, CustomerHistory } from './model/clv.js';
export { validateHoldout, HOLDOUT_BUCKET_LABELS } from './model/holdout-validation.js';
export type { HoldoutValidation, HoldoutBucket } from './model/holdout-validation.js';
export { fitCustomerModel } from './model/customer-model.js';
export { fitJson as customerModelJson } from './report/fit-report.js';
export type { CustomerModelFit } from './model/customer-model.js';
export { predictCustomer } from './model/customer-predictions.js';
export type { CustomerPrediction } from './model/customer-predictions.js';
export { generateTransactions, transactionCsvChunks, defaultBgNbdParameters, DEFAULT_WEEKLY_BG_NBD, DEFAULT_GAMMA_GAMMA } from './data/generate.js';
export type { GenerateOptions, GeneratedTransactions, GeneratorCategory } from './data/generate.js';
export { simulateCustomerSummaries } from './data/generate-summaries.js';
export type { SimulateSummariesOptions, SimulatedSummaries } from './data/generate-summaries.js';
export { loadScenario, loadProgram, loadConfigFile } from './config/load.js';
export type { LoadedScenario, LoadedProgram, LoadedConfig } from './config/load.js';
export { ConfigError } from './config/issues.js';
export type { ConfigIssue, KeyPath } from './config/yaml-source.js';
export { scenarioSchema, ingestOptionsFor, HETEROGENEITY_SHAPES } from './config/scenario-schema.js';
export type { Scenario, ScenarioFileInput, DataSource, Population, Economics, Horizon, Acquisition } from './config/scenario-schema.js';
export { programDefinitionSchema, PROGRAM_TYPES } from './config/program-schema.js';
export type { ProgramDefinition, ProgramDefinitionInput, ProgramType, DiscountProgram, BonusProgram } from './config/program-schema.js';
export { publishedJsonSchema, SCHEMA_KINDS } from './config/json-schema.js';
export type { SchemaKind } from './config/json-schema.js';
export {
  sampleDistribution,
  distributionMean,
  distributionQuantile,
  distributionSupport,
  distributionProblem,
  formatDistribution,
} from './schema/distributions.js';
export type { Distribution, DistributionName } from './schema/distributions.js';
export { parseDistributionText } from './schema/distribution-text.js';
export { drawAssumptions } from './schema/draw-assumptions.js';
export type { Drawn } from './schema/draw-assumptions.js';
export { simulate } from './sim/simulate.js';
export type {
  SimulationInput,
  SimulationOptions,
  SimulationResult,
  SimulationCustomers,
  SimulationModel,
  CategoryMix,
  ResolvedIteration,
} from './sim/simulation-input.js';
export { Tally, TALLY_FIELDS, TALLY_FIELD_COUNT, tallyOffset, tallyValue, iterationTallyLength } from './sim/tally.js';
export type { TallyField, TallyShape } from './sim/tally.js';
export { BreakdownField, BREAKDOWN_FIELDS, BREAKDOWN_FIELD_COUNT, breakdownLayout, breakdownIndex } from './sim/tally.js';
export type { BreakdownFieldName, BreakdownLayout } from './sim/tally.js';
export { DAYS_PER_MONTH } from './sim/calendar.js';
export { MemberEvent, ProgramEventOutcome, EnrolmentCandidate } from './programs/program.js';
export type {
  ReferralParameters,
  ProgramCommon,
  EnrolmentParameters,
  EffectParameters,
  CostParameters,
  ProgramContext,
  ProgramPolicy,
  ProgramPolicyType,
} from './programs/program.js';
export { PROGRAM_POLICY_TYPES } from './programs/registry.js';
export type { ResolvedProgram } from './programs/registry.js';
export type { ResolvedNoneProgram } from './programs/none.js';
export type { ResolvedDiscountProgram, DiscountMechanics, DiscountLadderStep } from './programs/discount.js';
export type { ResolvedBonusProgram, PointsMechanics, PointsRounding, RedemptionBehaviour } from './programs/bonus.js';
export { joiningProbability, individualExpectedPurchases, periodMonths } from './programs/paid.js';
export type { ResolvedPaidProgram, PaidMechanics, MembershipPeriod, JoiningRule } from './programs/paid.js';
export { tieredProgram } from './programs/tiered.js';
export type { ResolvedTieredProgram, TierQualification, TierLevel, TierMetric } from './programs/tiered.js';
export { thresholdGiftProgram } from './programs/threshold-gift.js';
export type { ResolvedThresholdGiftProgram, GiftMechanics } from './programs/threshold-gift.js';
export { coalitionProgram } from './programs/coalition.js';
export type {
  ResolvedCoalitionProgram,
  PartnerViewMechanics,
  OperatorViewMechanics,
  CoalitionPartner,
  CoalitionPoints,
} from './programs/coalition.js';
export { PointsAccount } from './programs/points-account.js';
export { programBreakdown, GROUP_FIGURES } from './metrics/breakdown.js';
export type { GroupBreakdown, GroupFigures, GroupFigure } from './metrics/breakdown.js';
export { programSettlement } from './metrics/settlement.js';
export type { Settlement, SettlementFigures } from './metrics/settlement.js';
export { renewalRate, shortfallShare } from './metrics/membership.js';
export { computeMetrics, iterationMetrics, metricsOfIteration, monthlyIncrementalProfit, METRIC_NAMES } from './metrics/compute-metrics.js';
export type { MetricName, MetricsEconomics, ProgramMetrics } from './metrics/compute-metrics.js';
export { summarize, percentile } from './metrics/summary.js';
export type { MetricSummary } from './metrics/summary.js';
export { worldTotals, monthTallies } from './metrics/world-totals.js';
export type { WorldTotals } from './metrics/world-totals.js';
export { defaultScenarioPath } from './config/default-scenario.js';
export { runScenario } from './run/run-scenario.js';
export type { RunOverrides } from './run/run-scenario.js';
export { customerBaseFromData, customerBaseFromPopulation } from './run/customer-base.js';
export type { CustomerBase } from './run/customer-base.js';
export { renderTable } from './report/table-reporter.js';
export { renderJson } from './report/json-reporter.js';
export { METRIC_CATALOGUE } from './report/metric-catalogue.js';
export type { SimulationReport, ProgramReport } from './report/report-model.js';
