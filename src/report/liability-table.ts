/**
 * The `liability` table: per period the ledger, the expected redemption rate, the part of the
 * sales allocated to the points, the revenue recognised for points and the contract liability at
 * the period's start and end, then the totals. Money with two decimals, points whole.
 */
import type { RollForwardPeriod, RollForwardTotals } from '../metrics/ifrs15-roll-forward.js';
import { compactTable } from './compact-table.js';
import { formatCount, formatDecimal, formatPercent, formatSignificant } from './format-number.js';
import type { LiabilityReport } from './liability-report.js';

const HEAD = ['period', 'sales', 'points issued', 'redeemed', 'expected rate', 'allocated', 'recognised', 'opening', 'closing liability'];

/** Points are whole in most ledgers; fractions keep two decimals. */
function formatPoints(value: number): string {
  return Number.isInteger(value) ? formatCount(value) : formatDecimal(value);
}

function cells(label: string, row: RollForwardPeriod | RollForwardTotals): string[] {
  return [
    label,
    formatDecimal(row.sales),
    formatPoints(row.pointsIssued),
    formatPoints(row.pointsRedeemed),
    formatPercent(row.expectedRedemptionRate),
    formatDecimal(row.allocated),
    formatDecimal(row.recognised),
    formatDecimal(row.openingLiability),
    formatDecimal(row.closingLiability),
  ];
}

export function renderLiabilityTable({ file, rollForward }: LiabilityReport): string {
  const { periods, totals, faceValue } = rollForward;
  const rows = periods.map((row) => cells(row.period, row));
  rows.push(cells('total', totals));
  return (
    `Points liability (IFRS 15 contract liability), ${file}\n` +
    `face value ${formatSignificant(faceValue)} per point; ${formatCount(periods.length)} periods; expected rate = expected redemptions / points issued so far\n` +
    compactTable(HEAD, rows) +
    '\n'
  );
}
