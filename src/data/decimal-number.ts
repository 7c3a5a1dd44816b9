/**
 * Numbers in CSV fields (amounts, quantities, prices, margins), parsed straight from the bytes.
 *
 * Accepted: optional spaces, an optional sign, digits with at most one decimal separator (`.` by
 * default, `,` with `--decimal ,`), and an optional exponent (`1.5e3`). Not accepted: thousands
 * separators, currency symbols, empty fields — those are errors, never guesses.
 *
 * Exactness: with at most 15 significant digits and at most 22 decimals, the value is
 * mantissa / 10^decimals, one correctly rounded IEEE division of two exactly representable numbers,
 * i.e. exactly what `Number()` returns for the same text. Longer numbers and exponents go
 * through `Number()` itself.
 */

const MINUS = 45;
const PLUS = 43;
const SPACE = 32;
const LOWER_E = 101;
const UPPER_E = 69;

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Decimal places of the number parsed last by parseDecimalNumber (`12.50`: 2; `1.5e3`: 0;
 * `2.5e-2`: 3), NaN after a failed parse. Kept here, not returned, so that the per-row parse
 * allocates nothing.
 */
export const lastParsed = { decimals: 0 };

/** The number in bytes[start, end) with `decimalSeparator` (a byte: 46 for `.`, 44 for `,`), or NaN. */
export function parseDecimalNumber(bytes: Uint8Array, start: number, end: number, decimalSeparator: number): number {
  while (start < end && bytes[start] === SPACE) start++;
  while (end > start && bytes[end - 1] === SPACE) end--;
  let p = start;
  let negative = false;
  if (p < end && (bytes[p] === MINUS || bytes[p] === PLUS)) {
    negative = bytes[p] === MINUS;
    p++;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let seenSeparator = false;
  for (; p < end; p++) {
    const byte = bytes[p];
    const d = byte - 48;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
      if (seenSeparator) decimals++;
    } else if (byte === decimalSeparator && !seenSeparator) {
      seenSeparator = true;
    } else {
      break;
    }
  }
  lastParsed.decimals = NaN;
  if (digits === 0) return NaN;
  if (p === end) {
    lastParsed.decimals = decimals;
    if (digits <= 15 && decimals <= 22) {
      const value = mantissa / POWERS_OF_TEN[decimals];
      return negative ? -value : value;
    }
    return slowParse(bytes, start, end, decimalSeparator);
  }
  if (bytes[p] === LOWER_E || bytes[p] === UPPER_E) {
    const value = slowParse(bytes, start, end, decimalSeparator);
    if (value === value) lastParsed.decimals = Math.max(0, decimals - exponentOf(bytes, p + 1, end));
    return value;
  }
  return NaN;
}

/** The integer exponent written in bytes[start, end) (after the `e`). */
function exponentOf(bytes: Uint8Array, start: number, end: number): number {
  let p = start;
  let sign = 1;
  if (bytes[p] === MINUS || bytes[p] === PLUS) sign = bytes[p++] === MINUS ? -1 : 1;
  let exponent = 0;
  for (; p < end && bytes[p] >= 48 && bytes[p] <= 57; p++) exponent = Math.min(exponent * 10 + bytes[p] - 48, 10_000);
  return sign * exponent;
}

/** Long mantissas and exponents: normalise the separator and let `Number()` round correctly. */
function slowParse(bytes: Uint8Array, start: number, end: number, decimalSeparator: number): number {
  let text = '';
  for (let p = start; p < end; p++) text += bytes[p] === decimalSeparator ? '.' : String.fromCharCode(bytes[p]);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}
