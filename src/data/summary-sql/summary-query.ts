/**
 * The SQL that computes the per-customer summaries (`summarize --customers-out`: customer_id, x,
 * t_x, T, monetary_value, holdout_purchases, holdout_value, total_spend, gross_margin, repeat_value,
 * valued_repeats) from a
 * transactions table in a warehouse, by the rules of the streaming ingest:
 *
 * - a line's value is its amount, or quantity x unit price without an amount column; a line is a
 *   return when its value or quantity is negative or its status is a cancellation
 *   (transaction-line.ts); a return's value is -|value| and its margin -|margin| or
 *   -(|value| - |cost|); the margin is the margin column, else value - cost, else unknown;
 * - the lines of one order count on the order's day (customer-ledger.ts `orderDay`): the day of
 *   its first line, where lines of one order number are one order while they follow each other
 *   among the customer's lines with an order number. That needs the file order: with `lineOrder`
 *   (a column giving it) the query follows the rule exactly; without, an order counts on the
 *   earliest date of the customer's lines with its number, which agrees whenever each order is
 *   one run of lines whose first line is not dated after the others;
 * - a purchase day is a day with a purchase line (not a return, value > 0, or = 0 unless zero
 *   amounts are ignored), worth its purchase lines (returns left out: docs/methods.md section
 *   6); x counts the purchase days after the first up to the calibration end, the mean purchase
 *   value is over those of positive value (customer-ledger.ts);
 * - t_x = last - first purchase day, T = calibration end - first purchase day, in periods of 1, 7
 *   or 365.2425 / 12 days; the calibration end defaults to the last date of the used lines; only
 *   customers whose first purchase is on or before it are listed (customer-summaries-from-ledger.ts);
 * - spend and margin are net (returns subtracted) over the lines dated (by their order's day) up
 *   to the calibration end, holdout spend over the later ones; holdout purchases are the purchase
 *   days after it;
 * - values are doubles as the ingest reads them; a sum of values is rounded to 9 decimals before
 *   it is divided (the ingest rounds sums to the data's decimals, money.ts, which are at most 9
 *   where it rounds at all), and every fraction is given to 6 decimals as `--customers-out` writes
 *   them (customer-summaries-csv.ts).
 *
 * Lines without a customer id (blank once spaces and tabs are trimmed, or NULL) are left out, as
 * the ingest skips them; so are lines with a NULL date, value, quantity, margin or cost, which the
 * ingest would stop at (or skip with `--on-bad-row skip`). Rows come out ordered by customer id
 * (a table has no file order to keep).
 */
import { UserInputError } from '../../errors.js';
import { isoDate, parseIsoDateString } from '../calendar.js';
import { type ColumnRole, COLUMN_ROLES } from '../column-mapping.js';
import { type Period, DAYS_PER_PERIOD } from '../customer-summary.js';
import { MAX_ROUNDED_DECIMALS } from '../money.js';
import { CANCELLED_STATUSES } from '../transaction-line.js';
import { type DialectName, type SqlDialect, DIALECTS } from './dialects.js';

/** Decimals a sum of values is rounded to before it is divided: the most the ingest rounds sums to. */
const SUM_DECIMALS = MAX_ROUNDED_DECIMALS;
/** Decimals of the fractions in `--customers-out` (customer-summaries-csv.ts). */
const OUTPUT_DECIMALS = 6;
/** Parts of a table name: table, schema.table or catalog.schema.table (project.dataset.table). */
const MAX_TABLE_NAME_PARTS = 3;

export interface SummarySqlOptions {
  dialect: DialectName;
  /** The transactions table: `table`, `schema.table` or `catalog.schema.table`, unquoted. */
  table: string;
  /** Column name of each role, as `--columns` maps them (parseColumnMapping); roles not given use their default name when required and are absent otherwise. */
  columns?: Partial<Record<ColumnRole, string>>;
  /** Last day of the calibration period, YYYY-MM-DD (default: the last date of the used lines). */
  calibrationEnd?: string;
  /** Time unit of t_x and T (default `week`). */
  period?: Period;
  /** A line of value 0 that is not a return: a purchase of value 0 (default) or no purchase. */
  zeroAmount?: 'purchase' | 'ignore';
  /**
   * A column that orders the lines as the export did (a line number, a unique timestamp): with
   * it, the lines of an order are dated exactly as the ingest dates them (see the header).
   */
  lineOrder?: string;
}

