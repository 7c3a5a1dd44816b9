/**
 * `loyalty-sim summarize <file.csv> [ingest options] [--json] [--customers-out FILE.csv]`: the
 * data-quality report of a purchase history and its customer base at a glance; optionally the
 * per-customer summaries (x, t_x, T, ...) as CSV.
 */
import Table from 'cli-table3';
import chalk from 'chalk';
import type { Command } from 'commander';
import { ingestPurchaseHistory, type IngestResult } from '../data/ingest.js';
import { profileCustomerBase, type CustomerBaseProfile } from '../data/customer-base-profile.js';
import { SKIP_REASONS, SKIP_REASON_LABELS } from '../data/data-quality.js';
import type { CustomerSummaries } from '../data/customer-summary.js';
import { addIngestOptions, ingestOptionsFrom, type IngestOptionValues } from './ingest-options.js';
import type { CommandContext } from './command-context.js';
import { writeStdout } from './output.js';
import { csvField, writeCsvAtomic } from './csv-output.js';

interface SummarizeOptionValues extends IngestOptionValues {
  json?: boolean;
  customersOut?: string;
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = (share: number): string => (Number.isFinite(share) ? `${(100 * share).toFixed(1)}%` : '-');
const amount = (value: number): string => (Number.isFinite(value) ? money.format(value) : '-');

/** cli-table3 characters for a compact table: no rules between rows. */
const COMPACT_TABLE = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** A table with a header; the first column is left-aligned when it holds labels, the rest right-aligned. */
function table(head: string[], rows: string[][], firstColumnIsLabel = true): string {
  const result = new Table({
    head,
    style: { head: [], border: [] },
    chars: COMPACT_TABLE,
    colAligns: head.map((_, k) => (k === 0 && firstColumnIsLabel ? 'left' : 'right')),
  });
  result.push(...rows);
  return result.toString();
}

/** A two-column table of labels and values, without a header. */
function keyValueTable(rows: string[][]): string {
  const result = new Table({ style: { head: [], border: [] }, chars: COMPACT_TABLE, colAligns: ['left', 'right'] });
  result.push(...rows);
  return result.toString();
}

function renderSummary(result: IngestResult, profile: CustomerBaseProfile): string {
  const { quality, summaries, categories, partners } = result;
  const lines: string[] = [];
  const delimiterName = quality.delimiter === '\t' ? 'tab' : `'${quality.delimiter}'`;
  lines.push(chalk.bold(`Purchase history ${quality.file}`));
  lines.push(`delimiter ${delimiterName}, decimal '${quality.decimal}', columns ${Object.entries(quality.columns).map(([role, name]) => `${role}=${name}`).join(', ')}`);
  lines.push('');

  lines.push(chalk.bold('Rows'));
  const rowLines: string[][] = [
    ['read', count.format(quality.rowsRead)],
    ['used', count.format(quality.rowsUsed)],
  ];
  for (const reason of SKIP_REASONS) {
    if (quality.rowsSkipped[reason] > 0) rowLines.push([`skipped: ${SKIP_REASON_LABELS[reason]}`, count.format(quality.rowsSkipped[reason])]);
  }
  rowLines.push(['returns', `${count.format(quality.returns.rows)} worth ${amount(quality.returns.value)}`]);
  if (quality.zeroValueRows > 0) rowLines.push(['zero-value rows', count.format(quality.zeroValueRows)]);
  if (quality.orders !== null) rowLines.push(['orders', count.format(quality.orders)]);
  if (quality.blankLines > 0) rowLines.push(['blank lines (ignored)', count.format(quality.blankLines)]);
  lines.push(keyValueTable(rowLines));
  if (quality.skippedExamples.length > 0) {
    lines.push(`First skipped rows${quality.rowsSkippedTotal > quality.skippedExamples.length ? ` (${quality.skippedExamples.length} of ${count.format(quality.rowsSkippedTotal)})` : ''}:`);
    for (const row of quality.skippedExamples) lines.push(`  line ${row.line}: ${row.message}`);
  }
  lines.push('');

  lines.push(chalk.bold(`Customer base, calibration ${summaries.calibrationStart} .. ${summaries.calibrationEnd}`));
  const baseLines: string[][] = [
    ['dates in the file', `${quality.firstDate} .. ${quality.lastDate}`],
    ['customers', count.format(profile.customers)],
    ['repeat customers', `${count.format(profile.repeatCustomers)} (${percent(profile.repeatCustomers / profile.customers)})`],
    ['purchases (customer purchase days)', count.format(quality.purchases)],
    ['net revenue', amount(sumOf(summaries.totalSpend))],
  ];
  if (Number.isFinite(quality.grossMargin)) baseLines.push(['gross margin', amount(sumOf(summaries.grossMargin))]);
  if (quality.customersWithoutPurchase > 0) baseLines.push(['customers with returns only (left out)', count.format(quality.customersWithoutPurchase)]);
  lines.push(keyValueTable(baseLines));
  lines.push('');

  lines.push(chalk.bold('Purchases per customer'));
  lines.push(table(['purchases', 'customers', 'share'], profile.purchasesPerCustomer.map((bucket) => [bucket.label, count.format(bucket.customers), percent(bucket.share)])));
  lines.push('');

  lines.push(chalk.bold('Net spend per customer'));
  const spend = profile.spendPerCustomer;
  lines.push(table(['P5', 'P50', 'P95', 'mean'], [[amount(spend.p5), amount(spend.p50), amount(spend.p95), amount(spend.mean)]], false));
  lines.push(`The top 20% of customers by spend made ${percent(profile.topFifthRevenueShare)} of net revenue.`);

  for (const [title, groups] of [['Categories', categories], ['Partners', partners]] as const) {
    if (groups.length === 0) continue;
    lines.push('');
    lines.push(chalk.bold(`${title} (whole file)`));
    const total = groups.reduce((sum, group) => sum + group.revenue, 0);
    lines.push(
      table(
        ['name', 'net revenue', 'share', 'gross margin', 'purchase lines'],
        groups.map((group) => [group.name, amount(group.revenue), percent(group.revenue / total), Number.isFinite(group.grossMargin) ? percent(group.grossMargin / group.revenue) : '-', count.format(group.purchases)]),
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
          ['purchases by calibration customers', count.format(holdout.purchases)],
          ['calibration customers who bought', `${count.format(holdout.customersPurchasing)} (${percent(holdout.customersPurchasing / profile.customers)})`],
          ['net spend by calibration customers', amount(holdout.value)],
          ['new customers (left out)', count.format(quality.newCustomersInHoldout)],
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

/** The JSON report: the data-quality report, the customer-base profile and the category totals. */
function summaryJson(result: IngestResult, profile: CustomerBaseProfile): string {
  const { quality, summaries } = result;
  const report = {
    file: quality.file,
    rowsRead: quality.rowsRead,
    rowsUsed: quality.rowsUsed,
    rowsSkipped: quality.rowsSkipped,
    rowsSkippedTotal: quality.rowsSkippedTotal,
    skippedExamples: quality.skippedExamples,
    blankLines: quality.blankLines,
    returns: quality.returns,
    zeroValueRows: quality.zeroValueRows,
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
    categories: result.categories,
    partners: result.partners,
    format: { delimiter: quality.delimiter, decimal: quality.decimal, columns: quality.columns },
    warnings: quality.warnings,
  };
  // JSON has no NaN: unknown values (a margin without a margin column) become null.
  return JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2) + '\n';
}

export const CUSTOMERS_HEADER = ['customer_id', 'x', 't_x', 'T', 'monetary_value', 'holdout_purchases', 'holdout_value', 'total_spend', 'gross_margin'];

/** A number for the CSV: at most 6 decimals, no exponent for everyday values; empty when unknown. */
function csvNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toFixed(6))) : '';
}

async function writeCustomerSummaries(file: string, summaries: CustomerSummaries): Promise<void> {
  await writeCsvAtomic(
    file,
    CUSTOMERS_HEADER,
    summaries.ids.length,
    (k) => [
      csvField(summaries.ids[k]),
      summaries.x[k],
      csvNumber(summaries.tx[k]),
      csvNumber(summaries.T[k]),
      csvNumber(summaries.monetaryValue[k]),
      summaries.holdoutPurchases[k],
      csvNumber(summaries.holdoutValue[k]),
      csvNumber(summaries.totalSpend[k]),
      csvNumber(summaries.grossMargin[k]),
    ],
    '--customers-out',
  );
}

export function registerSummarizeCommand(program: Command, context: CommandContext): void {
  void context;
  const command = program
    .command('summarize')
    .description('check a purchase history and describe its customer base: rows used and skipped, returns, purchases, spend')
    .argument('<file.csv>', 'purchase history: one row per purchase line (customer_id,date,amount[,...])');
  addIngestOptions(command)
    .option('--json', 'print the report as one JSON object')
    .option('--customers-out <file.csv>', 'write one row per customer: customer_id,x,t_x,T,monetary_value,holdout_purchases,holdout_value,total_spend,gross_margin')
    .addHelpText(
      'after',
      `
x is the number of repeat purchases (distinct purchase days after the first), t_x the time of the
last purchase and T the time to the calibration end, both from the first purchase, in --period units.

Examples:
  loyalty-sim summarize scenarios/data/sample-retailer.csv
  loyalty-sim summarize orders.csv --on-bad-row skip --json
  loyalty-sim summarize export.csv --delimiter ";" --decimal , --date-format DD.MM.YYYY
  loyalty-sim summarize online-retail.csv --columns customer=CustomerID,date=InvoiceDate,order=InvoiceNo,quantity=Quantity,unit_price=UnitPrice --date-format "M/D/YYYY H:mm"
  loyalty-sim summarize orders.csv --calibration-end 2025-06-30 --period day --customers-out customers.csv`,
    )
    .action(async (file: string, values: SummarizeOptionValues) => {
      const ingestOptions = ingestOptionsFrom(values);
      const result = await ingestPurchaseHistory(file, ingestOptions);
      const profile = profileCustomerBase(result.summaries);
      for (const warning of result.quality.warnings) process.stderr.write(`${chalk.yellow('warning:')} ${warning}\n`);
      await writeStdout(values.json ? summaryJson(result, profile) : renderSummary(result, profile));
      if (values.customersOut) {
        await writeCustomerSummaries(values.customersOut, result.summaries);
        process.stderr.write(`wrote ${count.format(result.summaries.ids.length)} customers to ${values.customersOut}\n`);
      }
    });
}
