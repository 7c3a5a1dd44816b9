import { describe, expect, it } from 'vitest';
import { csvDecimals, csvField, csvNumber, csvSignificant, csvTable } from '../../src/report/csv-table.js';

describe('CSV fields and numbers', () => {
  it('quotes a field with a delimiter, quote, line break or surrounding space (RFC 4180), and only then', () => {
    expect(csvField('C001')).toBe('C001');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('writes a machine number as the JSON reports do: 15 significant digits, whole numbers exact, never grouped; empty when unknown', () => {
    expect(csvNumber(0.1 + 0.2)).toBe('0.3');
    expect(csvNumber(2 / 3)).toBe('0.666666666666667');
    expect(csvNumber(1234567.25)).toBe('1234567.25');
    expect(csvNumber(2 ** 53 + 2)).toBe('9007199254740994');
    expect(csvNumber(-1e-7)).toBe('-1e-7');
    expect(csvNumber(1e21)).toBe('1e+21');
    expect(csvNumber(NaN)).toBe('');
    expect(csvNumber(Infinity)).toBe('');
    expect(csvNumber(null)).toBe('');
    expect(csvNumber(undefined)).toBe('');
  });

  it('rounds to decimals or significant digits without trailing zeros; unknown is empty', () => {
    // 26 days in weeks: 26 / 7 = 3.7142857...
    expect(csvDecimals(26 / 7, 6)).toBe('3.714286');
    expect(csvDecimals(4, 6)).toBe('4');
    expect(csvSignificant(26 / 7, 6)).toBe('3.71429');
    expect(csvSignificant(123456.78, 6)).toBe('123457');
    expect(csvDecimals(NaN, 6)).toBe('');
    expect(csvSignificant(Infinity, 6)).toBe('');
  });
});

describe('csvTable', () => {
  it('gives the header line, then the rows, in pieces that join to the whole table', () => {
    const pieces = [...csvTable(['id', 'x'], 3, (i) => [`c${i}`, i * 2])];
    expect(pieces[0]).toBe('id,x\n');
    expect(pieces.join('')).toBe('id,x\nc0,0\nc1,2\nc2,4\n');
  });

  it('cuts a long table into pieces of about 64 KiB', () => {
    // 20,000 rows of 'c00000,1\n' (9 characters): 180,000 characters after the header.
    const pieces = [...csvTable(['id', 'x'], 20_000, (i) => [`c${String(i).padStart(5, '0')}`, 1])];
    const rows = pieces.slice(1);
    expect(rows.join('').length).toBe(180_000);
    expect(rows.length).toBe(3);
    for (const piece of rows.slice(0, -1)) expect(piece.length).toBeGreaterThan(65_536);
    for (const piece of rows) expect(piece.length).toBeLessThanOrEqual(65_536 + 9);
  });
});
