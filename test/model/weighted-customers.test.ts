import { describe, expect, it } from 'vitest';
import { compressFrequencyRecency } from '../../src/model/weighted-customers.js';

describe('compressFrequencyRecency', () => {
  it('groups identical (x, t_x, T) into weighted rows sorted by x, t_x, T', () => {
    // Customers: (2, 3, 5) twice, (0, 0, 5), (0, *, 7) where t_x does not matter for x = 0,
    // (1, 4, 5), and (2, 1, 5).
    const rows = compressFrequencyRecency({
      x: [2, 0, 2, 1, 0, 2],
      tx: [3, 0, 3, 4, 0, 1],
      T: [5, 5, 5, 5, 7, 5],
    });
    expect(rows.customers).toBe(6);
    expect(rows.rows).toBe(5);
    expect(Array.from(rows.x)).toEqual([0, 0, 1, 2, 2]);
    expect(Array.from(rows.tx)).toEqual([0, 0, 4, 1, 3]);
    expect(Array.from(rows.T)).toEqual([5, 7, 5, 5, 5]);
    expect(Array.from(rows.weight)).toEqual([1, 1, 1, 1, 2]);
    expect(Array.from(rows.times)).toEqual([0, 1, 3, 4, 5, 7]);
    rows.txIndex.forEach((k, row) => expect(rows.times[k]).toBe(rows.tx[row]));
    rows.TIndex.forEach((k, row) => expect(rows.times[k]).toBe(rows.T[row]));
    expect(rows.totalRepeatPurchases).toBe(7);
  });

  it('treats t_x as 0 when x = 0', () => {
    const rows = compressFrequencyRecency({ x: [0, 0], tx: [0, 2], T: [4, 4] });
    expect(rows.rows).toBe(1);
    expect(rows.weight[0]).toBe(2);
  });
});
