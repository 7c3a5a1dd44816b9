/** Orders, quantities, returns, cancellations and margins, on tiny files worked out by hand. */
import { describe, expect, it } from 'vitest';
import { ingestText } from './write-csv.js';
import type { CustomerSummaries } from '../../src/data/customer-summary.js';

function customer(summaries: CustomerSummaries, id: string) {
  const k = summaries.ids.indexOf(id);
  expect(k, `customer ${id} in the summaries`).toBeGreaterThanOrEqual(0);
  return { x: summaries.x[k], tx: summaries.tx[k], T: summaries.T[k], m: summaries.monetaryValue[k], spend: summaries.totalSpend[k], margin: summaries.grossMargin[k] };
}

// Invoice lines: amount = quantity x unit price. Order 1005 runs past midnight.
const ORDER_LINES = `order_id,customer_id,date,quantity,unit_price,category
1001,c1,2024-03-01 09:15,2,3.50,food
1001,c1,2024-03-01 09:15,1,10.00,drink
1002,c2,2024-03-01 10:00,1,4.00,food
1003,c1,2024-03-05 18:00,3,2.00,food
C1004,c1,2024-03-06 12:00,-1,10.00,drink
1005,c2,2024-03-08 23:59,1,4.00,food
1005,c2,2024-03-09 00:01,2,1.50,drink
`;

describe('order lines', () => {
  it('makes the lines of one order one purchase dated by its first line, and nets returns', async () => {
    const { summaries, quality, categories } = await ingestText(ORDER_LINES, { period: 'day' });
    // Calibration end: last date in the file, 2024-03-09.
    // c1: 03-01 order 1001 = 2 x 3.50 + 10 = 17 (first); 03-05 order 1003 = 6 (repeat);
    //     03-06 quantity -1: a return of 10, no purchase. x = 1, m = 6, t_x = 4, T = 8, spend 13.
    expect(customer(summaries, 'c1')).toEqual({ x: 1, tx: 4, T: 8, m: 6, spend: 13, margin: NaN });
    // c2: 03-01 = 4 (first); order 1005 = 4 + 2 x 1.50 = 7, dated 03-08 although its second
    //     line says 03-09. x = 1, m = 7, t_x = 7, T = 8, spend 11.
    expect(customer(summaries, 'c2')).toEqual({ x: 1, tx: 7, T: 8, m: 7, spend: 11, margin: NaN });
    expect(quality.orders).toBe(5);
    expect(quality.returns).toEqual({ rows: 1, value: 10 });
    // Return rate: 10 returned of 7 + 10 + 4 + 6 + 4 + 3 = 34 purchased.
    expect(quality.returnRate).toEqual({ rate: 10 / 34, purchasedValue: 34, returnedValue: 10 });
    expect(quality.lastDate).toBe('2024-03-09');
    expect(quality.columns).toEqual({ customer: 'customer_id', date: 'date', order: 'order_id', quantity: 'quantity', unit_price: 'unit_price', category: 'category' });
    // food: 7 + 4 + 6 + 4 = 21 in 4 purchase lines; drink: 10 - 10 + 3 = 3, 2 purchase lines, 1 return.
    // The calibration values split the return rate's 34 purchased and 10 returned by category.
    expect(categories).toEqual([
      { name: 'food', revenue: 21, grossMargin: NaN, purchases: 4, returns: 0, calibration: { purchasedValue: 21, returnedValue: 0 } },
      { name: 'drink', revenue: 3, grossMargin: NaN, purchases: 2, returns: 1, calibration: { purchasedValue: 13, returnedValue: 10 } },
    ]);
  });

  it('without an order column, lines on two days are two purchases', async () => {
    const withoutOrders = ORDER_LINES.split('\n').map((line) => line.slice(line.indexOf(',') + 1)).join('\n');
    const { summaries, quality } = await ingestText(withoutOrders, { period: 'day' });
    // c2: 03-01 (4), 03-08 (4), 03-09 (3): x = 2, m = 3.5, t_x = T = 8.
    expect(customer(summaries, 'c2')).toEqual({ x: 2, tx: 8, T: 8, m: 3.5, spend: 11, margin: NaN });
    expect(quality.orders).toBeNull();
  });
});

