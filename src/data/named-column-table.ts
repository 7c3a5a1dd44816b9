/**
 * Reading a small CSV table whose columns are found by name (ignoring case and surrounding
 * spaces), in any order, each at most once, comma-separated with a point as the decimal mark:
 * the summary and category tables a warehouse query or `summarize` writes (summary-table-csv.ts,
 * category-table-csv.ts). Every problem is a UserInputError naming the file, the line, and the
 * column by number and name.
 */
import { shortened, UserInputError } from '../errors.js';
import { readCsvRecords, smallCsvSetup } from './csv-file-reader.js';
import { CsvTokenizer, FieldQuoting, fieldText, type MalformedRecord } from './csv-tokenizer.js';
import { parseDecimalNumber } from './decimal-number.js';

const DOT = 46;

export interface NamedColumnTableSpec<Column extends string> {
  /** The table's columns as written in its header (matched ignoring case and spaces around). */
  columns: readonly Column[];
  /** Those every table must have. */
  required: readonly Column[];
  /** What messages call the table: `summary table`. */
  name: string;
  /** The header and rows expected, for an empty file or a table without rows. */
  emptyHint: string;
  /** Numbers as the table writes them, for the hint of a field that is not one: `3, 1.428571 or -12.5`. */
  numberExamples: string;
  /** What a row is, for a table without rows: `customers`. */
  rowsName: string;
}

/**
 * The reader of one file: `read` calls `onRow` for each data row (after its quoting and field
 * count are checked), in which `numberAt`, `textAt` and `fail` read and refuse its fields.
 */
export class NamedColumnTable<Column extends string> {
  header: string[] | null = null;
  private readonly index = new Map<Column, number>();
  private tokenizer!: CsvTokenizer;
  private rows = 0;

  constructor(
    readonly file: string,
    private readonly spec: NamedColumnTableSpec<Column>,
  ) {}

  /**
   * Read the whole file; throws on the first problem. `onHeader` checks the header further (its
   * line), `onRow` reads each data row.
   */
  async read(onRow: (line: number) => void, options: { onHeader?: (line: number) => void; onWaiting?: (file: string) => void } = {}): Promise<void> {
    const { onHeader, onWaiting } = options;
    const setUp = smallCsvSetup(this.file, this.spec.emptyHint, (created) => (this.tokenizer = created), ',');
    await readCsvRecords(
      this.file,
      setUp,
      (fieldCount, line, malformed) => {
        if (this.header === null) {
          this.readHeader(fieldCount, line, malformed);
          onHeader?.(line);
          return;
        }
        if (malformed !== null) this.fail(line, undefined, 'a quote is never closed or is followed by text', 'A quoted field must end with a quote followed by a comma or the line end.');
        if (fieldCount !== this.header.length) this.fail(line, undefined, `expected ${this.header.length} fields as in the header, found ${fieldCount}`);
        onRow(line);
        this.rows++;
      },
      { onWaiting: onWaiting && (() => onWaiting(this.file)) },
    );
    if (this.header === null) throw new UserInputError('the file is empty', { file: this.file }, this.spec.emptyHint);
    if (this.rows === 0) throw new UserInputError(`no ${this.spec.rowsName} after the header`, { file: this.file }, this.spec.emptyHint);
  }

  /** Whether the header has `column`. */
  has(column: Column): boolean {
    return this.index.has(column);
  }

  /** The 0-based field index of `column` (which the header has). */
  fieldOf(column: Column): number {
    return this.index.get(column)!;
  }

  /** Stop the read at `line` (and `column`, a 0-based field index, when given). */
  fail(line: number, column: number | undefined, message: string, hint?: string): never {
    const header = this.header;
    const located = column === undefined || header === null ? { file: this.file, line } : { file: this.file, line, column: column + 1, field: `column '${header[column]}'` };
    throw new UserInputError(message, located, hint);
  }

  /** The text in `column` of the current row. */
  textAt(column: Column): string {
    return fieldText(this.tokenizer, this.fieldOf(column));
  }

  /** The number in `column` of the current row; NaN for a blank field when `blankIsUnknown`. */
  numberAt(line: number, column: Column, blankIsUnknown = false): number {
    const k = this.fieldOf(column);
    const tokenizer = this.tokenizer;
    const value = tokenizer.fieldQuoting[k] === FieldQuoting.QuotedWithEscapes ? NaN : parseDecimalNumber(tokenizer.bytes, tokenizer.fieldStart[k], tokenizer.fieldEnd[k], DOT);
    if (Number.isFinite(value)) return value;
    const text = fieldText(tokenizer, k).trim();
    if (text === '' && blankIsUnknown) return NaN;
    return this.fail(line, k, text === '' ? 'the value is blank' : `'${shortened(text)}' is not a number`, `Write numbers like ${this.spec.numberExamples} (a point as the decimal mark, no thousands separators).`);
  }

  /** The whole number, 0 or more, in `column` of the current row; `what` it counts names it in the message (`a number of lines`). */
  wholeCountAt(line: number, column: Column, what: string): number {
    const value = this.numberAt(line, column);
    if (!(Number.isInteger(value) && value >= 0)) this.fail(line, this.fieldOf(column), `${value} is not ${what}: expected a whole number, 0 or more`);
    return value;
  }

  private readHeader(fieldCount: number, line: number, malformed: MalformedRecord | null): void {
    if (malformed !== null) this.fail(line, undefined, 'the header line has a quote that is never closed or is followed by text');
    const names: string[] = [];
    for (let k = 0; k < fieldCount; k++) names.push(fieldText(this.tokenizer, k));
    this.header = names;
    const { columns, required, name: tableName } = this.spec;
    const known = columns.map((name) => name.toLowerCase());
    names.forEach((name, k) => {
      const at = known.indexOf(name.trim().toLowerCase());
      if (at < 0) this.fail(line, k, `unknown column '${shortened(name)}'`, `A ${tableName} has the columns ${columns.join(', ')}.`);
      const column = columns[at];
      if (this.index.has(column)) this.fail(line, k, `column '${column}' appears twice`);
      this.index.set(column, k);
    });
    for (const column of required) {
      if (!this.index.has(column)) {
        this.fail(line, undefined, `missing ${required.length === columns.length ? '' : 'required '}column '${column}'`, `The header has: ${names.map((name) => `'${name}'`).join(', ')}. ${this.spec.emptyHint}`);
      }
    }
  }
}
