import { describe, expect, it } from 'vitest';
import { tokenize, type TokenizedRecord as Record } from './tokenize-text.js';

const TRICKY = [
  'id,note,amount',
  'a,"comma, inside",1',
  'b,"quote ""inside"" here",2',
  'c,"line',
  'break",3',
  'd,,4',
  '',
  'e,"",5',
  'f,plain "quote" kept,6',
  'g,ünïcødé,7',
].join('\r\n');

describe('CSV tokenizer', () => {
  const expected: Record[] = [
    { line: 1, fields: ['id', 'note', 'amount'], malformed: null },
    { line: 2, fields: ['a', 'comma, inside', '1'], malformed: null },
    { line: 3, fields: ['b', 'quote "inside" here', '2'], malformed: null },
    { line: 4, fields: ['c', 'line\r\nbreak', '3'], malformed: null },
    // Line 6 is d; line 7 is blank and skipped.
    { line: 6, fields: ['d', '', '4'], malformed: null },
    { line: 8, fields: ['e', '', '5'], malformed: null },
    { line: 9, fields: ['f', 'plain "quote" kept', '6'], malformed: null },
    { line: 10, fields: ['g', 'ünïcødé', '7'], malformed: null },
  ];

  it('splits quoted fields with delimiters, doubled quotes, CRLF and line breaks inside', () => {
    expect(tokenize(TRICKY)).toEqual(expected);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    for (const chunkSize of [1, 2, 3, 5, 7, 11, 64]) {
      expect(tokenize(TRICKY, chunkSize), `chunks of ${chunkSize} bytes`).toEqual(expected);
    }
  });

  it('reads LF files, a last line without a line break, and a trailing empty field', () => {
    expect(tokenize('a,b\n1,2\n3,')).toEqual([
      { line: 1, fields: ['a', 'b'], malformed: null },
      { line: 2, fields: ['1', '2'], malformed: null },
      { line: 3, fields: ['3', ''], malformed: null },
    ]);
    expect(tokenize('a,b\n1,"2"', 1).map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('uses the given delimiter only', () => {
    expect(tokenize('a;b\tc,d\n', Infinity, ';')[0].fields).toEqual(['a', 'b\tc,d']);
    expect(tokenize('a;b\tc,d\n', Infinity, '\t')[0].fields).toEqual(['a;b', 'c,d']);
  });

  it('marks text after a closing quote and a quote never closed as malformed, and goes on', () => {
    const records = tokenize('h1,h2\n"x"y,1\nok,2\n"open,3\nnext,4\n', 4);
    expect(records.map((r) => [r.line, r.malformed])).toEqual([
      [1, null],
      [2, 'textAfterClosingQuote'],
      [3, null],
      [4, 'unclosedQuote'],
    ]);
    expect(records[2].fields).toEqual(['ok', '2']);
  });
});
