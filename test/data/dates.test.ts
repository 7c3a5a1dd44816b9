import { describe, expect, it } from 'vitest';
import { dayNumber, isoDate, parseIsoDateString } from '../../src/data/calendar.js';
import { describeIsoDateProblem, parseIsoDate } from '../../src/data/iso-date.js';
import { compileDateFormat, DateFormatError } from '../../src/data/date-format.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');
const iso = (text: string) => parseIsoDate(bytes(text), 0, text.length);
const withFormat = (pattern: string, text: string) => compileDateFormat(pattern).parse(bytes(text), 0, text.length);

/** Day number of a date according to JavaScript's own calendar, an independent reference. */
const reference = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / 86_400_000;

describe('calendar', () => {
  it('numbers days like JavaScript Date (days since 1970-01-01)', () => {
    for (const [y, m, d] of [[1970, 1, 1], [2000, 2, 29], [2024, 3, 5], [1900, 3, 1], [2100, 12, 31], [1969, 12, 31]]) {
      expect(dayNumber(y, m, d)).toBe(reference(y, m, d));
    }
  });

  it('turns every day of 1999-2025 back into its ISO date', () => {
    for (let day = reference(1999, 1, 1); day <= reference(2025, 12, 31); day++) {
      expect(isoDate(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
    }
  });

  it('parses strict YYYY-MM-DD for options', () => {
    expect(parseIsoDateString('2024-02-29')).toBe(reference(2024, 2, 29));
    expect(parseIsoDateString('2023-02-29')).toBeNaN();
    expect(parseIsoDateString('2024-2-9')).toBeNaN();
  });
});

describe('ISO 8601 and YYYYMMDD dates', () => {
  const march5 = reference(2024, 3, 5);
  it.each([
    '2024-03-05',
    '2024-03-05T14:30',
    '2024-03-05 14:30',
    '2024-03-05T14:30:15',
    '2024-03-05 14:30:15',
    '2024-03-05T14:30:15.250',
    '2024-03-05T14:30:15Z',
    '2024-03-05T23:59:59+01:00',
    '2024-03-05T00:00:00-0500',
    '2024-03-05 14:30:15 +01',
    '2024-03-05T23:59:60Z',
    '2024-03-05T10:00+14:00',
    '2024-03-05T10:00-12:00',
    '2024-03-05T10:00+0545',
    '20240305',
    ' 2024-03-05 ',
  ])('reads %j as the calendar date written (2024-03-05)', (text) => {
    expect(iso(text)).toBe(march5);
  });

  it.each([
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-03-32',
    '2024-03-05T24:00',
    '2024-03-05T14:60',
    '2024-03-05X14:30',
    '2024-03-05T14',
    '2024-03-05T14:30+1:00',
    '2024-03-05T12:00:60',
    '2024-03-05T23:58:60',
    '2024-03-05T14:30+23:59',
    '2024-03-05T14:30+14:01',
    '2024-03-05T14:30-13:00',
    '2024-03-05T14:30 +15',
    '2024-02-30',
    '20240230',
    '05.03.2024',
    '3/5/2024',
    '2024/03/05',
    '20241305',
    '2024035',
    '',
    'yesterday',
  ])('rejects %j', (text) => {
    expect(iso(text)).toBeNaN();
  });
});

describe('--date-format', () => {
  it.each([
    ['DD.MM.YYYY', '05.03.2024', [2024, 3, 5]],
    ['D.M.YYYY', '5.3.2024', [2024, 3, 5]],
    ['M/D/YYYY H:mm', '12/1/2010 8:26', [2010, 12, 1]],
    ['M/D/YYYY H:mm', '1/31/2011 17:05', [2011, 1, 31]],
    ['DD/MM/YYYY HH:mm:ss', '31/01/2011 17:05:59', [2011, 1, 31]],
    ['D MMM YYYY', '7 Feb 2024', [2024, 2, 7]],
    ['MMMM D, YYYY', 'february 7, 2024', [2024, 2, 7]],
    ['YYYY-MM-DDTHH:mm:ss.SSSZ', '2024-02-07T10:11:12.123Z', [2024, 2, 7]],
    ['M/D/YYYY h:mm A', '2/7/2024 11:30 PM', [2024, 2, 7]],
    ['DD.MM.YYYY HH:mm:ss', '07.02.2024 23:59:60', [2024, 2, 7]],
    ['M/D/YYYY h:mm:ss A', '2/7/2024 11:59:60 PM', [2024, 2, 7]],
  ])('%s reads %j', (pattern, text, [y, m, d]) => {
    expect(withFormat(pattern, text)).toBe(reference(y, m, d));
  });

  it.each([
    ['DD.MM.YYYY', '5.3.2024'],
    ['DD.MM.YYYY', '2024-03-05'],
    ['DD.MM.YYYY', '31.02.2024'],
    ['M/D/YYYY H:mm', '12/1/2010'],
    ['M/D/YYYY H:mm', '12/1/2010 25:00'],
    ['M/D/YYYY H:mm', '13/1/2010 8:26'],
    ['D MMM YYYY', '7 Fbr 2024'],
    ['DD.MM.YYYY', '05.03.2024 extra'],
    ['DD.MM.YYYY HH:mm:ss', '07.02.2024 12:00:60'],
    ['M/D/YYYY h:mm:ss A', '2/7/2024 11:59:60 AM'],
    ['DD.MM.YYYY', '30.02.2024'],
  ])('%s rejects %j', (pattern, text) => {
    expect(withFormat(pattern, text)).toBeNaN();
  });

  it.each(['DD.MM.YY', 'MM/YYYY', 'DD/MM', 'YYYY-MM-DD hh:mm', 'DD.MM.YYYY HH:m', 'DD.MM.YYYYY'])('refuses the pattern %j', (pattern) => {
    expect(() => compileDateFormat(pattern)).toThrow(DateFormatError);
  });
});

describe('why a date is not one', () => {
  it.each([
    ['2024-02-30', 'February 2024 has 29 days'],
    ['2023-02-29', 'February 2023 has 28 days'],
    ['20240431', 'April 2024 has 30 days'],
    ['2024-13-01', 'there is no month 13'],
    ['2024-03-05 12:00:60', '12:00:60 is not a time of day (00:00:00 to 23:59:59)'],
    ['2024-03-05T24:00', '24:00 is not a time of day (00:00:00 to 23:59:59)'],
    ['2024-03-05T14:30+23:59', 'the zone +23:59 is not a UTC offset (they run from -12:00 to +14:00)'],
    ['2024-03-05T14:30 -1300', 'the zone -1300 is not a UTC offset (they run from -12:00 to +14:00)'],
  ])('%j: %s', (text, reason) => {
    expect(describeIsoDateProblem(text)).toBe(reason);
  });

  it.each(['2024-03-05', '2024-03-05T23:59:60+01:00', '05.03.2024', 'yesterday'])('%j: no reason (valid, or not of the ISO shape)', (text) => {
    expect(describeIsoDateProblem(text)).toBeNull();
  });
});
