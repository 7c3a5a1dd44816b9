/** Per-customer CSV tables written by the commands (`--customers-out`), atomically and in chunks. */
import { writeLinesAtomic } from './output.js';

/** A CSV field: quoted when it holds a delimiter, quote, line break or surrounding space (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Characters gathered before a write: large enough to keep writes few, small enough to keep memory flat. */
const CHUNK_CHARACTERS = 1 << 16;

/**
 * Write `header` and `rowCount` rows to `file` via a temporary file and a rename; `row(i)` gives row
 * i's fields, already formatted (use csvField for text).
 */
export async function writeCsvAtomic(
  file: string,
  header: readonly string[],
  rowCount: number,
  row: (index: number) => readonly (string | number)[],
  option: string,
): Promise<void> {
  await writeLinesAtomic(
    file,
    async (write) => {
      await write(header.join(',') + '\n');
      let chunk = '';
      for (let i = 0; i < rowCount; i++) {
        chunk += row(i).join(',') + '\n';
        if (chunk.length > CHUNK_CHARACTERS) {
          await write(chunk);
          chunk = '';
        }
      }
      await write(chunk);
    },
    option,
  );
}