/** The columns the query reads, each a quoted name (or undefined when the table has no such column). */
interface SourceColumns {
  customer: string;
  date: string;
  amount?: string;
  quantity?: string;
  unitPrice?: string;
  order?: string;
  margin?: string;
  cost?: string;
  status?: string;
  lineOrder?: string;
  category?: string;
}

/** What both queries are built from: the dialect, the columns read, the calibration end and the zero-amount rule. */
interface QueryParts {
  dialect: SqlDialect;
  table: string;
  columns: SourceColumns;
  calibrationEnd: string | undefined;
  zeroIsPurchase: boolean;
}

function queryParts(options: SummarySqlOptions, withCategory: boolean): QueryParts {
  const dialect = DIALECTS[options.dialect];
  return {
    dialect,
    table: quotedTableName(options.table, dialect),
    columns: sourceColumns(options.columns ?? {}, options.lineOrder, dialect, withCategory),
    calibrationEnd: options.calibrationEnd === undefined ? undefined : calibrationEndDate(options.calibrationEnd),
    zeroIsPurchase: options.zeroAmount !== 'ignore',
  };
}

/**
 * The CTEs both queries start with, from `WITH` to `period_bounds`: the table's lines read as the
 * ingest reads them (source_lines, used_lines), dated by their order's day with their signed value
 * and margin (dated_lines: customer_id, is_return, order_day, line_value, line_margin[, category]),
 * and the calibration end (period_bounds).
 */
function datedLinesCtes({ dialect, table, columns, calibrationEnd }: QueryParts): string {
  const double = (expression: string) => `CAST(${expression} AS ${dialect.doubleType})`;
  const text = (expression: string) => `CAST(${expression} AS ${dialect.textType})`;
  const rawValue = columns.amount !== undefined ? double(columns.amount) : `${double(columns.quantity!)} * ${double(columns.unitPrice!)}`;
  const returnConditions = ['raw_value < 0'];
  if (columns.quantity !== undefined) returnConditions.push('quantity < 0');
  if (columns.status !== undefined) returnConditions.push(`COALESCE(status, '') IN (${[...CANCELLED_STATUSES].map((status) => `'${status}'`).join(', ')})`);
  const requiredColumns = [columns.customer, columns.date, columns.amount, columns.quantity, columns.unitPrice, columns.margin, columns.cost, columns.lineOrder].filter((column) => column !== undefined);
  const margin = columns.margin !== undefined
    ? 'CASE WHEN is_return = 1 THEN -ABS(raw_margin) ELSE raw_margin END'
    : columns.cost !== undefined
      ? 'CASE WHEN is_return = 1 THEN -(ABS(raw_value) - ABS(raw_cost)) ELSE raw_value - raw_cost END'
      : `CAST(NULL AS ${dialect.doubleType})`;
  const category = columns.category !== undefined;

  const sourceSelect = [
    `${dialect.trimSpacesAndTabs(text(columns.customer))} AS customer_id`,
    `CAST(${columns.date} AS DATE) AS line_day`,
    columns.order !== undefined ? `NULLIF(TRIM(${text(columns.order)}), '') AS order_id` : `CAST(NULL AS ${dialect.textType}) AS order_id`,
    `${rawValue} AS raw_value`,
    ...(columns.quantity !== undefined ? [`${double(columns.quantity)} AS quantity`] : []),
    ...(columns.status !== undefined ? [`LOWER(TRIM(${text(columns.status)})) AS status`] : []),
    ...(columns.margin !== undefined ? [`${double(columns.margin)} AS raw_margin`] : []),
    ...(columns.cost !== undefined ? [`${double(columns.cost)} AS raw_cost`] : []),
    ...(columns.lineOrder !== undefined ? [`${columns.lineOrder} AS line_order`] : []),
    // A blank or NULL category is the category '(none)', as the ingest names it (category-totals.ts).
    ...(category ? [`COALESCE(NULLIF(${dialect.trimSpaces(text(columns.category!))}, ''), '(none)') AS category`] : []),
  ];
  const calibrationEndSelect = calibrationEnd !== undefined ? `CAST('${calibrationEnd}' AS DATE) AS calibration_end` : 'MAX(line_day) AS calibration_end\n  FROM used_lines';

  return `WITH
-- The table's lines: id, day and numbers; lines without an id (or with a NULL the ingest cannot read) left out.
source_lines AS (
  SELECT
${indent(sourceSelect.join(',\n'), 4)}
  FROM ${table}
  WHERE ${requiredColumns.map((column) => `${column} IS NOT NULL`).join(' AND ')}
),
-- Returns: a negative value or quantity, or a cancelled status; a return's value and margin count negative.
used_lines AS (
  SELECT customer_id, line_day, order_id, raw_value${columns.lineOrder !== undefined ? ', line_order, CASE WHEN order_id IS NULL THEN 0 ELSE 1 END AS has_order' : ''}${columns.margin !== undefined ? ', raw_margin' : ''}${columns.cost !== undefined ? ', raw_cost' : ''}${category ? ', category' : ''},
    CASE WHEN ${returnConditions.join(' OR ')} THEN 1 ELSE 0 END AS is_return
  FROM source_lines
  WHERE customer_id <> ''
),
${orderDays(columns.lineOrder !== undefined)}
  SELECT customer_id, is_return,
    CASE WHEN order_id IS NULL THEN line_day ELSE ${columns.lineOrder !== undefined ? 'MAX(CASE WHEN starts_order = 1 THEN line_day END) OVER (PARTITION BY customer_id, order_id, order_number)' : 'MIN(line_day) OVER (PARTITION BY customer_id, order_id)'} END AS order_day,
    CASE WHEN is_return = 1 THEN -ABS(raw_value) ELSE raw_value END AS line_value,
    ${margin} AS line_margin${category ? ',\n    category' : ''}
  FROM ${columns.lineOrder !== undefined ? 'numbered_orders' : 'used_lines'}
),
period_bounds AS (
  SELECT ${calibrationEndSelect}
),`;
}

