/**
 * What kind of text file this is, decided from its first bytes before any row is read: a UTF-8
 * byte-order mark to skip, text that is not CSV at all (binary data, UTF-16), and the delimiter
 * when it was not given.
 */
import { UserInputError } from '../errors.js';

export type Delimiter = ',' | ';' | '\t';

const DELIMITERS: Delimiter[] = [',', ';', '\t'];

/** Length of a UTF-8 byte-order mark at the start of `bytes` (3), or 0. */
export function byteOrderMarkLength(bytes: Uint8Array): number {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/**
 * Refuse data that is not UTF-8 (or ASCII) text: a UTF-16 byte-order mark, a NUL byte in the
 * first chunk (text files have none; spreadsheets, archives and images do), or bytes that are not
 * UTF-8 (text in an old code page, whose names would otherwise come out garbled).
 */
export function assertLooksLikeText(bytes: Uint8Array, file: string): void {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new UserInputError('the file is UTF-16 text, not UTF-8', { file }, 'Save or export it as CSV in UTF-8.');
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new UserInputError(
      `this is not a CSV text file (binary data at byte ${nul + 1})`,
      { file },
      'Export the purchase history as CSV (comma, semicolon or tab separated) in UTF-8; spreadsheets (.xlsx) and archives cannot be read.',
    );
  }
  try {
    // `stream: true` accepts a character cut in two at the end of the chunk.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    throw new UserInputError(
      'the file is not UTF-8 text (it is probably in a Windows or ISO 8859 code page)',
      { file },
      'Save it as "CSV UTF-8" (Excel) or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv.',
    );
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
