/**
 * Explicit date formats (`--date-format`), for exports whose dates are not ISO 8601:
 * `DD.MM.YYYY`, `M/D/YYYY H:mm`, `DD/MM/YYYY HH:mm:ss`, `D MMM YYYY`, ...
 *
 * Tokens:
 *   YYYY  four-digit year
 *   MM    two-digit month    M  month, one or two digits    MMM  Jan..Dec    MMMM  January..December
 *   DD    two-digit day      D  day, one or two digits
 *   HH    hour 00-23         H  hour 0-23, one or two digits
 *   hh    hour 01-12         h  hour 1-12, one or two digits   A  AM or PM
 *   mm    minutes            ss seconds                        S... fraction of a second (one or more digits)
 * Every other character must appear literally. Letters Y M D H h m s S A only form tokens; other
 * letters (such as the T of `YYYY-MM-DDTHH:mm`) are literal. Month names are English and
 * case-insensitive. The time is checked for range but, as for ISO dates, only the calendar date is
 * kept. A date that does not match the format exactly is an error, never a guess.
 */
import { checkedDayNumber } from './calendar.js';
import { isTimeOfDay } from './iso-date.js';

type TokenKind = 'year4' | 'month2' | 'month' | 'monthShort' | 'monthLong' | 'day2' | 'day' | 'hour24_2' | 'hour24' | 'hour12_2' | 'hour12' | 'ampm' | 'minute2' | 'second2' | 'fraction';

const TOKENS: Array<[string, TokenKind]> = [
  // Longest first, so that MMMM is not read as MM + MM.
  ['YYYY', 'year4'],
  ['MMMM', 'monthLong'],
  ['MMM', 'monthShort'],
  ['MM', 'month2'],
  ['M', 'month'],
  ['DD', 'day2'],
  ['D', 'day'],
  ['HH', 'hour24_2'],
  ['H', 'hour24'],
  ['hh', 'hour12_2'],
  ['h', 'hour12'],
  ['mm', 'minute2'],
  ['ss', 'second2'],
  ['A', 'ampm'],
];

const TOKEN_LETTERS = new Set(['Y', 'M', 'D', 'H', 'h', 'm', 's', 'S', 'A']);

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

type Part = { kind: TokenKind } | { kind: 'literal'; byte: number };

/** A compiled `--date-format`: turns the bytes of a date field into a day number (NaN if it does not match). */
export interface DateFormat {
  readonly pattern: string;
  parse(bytes: Uint8Array, start: number, end: number): number;
}

/** Why a `--date-format` pattern was rejected (the caller wraps it in a UserInputError). */
export class DateFormatError extends Error {}

/** Compile a `--date-format` pattern; throws DateFormatError for a pattern that cannot work. */
export function compileDateFormat(pattern: string): DateFormat {
  const parts: Part[] = [];
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i];
    if (char === 'S') {
      while (pattern[i] === 'S') i++;
      parts.push({ kind: 'fraction' });
      continue;
    }
    const token = TOKENS.find(([text]) => pattern.startsWith(text, i));
    if (token) {
      parts.push({ kind: token[1] });
      i += token[0].length;
      continue;
    }
    if (TOKEN_LETTERS.has(char)) {
      throw new DateFormatError(`'${char}' at position ${i + 1} is not part of a known token (YYYY, MM, M, MMM, DD, D, HH, H, hh, h, mm, ss, SSS, A)`);
    }
    const code = char.charCodeAt(0);
    if (code > 127) throw new DateFormatError(`only ASCII characters can appear literally in a date format, not '${char}'`);
    parts.push({ kind: 'literal', byte: code });
    i++;
  }
  const count = (kinds: TokenKind[]): number => parts.filter((part) => (kinds as string[]).includes(part.kind)).length;
  if (count(['year4']) !== 1) throw new DateFormatError('the format needs exactly one YYYY (four-digit year)');
  if (count(['month2', 'month', 'monthShort', 'monthLong']) !== 1) throw new DateFormatError('the format needs exactly one month (MM, M, MMM or MMMM)');
  if (count(['day2', 'day']) !== 1) throw new DateFormatError('the format needs exactly one day (DD or D)');
  const twelveHour = count(['hour12_2', 'hour12']);
  if (twelveHour > 0 && count(['ampm']) === 0) throw new DateFormatError('a 12-hour clock (hh or h) needs A for AM/PM');
  return { pattern, parse: (bytes, start, end) => parseWithParts(parts, bytes, start, end) };
}

