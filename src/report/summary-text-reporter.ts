/**
 * The `summarize` text report: how the file was read (delimiter, decimal, columns), the rows used
 * and skipped, the customer base in the calibration period, purchases and net spend per customer,
 * category and partner totals, and the holdout when there is one.
 */
import chalk from 'chalk';
import { SKIP_REASONS, SKIP_REASON_LABELS } from '../data/data-quality.js';
import { compactTable, keyValueTable } from './compact-table.js';
import { displayName } from './display-text.js';
import { formatCount, formatDecimal, formatPercent, formatReturnRate, NOT_APPLICABLE } from './format-number.js';
import type { SummaryReport } from './summary-report.js';

export function renderSummaryText({ ingest, profile }: SummaryReport): string {
  const { quality, summaries, categories, partners } = ingest;
  const lines: string[] = [];
  const delimiterName = quality.delimiter === '\t' ? 'tab' : `'${quality.delimiter}'`;
  lines.push(chalk.bold(`Purchase history ${quality.file}`));
  lines.push(`delimiter ${delimiterName}, decimal '${quality.decimal}', columns ${Object.entries(quality.columns).map(([role, name]) => `${role}=${name}`).join(', ')}`);
  lines.push('');

  lines.push(chalk.bold('Rows'));
  const rowLines: string[][] = [
    ['read', formatCount(quality.rowsRead)],
    ['used', formatCount(quality.rowsUsed)],
  ];
  for (const reason of SKIP_REASONS) {
    if (quality.rowsSkipped[reason] > 0) rowLines.push([`skipped: ${SKIP_REASON_LABELS[reason]}`, formatCount(quality.rowsSkipped[reason])]);
  }
  rowLines.push(['returns', `${formatCount(quality.returns.rows)} worth ${formatDecimal(quality.returns.value)}`]);
  if (quality.zeroValueRows > 0) {
    rowLines.push([quality.zeroAmount === 'purchase' ? 'zero-value purchases' : 'zero-value rows (ignored)', formatCount(quality.zeroValueRows)]);
  }
  if (quality.orders !== null) rowLines.push(['orders', formatCount(quality.orders)]);
  if (quality.blankLines > 0) rowLines.push(['blank lines (ignored)', formatCount(quality.blankLines)]);
  lines.push(keyValueTable(rowLines));
  if (quality.skippedExamples.length > 0) {
    lines.push(`First skipped rows${quality.rowsSkippedTotal > quality.skippedExamples.length ? ` (${quality.skippedExamples.length} of ${formatCount(quality.rowsSkippedTotal)})` : ''}:`);
    for (const row of quality.skippedExamples) lines.push(`  line ${row.line}: ${row.message}`);
  }
  lines.push('');

  lines.push(chalk.bold(`Customer base, calibration ${summaries.calibrationStart} .. ${summaries.calibrationEnd}`));
  const baseLines: string[][] = [
    ['dates in the file', `${quality.firstDate} .. ${quality.lastDate}`],
    ['customers', formatCount(profile.customers)],
    ['repeat customers', `${formatCount(profile.repeatCustomers)} (${formatPercent(profile.repeatCustomers / profile.customers)})`],
    ['purchases (customer purchase days)', formatCount(quality.purchases)],
    ['net revenue', formatDecimal(sumOf(summaries.totalSpend))],
    ['return rate', formatReturnRate(quality.returnRate)],
  ];
  if (Number.isFinite(quality.grossMargin)) baseLines.push(['gross margin', formatDecimal(sumOf(summaries.grossMargin))]);
  if (quality.customersWithoutPurchase > 0) {
    const label = quality.zeroAmount === 'purchase' ? 'customers with returns only (left out)' : 'customers with returns or zero-value rows only (left out)';
    baseLines.push([label, formatCount(quality.customersWithoutPurchase)]);
  }
  lines.push(keyValueTable(baseLines));
  lines.push('');

  lines.push(chalk.bold('Purchases per customer'));
  lines.push(compactTable(['purchases', 'customers', 'share'], profile.purchasesPerCustomer.map((bucket) => [bucket.label, formatCount(bucket.customers), formatPercent(bucket.share)])));
  lines.push('');

  lines.push(chalk.bold('Net spend per customer'));
  const spend = profile.spendPerCustomer;
  lines.push(compactTable(['P5', 'P50', 'P95', 'mean'], [[formatDecimal(spend.p5), formatDecimal(spend.p50), formatDecimal(spend.p95), formatDecimal(spend.mean)]], false));
  lines.push(`The top 20% of customers by spend made ${formatPercent(profile.topFifthRevenueShare)} of net revenue.`);

  for (const [title, groups] of [['Categories', categories], ['Partners', partners]] as const) {
    if (groups.length === 0) continue;
    lines.push('');
    lines.push(chalk.bold(`${title} (whole file)`));
    const total = groups.reduce((sum, group) => sum + group.revenue, 0);
    lines.push(
      compactTable(
        ['name', 'net revenue', 'share', 'gross margin', 'purchase lines'],
        groups.map((group) => [displayName(group.name), formatDecimal(group.revenue), formatPercent(group.revenue / total), Number.isFinite(group.grossMargin) ? formatPercent(group.grossMargin / group.revenue) : NOT_APPLICABLE, formatCount(group.purchases)]),
      ),
    );
  }

  if (quality.holdout !== null) {
    const holdout = quality.holdout;
    lines.push('');
    lines.push(chalk.bold(`Holdout ${holdout.start} .. ${holdout.end}`));
    lines.push(
      keyValueTable(
        [
          ['purchases by calibration customers', formatCount(holdout.purchases)],
          ['calibration customers who bought', `${formatCount(holdout.customersPurchasing)} (${formatPercent(holdout.customersPurchasing / profile.customers)})`],
          ['net spend by calibration customers', formatDecimal(holdout.value)],
          ['new customers (left out)', formatCount(quality.newCustomersInHoldout)],
        ],
      ),
    );
  }
  return lines.join('\n') + '\n';
}

function sumOf(values: Float64Array): number {
  let total = 0;
  for (let k = 0; k < values.length; k++) total += values[k];
  return total;
}