/** The customer-summary query, as text ending in a semicolon and a line break. */
export function customerSummarySql(options: SummarySqlOptions): string {
  const parts = queryParts(options, false);
  const { dialect, calibrationEnd, zeroIsPurchase } = parts;
  const period = options.period ?? 'week';
  const double = (expression: string) => `CAST(${expression} AS ${dialect.doubleType})`;
  const daysPerPeriod = DAYS_PER_PERIOD[period];
  const inPeriods = (from: string, to: string) => dialect.round(`${double(dialect.daysBetween(from, to))} / ${daysPerPeriod}`, OUTPUT_DECIMALS);
  // + 0 turns a sum rounded to -0 (0.3 - 0.1 - 0.2) into 0, which is how summarize writes it.
  const money = (expression: string) => `${dialect.round(expression, OUTPUT_DECIMALS)} + 0`;
  // Output names quoted, so that every warehouse keeps their case (T, and lower case in Snowflake).
  const out = (name: string) => `${dialect.identifierQuote}${name}${dialect.identifierQuote}`;
  const purchaseValue = zeroIsPurchase ? 'line_value >= 0' : 'line_value > 0';
  const periodNote = period === 'month' ? `months of ${daysPerPeriod} days` : `${period}s`;

  return `-- Customer summaries (loyalty-sim summarize --customers-out) for ${dialect.label}.
-- Columns: customer_id, x, t_x, T, monetary_value, holdout_purchases, holdout_value, total_spend, gross_margin, repeat_value, valued_repeats.
-- Calibration end: ${calibrationEnd ?? 'the last date in the table'}; t_x and T in ${periodNote}.
-- Rules: docs/scaling.md, "Summaries from your warehouse".
${datedLinesCtes(parts)}
-- A purchase day: a day with a purchase line (not a return, value ${zeroIsPurchase ? '>= 0' : '> 0'}), worth its purchase lines.
purchase_days AS (
  SELECT customer_id, order_day, SUM(line_value) AS day_value
  FROM dated_lines
  WHERE is_return = 0 AND ${purchaseValue}
  GROUP BY customer_id, order_day
),
first_purchases AS (
  SELECT customer_id, MIN(order_day) AS first_purchase_day
  FROM purchase_days
  GROUP BY customer_id
),
-- Repeat purchase days (after the first, up to the calibration end) and holdout purchase days (after it).
customer_days AS (
  SELECT f.customer_id, f.first_purchase_day,
    MAX(CASE WHEN p.order_day <= b.calibration_end THEN p.order_day END) AS last_purchase_day,
    COUNT(CASE WHEN p.order_day > f.first_purchase_day AND p.order_day <= b.calibration_end THEN 1 END) AS x,
    SUM(CASE WHEN p.order_day > f.first_purchase_day AND p.order_day <= b.calibration_end THEN p.day_value END) AS repeat_value,
    COUNT(CASE WHEN p.order_day > f.first_purchase_day AND p.order_day <= b.calibration_end AND p.day_value > 0 THEN 1 END) AS valued_repeat_days,
    COUNT(CASE WHEN p.order_day > b.calibration_end THEN 1 END) AS holdout_purchases
  FROM first_purchases f
  JOIN purchase_days p ON p.customer_id = f.customer_id
  CROSS JOIN period_bounds b
  WHERE f.first_purchase_day <= b.calibration_end
  GROUP BY f.customer_id, f.first_purchase_day
),
-- Net spend and margin of all lines, returns included: up to the calibration end and after it.
customer_money AS (
  SELECT d.customer_id,
    SUM(CASE WHEN d.order_day <= b.calibration_end THEN d.line_value END) AS total_spend,
    SUM(CASE WHEN d.order_day <= b.calibration_end THEN d.line_margin END) AS gross_margin,
    SUM(CASE WHEN d.order_day > b.calibration_end THEN d.line_value END) AS holdout_value
  FROM dated_lines d
  CROSS JOIN period_bounds b
  GROUP BY d.customer_id
)
SELECT
  c.customer_id AS ${out('customer_id')},
  c.x AS ${out('x')},
  ${inPeriods('c.first_purchase_day', 'c.last_purchase_day')} AS ${out('t_x')},
  ${inPeriods('c.first_purchase_day', 'b.calibration_end')} AS ${out('T')},
  CASE WHEN c.valued_repeat_days > 0 THEN ${money(`${dialect.round('c.repeat_value', SUM_DECIMALS)} / c.valued_repeat_days`)} ELSE 0 END AS ${out('monetary_value')},
  c.holdout_purchases AS ${out('holdout_purchases')},
  ${money('COALESCE(m.holdout_value, 0)')} AS ${out('holdout_value')},
  ${money('COALESCE(m.total_spend, 0)')} AS ${out('total_spend')},
  ${money('m.gross_margin')} AS ${out('gross_margin')},
  CASE WHEN c.valued_repeat_days > 0 THEN ${money(dialect.round('c.repeat_value', SUM_DECIMALS))} ELSE 0 END AS ${out('repeat_value')},
  c.valued_repeat_days AS ${out('valued_repeats')}
FROM customer_days c
JOIN customer_money m ON m.customer_id = c.customer_id
CROSS JOIN period_bounds b
ORDER BY c.customer_id;
`;
}

