/**
 * The one JSON writer of every machine-readable output (`run --json`, `fit --json`,
 * `summarize --json`): two-space indentation, a final newline, and null for a number that is not
 * finite (JSON has no NaN or Infinity; such a figure does not apply or is unknown).
 */

function finiteOrNull(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/** `value` as a JSON document, keys in the order the object has them. */
export function jsonDocument(value: unknown): string {
  return JSON.stringify(value, finiteOrNull, 2) + '\n';
}
