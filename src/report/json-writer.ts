/**
 * The one JSON writer of every machine-readable output (`run --json`, `fit --json`,
 * `summarize --json`): two-space indentation, a final newline, and null for a number that is not
 * finite (JSON has no NaN or Infinity; such a figure does not apply or is unknown).
 *
 * Fractions are written to 15 significant digits: a double holds any 15-digit decimal exactly
 * (IEEE 754 binary64, DBL_DIG = 15), while its 16th and 17th digits are the noise of binary
 * arithmetic (0.1 + 0.2 prints as 0.30000000000000004). Whole numbers are written exactly.
 */

/** Significant digits a binary64 double carries for every decimal number. */
const JSON_SIGNIFICANT_DIGITS = 15;

/** A number as the JSON documents hold it: whole numbers exactly, fractions to 15 significant digits, null when not finite. */
export function jsonNumber(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  return Number.isInteger(value) ? value : Number(value.toPrecision(JSON_SIGNIFICANT_DIGITS));
}

function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === 'number' ? jsonNumber(value) : value;
}

/** `value` as a JSON document, keys in the order the object has them. */
export function jsonDocument(value: unknown): string {
  return JSON.stringify(value, jsonValue, 2) + '\n';
}
