/**
 * The warehouse SQL run for real in DuckDB: on the same purchase history (a file, loaded into
 * DuckDB as the transactions table), the query's rows equal `summarize --customers-out`, row for
 * row and value for value, with and without a holdout, by day and by week; the category query's
 * rows equal `summarize --categories-out`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { categoryTableSql, customerSummarySql, type SummarySqlOptions } from '../../src/data/summary-sql/summary-query.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const fixtures = fileURLToPath(new URL('../cli/fixtures/sql/', import.meta.url));
const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-sql-'));

const HEADER = 'customer_id,x,t_x,T,monetary_value,holdout_purchases,holdout_value,total_spend,gross_margin,repeat_value,valued_repeats';

/** A table row as text fields: what summarize writes, or a DuckDB row with its numbers as numbers. */
type Row = (string | number | null)[];

/** `summarize --customers-out` of `file`, rows sorted by customer id (the SQL orders them so), numbers as numbers and empty fields as null. */
async function summarizeRows(file: string, args: string[]): Promise<Row[]> {
  const out = path.join(folder, `customers-${path.basename(file)}-${args.join('_').replace(/[^\w-]/g, '')}.csv`);
  const result = await runCliInProcess(['summarize', file, '--customers-out', out, ...args]);
  expect(result.status, result.stderr).toBe(0);
  const [header, ...lines] = readFileSync(out, 'utf8').trimEnd().split('\n');
  expect(header).toBe(HEADER);
  return lines
    .map((line) => line.split(',').map((field, k) => (k === 0 ? field : field === '' ? null : Number(field))))
    .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0));
}

/** The query's rows in DuckDB, numbers as numbers. */
async function sqlRows(connection: DuckDBConnection, options: SummarySqlOptions): Promise<{ names: string[]; rows: Row[] }> {
  const reader = await connection.runAndReadAll(customerSummarySql(options));
  const rows = reader.getRowsJS().map((row) => row.map((value) => (typeof value === 'bigint' ? Number(value) : (value as number | string | null))));
  return { names: reader.columnNames(), rows };
}

let instance: DuckDBInstance;
let connection: DuckDBConnection;
let generated: string;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  generated = path.join(folder, 'generated.csv');
  const result = await runCliInProcess([
    'generate', '--customers', '400', '--start', '2023-01-01', '--end', '2024-12-31', '--return-rate', '0.15',
    '--categories', 'fuel:0.6:0.08,shop:0.4:0.35', '--seed', '7', '--out', generated,
  ]);
  expect(result.status, result.stderr).toBe(0);
  await connection.run(`CREATE TABLE generated AS SELECT * FROM read_csv('${generated}', header = true,
    columns = {'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DOUBLE', 'category': 'VARCHAR', 'margin': 'DOUBLE'})`);
  await connection.run(`CREATE TABLE order_lines AS SELECT * FROM read_csv('${path.join(fixtures, 'order-lines.csv')}', header = true,
    columns = {'customer_id': 'VARCHAR', 'date': 'DATE', 'order_id': 'VARCHAR', 'amount': 'DOUBLE', 'margin': 'DOUBLE', 'status': 'VARCHAR'})`);
  await connection.run(`CREATE TABLE quantity_price AS SELECT * FROM read_csv('${path.join(fixtures, 'quantity-price.csv')}', header = true,
    columns = {'customer_id': 'VARCHAR', 'date': 'DATE', 'order_id': 'VARCHAR', 'quantity': 'DOUBLE', 'unit_price': 'DOUBLE', 'cost': 'DOUBLE'})`);
  // The same lines with the dates as timestamps late in the day, and as text.
  await connection.run(`CREATE TABLE order_lines_timestamps AS SELECT * REPLACE (CAST("date" AS TIMESTAMP) + INTERVAL 23 HOUR + INTERVAL 59 MINUTE AS "date") FROM order_lines`);
  await connection.run(`CREATE TABLE order_lines_text_dates AS SELECT * REPLACE (CAST("date" AS VARCHAR) AS "date") FROM order_lines`);
  // The order lines with categories: padded with spaces, and blank or NULL for some lines ('(none)').
  await connection.run(`CREATE TABLE order_lines_categories AS SELECT *,
    CASE WHEN customer_id < 'c' THEN ' food ' WHEN customer_id < 'f' THEN 'toys' WHEN customer_id < 'h' THEN '' ELSE NULL END AS category FROM order_lines`);
  await connection.run(`COPY order_lines_categories TO '${path.join(folder, 'order-lines-categories.csv')}' (HEADER, DELIMITER ',')`);
  await connection.run(`CREATE TABLE order_runs AS SELECT * FROM read_csv('${path.join(fixtures, 'order-runs.csv')}', header = true,
    columns = {'line': 'INTEGER', 'customer_id': 'VARCHAR', 'date': 'DATE', 'order_id': 'VARCHAR', 'amount': 'DOUBLE'})`);
}, 60_000);

afterAll(() => {
  connection?.closeSync();
  instance?.closeSync();
});

