/**
 * Reading a program's members CSV (`loyalty-sim uplift --members`): a header with `customer_id`
 * and `joined` (names matched ignoring case and surrounding spaces, other columns ignored) and one
 * row per member, the day they enrolled. Dates are read as the purchase history's are: ISO 8601 or
 * YYYYMMDD, or the `--date-format` pattern. A missing column, a blank id, a date that does not
 * parse or a member listed twice stops the read with a UserInputError naming the file, the line and
 * the column.
 */
import { shortened, UserInputError } from '../errors.js';
import type { Delimiter } from './csv-dialect.js';
import { readCsvRecords, smallCsvSetup } from './csv-file-reader.js';
import { CsvTokenizer, fieldText, type MalformedRecord } from './csv-tokenizer.js';
import type { DateFormat } from './date-format.js';
import { describeIsoDateProblem, parseIsoDate } from './iso-date.js';

/** The members read: customer id -> join day number (days since 1970-01-01). */
export interface MembersFile {
  file: string;
  joinDay: Map<string, number>;
}

export interface MembersCsvOptions {
  delimiter?: Delimiter;
  /** The history's explicit date pattern; without it, ISO 8601 and YYYYMMDD. */
  dateFormat?: DateFormat;
  onWaiting?: (file: string) => void;
}

const REQUIRED = ['customer_id', 'joined'] as const;

/** Read and check a members CSV. */
export async function readMembersCsv(file: string, options: MembersCsvOptions = {}): Promise<MembersFile> {
  const emptyHint = 'Expected the header customer_id,joined and one row per member, e.g. C0001,2024-07-15.';
  let tokenizer!: CsvTokenizer;
  const setUp = smallCsvSetup(file, emptyHint, (created) => (tokenizer = created), options.delimiter);
  const joinDay = new Map<string, number>();
  let header: string[] | null = null;
  let idColumn = -1;
  let joinedColumn = -1;
  const fail = (line: number, column: number | undefined, message: string, hint?: string): never => {
    throw new UserInputError(message, { file, line, field: column === undefined || header === null ? undefined : `column '${header[column]}'` }, hint);
  };

  const readHeader = (fieldCount: number, line: number, malformed: MalformedRecord | null): void => {
    if (malformed !== null) fail(line, undefined, 'the header line has a quote that is never closed or is followed by text');
    const names: string[] = [];
    for (let k = 0; k < fieldCount; k++) names.push(fieldText(tokenizer, k));
    const lower = names.map((name) => name.trim().toLowerCase());
    for (const required of REQUIRED) {
      if (!lower.includes(required)) {
        fail(line, undefined, `missing required column '${required}'`, `The header has: ${names.map((name) => `'${name}'`).join(', ')}. Expected: ${REQUIRED.join(',')}.`);
      }
    }
    header = names;
    idColumn = lower.indexOf('customer_id');
    joinedColumn = lower.indexOf('joined');
  };

  await readCsvRecords(
    file,
    setUp,
    (fieldCount, line, malformed) => {
      if (header === null) {
        readHeader(fieldCount, line, malformed);
        return;
      }
      if (malformed !== null) fail(line, undefined, 'a quote is never closed or is followed by text', 'A quoted field must end with a quote followed by a comma or the line end.');
      if (fieldCount === 1 && fieldText(tokenizer, 0).trim() === '') return; // a blank line
      if (fieldCount !== header.length) fail(line, undefined, `expected ${header.length} fields as in the header, found ${fieldCount}`);
      const id = fieldText(tokenizer, idColumn).trim();
      if (id === '') fail(line, idColumn, 'the customer id is blank', 'Every row needs the id of a customer as the purchase history writes it.');
      const start = tokenizer.fieldStart[joinedColumn];
      const end = tokenizer.fieldEnd[joinedColumn];
      const day = options.dateFormat ? options.dateFormat.parse(tokenizer.bytes, start, end) : parseIsoDate(tokenizer.bytes, start, end);
      if (Number.isNaN(day)) {
        const text = shortened(fieldText(tokenizer, joinedColumn).trim());
        if (text === '') fail(line, joinedColumn, 'the join date is blank', 'Every member needs the day they joined.');
        if (options.dateFormat) fail(line, joinedColumn, `'${text}' does not match --date-format '${options.dateFormat.pattern}'`);
        const problem = describeIsoDateProblem(text);
        fail(line, joinedColumn, problem === null ? `'${text}' is not a date in a known form` : `'${text}' is not a date: ${problem}`, 'Write join dates as the history writes its dates: ISO 8601 (2024-07-15) or YYYYMMDD, or the --date-format pattern.');
      }
      if (joinDay.has(id)) fail(line, idColumn, `customer '${shortened(id)}' is listed twice`, 'List each member once, with the day they first joined.');
      joinDay.set(id, day);
    },
    { onWaiting: options.onWaiting && (() => options.onWaiting!(file)) },
  );
  if (header === null) throw new UserInputError('the file is empty', { file }, emptyHint);
  if (joinDay.size === 0) throw new UserInputError('no members after the header', { file }, emptyHint);
  return { file, joinDay };
}
