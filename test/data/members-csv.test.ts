import { describe, expect, it } from 'vitest';
import { readMembersCsv } from '../../src/data/members-csv.js';
import { dayNumber } from '../../src/data/calendar.js';
import { compileDateFormat } from '../../src/data/date-format.js';
import { UserInputError } from '../../src/errors.js';
import { writeCsv } from './write-csv.js';

/** The formatted message (file:line: column: message) of the error a read throws. */
async function readError(content: string, options = {}): Promise<{ text: string; file: string }> {
  const file = writeCsv(content);
  try {
    await readMembersCsv(file, options);
  } catch (err) {
    expect(err).toBeInstanceOf(UserInputError);
    return { text: (err as UserInputError).format().split('\n')[0], file };
  }
  throw new Error('expected the read to fail');
}

describe('readMembersCsv', () => {
  it('reads customer_id and joined in any order and case, ignoring other columns, dates as the history reads them', async () => {
    const file = writeCsv('Tier, Joined ,CUSTOMER_ID\ngold,2024-07-15,C1\nsilver,20240801,"C2"\n,2024-08-02 10:15:00,C3\n');
    const members = await readMembersCsv(file);
    expect([...members.joinDay]).toEqual([
      ['C1', dayNumber(2024, 7, 15)],
      ['C2', dayNumber(2024, 8, 1)],
      ['C3', dayNumber(2024, 8, 2)],
    ]);
  });

  it('reads dates with the date format given, semicolon-separated files detected', async () => {
    const file = writeCsv('customer_id;joined\nA;15.07.2024\n');
    const members = await readMembersCsv(file, { dateFormat: compileDateFormat('DD.MM.YYYY') });
    expect(members.joinDay.get('A')).toBe(dayNumber(2024, 7, 15));
  });

  it('a missing column: file:line and the columns found', async () => {
    const { text, file } = await readError('customer_id,date\nC1,2024-07-15\n');
    expect(text).toBe(`${file}:1: missing required column 'joined'`);
  });

  it('a date that does not parse: file:line: column', async () => {
    const { text, file } = await readError('customer_id,joined\nC1,2024-07-15\nC2,15/07/2024\n');
    expect(text).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: column 'joined': '15/07/2024' is not a date`));
    const blank = await readError('customer_id,joined\nC1,\n');
    expect(blank.text).toBe(`${blank.file}:2: column 'joined': the join date is blank`);
    const pattern = await readError('customer_id,joined\nC1,2024-07-15\n', { dateFormat: compileDateFormat('DD.MM.YYYY') });
    expect(pattern.text).toBe(`${pattern.file}:2: column 'joined': '2024-07-15' does not match --date-format 'DD.MM.YYYY'`);
  });

  it('a blank id, a member listed twice, a wrong field count, an empty file', async () => {
    const blank = await readError('customer_id,joined\n ,2024-07-15\n');
    expect(blank.text).toBe(`${blank.file}:2: column 'customer_id': the customer id is blank`);
    const twice = await readError('customer_id,joined\nC1,2024-07-15\nC1,2024-08-01\n');
    expect(twice.text).toBe(`${twice.file}:3: column 'customer_id': customer 'C1' is listed twice`);
    const fields = await readError('customer_id,joined\nC1,2024-07-15,x\n');
    expect(fields.text).toBe(`${fields.file}:2: expected 2 fields as in the header, found 3`);
    const empty = await readError('');
    expect(empty.text).toBe(`${empty.file}: the file is empty`);
    const none = await readError('customer_id,joined\n');
    expect(none.text).toBe(`${none.file}: no members after the header`);
  });
});
