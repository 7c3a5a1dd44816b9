/**
 * The result object of `loyalty-sim liability` (a points ledger rolled forward under IFRS 15,
 * src/metrics/ifrs15-roll-forward.ts) and its machine formats: one JSON document through the one
 * JSON writer, and a CSV table with one row per period.
 */
import type { LiabilityRollForward } from '../metrics/ifrs15-roll-forward.js';
import { csvDecimals, csvField, csvTable } from './csv-table.js';
import { jsonDocument } from './json-writer.js';
import type { Reporter } from './reporter.js';

/** Version of the `liability --json` object; raised when a key changes meaning or goes away. */
export const LIABILITY_SCHEMA_VERSION = 1;

/** The result of `liability`: the ledger file and its roll-forward. */
export interface LiabilityReport {
  file: string;
  rollForward: LiabilityRollForward;
}

/**
 * The `liability --json` object: the face value, one object per period (ledger inputs, cumulative
 * points, expected redemption rate, stand-alone price of the points, allocated, recognised,
 * opening and closing liability) and the totals. A rate that does not apply (no point issued yet)
 * is NaN, written as null.
 */
export function liabilityJson({ file, rollForward }: LiabilityReport): Record<string, unknown> {
  return {
    schemaVersion: LIABILITY_SCHEMA_VERSION,
    standard: 'IFRS 15 B39-B43, Illustrative Example 52',
    file,
    faceValue: rollForward.faceValue,
    periods: rollForward.periods.map((row) => ({
      period: row.period,
      sales: row.sales,
      pointsIssued: row.pointsIssued,
      pointsRedeemed: row.pointsRedeemed,
      expectedRedemptions: row.expectedRedemptions,
      cumulativeIssued: row.cumulativeIssued,
      cumulativeRedeemed: row.cumulativeRedeemed,
      expectedRedemptionRate: row.expectedRedemptionRate,
      pointsStandAlonePrice: row.pointsStandAlonePrice,
      allocated: row.allocated,
      cumulativeAllocated: row.cumulativeAllocated,
      cumulativeRecognised: row.cumulativeRecognised,
      recognised: row.recognised,
      openingLiability: row.openingLiability,
      closingLiability: row.closingLiability,
    })),
    totals: { ...rollForward.totals },
  };
}

export function renderLiabilityJson(report: LiabilityReport): string {
  return jsonDocument(liabilityJson(report));
}

const LIABILITY_CSV_HEADER = [
  'period',
  'sales',
  'points_issued',
  'points_redeemed',
  'expected_redemptions',
  'expected_redemption_rate',
  'allocated',
  'recognised',
  'opening_liability',
  'closing_liability',
] as const;

/** Money and rates to 6 decimals, without trailing zeros; an unknown rate is empty. */
const six = (value: number) => csvDecimals(value, 6);

/** `liability --format csv`: a header row and one row per period (no totals row, so every row is a period). */
export const liabilityCsvReporter: Reporter<LiabilityReport> = {
  render({ rollForward }) {
    const rows = rollForward.periods;
    return csvTable(LIABILITY_CSV_HEADER, rows.length, (i) => {
      const row = rows[i];
      return [
        csvField(row.period),
        six(row.sales),
        six(row.pointsIssued),
        six(row.pointsRedeemed),
        six(row.expectedRedemptions),
        six(row.expectedRedemptionRate),
        six(row.allocated),
        six(row.recognised),
        six(row.openingLiability),
        six(row.closingLiability),
      ];
    });
  },
};