describe('returns and cancellations', () => {
  it('treats cancelled statuses as returns; a day with a purchase and a return is a purchase day worth its purchase', async () => {
    const { summaries, quality } = await ingestText(`customer_id,date,amount,status
s1,2024-05-01,50,completed
s1,2024-05-02,20,Cancelled
s1,2024-05-03,30,
s1,2024-05-03,30,refunded
`);
    // 05-01: 50 (first). 05-02: cancelled, a return of 20: no purchase. 05-03: a purchase of 30
    // and a refund of 30: a purchase day worth its purchase, 30 (the refund is in the return
    // rate). x = 1, m = 30, t_x = T = 2 days, spend (net) 50 - 20 + 30 - 30 = 30.
    expect(customer(summaries, 's1')).toEqual({ x: 1, tx: 2 / 7, T: 2 / 7, m: 30, spend: 30, margin: NaN });
    expect(quality.returns).toEqual({ rows: 2, value: 50 });
    // Return rate: 20 + 30 = 50 returned of 50 + 30 = 80 purchased.
    expect(quality.returnRate).toEqual({ rate: 50 / 80, purchasedValue: 80, returnedValue: 50 });
  });

  it('never makes a customer out of returns alone', async () => {
    const { summaries, quality } = await ingestText(`customer_id,date,amount
r1,2024-05-01,-20
r2,2024-05-01,0
r3,2024-05-02,15
`);
    // r2's row of amount 0 is a purchase of value 0: r2 is a customer.
    expect(summaries.ids).toEqual(['r2', 'r3']);
    expect(quality.customersWithoutPurchase).toBe(1);
    expect(quality.zeroValueRows).toBe(1);
    expect(quality.warnings.join(' ')).toContain('1 customer(s) have returns but no purchase');
  });
});

describe('rows of amount 0', () => {
  // z1: 05-01 a purchase of 10; 05-08 amount 0 (paid with points); 05-15 a purchase of 20,
  //     returned in part (-5) on 05-22, and a quantity-0 line of 0 on 05-22.
  // z2: only a row of amount 0 on 05-03. z3: a return of quantity -1 and amount 0.
  const ZERO_ROWS = `customer_id,date,quantity,amount
z1,2024-05-01,1,10
z1,2024-05-08,2,0
z2,2024-05-03,1,0.00
z1,2024-05-15,1,20
z1,2024-05-22,-1,-5
z1,2024-05-22,0,0
z3,2024-05-04,-1,0
`;

  it('are purchases of value 0: they count for frequency and recency, not for the mean purchase value', async () => {
    const { summaries, quality } = await ingestText(ZERO_ROWS, { period: 'day' });
    // Calibration end 05-22. z1: purchase days 05-01, 05-08 (value 0), 05-15, 05-22 (the 0 line
    // of quantity 0; the return does not make it a purchase day): x = 3, t_x = T = 21 days.
    // Mean purchase value over the repeat days of positive value: 20 / 1. Spend 10 + 20 - 5 = 25.
    expect(customer(summaries, 'z1')).toEqual({ x: 3, tx: 21, T: 21, m: 20, spend: 25, margin: NaN });
    // z2: one purchase of value 0 on 05-03: x = 0, T = 19 days, no mean value.
    expect(customer(summaries, 'z2')).toEqual({ x: 0, tx: 0, T: 19, m: 0, spend: 0, margin: NaN });
    // z3: a quantity of -1 makes its row a return, whatever the amount: not a customer.
    expect(summaries.ids).toEqual(['z1', 'z2']);
    expect(quality.zeroValueRows).toBe(3);
    expect(quality.zeroAmount).toBe('purchase');
    expect(quality.customersWithoutPurchase).toBe(1);
    expect(quality.purchases).toBe(4 + 1);
  });

  it("with zeroAmount 'ignore' are used but never a purchase (the earlier rule)", async () => {
    const { summaries, quality } = await ingestText(ZERO_ROWS, { period: 'day', zeroAmount: 'ignore' });
    // z1: purchase days 05-01 and 05-15: x = 1, t_x = 14, T = 21, mean 20.
    expect(customer(summaries, 'z1')).toEqual({ x: 1, tx: 14, T: 21, m: 20, spend: 25, margin: NaN });
    expect(summaries.ids).toEqual(['z1']);
    expect(quality.customersWithoutPurchase).toBe(2);
    expect(quality.warnings.join(' ')).toContain('2 customer(s) have returns or zero-value rows but no purchase');
  });

  it('give the same summaries when the rows are not in date order', async () => {
    const lines = ZERO_ROWS.trim().split('\n');
    const shuffled = [lines[0], ...lines.slice(1).reverse()].join('\n') + '\n';
    const inOrder = await ingestText(ZERO_ROWS, { period: 'day' });
    const outOfOrder = await ingestText(shuffled, { period: 'day' });
    expect(outOfOrder.quality.customersOutOfDateOrder).toBe(1);
    expect([...outOfOrder.summaries.ids].sort()).toEqual(['z1', 'z2']);
    for (const id of ['z1', 'z2']) expect(customer(outOfOrder.summaries, id)).toEqual(customer(inOrder.summaries, id));
  });
});

