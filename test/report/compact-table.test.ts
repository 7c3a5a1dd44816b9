/**
 * The compact tables are drawn without cli-table3 (whose layout is not linear in rows and lines)
 * but must look exactly as cli-table3 draws them: checked against cli-table3 itself.
 */
import Table from 'cli-table3';
import chalk, { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { compactTable, displayWidth, keyValueTable } from '../../src/report/compact-table.js';
import { displayName, MAX_NAME_COLUMNS } from '../../src/report/display-text.js';

const COMPACT_CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

function cliTable3(head: string[] | undefined, rows: string[][], aligns: ('left' | 'right')[]): string {
  const table = new Table({ ...(head ? { head } : {}), style: { head: [], border: [] }, chars: COMPACT_CHARS, colAligns: aligns });
  table.push(...rows);
  return table.toString();
}

describe('compact tables', () => {
  const coloured = new Chalk({ level: 1 });
  it.each([
    ['labels and numbers', ['name', 'revenue', 'share'], [['food', '1,234.50', '40.0%'], ['drinks and more', '7.00', '0.2%']]],
    ['cells of two lines', ['', 'baseline', 'points'], [['revenue', '410,194\n390,789 .. 428,564', '405,867\n1 .. 2'], ['customers', '3,670', '-']]],
    ['wide characters and accents', ['name', 'x'], [['日本の店', '1'], ['Müller é', '22'], ['😀 smile', '3']]],
    ['colour codes', ['name', 'value'], [[coloured.bold('bold'), coloured.red('-5')], ['plain', `${coloured.green('7')}\n${coloured.dim('1 .. 9')}`]]],
  ])('%s: the same text as cli-table3', (_what, head, rows) => {
    const aligns = head.map((_, k) => (k === 0 ? 'left' : 'right') as 'left' | 'right');
    expect(compactTable(head, rows)).toBe(cliTable3(head, rows, aligns));
    expect(keyValueTable(rows.map((row) => row.slice(0, 2)))).toBe(cliTable3(undefined, rows.map((row) => row.slice(0, 2)), ['left', 'right']));
  });

  it('draws 50,000 rows: one line per row', () => {
    const rows = Array.from({ length: 50_000 }, (_, k) => [`cat${k}`, String(k)]);
    const text = compactTable(['name', 'n'], rows);
    expect(text.split('\n')).toHaveLength(50_000 + 3);
    expect(text.split('\n')[50_001]).toBe(`│ cat49999 │ 49999 │`);
  });

  it('measures terminal columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth(coloured.red('abc'))).toBe(3);
    expect(chalk).toBeDefined();
  });
});

describe('names in tables', () => {
  it('escapes line breaks and control characters', () => {
    expect(displayName('multi\nline\r\tname\u0007')).toBe('multi\\nline\\r\\tname\\x07');
  });

  it(`cuts names longer than ${MAX_NAME_COLUMNS} columns with …`, () => {
    expect(MAX_NAME_COLUMNS).toBe(60);
    expect(displayName('n'.repeat(60))).toBe('n'.repeat(60));
    expect(displayName('n'.repeat(61))).toBe(`${'n'.repeat(59)}…`);
    expect(displayName(`${'\n'.repeat(4000)}`)).toBe(`${'\\n'.repeat(29)}\\…`);
    expect(displayWidth(displayName('日'.repeat(100)))).toBe(59);
  });
});