/** summarize's arguments for the SQL options of a case. */
function summarizeArgs(options: SummarySqlOptions): string[] {
  return [
    ...(options.calibrationEnd === undefined ? [] : ['--calibration-end', options.calibrationEnd]),
    ...(options.period === undefined ? [] : ['--period', options.period]),
    ...(options.zeroAmount === undefined ? [] : ['--zero-amount', options.zeroAmount]),
  ];
}

describe('the DuckDB query gives the rows of summarize --customers-out', () => {
  const cases: [string, () => string, SummarySqlOptions][] = [
    ['generated history with returns, by week', () => generated, { dialect: 'duckdb', table: 'generated', columns: { margin: 'margin', category: 'category' } }],
    ['generated history, holdout after 2024-06-30, by day', () => generated, { dialect: 'duckdb', table: 'generated', columns: { margin: 'margin' }, calibrationEnd: '2024-06-30', period: 'day' }],
    ['generated history, holdout, by month', () => generated, { dialect: 'duckdb', table: 'generated', columns: { margin: 'margin' }, calibrationEnd: '2024-03-31', period: 'month' }],
    ['order lines, statuses, same-day orders, rows out of date order, by week', () => path.join(fixtures, 'order-lines.csv'), orderLines({})],
    ['order lines with a holdout after 2024-02-29, by day', () => path.join(fixtures, 'order-lines.csv'), orderLines({ calibrationEnd: '2024-02-29', period: 'day' })],
    ['order lines with timestamps: each line on its calendar day', () => path.join(fixtures, 'order-lines.csv'), orderLines({ table: 'order_lines_timestamps', calibrationEnd: '2024-02-29', period: 'day' })],
    ['order lines with ISO dates as text', () => path.join(fixtures, 'order-lines.csv'), orderLines({ table: 'order_lines_text_dates', calibrationEnd: '2024-02-29' })],
    ['order lines, zero amounts ignored, holdout', () => path.join(fixtures, 'order-lines.csv'), orderLines({ calibrationEnd: '2024-02-29', zeroAmount: 'ignore' })],
    ['quantity x unit price with costs and negative quantities, by day', () => path.join(fixtures, 'quantity-price.csv'), quantityPrice({ period: 'day' })],
    ['quantity x unit price, holdout after 2024-05-20, by week', () => path.join(fixtures, 'quantity-price.csv'), quantityPrice({ calibrationEnd: '2024-05-20' })],
    ['orders dated by their first line in the line order, by day', () => path.join(fixtures, 'order-runs.csv'), orderRuns({ lineOrder: 'line', period: 'day' })],
    ['orders dated by their first line in the line order, holdout after 2024-04-08', () => path.join(fixtures, 'order-runs.csv'), orderRuns({ lineOrder: 'line', calibrationEnd: '2024-04-08' })],
  ];
  it.each(cases)('%s', async (_name, file, options) => {
    const expected = await summarizeRows(file(), summarizeArgs(options));
    const { names, rows } = await sqlRows(connection, options);
    expect(names.join(',')).toBe(HEADER);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(expected);
  });
});

function orderLines(options: Partial<SummarySqlOptions>): SummarySqlOptions {
  return { dialect: 'duckdb', table: 'order_lines', columns: { order: 'order_id', margin: 'margin', status: 'status' }, ...options };
}

function orderRuns(options: Partial<SummarySqlOptions>): SummarySqlOptions {
  return { dialect: 'duckdb', table: 'order_runs', columns: { order: 'order_id' }, ...options };
}

function quantityPrice(options: Partial<SummarySqlOptions>): SummarySqlOptions {
  return { dialect: 'duckdb', table: 'quantity_price', columns: { order: 'order_id', quantity: 'quantity', unit_price: 'unit_price', cost: 'cost' }, ...options };
}

const CATEGORY_HEADER = 'category,revenue,gross_margin,purchase_lines,return_lines,calibration_purchased_value,calibration_returned_value';

/** `summarize --categories-out` of `file`, numbers as numbers and empty fields as null. */
async function summarizeCategoryRows(file: string, args: string[]): Promise<Row[]> {
  const out = path.join(folder, `categories-${path.basename(file)}-${args.join('_').replace(/[^\w-]/g, '')}.csv`);
  const result = await runCliInProcess(['summarize', file, '--categories-out', out, ...args]);
  expect(result.status, result.stderr).toBe(0);
  const [header, ...lines] = readFileSync(out, 'utf8').trimEnd().split('\n');
  expect(header).toBe(CATEGORY_HEADER);
  return lines.map((line) => line.split(',').map((field, k) => (k === 0 ? field : field === '' ? null : Number(field))));
}

