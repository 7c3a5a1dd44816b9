/** The compact tables of the `fit` and `summarize` text reports: a box without rules between rows. */
import Table from 'cli-table3';

/** cli-table3 characters for a compact table: no rules between rows. */
const COMPACT_CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** A table with a header; the first column is left-aligned when it holds labels, the rest right-aligned. */
export function compactTable(head: string[], rows: string[][], firstColumnIsLabel = true): string {
  const table = new Table({
    head,
    style: { head: [], border: [] },
    chars: COMPACT_CHARS,
    colAligns: head.map((_, k) => (k === 0 && firstColumnIsLabel ? 'left' : 'right')),
  });
  table.push(...rows);
  return table.toString();
}

/** A two-column table of labels and values, without a header. */
export function keyValueTable(rows: string[][]): string {
  const table = new Table({ style: { head: [], border: [] }, chars: COMPACT_CHARS, colAligns: ['left', 'right'] });
  table.push(...rows);
  return table.toString();
}
