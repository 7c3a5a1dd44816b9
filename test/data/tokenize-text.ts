/**
 * Feed a CSV text to the tokenizer the way the file reader does, and collect its records.
 */
import { CsvTokenizer, fieldText, type MalformedRecord } from '../../src/data/csv-tokenizer.js';

export interface TokenizedRecord {
  line: number;
  fields: string[];
  malformed: MalformedRecord | null;
}

/**
 * Tokenize `text` fed in chunks of `chunkSize` bytes the way the file reader does: after each
 * chunk the unconsumed tail is kept and completed by the next one.
 */
export function tokenize(text: string | Buffer, chunkSize = Infinity, delimiter = ','): TokenizedRecord[] {
  const all = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const tokenizer = new CsvTokenizer(delimiter.charCodeAt(0));
  const records: TokenizedRecord[] = [];
  const onRecord = (fieldCount: number, line: number, malformed: MalformedRecord | null) => {
    const fields: string[] = [];
    for (let k = 0; k < fieldCount; k++) fields.push(fieldText(tokenizer, k));
    records.push({ line, fields, malformed });
  };
  let pending = Buffer.alloc(0);
  let offset = 0;
  for (;;) {
    const next = all.subarray(offset, Math.min(all.length, offset + chunkSize));
    offset += next.length;
    const atEnd = next.length === 0;
    const buffer = Buffer.concat([pending, next]);
    const consumed = tokenizer.tokenize(buffer, 0, buffer.length, atEnd, onRecord);
    pending = Buffer.from(buffer.subarray(consumed));
    if (atEnd) break;
  }
  return records;
}

/**
 * csv-parse's options for the tokenizer's dialect, the reference it is checked against: CRLF or LF
 * records, a byte-order mark skipped, blank lines skipped, any field count, and (by default)
 * quotes inside unquoted fields taken as text.
 */
export function csvParseDialect(delimiter: string, relaxQuotes = true) {
  return {
    delimiter,
    bom: true,
    record_delimiter: ['\r\n', '\n'],
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: relaxQuotes,
  };
}
