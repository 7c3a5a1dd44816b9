/**
 * What differs between the SQL dialects the customer-summary and category queries are written in:
 * how names are quoted, the text, floating-point and exact decimal types, the number of days
 * between two dates, trimming spaces and tabs, and rounding. Everything else in the query (summary-query.ts) is standard SQL
 * that every one of them reads the same way.
 */

export const DIALECT_NAMES = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

export interface SqlDialect {
  readonly name: DialectName;
  /** The warehouse's name as people write it, for comments and messages. */
  readonly label: string;
  /** The character that quotes a name (`"` or a backtick); a name holding it is refused. */
  readonly identifierQuote: '"' | '`';
  /** The type of text (ids, order numbers). */
  readonly textType: string;
  /** The type of 64-bit binary floating point numbers (the ingest reads values as such doubles). */
  readonly doubleType: string;
  /** Days from date `from` to date `to` (an integer, negative when `to` is earlier). */
  daysBetween(from: string, to: string): string;
  /** `text` with leading and trailing spaces and tabs removed (what the ingest trims from ids). */
  trimSpacesAndTabs(text: string): string;
  /** `text` with leading and trailing spaces removed (what the ingest trims from categories). */
  trimSpaces(text: string): string;
  /** An exact decimal type of 38 digits, 9 of them decimals (the most the ingest rounds sums to): sums in it have no rounding error. */
  readonly exactDecimalType: string;
  /** A double `value` rounded to `places` decimals, as a double. */
  round(value: string, places: number): string;
}

const DUCKDB: SqlDialect = {
  name: 'duckdb',
  label: 'DuckDB',
  identifierQuote: '"',
  textType: 'VARCHAR',
  doubleType: 'DOUBLE',
  daysBetween: (from, to) => `DATE_DIFF('day', ${from}, ${to})`,
  trimSpacesAndTabs: (text) => `TRIM(${text}, ' ' || CHR(9))`,
  trimSpaces: (text) => `TRIM(${text}, ' ')`,
  exactDecimalType: 'DECIMAL(38, 9)',
  round: (value, places) => `ROUND(${value}, ${places})`,
};

const POSTGRES: SqlDialect = {
  name: 'postgres',
  label: 'PostgreSQL',
  identifierQuote: '"',
  textType: 'VARCHAR',
  doubleType: 'DOUBLE PRECISION',
  // The difference of two dates is their number of days.
  daysBetween: (from, to) => `(${to} - ${from})`,
  trimSpacesAndTabs: (text) => `BTRIM(${text}, ' ' || CHR(9))`,
  trimSpaces: (text) => `BTRIM(${text}, ' ')`,
  exactDecimalType: 'NUMERIC(38, 9)',
  // PostgreSQL rounds to decimal places only as NUMERIC.
  round: (value, places) => `CAST(ROUND(CAST(${value} AS NUMERIC), ${places}) AS DOUBLE PRECISION)`,
};

const BIGQUERY: SqlDialect = {
  name: 'bigquery',
  label: 'BigQuery',
  identifierQuote: '`',
  textType: 'STRING',
  doubleType: 'FLOAT64',
  daysBetween: (from, to) => `DATE_DIFF(${to}, ${from}, DAY)`,
  // '\t' is a tab in BigQuery string literals.
  trimSpacesAndTabs: (text) => `TRIM(${text}, ' \\t')`,
  trimSpaces: (text) => `TRIM(${text}, ' ')`,
  // NUMERIC is BigQuery's decimal of 38 digits, 9 after the point.
  exactDecimalType: 'NUMERIC',
  round: (value, places) => `ROUND(${value}, ${places})`,
};

const SNOWFLAKE: SqlDialect = {
  name: 'snowflake',
  label: 'Snowflake',
  identifierQuote: '"',
  textType: 'VARCHAR',
  doubleType: 'DOUBLE',
  daysBetween: (from, to) => `DATEDIFF(day, ${from}, ${to})`,
  // '\t' is a tab in Snowflake string literals.
  trimSpacesAndTabs: (text) => `TRIM(${text}, ' \\t')`,
  trimSpaces: (text) => `TRIM(${text}, ' ')`,
  exactDecimalType: 'NUMBER(38, 9)',
  round: (value, places) => `ROUND(${value}, ${places})`,
};

const SPARK: SqlDialect = {
  name: 'spark',
  label: 'Spark SQL',
  identifierQuote: '`',
  textType: 'STRING',
  doubleType: 'DOUBLE',
  daysBetween: (from, to) => `DATEDIFF(${to}, ${from})`,
  // '\t' is a tab in Spark SQL string literals. (TRIM(BOTH chars FROM text) is Spark SQL too, but
  // the Hive grammar of node-sql-parser, which checks this dialect's syntax in the tests, cannot
  // read it; BTRIM needs Spark 3.2.)
  trimSpacesAndTabs: (text) => `REGEXP_REPLACE(${text}, '^[ \\t]+|[ \\t]+$', '')`,
  trimSpaces: (text) => `REGEXP_REPLACE(${text}, '^ +| +$', '')`,
  exactDecimalType: 'DECIMAL(38, 9)',
  round: (value, places) => `ROUND(${value}, ${places})`,
};

export const DIALECTS: Record<DialectName, SqlDialect> = {
  duckdb: DUCKDB,
  postgres: POSTGRES,
  bigquery: BIGQUERY,
  snowflake: SNOWFLAKE,
  spark: SPARK,
};

export function isDialectName(text: string): text is DialectName {
  return (DIALECT_NAMES as readonly string[]).includes(text);
}