/**
 * The category-table query (`summarize --categories-out`: category, revenue, gross_margin,
 * purchase_lines, return_lines, calibration_purchased_value, calibration_returned_value), by the
 * rules of data/category-totals.ts: every line counts in its category's totals (returns subtracted
 * from revenue and margin); a purchase line (not a return, value > 0, or = 0 unless zero amounts
 * are ignored) dated by its order's day on or before the calibration end counts in the purchased
 * value, any other line there, negated, in the returned value. Sums are exact (a 38-digit decimal
 * with 9 decimals), so they are the ingest's to the cent; written as such decimals.
 */
export function categoryTableSql(options: SummarySqlOptions): string {
  const parts = queryParts(options, true);
  const { dialect, calibrationEnd, zeroIsPurchase } = parts;
  const exact = (expression: string) => `SUM(CAST(${expression} AS ${dialect.exactDecimalType}))`;
  const out = (name: string) => `${dialect.identifierQuote}${name}${dialect.identifierQuote}`;
  const isPurchase = `d.is_return = 0 AND d.line_value ${zeroIsPurchase ? '>=' : '>'} 0`;
  return `-- Product categories (loyalty-sim summarize --categories-out) for ${dialect.label}.
-- Columns: category, revenue, gross_margin, purchase_lines, return_lines, calibration_purchased_value, calibration_returned_value.
-- Calibration end: ${calibrationEnd ?? 'the last date in the table'}.
-- Rules: docs/scaling.md, "Summaries from your warehouse".
${datedLinesCtes(parts)}
-- A purchase line: not a return, value ${zeroIsPurchase ? '>= 0' : '> 0'}.
category_lines AS (
  SELECT d.category, d.line_value, d.line_margin,
    CASE WHEN ${isPurchase} THEN 1 ELSE 0 END AS is_purchase,
    d.is_return,
    CASE WHEN d.order_day <= b.calibration_end THEN 1 ELSE 0 END AS in_calibration
  FROM dated_lines d
  CROSS JOIN period_bounds b
)
SELECT
  category AS ${out('category')},
  ${exact('line_value')} AS ${out('revenue')},
  ${exact('line_margin')} AS ${out('gross_margin')},
  COUNT(CASE WHEN is_purchase = 1 THEN 1 END) AS ${out('purchase_lines')},
  COUNT(CASE WHEN is_return = 1 THEN 1 END) AS ${out('return_lines')},
  COALESCE(${exact('CASE WHEN in_calibration = 1 AND is_purchase = 1 THEN line_value END')}, 0) AS ${out('calibration_purchased_value')},
  COALESCE(${exact('CASE WHEN in_calibration = 1 AND is_purchase = 0 THEN -line_value END')}, 0) AS ${out('calibration_returned_value')}
FROM category_lines
GROUP BY category
ORDER BY ${out('revenue')} DESC, category;
`;
}