function isDigit(byte: number): boolean {
  return byte >= 48 && byte <= 57;
}

function lowerAscii(byte: number): number {
  return byte >= 65 && byte <= 90 ? byte + 32 : byte;
}

/** Length of the English month name (full or first three letters) at bytes[at..], and its number. */
function matchMonthName(bytes: Uint8Array, at: number, end: number, full: boolean): [month: number, length: number] {
  for (let m = 0; m < 12; m++) {
    const name = MONTH_NAMES[m];
    const length = full ? name.length : 3;
    if (at + length > end) continue;
    let same = true;
    for (let k = 0; k < length && same; k++) same = lowerAscii(bytes[at + k]) === name.charCodeAt(k);
    if (same) return [m + 1, length];
  }
  return [NaN, 0];
}

function parseWithParts(parts: Part[], bytes: Uint8Array, start: number, end: number): number {
  while (start < end && bytes[start] === 32) start++;
  while (end > start && bytes[end - 1] === 32) end--;
  let p = start;
  let year = NaN;
  let month = NaN;
  let day = NaN;
  // The time's parts, for the leap-second rule (only 23:59:60); the 12-hour clock keeps its hour.
  let hour = 0;
  let minute = 0;
  let second = 0;
  // Reads `min`..`max` digits at p (greedy) and advances p; NaN when there are fewer than `min`.
  const readNumber = (min: number, max: number): number => {
    let value = 0;
    let digits = 0;
    while (digits < max && p < end && isDigit(bytes[p])) {
      value = value * 10 + bytes[p] - 48;
      p++;
      digits++;
    }
    return digits >= min ? value : NaN;
  };
  for (const part of parts) {
    switch (part.kind) {
      case 'literal':
        if (p >= end || bytes[p] !== part.byte) return NaN;
        p++;
        break;
      case 'year4':
        year = readNumber(4, 4);
        break;
      case 'month2':
        month = readNumber(2, 2);
        break;
      case 'month':
        month = readNumber(1, 2);
        break;
      case 'monthShort':
      case 'monthLong': {
        const [number, length] = matchMonthName(bytes, p, end, part.kind === 'monthLong');
        month = number;
        p += length;
        break;
      }
      case 'day2':
        day = readNumber(2, 2);
        break;
      case 'day':
        day = readNumber(1, 2);
        break;
      case 'hour24_2':
      case 'hour24': {
        hour = part.kind === 'hour24_2' ? readNumber(2, 2) : readNumber(1, 2);
        if (!(hour <= 23)) return NaN;
        break;
      }
      case 'hour12_2':
      case 'hour12': {
        const hour12 = part.kind === 'hour12_2' ? readNumber(2, 2) : readNumber(1, 2);
        if (!(hour12 >= 1 && hour12 <= 12)) return NaN;
        hour = hour12 % 12;
        break;
      }
      case 'minute2':
        minute = readNumber(2, 2);
        if (!(minute <= 59)) return NaN;
        break;
      case 'second2':
        second = readNumber(2, 2);
        if (!(second <= 60)) return NaN;
        break;
      case 'fraction':
        if (!(readNumber(1, 9) >= 0)) return NaN;
        break;
      case 'ampm': {
        if (p + 2 > end) return NaN;
        const first = lowerAscii(bytes[p]);
        if ((first !== 97 && first !== 112) || lowerAscii(bytes[p + 1]) !== 109) return NaN;
        if (first === 112) hour += 12;
        p += 2;
        break;
      }
    }
  }
  if (p !== end) return NaN;
  // A second of 60 is the leap second 23:59:60 only.
  if (second === 60 && !isTimeOfDay(hour, minute, second)) return NaN;
  return checkedDayNumber(year, month, day);
}
