/**
 * How many existing customers each iteration simulates (docs/methods.md section 7, "Customer
 * sample"): every one of a base up to FULL_BASE_LIMIT customers with `customerSample: auto` (the
 * default), AUTO_SAMPLE_SIZE of a larger one; all of them with `all`; N with a number (all when N
 * is at least the base).
 */

/** The most existing customers `auto` simulates whole. */
export const FULL_BASE_LIMIT = 50_000;
/** The sample `auto` simulates per iteration of a base above FULL_BASE_LIMIT. */
export const AUTO_SAMPLE_SIZE = 10_000;

export type CustomerSampleSetting = 'auto' | 'all' | number;

/** The engine's `customerSample` for `customers` existing customers: a sample size below it, or undefined for every customer. */
export function customerSampleSize(setting: CustomerSampleSetting, customers: number): number | undefined {
  const size = setting === 'all' ? customers : setting === 'auto' ? (customers > FULL_BASE_LIMIT ? AUTO_SAMPLE_SIZE : customers) : setting;
  return size < customers ? size : undefined;
}
