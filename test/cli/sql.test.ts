/**
 * `loyalty-sim sql`: the printed SQL run in DuckDB equals `summarize --customers-out`; the other
 * dialects' SQL as golden files (`vitest -u` rewrites them) and checked by a SQL parser of each
 * dialect; bad input exits 2 with a message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import pkg from 'node-sql-parser';
import { runCli } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const { Parser } = pkg;
const fixtures = fileURLToPath(new URL('./fixtures/sql/', import.meta.url));
const golden = (name: string) => path.join(fixtures, name);
const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-sql-cli-'));
const sql = (...args: string[]) => runCliInProcess(['sql', ...args]);

/** A stack trace line such as `at foo (file.js:12:3)`. */
const STACK_TRACE = /\bat .*\.js:\d+/;

/** The grammar node-sql-parser reads each dialect with (Hive for Spark SQL). */
const PARSER_DATABASES = { postgres: 'PostgresQL', bigquery: 'BigQuery', snowflake: 'Snowflake', spark: 'Hive' } as const;
const DIALECTS = Object.keys(PARSER_DATABASES) as (keyof typeof PARSER_DATABASES)[];

/** The option sets printed for every dialect: each golden file is `<dialect>-<name>.sql`. */
const VARIANTS: Record<string, string[]> = {
  'order-lines': ['--table', 'sales.order_lines', '--columns', 'order=order_id,margin=margin,status=status', '--calibration-end', '2024-06-30'],
  'quantity-price': ['--table', 'sales.lines', '--columns', 'customer=client,date=sold_on,order=order_no,quantity=qty,unit_price=price,cost=cost', '--line-order', 'line_no', '--period', 'month', '--zero-amount', 'ignore'],
  minimal: ['--table', 'orders', '--period', 'day'],
  categories: ['--table', 'sales.order_lines', '--columns', 'order=order_id,margin=margin,status=status,category=department', '--calibration-end', '2024-06-30', '--categories'],
};

describe('sql: the printed DuckDB query gives the rows of summarize --customers-out', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  let history: string;

  beforeAll(async () => {
    history = path.join(folder, 'history.csv');
    const generated = await runCliInProcess(['generate', '--customers', '300', '--start', '2024-01-01', '--end', '2025-06-30', '--return-rate', '0.2', '--categories', 'fuel:0.5:0.1,shop:0.5:0.3', '--out', history]);
    expect(generated.status, generated.stderr).toBe(0);
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run(`CREATE SCHEMA shop`);
    await connection.run(`CREATE TABLE shop."Purchase Lines" AS SELECT customer_id AS "Client", date AS "Day", amount AS "Total", margin AS "Margin" FROM read_csv('${history}', header = true,
      columns = {'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DOUBLE', 'category': 'VARCHAR', 'margin': 'DOUBLE'})`);
  }, 60_000);

  afterAll(() => {
    connection?.closeSync();
    instance?.closeSync();
  });

  it.each([
    ['without a holdout, by week', [] as string[]],
    ['with a holdout after 2024-12-31, by day', ['--calibration-end', '2024-12-31', '--period', 'day']],
  ])('%s', async (_name, options) => {
    const printed = await sql('--dialect', 'duckdb', '--table', 'shop.Purchase Lines', '--columns', 'customer=Client,date=Day,amount=Total,margin=Margin', ...options);
    expect(printed.status, printed.stderr).toBe(0);
    const reader = await connection.runAndReadAll(printed.stdout);
    const rows = reader.getRowsJS().map((row) => row.map((value) => (value === null ? '' : String(value))).join(','));

    const out = path.join(folder, `customers-${options.join('')}.csv`);
    const summarized = await runCliInProcess(['summarize', history, '--customers-out', out, ...options]);
    expect(summarized.status, summarized.stderr).toBe(0);
    const [header, ...lines] = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(reader.columnNames().join(',')).toBe(header);
    expect(rows.length).toBeGreaterThan(100);
    // summarize writes numbers as JavaScript does (String of the 6-decimal value): so does this.
    expect(rows).toEqual(lines.sort());
  });
});

