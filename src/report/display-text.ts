/**
 * Names from the user's files (categories, partners, programs, groups) as shown in the text
 * tables: control characters escaped (a line break is `\n`, so a quoted field with 4,000 line
 * breaks is one line, not 4,000), and at most MAX_NAME_COLUMNS terminal columns (longer names end
 * in `…`). The JSON reports keep the names as they are.
 */
import { displayWidth } from './compact-table.js';

/** The most terminal columns a name takes in a text table. */
export const MAX_NAME_COLUMNS = 60;

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `name` with control characters escaped, cut to `maxColumns` columns. */
export function displayName(name: string, maxColumns = MAX_NAME_COLUMNS): string {
  // eslint-disable-next-line no-control-regex
  const escaped = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => ESCAPES[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
  if (escaped.length <= maxColumns && displayWidth(escaped) <= maxColumns) return escaped;
  let cut = '';
  let width = 0;
  for (const char of escaped) {
    const charWidth = displayWidth(char);
    if (width + charWidth > maxColumns - 1) break;
    cut += char;
    width += charWidth;
  }
  return `${cut}…`;
}
