/**
 * `loyalty-sim sql --dialect D --table T [--columns MAPPING] [--calibration-end DATE] [--period
 * UNIT] [--zero-amount RULE] [--line-order COLUMN] [--categories] [-o FILE]`: print the SQL that
 * computes the `summarize --customers-out` table (or, with --categories, the `--categories-out`
 * table) from a transactions table in the user's warehouse (summary-query.ts).
 */
import { Option, type Command } from 'commander';
import { UserInputError } from '../errors.js';
import { parseColumnMapping } from '../data/column-mapping.js';
import { DIALECT_NAMES, type DialectName, isDialectName } from '../data/summary-sql/dialects.js';
import { categoryTableSql, customerSummarySql } from '../data/summary-sql/summary-query.js';
import { didYouMean } from '../schema/did-you-mean.js';
import type { CommandContext } from './command-context.js';
import { parsePeriodOption, parseZeroAmountOption } from './ingest-options.js';
import { writeFileAtomic, writePieces } from './output.js';

interface SqlOptionValues {
  categories?: boolean;
  dialect: string;
  table: string;
  columns?: string;
  calibrationEnd?: string;
  period: string;
  zeroAmount: string;
  lineOrder?: string;
  out?: string;
  // Ingest options the SQL cannot honour: given, they are refused with the reason.
  dateFormat?: string;
  delimiter?: string;
  decimal?: string;
  onBadRow?: string;
}

/** Why each CSV-only ingest option has no meaning for a table, and what to do instead. */
const CSV_ONLY_OPTIONS: { key: keyof SqlOptionValues; option: string; reason: string; hint: string }[] = [
  {
    key: 'dateFormat',
    option: '--date-format',
    reason: 'the SQL reads the date column as the warehouse does (CAST to DATE), not with a date pattern',
    hint: 'Store the dates as DATE or TIMESTAMP, or make a view that converts them (e.g. TO_DATE(col, \'DD.MM.YYYY\')) and give the view as --table.',
  },
  { key: 'delimiter', option: '--delimiter', reason: 'a table has no field delimiter', hint: 'Leave it out: the warehouse has read the CSV already.' },
  { key: 'decimal', option: '--decimal', reason: 'a table holds numbers, not text with a decimal separator', hint: 'Leave it out: store the amounts as numbers.' },
  {
    key: 'onBadRow',
    option: '--on-bad-row',
    reason: 'the SQL cannot stop at a bad row: lines with a NULL date or number are left out, as --on-bad-row skip does',
    hint: 'Leave it out; docs/scaling.md shows a query that counts such lines first.',
  },
];

export function registerSqlCommand(program: Command, { io }: CommandContext): void {
  program
    .command('sql')
    .description('print the SQL that computes the per-customer summaries (summarize --customers-out) in your warehouse')
    .requiredOption('--dialect <name>', `SQL dialect: ${DIALECT_NAMES.join(', ')}`)
    .requiredOption('--table <name>', 'transactions table: table, schema.table or catalog.schema.table (one row per purchase line)')
    .option('--columns <mapping>', 'map roles to your column names as summarize does, e.g. customer=CustomerID,date=InvoiceDate,order=InvoiceNo; optional columns (order, quantity, unit_price, margin, cost, status) are used only when mapped')
    .option('--calibration-end <date>', 'last day of the calibration period, YYYY-MM-DD; later purchases form the holdout (default: the last date in the table)')
    .option('--period <unit>', 'time unit of t_x and T: day, week or month', 'week')
    .option('--zero-amount <rule>', 'a line of amount 0: purchase (a purchase of value 0) or ignore (not a purchase)', 'purchase')
    .option('--line-order <column>', "a column giving the lines' order in the export (e.g. a line number): order lines are then dated exactly as summarize dates them")
    .option('--categories', 'print the query of the category table instead (summarize --categories-out: category,revenue,gross_margin,...; the category column is category unless mapped), which a scenario reads as data.categories')
    .option('-o, --out <file.sql>', 'write the SQL to this file (atomically) instead of stdout')
    .addOption(new Option('--date-format <pattern>').hideHelp())
    .addOption(new Option('--delimiter <char>').hideHelp())
    .addOption(new Option('--decimal <char>').hideHelp())
    .addOption(new Option('--on-bad-row <action>').hideHelp())
    .addHelpText(
      'after',
      `
The query follows the ingest's rules (docs/scaling.md, "Summaries from your warehouse"): order
lines are one purchase, returns are netted from spend and left out of purchase values, x counts
the distinct purchase days after the first, t_x and T are in --period units from the first
purchase, later purchases form the holdout, fractions are rounded to 6 decimals.
Where a table cannot give the same answer as a CSV file:
  - order lines: without --line-order, an order counts on the earliest date of its lines, while
    summarize takes its first line in the file and an order number is one order only while its
    lines follow each other; both agree when each order is one run of lines whose first line is
    not dated after the others, and --line-order COLUMN (e.g. a line number) follows summarize exactly;
  - rows come out ordered by customer id (summarize keeps the file's order);
  - lines with a NULL date or number are left out (summarize stops at them unless --on-bad-row skip);
  - --date-format, --delimiter, --decimal and --on-bad-row concern the CSV reader and are refused.
Names are quoted, so they keep their case: in Snowflake, unquoted names are stored in upper case
(--columns customer=CUSTOMER_ID,date=DATE,amount=AMOUNT).

Examples:
  loyalty-sim sql --dialect duckdb --table orders
  loyalty-sim sql --dialect duckdb --table orders --columns category=department --categories -o categories.sql
  loyalty-sim sql --dialect bigquery --table shop.sales.lines --columns customer=client,order=order_no --calibration-end 2025-06-30 -o summaries.sql
  loyalty-sim sql --dialect spark --table retail.invoices --columns customer=CustomerID,date=InvoiceDate,order=InvoiceNo,quantity=Quantity,unit_price=UnitPrice --period day`,
    )
    .action(async (values: SqlOptionValues) => {
      for (const { key, option, reason, hint } of CSV_ONLY_OPTIONS) {
        if (values[key] !== undefined) throw new UserInputError(`not available: ${reason}`, { field: option }, hint);
      }
      const sql = (values.categories === true ? categoryTableSql : customerSummarySql)({
        dialect: dialectOption(values.dialect),
        table: values.table,
        columns: values.columns === undefined ? undefined : parseColumnMapping(values.columns, '--columns'),
        calibrationEnd: values.calibrationEnd,
        period: parsePeriodOption(values.period),
        zeroAmount: parseZeroAmountOption(values.zeroAmount),
        lineOrder: values.lineOrder,
      });
      if (values.out === undefined) {
        await writePieces(io.stdout, [sql]);
        return;
      }
      await writeFileAtomic(values.out, [sql], '--out');
      io.stderr.write(`wrote the SQL to ${values.out}\n`);
    });
}

function dialectOption(text: string): DialectName {
  const name = text.trim().toLowerCase();
  if (isDialectName(name)) return name;
  throw new UserInputError(`unknown dialect '${text}'${didYouMean(name, DIALECT_NAMES)}`, { field: '--dialect' }, `Use one of ${DIALECT_NAMES.join(', ')}.`);
}

