/**
 * `loyalty-sim summarize <file.csv> [ingest options] [--json] [--customers-out FILE.csv]
 * [--categories-out FILE.csv]`: the data-quality report of a purchase history and its customer
 * base at a glance; optionally the per-customer summaries (x, t_x, T, ...) and the product
 * categories as CSV.
 */
import chalk from 'chalk';
import type { Command } from 'commander';
import { ingestPurchaseHistory } from '../data/ingest.js';
import { profileCustomerBase } from '../data/customer-base-profile.js';
import { SUMMARY_FORMATS, summaryReporter } from '../report/reporters.js';
import { customerSummariesCsvReporter } from '../report/customer-summaries-csv.js';
import { categoryTableCsvReporter } from '../report/category-table-csv.js';
import { UserInputError } from '../errors.js';
import { formatCount } from '../report/format-number.js';
import type { SummaryReport } from '../report/summary-report.js';
import { addIngestOptions, ingestOptionsFrom, waitingNotice, type IngestOptionValues } from './ingest-options.js';
import type { CommandContext } from './command-context.js';
import { openOutputFile } from './output.js';
import { addReportOutputOptions, checkDistinctOutputs, openReportOutput, reportOutputPlan, type ReportOutputSpec, type ReportOutputValues } from './report-output.js';

/** summarize's formats: the report as text (`table`) or JSON. */
const SUMMARY_OUTPUT: ReportOutputSpec<(typeof SUMMARY_FORMATS)[number], SummaryReport> = { formats: SUMMARY_FORMATS, reporter: summaryReporter, defaultFormat: 'table' };

interface SummarizeOptionValues extends IngestOptionValues, ReportOutputValues {
  customersOut?: string;
  categoriesOut?: string;
}

export function registerSummarizeCommand(program: Command, { io }: CommandContext): void {
  const command = program
    .command('summarize')
    .description('check a purchase history and describe its customer base: rows used and skipped, returns, purchases, spend')
    .argument('<file.csv>', 'purchase history: one row per purchase line (customer_id,date,amount[,...])');
  addReportOutputOptions(addIngestOptions(command), SUMMARY_OUTPUT)
    .option('--customers-out <file.csv>', 'write one row per customer: customer_id,x,t_x,T,monetary_value,holdout_purchases,holdout_value,total_spend,gross_margin,repeat_value,valued_repeats (a scenario runs on it with data.summaries)')
    .option('--categories-out <file.csv>', 'write one row per product category (needs a category column): category,revenue,gross_margin,purchase_lines,return_lines,calibration_purchased_value,calibration_returned_value (with data.summaries, a scenario reads it as data.categories)')
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
  loyalty-sim summarize orders.csv --calibration-end 2025-06-30 --period day --customers-out customers.csv
  loyalty-sim summarize orders.csv --columns category=department --customers-out customers.csv --categories-out categories.csv`,
    )
    .action(async (file: string, values: SummarizeOptionValues) => {
      const ingestOptions = { ...ingestOptionsFrom(values), onWaiting: waitingNotice(io.stderr) };
      checkDistinctOutputs([
        { path: values.out, option: '--out' },
        { path: values.customersOut, option: '--customers-out' },
        { path: values.categoriesOut, option: '--categories-out' },
      ]);
      const output = await openReportOutput(reportOutputPlan(values, SUMMARY_OUTPUT), SUMMARY_OUTPUT, io, [file]);
      const out = values.customersOut === undefined ? undefined : await openOutputFile(values.customersOut, '--customers-out', [file]);
      const categoriesOut = values.categoriesOut === undefined ? undefined : await openOutputFile(values.categoriesOut, '--categories-out', [file]);
      try {
        const ingest = await ingestPurchaseHistory(file, ingestOptions);
        if (categoriesOut !== undefined && ingest.categories.length === 0) {
          throw new UserInputError(
            'the history has no category column, so there are no categories to write',
            { field: '--categories-out' },
            'Map the column that holds the product category (--columns category=department), or leave --categories-out out: a run from the customer table alone prices every purchase alike.',
          );
        }
        const report: SummaryReport = { ingest, profile: profileCustomerBase(ingest.summaries) };
        for (const warning of ingest.quality.warnings) io.stderr.write(`${chalk.yellow('warning:')} ${warning}\n`);
        await output.write(report);
        if (out !== undefined) {
          await out.commit(await customerSummariesCsvReporter.render(report));
          io.stderr.write(`wrote ${formatCount(ingest.summaries.ids.length)} customers to ${out.path}\n`);
        }
        if (categoriesOut !== undefined) {
          await categoriesOut.commit(await categoryTableCsvReporter.render(report));
          io.stderr.write(`wrote ${formatCount(ingest.categories.length)} categories to ${categoriesOut.path}\n`);
        }
      } finally {
        await out?.discard();
        await categoriesOut?.discard();
        await output.discard();
      }
    });
}
