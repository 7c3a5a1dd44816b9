/**
 * The CSV tokenizer (src/data/csv-tokenizer.ts) against csv-parse, an independent RFC 4180 parser:
 * on hand-written files with the awkward parts of the format, and on a few hundred files drawn from
 * a seeded generator, then mutated byte by byte. csv-parse runs with the tokenizer's dialect: the
 * given delimiter, records ended by LF or CRLF, blank lines skipped, a byte order mark dropped, and
 * (`relax_quotes`) a quote inside an unquoted field kept as a character.
 */
import { parse } from 'csv-parse/sync';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { byteOrderMarkLength } from '../../src/data/csv-dialect.js';
import { csvParseDialect, tokenize, type TokenizedRecord } from './tokenize-text.js';

type Delimiter = ',' | ';' | '\t';

/** A record as both parsers see it: its fields, and the line it ends on (1-based). */
interface ReferenceRecord {
  fields: string[];
  lastLine: number;
}

function referenceRecords(bytes: Buffer, delimiter: Delimiter, relaxQuotes = true): ReferenceRecord[] {
  const rows = parse(bytes, { ...csvParseDialect(delimiter, relaxQuotes), info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  return rows.map((row) => ({ fields: row.record, lastLine: row.info.lines }));
}

/** The tokenizer after the ingest's byte-order-mark check, in csv-parse's terms. */
function tokenizerRecords(bytes: Buffer, delimiter: Delimiter, chunkSize = Infinity): TokenizedRecord[] {
  return tokenize(bytes.subarray(byteOrderMarkLength(bytes)), chunkSize, delimiter);
}

/** A record ends on its first line plus the line feeds inside its fields. */
function asReference(records: TokenizedRecord[]): ReferenceRecord[] {
  return records.map((r) => ({ fields: r.fields, lastLine: r.line + r.fields.join('').split('\n').length - 1 }));
}

/**
 * csv-parse also counts a carriage return inside a field as a line break (a CRLF inside quotes is
 * two lines to it); the tokenizer counts line feeds, as editors do. Line numbers are compared with
 * csv-parse's on files without carriage returns; the generated files check them on their own.
 */
function hasCarriageReturn(bytes: Buffer): boolean {
  return bytes.includes(13);
}

function expectSameRecords(bytes: Buffer, delimiter: Delimiter, chunkSize = Infinity): void {
  const ours = tokenizerRecords(bytes, delimiter, chunkSize);
  expect(ours.filter((r) => r.malformed !== null)).toEqual([]);
  const reference = referenceRecords(bytes, delimiter);
  if (hasCarriageReturn(bytes)) {
    expect(ours.map((r) => r.fields)).toEqual(reference.map((r) => r.fields));
  } else {
    expect(asReference(ours)).toEqual(reference);
  }
}

describe('the CSV tokenizer agrees with csv-parse', () => {
  const cases: [string, string, Delimiter][] = [
    ['quoted fields with the delimiter inside', 'id,note\na,"x, y"\nb,","\n', ','],
    ['doubled quotes', 'id,note\na,"say ""hi"""\nb,""""\nc,""\n', ','],
    ['line breaks inside quotes', 'id,note\na,"two\nlines"\nb,"three\r\nlines\nhere"\nc,1\n', ','],
    ['CRLF line ends', 'id,amount\r\na,1\r\nb,2\r\n', ','],
    ['a byte order mark', '\ufeffid,amount\nä,1\n', ','],
    ['semicolons', 'id;amount\na;"1;5"\nb;2,5\n', ';'],
    ['tabs', 'id\tnote\na\t"tab\there"\nb\t, and ;\n', '\t'],
    ['blank lines, LF and CRLF', 'id,amount\n\na,1\r\n\r\n\nb,2\n', ','],
    ['a last line without a line break', 'id,amount\na,1\nb,"2"', ','],
    ['a trailing delimiter', 'id,amount,\na,1,\nb,', ','],
    ['a quote inside an unquoted field', 'id,note\na,5" screen\nb,it"s\n', ','],
    ['uneven field counts', 'a\nb,c,d\n,\ne,,\n', ','],
  ];
  for (const [name, text, delimiter] of cases) {
    it(name, () => {
      const bytes = Buffer.from(text, 'utf8');
      expectSameRecords(bytes, delimiter);
      for (const chunkSize of [1, 2, 3, 7]) expectSameRecords(bytes, delimiter, chunkSize);
    });
  }

  it('on 300 generated files, each fed whole and in random chunks', () => {
    const random = seedrandom.alea('csv-tokenizer-reference');
    for (let file = 0; file < 300; file++) {
      const { bytes, delimiter, records, lines } = generatedFile(random);
      const ours = tokenizerRecords(bytes, delimiter);
      expect(ours.map((r) => r.fields), `file ${file}`).toEqual(records);
      expect(ours.map((r) => r.line), `file ${file}`).toEqual(lines);
      expectSameRecords(bytes, delimiter);
      expectSameRecords(bytes, delimiter, 1 + Math.floor(random() * 40));
    }
  });

  it('on 300 mutated files: the same records, or both reject a malformed one', () => {
    const random = seedrandom.alea('csv-tokenizer-mutations');
    let malformedFiles = 0;
    for (let file = 0; file < 300; file++) {
      const { bytes: original, delimiter } = generatedFile(random);
      const bytes = mutated(original, random);
      const ours = tokenizerRecords(bytes, delimiter);
      // Chunk boundaries never change what the tokenizer finds.
      expect(tokenizerRecords(bytes, delimiter, 1 + Math.floor(random() * 40)), `file ${file}`).toEqual(ours);
      if (ours.some((r) => r.malformed !== null)) {
        malformedFiles++;
        // An unclosed quote, or text after a closing quote: csv-parse rejects the file too.
        expect(() => referenceRecords(bytes, delimiter, false), `file ${file}`).toThrow();
      } else if (!endsInCarriageReturn(bytes)) {
        expectSameRecords(bytes, delimiter);
      }
    }
    // The mutations reach both outcomes.
    expect(malformedFiles).toBeGreaterThan(30);
    expect(malformedFiles).toBeLessThan(270);
  });
});

/**
 * The tokenizer drops a carriage return at the very end of the data as the first half of a line
 * break that was cut off; csv-parse keeps it in the field. Mutated files ending so are not compared.
 */
function endsInCarriageReturn(bytes: Buffer): boolean {
  return bytes.length > 0 && bytes[bytes.length - 1] === 13;
}

type Uniform = () => number;

function pick<T>(random: Uniform, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

const FIELD_PIECES = ['a', 'B7', '12.50', ' ', 'é', '€', '"', ',', ';', '\t', '\n', '\r\n', 'x y', '-3'];

/**
 * A file of 0 to 20 records of 1 to 6 fields, written as a careful CSV writer would: a field is
 * quoted when it holds the delimiter, a quote or a line break (and sometimes anyway), quotes doubled
 * inside; LF or CRLF after each record; blank lines here and there; sometimes a byte order mark,
 * sometimes no line break at the end. Returns the records the file holds and the line each starts on.
 */
function generatedFile(random: Uniform): { bytes: Buffer; delimiter: Delimiter; records: string[][]; lines: number[] } {
  const delimiter = pick(random, [',', ';', '\t'] as const);
  const records: string[][] = [];
  const lines: number[] = [];
  let text = random() < 0.2 ? '\ufeff' : '';
  const recordCount = Math.floor(random() * 21);
  for (let r = 0; r < recordCount; r++) {
    const fields: string[] = [];
    const fieldCount = 1 + Math.floor(random() * 6);
    for (let f = 0; f < fieldCount; f++) {
      let field = '';
      const pieces = Math.floor(random() * 4);
      for (let k = 0; k < pieces; k++) field += pick(random, FIELD_PIECES);
      fields.push(field);
    }
    const written = fields.map((field, f) => {
      const mustQuote = /["\r\n]/.test(field) || field.includes(delimiter) || (fieldCount === 1 && f === 0 && field === '');
      return mustQuote || random() < 0.15 ? `"${field.replaceAll('"', '""')}"` : field;
    });
    lines.push(text.split('\n').length);
    text += written.join(delimiter);
    records.push(fields);
    const last = r === recordCount - 1;
    if (!last || random() < 0.7) text += random() < 0.5 ? '\n' : '\r\n';
    if (!last && random() < 0.1) text += random() < 0.5 ? '\n' : '\r\n';
  }
  return { bytes: Buffer.from(text, 'utf8'), delimiter, records, lines };
}

/** One to three edits: a byte deleted, or a quote, delimiter, line break or letter put in. */
function mutated(bytes: Buffer, random: Uniform): Buffer {
  let result = Buffer.from(bytes);
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (result.length + 1));
    if (random() < 0.3 && result.length > 0) {
      result = Buffer.concat([result.subarray(0, Math.min(at, result.length - 1)), result.subarray(Math.min(at, result.length - 1) + 1)]);
    } else {
      const insert = Buffer.from(pick(random, ['"', '"', ',', ';', '\t', '\n', '\r\n', '\r', 'q']), 'utf8');
      result = Buffer.concat([result.subarray(0, at), insert, result.subarray(at)]);
    }
  }
  return result;
}
