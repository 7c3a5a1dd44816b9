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
 * Checked: the date exists (2024-02-30 does not), the time is 00:00:00 to 23:59:59 (or the leap
 * second 23:59:60), and a zone is a UTC offset in use, -12:00 to +14:00 (+23:59 is not).
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

/**
 * Whether hour:minute:second is a time of day: 00:00:00 to 23:59:59, and 23:59:60 (a leap second,
 * which only ever ends a day).
 */
export function isTimeOfDay(hour: number, minute: number, second: number): boolean {
  if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0)) return false;
  return second <= 59 || (second === 60 && hour === 23 && minute === 59);
}

/** UTC offsets in use run from -12:00 to +14:00 (ISO 8601 zones such as +01:00, -0500, +05:45). */
export const MIN_UTC_OFFSET_MINUTES = -12 * 60;
export const MAX_UTC_OFFSET_MINUTES = 14 * 60;

function isUtcOffset(sign: number, hours: number, minutes: number): boolean {
  if (!(minutes <= 59)) return false;
  const offset = (sign === DASH ? -1 : 1) * (hours * 60 + minutes);
  return offset >= MIN_UTC_OFFSET_MINUTES && offset <= MAX_UTC_OFFSET_MINUTES;
}

/** Checks `HH:MM[:SS[.fraction]][zone]` in bytes[start, end); true when it is a valid time. */
function isValidTimeOfDay(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start < 5 || bytes[start + 2] !== COLON) return false;
  const hour = twoDigits(bytes, start);
  const minute = twoDigits(bytes, start + 3);
  if (!isTimeOfDay(hour, minute, 0)) return false;
  let p = start + 5;
  if (p < end && bytes[p] === COLON) {
    if (end - p < 3) return false;
    const second = twoDigits(bytes, p + 1);
    if (!isTimeOfDay(hour, minute, second)) return false;
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
  const hours = twoDigits(bytes, start + 1);
  if (length === 3) return isUtcOffset(sign, hours, 0);
  if (length === 5) return isUtcOffset(sign, hours, twoDigits(bytes, start + 3));
  if (length === 6) return bytes[start + 3] === COLON && isUtcOffset(sign, hours, twoDigits(bytes, start + 4));
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

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Why a date field that has the shape of an ISO date or YYYYMMDD is not one (`February 2023 has 28
 * days`, `the time 12:00:60 is not a time of day`), or null when the text is not of that shape.
 * For messages only (slow).
 */
export function describeIsoDateProblem(text: string): string | null {
  const match = /^\s*(\d{4})(-?)(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)? ?(Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$/.exec(text);
  if (match === null || (match[2] === '' && match[5] !== undefined)) return null;
  const [year, month, day] = [Number(match[1]), Number(match[3]), Number(match[4])];
  if (month < 1 || month > 12) return `there is no month ${match[3]}`;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return `${MONTH_NAMES[month - 1]} ${year} has ${daysInMonth} days`;
  if (match[5] !== undefined) {
    const [hour, minute, second] = [Number(match[5]), Number(match[6]), match[7] === undefined ? 0 : Number(match[7])];
    if (!isTimeOfDay(hour, minute, second)) {
      return `${match[5]}:${match[6]}${match[7] === undefined ? '' : `:${match[7]}`} is not a time of day (00:00:00 to 23:59:59)`;
    }
    const zone = match[8];
    if (zone !== undefined && zone !== 'Z') {
      const digits = zone.replace(':', '');
      const minutes = digits.length > 3 ? Number(digits.slice(3, 5)) : 0;
      if (!isUtcOffset(zone.charCodeAt(0), Number(digits.slice(1, 3)), minutes)) return `the zone ${zone} is not a UTC offset (they run from -12:00 to +14:00)`;
    }
  }
  return null;
}
