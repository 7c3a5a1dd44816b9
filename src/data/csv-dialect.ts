/**
 * What kind of text file this is, decided from its first bytes before any row is read: a UTF-8
 * byte-order mark to skip, UTF-16 text, and the delimiter when it was not given.
 */
import { UserInputError } from '../errors.js';

export type Delimiter = ',' | ';' | '\t';

const DELIMITERS: Delimiter[] = [',', ';', '\t'];

/** Length of a UTF-8 byte-order mark at the start of `bytes` (3), or 0. */
export function byteOrderMarkLength(bytes: Uint8Array): number {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/**
 * Refuse UTF-16 text (a UTF-16 byte-order mark at the start). Bytes that are not UTF-8, and NUL
 * bytes (spreadsheets, archives, images), are found wherever they are by the reader
 * (csv-file-reader.ts), with their line and offset.
 */
export function assertLooksLikeText(bytes: Uint8Array, file: string): void {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new UserInputError('the file is UTF-16 text, not UTF-8', { file }, 'Save or export it as CSV in UTF-8.');
  }
}

/**
 * The delimiter of a file: whichever of `,` `;` tab occurs most often outside quotes in the
 * header line (`,` when none does). Ties go to the earlier of `,` `;` tab.
 */
export function detectDelimiter(bytes: Uint8Array, start: number): Delimiter {
  const counts = [0, 0, 0];
  let inQuotes = false;
  for (let p = start; p < bytes.length; p++) {
    const byte = bytes[p];
    if (byte === 34) inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (byte === 10) break;
      if (byte === 44) counts[0]++;
      else if (byte === 59) counts[1]++;
      else if (byte === 9) counts[2]++;
    }
  }
  let best = 0;
  for (let k = 1; k < 3; k++) if (counts[k] > counts[best]) best = k;
  return DELIMITERS[best];
}
