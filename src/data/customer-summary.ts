/**
 * Per-customer purchase-history summaries, the input of the customer-base models.
 *
 * Notation of Fader, Hardie and Lee (2005), "Counting your customers the easy way":
 *   x   repeat purchases: distinct purchase days after the first purchase day,
 *   t_x time from the first purchase to the last one,
 *   T   time from the first purchase to the end of the calibration period,
 * all measured in the summary's `period` (day, week or month).
 *
 * Stored as a struct of typed arrays (index i is one customer) so that a million customers cost a
 * few tens of megabytes and the model fitters can loop over them without allocation.
 */

import { DAYS_PER_MONTH } from './calendar.js';

export type Period = 'day' | 'week' | 'month';

/** Length of one period in days. A month is the mean Gregorian month (365.2425 / 12 days). */
export const DAYS_PER_PERIOD: Record<Period, number> = {
  day: 1,
  week: 7,
  month: DAYS_PER_MONTH,
};

/** The three numbers the BG/NBD likelihood needs per customer. */
export interface FrequencyRecency {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
}

/** The two numbers the Gamma-Gamma likelihood needs per customer. */
export interface FrequencyMonetary {
  x: ArrayLike<number>;
  /**
   * Mean value of the customer's repeat purchases of positive value (0 when there are none;
   * repeat purchases of value 0, paid with points or a voucher, count in x but not here).
   */
  monetaryValue: ArrayLike<number>;
}

export interface CustomerSummaries extends FrequencyRecency, FrequencyMonetary {
  period: Period;
  /** First purchase date in the file, ISO `YYYY-MM-DD`. */
  calibrationStart: string;
  /** Last day of the calibration period (inclusive), ISO `YYYY-MM-DD`. */
  calibrationEnd: string;
  /** Last purchase date after the calibration end, if the file has a holdout period. */
  holdoutEnd?: string;
  /** Customer ids as they appear in the file. */
  ids: string[];
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  monetaryValue: Float64Array;
  /** Net spend in the calibration period (returns subtracted). */
  totalSpend: Float64Array;
  /** Gross margin earned in the calibration period; NaN when the file has no margin or cost column. */
  grossMargin: Float64Array;
  /** Distinct purchase days after the calibration end. */
  holdoutPurchases: Float64Array;
  /** Net spend after the calibration end. */
  holdoutValue: Float64Array;
  /**
   * Value of the repeat purchase days of positive value (before returns) and how many there are:
   * monetaryValue = repeatValue / valuedRepeats (0 when there are none). Given by the ingest and by
   * a summary table that has them (summary-table-csv.ts).
   */
  repeatValue?: Float64Array;
  valuedRepeats?: Float64Array;
}
