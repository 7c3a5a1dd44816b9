/** CSV tables (`--customers-out`, `--format csv`): fields, numbers and the table in pieces. */
import { jsonNumber } from './json-writer.js';

/** A CSV field: quoted when it holds a delimiter, quote, line break or surrounding space (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A number rounded to at most `decimals` decimals, without trailing zeros (4, 3.714286); empty when unknown. */
export function csvDecimals(value: number, decimals: number): string {
  return Number.isFinite(value) ? String(Number(value.toFixed(decimals))) : '';
}

/** A number rounded to `digits` significant digits, without trailing zeros; empty when unknown. */
export function csvSignificant(value: number, digits: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(digits))) : '';
}

/**
 * A number as the JSON reports hold it (json-writer.ts: whole numbers exactly, fractions to 15
 * significant digits), in its shortest round-trip text (String), never grouped; empty when null,
 * missing or not finite.
 */
export function csvNumber(value: number | null | undefined): string {
  const number = value === null || value === undefined ? null : jsonNumber(value);
  return number === null ? '' : String(number);
}

/** Characters gathered into one piece: large enough to keep writes few, small enough to keep memory flat. */
const PIECE_CHARACTERS = 1 << 16;

/**
 * The table as pieces of text: the header line, then the `rowCount` rows; `row(i)` gives row i's
 * fields, already formatted (csvField for text).
 */
export function* csvTable(header: readonly string[], rowCount: number, row: (index: number) => readonly (string | number)[]): Iterable<string> {
  yield header.join(',') + '\n';
  let piece = '';
  for (let i = 0; i < rowCount; i++) {
    piece += row(i).join(',') + '\n';
    if (piece.length > PIECE_CHARACTERS) {
      yield piece;
      piece = '';
    }
  }
  yield piece;
}
