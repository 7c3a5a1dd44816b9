import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/data/calendar.js';
import { ingestText } from './write-csv.js';

describe('ingest keepPurchaseDays: every customer purchase days with their values', () => {
  it('sums a day purchase rows, leaves returns out, sorts rows out of date order, follows the summaries order (holdout included)', async () => {
    const csv = [
      'customer_id,date,amount',
      'B,2024-03-02,10.00',
      'A,2024-03-05,20.00',
      'A,2024-03-05,5.50',
      'A,2024-03-01,7.00',
      'B,2024-03-04,-10.00',
      'A,2024-04-10,3.00',
      'C,2024-04-20,-1.00',
    ].join('\n');
    const result = await ingestText(csv, { keepPurchaseDays: true, calibrationEnd: '2024-03-31' });
    expect(result.summaries.ids).toEqual(['B', 'A']);
    const [b, a] = result.purchaseDays!;
    expect(Array.from(b.days)).toEqual([dayNumber(2024, 3, 2)]);
    expect(Array.from(b.amounts)).toEqual([10]);
    expect(Array.from(a.days)).toEqual([dayNumber(2024, 3, 1), dayNumber(2024, 3, 5), dayNumber(2024, 4, 10)]);
    expect(Array.from(a.amounts)).toEqual([7, 25.5, 3]);
  });

  it('is not kept unless asked for', async () => {
    expect((await ingestText('customer_id,date,amount\nA,2024-03-01,1\n')).purchaseDays).toBeUndefined();
  });
});