/**
 * The start of the CTE that dates order lines. With the lines' order: a line with an order number
 * starts an order unless the customer's previous line with an order number has the same one
 * (customer-ledger.ts `orderDay`); orders are numbered by the starts so far, and each counts on
 * the day of its starting line. Without it, the order's earliest line date (see the header).
 */
function orderDays(byLineOrder: boolean): string {
  if (!byLineOrder) return '-- The lines of an order count on its day: the earliest date of its lines.\ndated_lines AS (';
  // has_order is a column of used_lines: the PostgreSQL grammar of node-sql-parser (the tests' syntax check) reads no CASE in PARTITION BY.
  const orderLines = 'PARTITION BY customer_id, has_order ORDER BY line_order';
  return `-- A line starts an order unless the customer's previous line with an order number has the same one.
order_starts AS (
  SELECT used_lines.*,
    CASE WHEN order_id IS NOT NULL AND order_id = LAG(order_id) OVER (${orderLines}) THEN 0 ELSE 1 END AS starts_order
  FROM used_lines
),
numbered_orders AS (
  SELECT order_starts.*,
    SUM(starts_order) OVER (${orderLines} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS order_number
  FROM order_starts
),
-- The lines of an order count on the day of its first line.
dated_lines AS (`;
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}

/** The date as YYYY-MM-DD, or a UserInputError naming --calibration-end. */
function calibrationEndDate(text: string): string {
  const day = parseIsoDateString(text);
  if (Number.isNaN(day)) {
    throw new UserInputError(`'${text}' is not a date`, { field: '--calibration-end' }, 'Give the last day of the calibration period as YYYY-MM-DD, e.g. --calibration-end 2024-12-31.');
  }
  return isoDate(day);
}

/**
 * One name (a table, schema or column) quoted for the dialect, exactly as written (quoted names
 * keep their case). Refused: an empty name, control characters and the dialect's quote character.
 */