describe('the DuckDB category query gives the rows of summarize --categories-out', () => {
  const cases: [string, () => string, SummarySqlOptions][] = [
    ['generated history with returns and margins', () => generated, { dialect: 'duckdb', table: 'generated', columns: { margin: 'margin' } }],
    ['generated history, holdout after 2024-06-30', () => generated, { dialect: 'duckdb', table: 'generated', columns: { margin: 'margin' }, calibrationEnd: '2024-06-30' }],
    [
      'order lines with statuses, orders across the calibration end, padded and blank categories',
      () => path.join(folder, 'order-lines-categories.csv'),
      { dialect: 'duckdb', table: 'order_lines_categories', columns: { order: 'order_id', margin: 'margin', status: 'status' }, calibrationEnd: '2024-02-29' },
    ],
    [
      'order lines, zero amounts ignored',
      () => path.join(folder, 'order-lines-categories.csv'),
      { dialect: 'duckdb', table: 'order_lines_categories', columns: { order: 'order_id', margin: 'margin', status: 'status' }, calibrationEnd: '2024-02-29', zeroAmount: 'ignore' },
    ],
  ];
  it.each(cases)('%s', async (_name, file, options) => {
    const columns = options.columns ?? {};
    const mapping = Object.entries({ ...columns }).map(([role, name]) => `${role}=${name}`);
    const expected = await summarizeCategoryRows(file(), [...summarizeArgs(options), ...(mapping.length > 0 ? ['--columns', mapping.join(',')] : [])]);
    const reader = await connection.runAndReadAll(categoryTableSql(options));
    const rows = reader.getRowsJS().map((row) => row.map((value, k) => (k === 0 || value === null ? (value as string | null) : Number(String(value)))));
    expect(reader.columnNames().join(',')).toBe(CATEGORY_HEADER);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows).toEqual(expected);
  });

  it('names blank and NULL categories (none), trims spaces, and counts an order on its first line\'s day', async () => {
    const reader = await connection.runAndReadAll(
      categoryTableSql({ dialect: 'duckdb', table: 'order_lines_categories', columns: { order: 'order_id', margin: 'margin', status: 'status' }, calibrationEnd: '2024-02-29' }),
    );
    const names = reader.getRowsJS().map((row) => row[0]);
    expect([...names].sort()).toEqual(['(none)', 'food', 'toys']);
  });
});

describe('the rules, read back from the order-lines fixture (calibration end 2024-02-29, by day)', () => {
  it('merges order lines, nets returns, and counts distinct purchase days after the first', async () => {
    const { rows } = await sqlRows(connection, orderLines({ calibrationEnd: '2024-02-29', period: 'day' }));
    const alice = rows.find((row) => row[0] === 'alice');
    // Purchase days 01-02 (orders A1 and A2: 18.75), 01-10 (order A3, a line dated 01-11: 12),
    // 02-01 (20, its cancelled line a return), 02-20 (0); the 01-15 return is no purchase day.
    // x = 3; t_x = 49 days; T = 58 days; mean of the two positive repeat days (12 + 20) / 2 = 16;
    // spend 18.75 + 12 - 5.5 + 20 - 20 + 0 = 25.25; holdout 12.34 - 2 on order A6's day 03-10;
    // the mean is taken over repeat value 12 + 20 + 0 = 32 and 2 valued repeat days.
    expect(alice).toEqual(['alice', 3, 49, 58, 16, 1, 10.34, 25.25, 7.6, 32, 2]);
    // The id '  gina' is gina once trimmed; 01-04 is one day of 0.30; (3.33 + 3.33 + 3.34) / 3.
    expect(rows.find((row) => row[0] === 'gina')).toEqual(['gina', 3, 8, 56, 3.333333, 0, -1, 10.3, 3.03, 10, 3]);
    // Only returns (carol), a first purchase after the calibration end (dave), a blank id: not listed.
    expect(rows.map((row) => row[0])).toEqual(['alice', 'bob', 'erin', 'gina', 'max']);
    // 0.30 - 0.10 - 0.20 is 0 (summarize writes 0, never -0).
    expect(Object.is(rows.find((row) => row[0] === 'max')![7], 0)).toBe(true);
  });
});

describe('order lines without the line order', () => {
  it('date an order by its earliest line, where the ingest takes the first line of each run of the order', async () => {
    const { rows } = await sqlRows(connection, orderRuns({ period: 'day' }));
    // summarize: K1's first run (lines 1, 2, 4) on 04-03, line 7 (after K2) a new order on 04-09:
    // purchase days 04-03, 04-05, 04-08, 04-09, 04-20, x = 4, mean (2 + 4 + 3 + 7) / 4 = 4.
    expect(await summarizeRows(path.join(fixtures, 'order-runs.csv'), ['--period', 'day'])).toContainEqual(['kim', 4, 17, 17, 4, 0, 0, 32, null, 16, 4]);
    // Without the line order every K1 line counts on 04-01: days 04-01, 04-05, 04-08, 04-20,
    // x = 3, t_x = T = 19, mean (2 + 4 + 7) / 3. lou's orders are single runs: the same either way.
    expect(rows).toEqual([
      ['kim', 3, 19, 19, 4.333333, 0, 0, 32, null, 13, 3],
      ['lou', 1, 10, 18, 8, 0, 0, 8, null, 8, 1],
    ]);
  });
});