describe('gross margin', () => {
  it('is amount - cost, and a return gives its margin back', async () => {
    const { summaries, quality, categories } = await ingestText(`customer_id,date,amount,cost,category
m1,2024-01-01,100,60,a
m1,2024-01-02,-50,30,a
m2,2024-01-02,10,12,b
`);
    // m1: 100 - 60 = 40, then a return of 50 whose goods cost 30: -(50 - 30) = -20. Total 20.
    // m2: a sale below cost: 10 - 12 = -2.
    expect(customer(summaries, 'm1').margin).toBe(20);
    expect(customer(summaries, 'm2').margin).toBe(-2);
    expect(quality.grossMargin).toBe(18);
    expect(categories.map((c) => [c.name, c.revenue, c.grossMargin])).toEqual([
      ['a', 50, 20],
      ['b', 10, -2],
    ]);
  });

  it('is the margin column when there is one', async () => {
    const { summaries } = await ingestText(`customer_id,date,amount,margin
m1,2024-01-01,100,40
m1,2024-01-02,-50,20
`);
    // The return's margin, written as 20, is given back: 40 - 20.
    expect(customer(summaries, 'm1').margin).toBe(20);
  });
});

describe('column mapping', () => {
  it('maps other column names with --columns, matching case-insensitively', async () => {
    const { summaries, quality } = await ingestText(`InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
536365,85123A,6,12/1/2010 8:26,2.55,17850,United Kingdom
536366,22633,6,12/1/2010 8:28,1.85,17850,United Kingdom
C536379,D,-1,12/1/2010 9:41,27.5,14527,United Kingdom
536381,22139,1,12/2/2010 9:41,5.0,14527,United Kingdom
`, { columns: { customer: 'customerid', date: 'InvoiceDate', order: 'InvoiceNo', quantity: 'Quantity', unit_price: 'UnitPrice' }, dateFormat: 'M/D/YYYY H:mm', period: 'day' });
    // 17850: two invoices on 12/1: one purchase day worth 6 x 2.55 + 6 x 1.85 = 26.4.
    // 14527: 12/1 a cancelled line (quantity -1): return of 27.5; 12/2 a purchase of 5: the
    //        first purchase day. x = 0, T = 0 (12/2 is the last date).
    expect(customer(summaries, '17850')).toMatchObject({ x: 0, T: 1 });
    expect(customer(summaries, '17850').spend).toBeCloseTo(26.4, 12);
    expect(customer(summaries, '14527')).toEqual({ x: 0, tx: 0, T: 0, m: 0, spend: 5 - 27.5, margin: NaN });
    expect(quality.columns.customer).toBe('CustomerID');
    expect(quality.orders).toBe(4);
  });
});