export function quotedIdentifier(name: string, dialect: SqlDialect, field: string, what: string): string {
  const quote = dialect.identifierQuote;
  let problem: string | undefined;
  if (name.trim() === '') problem = 'is empty';
  else if (/[\u0000-\u001f\u007f]/.test(name)) problem = 'holds a control character';
  else if (name.includes(quote)) problem = `holds the quote character ${quote} of ${dialect.label} names`;
  else if (name !== name.trim()) problem = 'starts or ends with a space';
  if (problem !== undefined) {
    throw new UserInputError(`the ${what} '${name}' ${problem}`, { field }, 'Give the name as the warehouse stores it, e.g. orders or sales.orders; names are quoted, so letters keep their case.');
  }
  return `${quote}${name}${quote}`;
}

/** `schema.table` quoted part by part for the dialect. */
export function quotedTableName(table: string, dialect: SqlDialect): string {
  const parts = table.split('.');
  if (parts.length > MAX_TABLE_NAME_PARTS) {
    throw new UserInputError(
      `the table name '${table}' has ${parts.length} parts`,
      { field: '--table' },
      'Give table, schema.table or catalog.schema.table (in BigQuery project.dataset.table); names holding a dot cannot be given.',
    );
  }
  if (parts.length > 1 && parts.some((part) => part === '')) {
    throw new UserInputError(`the table name '${table}' has an empty part`, { field: '--table' }, 'Give table, schema.table or catalog.schema.table, e.g. sales.orders.');
  }
  return parts.map((part) => quotedIdentifier(part, dialect, '--table', parts.length > 1 ? 'table name part' : 'table name')).join('.');
}

/**
 * The columns the query reads. Required roles (customer, date, amount) use their default names
 * unless mapped; optional ones (order, quantity, unit_price, margin, cost, status) only when
 * mapped, since the table's columns are not known here. quantity and unit_price together, without
 * an amount, give the value. The category (its default name unless mapped) only `withCategory`,
 * for the category table; the partner is part of neither table.
 */
function sourceColumns(mapping: Partial<Record<ColumnRole, string>>, lineOrder: string | undefined, dialect: SqlDialect, withCategory: boolean): SourceColumns {
  const names = new Map<string, ColumnRole | 'line order'>();
  const column = (role: ColumnRole | 'line order', name: string | undefined): string | undefined => {
    if (name === undefined) return undefined;
    const field = role === 'line order' ? '--line-order' : '--columns';
    const other = names.get(name);
    if (other !== undefined) {
      throw new UserInputError(`column '${name}' is used both as ${other} and as ${role}`, { field }, 'Map each role to its own column.');
    }
    names.set(name, role);
    return quotedIdentifier(name, dialect, field, `column name for ${role}`);
  };
  const valueFromProduct = mapping.amount === undefined && mapping.quantity !== undefined && mapping.unit_price !== undefined;
  if (mapping.unit_price !== undefined && mapping.quantity === undefined && mapping.amount === undefined) {
    throw new UserInputError('unit_price is mapped without quantity', { field: '--columns' }, 'The value of a line is its amount, or quantity x unit_price: map quantity too, or map amount.');
  }
  return {
    customer: column('customer', mapping.customer ?? COLUMN_ROLES.customer.defaultName)!,
    date: column('date', mapping.date ?? COLUMN_ROLES.date.defaultName)!,
    amount: valueFromProduct ? undefined : column('amount', mapping.amount ?? COLUMN_ROLES.amount.defaultName),
    quantity: column('quantity', mapping.quantity),
    unitPrice: valueFromProduct ? column('unit_price', mapping.unit_price) : undefined,
    order: column('order', mapping.order),
    margin: column('margin', mapping.margin),
    cost: mapping.margin === undefined ? column('cost', mapping.cost) : undefined,
    status: column('status', mapping.status),
    lineOrder: lineOrderColumn(),
    ...(withCategory ? { category: column('category', mapping.category ?? COLUMN_ROLES.category.defaultName) } : {}),
  };
  function lineOrderColumn(): string | undefined {
    if (lineOrder === undefined) return undefined;
    if (mapping.order === undefined) {
      throw new UserInputError('--line-order is given without an order column', { field: '--line-order' }, 'The lines\' order only dates the lines of an order: map the order column too (--columns order=order_id).');
    }
    return column('line order', lineOrder);
  }
}
