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
