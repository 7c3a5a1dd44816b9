/**
 * The `summarize --categories-out` table: one row per product category of the history with its
 * net revenue, gross margin, purchase and return lines, and the calibration period's purchased and
 * returned values (data/category-totals.ts). Values are written so that they read back as the same
 * numbers (the ingest's sums have at most 9 decimals), so data/category-table-csv.ts reads back
 * the ingest's numbers bit for bit.
 */
import { CATEGORY_TABLE_COLUMNS } from '../data/category-table-csv.js';
import { MAX_ROUNDED_DECIMALS } from '../data/money.js';
import { csvField, csvTable } from './csv-table.js';
import type { Reporter } from './reporter.js';
import type { SummaryReport } from './summary-report.js';

/**
 * A sum of amounts as the shortest text that reads back as the same number (String), or, where
 * String would write an exponent (below 1e-6), in plain decimals; empty when unknown.
 */
function exactDecimal(value: number): string {
  if (!Number.isFinite(value)) return '';
  const shortest = String(value + 0);
  if (!/e/i.test(shortest)) return shortest;
  const text = value.toFixed(MAX_ROUNDED_DECIMALS).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/** The `summarize --categories-out` table, for a history with a category column (one without has no categories). */
export const categoryTableCsvReporter: Reporter<SummaryReport> = {
  render({ ingest: { categories } }) {
    return csvTable(CATEGORY_TABLE_COLUMNS, categories.length, (k) => {
      const category = categories[k];
      return [
        csvField(category.name),
        exactDecimal(category.revenue),
        exactDecimal(category.grossMargin),
        category.purchases,
        category.returns,
        exactDecimal(category.calibration?.purchasedValue ?? NaN),
        exactDecimal(category.calibration?.returnedValue ?? NaN),
      ];
    });
  },
};