describe('sql: each dialect', () => {
  it.each(DIALECTS.flatMap((dialect) => Object.keys(VARIANTS).map((variant) => [dialect, variant] as const)))('%s, %s: golden file, read by its SQL parser', async (dialect, variant) => {
    const result = await sql('--dialect', dialect, ...VARIANTS[variant]);
    expect(result.status, result.stderr).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot(golden(`${dialect}-${variant}.sql`));
    const ast = new Parser().astify(result.stdout, { database: PARSER_DATABASES[dialect] });
    const statements = Array.isArray(ast) ? ast : [ast];
    expect(statements.map((statement) => statement.type)).toEqual(['select']);
  });

  it('quotes names with the dialect quote: backticks in BigQuery and Spark, double quotes elsewhere', async () => {
    const quoted = { postgres: '"sales"."order_lines"', snowflake: '"sales"."order_lines"', bigquery: '`sales`.`order_lines`', spark: '`sales`.`order_lines`' };
    for (const dialect of DIALECTS) {
      const result = await sql('--dialect', dialect, '--table', 'sales.order_lines');
      expect(result.stdout).toContain(`FROM ${quoted[dialect]}\n`);
    }
  });

  it('reads a table name of three parts (catalog.schema.table, in BigQuery project.dataset.table)', async () => {
    for (const dialect of DIALECTS) {
      const result = await sql('--dialect', dialect, '--table', 'shop.sales.lines');
      const q = dialect === 'bigquery' || dialect === 'spark' ? '`' : '"';
      expect(result.stdout).toContain(`FROM ${q}shop${q}.${q}sales${q}.${q}lines${q}\n`);
      // Spark 3 reads catalog.schema.table, but node-sql-parser's Hive grammar only schema.table.
      if (dialect !== 'spark') new Parser().astify(result.stdout, { database: PARSER_DATABASES[dialect] });
    }
  });

  it('writes the SQL to -o FILE, the same as on stdout', async () => {
    const file = path.join(folder, 'summaries.sql');
    const written = await sql('--dialect', 'snowflake', '--table', 'orders', '-o', file);
    expect(written.status, written.stderr).toBe(0);
    expect(written.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe((await sql('--dialect', 'snowflake', '--table', 'orders')).stdout);
  });
});

describe('sql: bad input exits 2 with a message and no stack trace', () => {
  it.each([
    [['--dialect', 'postgresql', '--table', 'orders'], "error: --dialect: unknown dialect 'postgresql' (did you mean 'postgres'?)"],
    [['--dialect', 'oracle', '--table', 'orders'], "error: --dialect: unknown dialect 'oracle'"],
    [['--dialect', 'spark', '--table', 'sales..orders'], "error: --table: the table name 'sales..orders' has an empty part"],
    [['--dialect', 'bigquery', '--table', 'a.b.c.d'], "error: --table: the table name 'a.b.c.d' has 4 parts"],
    [['--dialect', 'postgres', '--table', 'or"ders'], "error: --table: the table name 'or\"ders' holds the quote character \" of PostgreSQL names"],
    [['--dialect', 'spark', '--table', 'orders', '--columns', 'customer=cli`ent'], "error: --columns: the column name for customer 'cli`ent' holds the quote character ` of Spark SQL names"],
    [['--dialect', 'duckdb', '--table', 'orders', '--columns', 'buyer=id'], "error: --columns: unknown column role 'buyer'"],
    [['--dialect', 'duckdb', '--table', 'orders', '--columns', 'customer=id,order=id'], "error: --columns: column 'id' is used both as customer and as order"],
    [['--dialect', 'duckdb', '--table', 'orders', '--columns', 'unit_price=price'], 'error: --columns: unit_price is mapped without quantity'],
    [['--dialect', 'duckdb', '--table', 'orders', '--line-order', 'line'], 'error: --line-order: --line-order is given without an order column'],
    [['--dialect', 'duckdb', '--table', 'orders', '--calibration-end', '2024-02-30'], "error: --calibration-end: '2024-02-30' is not a date"],
    [['--dialect', 'duckdb', '--table', 'orders', '--period', 'year'], "error: --period: 'year' is not a period"],
    [['--dialect', 'duckdb', '--table', 'orders', '--zero-amount', 'skip'], "error: --zero-amount: 'skip' is not a zero-amount rule"],
    [['--dialect', 'duckdb', '--table', 'orders', '--date-format', 'DD.MM.YYYY'], 'error: --date-format: not available: the SQL reads the date column as the warehouse does'],
    [['--dialect', 'duckdb', '--table', 'orders', '--on-bad-row', 'fail'], 'error: --on-bad-row: not available: the SQL cannot stop at a bad row'],
    [['--dialect', 'duckdb', '--table', 'orders', '--decimal', ','], 'error: --decimal: not available'],
  ])('%j', async (args, message) => {
    const result = await sql(...args);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(message);
    expect(result.stderr.startsWith(message)).toBe(true);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stdout).toBe('');
  });

  it('through the built CLI too', () => {
    const result = runCli(['sql', '--dialect', 'mysql', '--table', 'orders']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: --dialect: unknown dialect 'mysql'\n {2}Use one of duckdb, postgres, bigquery, snowflake, spark\./);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('--help says which ingest rules a table cannot follow', async () => {
    const help = runCli(['sql', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--line-order');
    expect(help.stdout).toContain('--date-format, --delimiter, --decimal and --on-bad-row concern the CSV reader and are refused');
  });
});
