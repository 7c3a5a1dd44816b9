/**
 * The compact tables of the `fit`, `summarize` and `run` text reports: a box without rules between
 * rows, one space of padding, cells that may hold several lines (a mean and its interval).
 *
 * Drawn here in one pass over the cells (time linear in the text), the same box cli-table3 draws
 * for these options: cli-table3's layout grows faster than linearly with rows and with lines in a
 * cell (50,000 category rows took minutes). Widths are terminal columns: ANSI colour codes take
 * none, East Asian wide characters and emoji two, combining marks none.
 */

const ANSI_CODE = /\u001b\[[0-9;]*m/g;

/** Terminal columns taken by a line of text. */
export function displayWidth(line: string): number {
  const plain = line.includes('\u001b') ? line.replace(ANSI_CODE, '') : line;
  let width = 0;
  for (let k = 0; k < plain.length; k++) {
    const code = plain.codePointAt(k)!;
    if (code > 0xffff) k++;
    if (code < 0x300) width++;
    else width += codePointWidth(code);
  }
  return width;
}

function codePointWidth(code: number): number {
  if ((code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f) || (code >= 0xfe00 && code <= 0xfe0f)) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

type Align = 'left' | 'right';

function pad(line: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(line)));
  return align === 'left' ? line + fill : fill + line;
}

/** A box around rows of cells, each cell's lines padded to its column's width. */
function box(rows: string[][], aligns: Align[]): string {
  const columns = aligns.length;
  const cellLines = rows.map((row) => Array.from({ length: columns }, (_, k) => (row[k] ?? '').split('\n')));
  const widths = new Array<number>(columns).fill(0);
  for (const row of cellLines) {
    for (let k = 0; k < columns; k++) for (const line of row[k]) widths[k] = Math.max(widths[k], displayWidth(line));
  }
  const rule = (left: string, middle: string, right: string) => left + widths.map((width) => '─'.repeat(width + 2)).join(middle) + right;
  const out: string[] = [rule('┌', '┬', '┐')];
  for (const row of cellLines) {
    const height = Math.max(...row.map((lines) => lines.length));
    for (let line = 0; line < height; line++) {
      out.push(`│${row.map((lines, k) => ` ${pad(lines[line] ?? '', widths[k], aligns[k])} `).join('│')}│`);
    }
  }
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}

/** A table with a header; the first column is left-aligned when it holds labels, the rest right-aligned. */
export function compactTable(head: string[], rows: string[][], firstColumnIsLabel = true): string {
  return box([head, ...rows], head.map((_, k) => (k === 0 && firstColumnIsLabel ? 'left' : 'right')));
}

/** A two-column table of labels and values, without a header. */
export function keyValueTable(rows: string[][]): string {
  return box(rows, ['left', 'right']);
}
