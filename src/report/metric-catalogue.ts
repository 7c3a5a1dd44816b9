/**
 * The metrics the table shows, in its row order, with their label, unit and one-line definition
 * (declared with their computation in metrics/metric-definitions.ts). The definitions are printed
 * under the table so readers know exactly what each figure means.
 */
import { metricDefinition, type MetricName, type MetricUnit } from '../metrics/metric-definitions.js';

export type { MetricUnit } from '../metrics/metric-definitions.js';

export interface MetricInfo {
  key: MetricName;
  label: string;
  unit: MetricUnit;
  definition: string;
  /** See MetricDefinition.onlyWhenNonZero. */
  onlyWhenNonZero?: string;
  /** See MetricDefinition.noValue. */
  noValue?: string;
}

/** Row order of the table: every declared metric once (checked by test/metrics/metric-definitions.test.ts). */
export const TABLE_ROW_ORDER: readonly MetricName[] = [
  'incrementalRevenue',
  'incrementalProfit',
  'incrementalCashProfit',
  'programCost',
  'roi',
  'probabilityOfLoss',
  'npv',
  'paybackMonth',
  'probabilityOfPayback',
  'marginErosion',
  'subsidyShare',
  'membersEnrolled',
  'membersAtEnd',
  'memberMonths',
  'feeRevenue',
  'feesCollected',
  'feesDeferred',
  'benefitCost',
  'renewalRate',
  'shortfallShare',
  'referrals',
  'programArrivals',
  'dropoutBaseline',
  'dropoutProgram',
  'memberRetention',
  'nonMemberRetention',
  'lapsedBaseline',
  'lapsedProgram',
  'pointsIssued',
  'pointsRedeemed',
  'pointsExpired',
  'pointsForfeited',
  'pointsOutstanding',
  'breakageRate',
  'liability',
  'liabilityAtFaceValue',
  'contractLiability',
];

/** The break-even figures' rows (metrics/break-even.ts, BREAK_EVEN_FIGURES) follow this metric's. */
export const BREAK_EVEN_ROWS_AFTER: MetricName = 'subsidyShare';

export const METRIC_CATALOGUE: readonly MetricInfo[] = TABLE_ROW_ORDER.map((name) => {
  const { label, unit, definition, onlyWhenNonZero, noValue } = metricDefinition(name);
  return {
    key: name,
    label,
    unit,
    definition,
    ...(onlyWhenNonZero === undefined ? {} : { onlyWhenNonZero }),
    ...(noValue === undefined ? {} : { noValue }),
  };
});
