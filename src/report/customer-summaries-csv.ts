/**
 * The `summarize --customers-out` table: one row per calibration customer with x (repeat purchase
 * days), t_x and T (in periods from the first purchase), the mean repeat value, the holdout purchases
 * and value, total spend and gross margin, and the sum and count the mean repeat value is taken over
 * (repeat_value / valued_repeats = monetary_value, exactly); numbers to at most 6 decimals. The
 * columns are those data/summary-table-csv.ts reads back (a scenario's `data.summaries`).
 */
import { SUMMARY_TABLE_COLUMNS } from '../data/summary-table-csv.js';
import { csvDecimals, csvField, csvTable } from './csv-table.js';
import type { Reporter } from './reporter.js';
import type { SummaryReport } from './summary-report.js';

const CUSTOMERS_HEADER = SUMMARY_TABLE_COLUMNS;

const sixDecimals = (value: number) => csvDecimals(value, 6);

/** The `summarize --customers-out` table: one row per calibration customer, numbers to 6 decimals. */
export const customerSummariesCsvReporter: Reporter<SummaryReport> = {
  render({ ingest: { summaries } }) {
    return csvTable(CUSTOMERS_HEADER, summaries.ids.length, (k) => [
      csvField(summaries.ids[k]),
      summaries.x[k],
      sixDecimals(summaries.tx[k]),
      sixDecimals(summaries.T[k]),
      sixDecimals(summaries.monetaryValue[k]),
      summaries.holdoutPurchases[k],
      sixDecimals(summaries.holdoutValue[k]),
      sixDecimals(summaries.totalSpend[k]),
      sixDecimals(summaries.grossMargin[k]),
      summaries.repeatValue === undefined ? '' : sixDecimals(summaries.repeatValue[k]),
      summaries.valuedRepeats === undefined ? '' : summaries.valuedRepeats[k],
    ]);
  },
};
