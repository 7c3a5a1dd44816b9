/**
 * The result object of `loyalty-sim summarize`, which its reporters are fed (reporters.ts), and its
 * JSON form.
 */
import type { IngestResult } from '../data/ingest.js';
import type { CustomerBaseProfile } from '../data/customer-base-profile.js';
import { jsonDocument } from './json-writer.js';

/** The result of `summarize`: a purchase history as read, and its customer base. */
export interface SummaryReport {
  ingest: IngestResult;
  profile: CustomerBaseProfile;
}

/**
 * The `summarize --json` object: the data-quality report, the customer-base profile and the category
 * and partner totals. Unknown values (a margin without a margin column) are NaN, written as null.
 */
export function summaryJson({ ingest, profile }: SummaryReport): Record<string, unknown> {
  const { quality, summaries } = ingest;
  return {
    file: quality.file,
    rowsRead: quality.rowsRead,
    rowsUsed: quality.rowsUsed,
    rowsSkipped: quality.rowsSkipped,
    rowsSkippedTotal: quality.rowsSkippedTotal,
    skippedExamples: quality.skippedExamples,
    blankLines: quality.blankLines,
    returns: quality.returns,
    returnRate: quality.returnRate,
    zeroValueRows: quality.zeroValueRows,
    zeroAmount: quality.zeroAmount,
    orders: quality.orders,
    customers: quality.customers,
    repeatCustomers: profile.repeatCustomers,
    purchases: quality.purchases,
    newCustomersInHoldout: quality.newCustomersInHoldout,
    customersWithoutPurchase: quality.customersWithoutPurchase,
    customersOutOfDateOrder: quality.customersOutOfDateOrder,
    revenue: quality.revenue,
    grossMargin: quality.grossMargin,
    firstDate: quality.firstDate,
    lastDate: quality.lastDate,
    calibration: { start: summaries.calibrationStart, end: summaries.calibrationEnd, period: summaries.period },
    holdout: quality.holdout,
    purchasesPerCustomer: profile.purchasesPerCustomer,
    spendPerCustomer: profile.spendPerCustomer,
    topFifthRevenueShare: profile.topFifthRevenueShare,
    categories: ingest.categories,
    partners: ingest.partners,
    format: { delimiter: quality.delimiter, decimal: quality.decimal, columns: quality.columns },
    warnings: quality.warnings,
  };
}

/** The `summarize --json` document. */
export function renderSummaryJson(report: SummaryReport): string {
  return jsonDocument(summaryJson(report));
}
