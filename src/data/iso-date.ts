/**
 * The date forms read without a `--date-format`: ISO 8601 dates and date-times, and compact
 * `YYYYMMDD`. Parsed straight from the bytes of a CSV field (no string is made), because the
 * ingest reads millions of them.
 *
 * Accepted:
 *   2024-03-05
 *   2024-03-05T14:30            2024-03-05 14:30
 *   2024-03-05T14:30:15         2024-03-05 14:30:15.250
 *   any date-time above followed by a zone: Z, +01:00, -0500, +01 (optionally after one space)
 *   20240305
 *
 * The purchase date is the calendar date as written. A time and a zone are checked for range but
 * do not move the date: an export's timestamps are in the business's own clock, and shifting them
 * to UTC would move late-evening purchases to the next day.
 */
import { checkedDayNumber } from './calendar.js';

const ZERO = 48;
const DASH = 45;
const COLON = 58;
const SPACE = 32;
const DOT = 46;
const PLUS = 43;
const LETTER_T = 84;
const LETTER_Z = 90;

function digit(bytes: Uint8Array, at: number): number {
  const d = bytes[at] - ZERO;
  return d >= 0 && d <= 9 ? d : NaN;
}

function twoDigits(bytes: Uint8Array, at: number): number {
  return digit(bytes, at) * 10 + digit(bytes, at + 1);
}

/** Checks `HH:MM[:SS[.fraction]][zone]` in bytes[start, end); true when it is a valid time. */
function isValidTimeOfDay(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start < 5 || bytes[start + 2] !== COLON) return false;
  const hour = twoDigits(bytes, start);
  const minute = twoDigits(bytes, start + 3);
  if (!(hour <= 23 && minute <= 59)) return false;
  let p = start + 5;
  if (p < end && bytes[p] === COLON) {
    if (end - p < 3) return false;
    const second = twoDigits(bytes, p + 1);
    if (!(second <= 60)) return false;
    p += 3;
    if (p < end && bytes[p] === DOT) {
      p++;
      const fractionStart = p;
      while (p < end && digit(bytes, p) >= 0) p++;
      if (p === fractionStart) return false;
    }
  }
  if (p === end) return true;
  if (bytes[p] === SPACE) p++;
  return isValidZone(bytes, p, end);
}

/** `Z`, `+HH`, `+HH:MM` or `+HHMM` (or with `-`) exactly filling bytes[start, end). */
function isValidZone(bytes: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  if (length === 1) return bytes[start] === LETTER_Z;
  const sign = bytes[start];
  if (sign !== PLUS && sign !== DASH) return false;
  if (!(twoDigits(bytes, start + 1) <= 23)) return false;
  if (length === 3) return true;
  if (length === 5) return twoDigits(bytes, start + 3) <= 59;
  if (length === 6) return bytes[start + 3] === COLON && twoDigits(bytes, start + 4) <= 59;
  return false;
}

/**
 * Day number of an ISO date, ISO date-time or `YYYYMMDD` in bytes[start, end), or NaN when the
 * field is none of these or names an impossible date (2023-02-29, month 13, hour 25).
 */
export function parseIsoDate(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && bytes[start] === SPACE) start++;
  while (end > start && bytes[end - 1] === SPACE) end--;
  const length = end - start;
  if (length === 8) {
    const year = twoDigits(bytes, start) * 100 + twoDigits(bytes, start + 2);
    return checkedDayNumber(year, twoDigits(bytes, start + 4), twoDigits(bytes, start + 6));
  }
  if (length < 10 || bytes[start + 4] !== DASH || bytes[start + 7] !== DASH) return NaN;
  const year = twoDigits(bytes, start) * 100 + twoDigits(bytes, start + 2);
  const day = checkedDayNumber(year, twoDigits(bytes, start + 5), twoDigits(bytes, start + 8));
  if (length === 10 || day !== day) return day;
  const separator = bytes[start + 10];
  if (separator !== LETTER_T && separator !== SPACE) return NaN;
  return isValidTimeOfDay(bytes, start + 11, end) ? day : NaN;
}
