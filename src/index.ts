/** The public programmatic API: what `import { ... } from 'loyalty-sim'` gives. */
export { UserInputError, ExitCode } from './errors.js';
export type { SourceLocation } from './errors.js';
export type { CustomerSummaries, FrequencyRecency, FrequencyMonetary, Period } from './data/customer-summary.js';
export { DAYS_PER_PERIOD } from './data/customer-summary.js';
