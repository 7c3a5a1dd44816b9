import { describe, expect, it } from 'vitest';
import { PointsLedger, pointsToUnits, unitsToPoints, UNITS_PER_POINT } from '../../src/programs/points-ledger.js';

const P = UNITS_PER_POINT;

describe('PointsLedger', () => {
  it('spends the oldest points first and expires each lot at the end of month e + expiryMonths', () => {
    // 100 points earned in month 0, 50 in month 2; expiry after 3 months.
    const ledger = new PointsLedger(12);
    ledger.configure(0, 3);
    ledger.earn(5, 0, 100 * P);
    ledger.earn(70, 2, 50 * P);
    // Spending 30 in month 2 takes them from the month-0 lot: 70 left there, 50 in month 2.
    ledger.redeem(30 * P, 71);
    expect(ledger.lotUnits(0)).toBe(70 * P);
    expect(ledger.lotUnits(2)).toBe(50 * P);
    // Month-0 points live through month 3 and expire at its end; nothing expires before.
    expect(ledger.expireAtMonthEnd(0)).toBe(0);
    expect(ledger.expireAtMonthEnd(1)).toBe(0);
    expect(ledger.expireAtMonthEnd(2)).toBe(0);
    expect(ledger.expireAtMonthEnd(3)).toBe(70 * P);
    expect(ledger.expireAtMonthEnd(4)).toBe(0);
    expect(ledger.expireAtMonthEnd(5)).toBe(50 * P);
    expect(ledger.balanceUnits).toBe(0);
  });

  it('tells the month at whose end its oldest points expire', () => {
    const ledger = new PointsLedger(12);
    ledger.configure(0, 3);
    expect(ledger.nextExpiryMonth()).toBe(Infinity); // nothing held
    ledger.earn(40, 1, 10 * P);
    ledger.earn(70, 2, 10 * P);
    expect(ledger.nextExpiryMonth()).toBe(4);
    ledger.redeem(10 * P, 71); // the month-1 lot is spent
    expect(ledger.nextExpiryMonth()).toBe(5);
    ledger.configure(0, null);
    expect(ledger.nextExpiryMonth()).toBe(Infinity);
  });

  it('never expires points without an expiry', () => {
    const ledger = new PointsLedger(12);
    ledger.configure(0, null);
    ledger.earn(0, 0, 10 * P);
    for (let month = 0; month < 12; month++) expect(ledger.expireAtMonthEnd(month)).toBe(0);
    expect(ledger.balanceUnits).toBe(10 * P);
  });

  it('keeps earned points pending for pendingDays', () => {
    const ledger = new PointsLedger(12);
    ledger.configure(14, 24);
    ledger.earn(10, 0, 40 * P);
    ledger.earn(20, 0, 60 * P);
    expect(ledger.usableUnits(10)).toBe(0);
    expect(ledger.usableUnits(23.9)).toBe(0);
    expect(ledger.usableUnits(24)).toBe(40 * P); // day 10 + 14
    expect(() => ledger.redeem(41 * P, 24)).toThrow(/only 40960 usable/);
    expect(ledger.usableUnits(33)).toBe(40 * P);
    expect(ledger.usableUnits(34)).toBe(100 * P);
  });

  it('spends only usable points even when the oldest lot still holds pending ones', () => {
    const ledger = new PointsLedger(12);
    ledger.configure(14, 24);
    ledger.earn(1, 0, 30 * P);
    ledger.earn(25, 0, 20 * P); // pending until day 39
    ledger.redeem(30 * P, 26);
    expect(ledger.balanceUnits).toBe(20 * P);
    expect(ledger.usableUnits(26)).toBe(0);
    expect(ledger.usableUnits(39)).toBe(20 * P);
  });

  it('grows its pending queue for a member who earns very often', () => {
    const ledger = new PointsLedger(2);
    ledger.configure(30, null);
    for (let day = 0; day < 25; day++) ledger.earn(day, 0, P);
    expect(ledger.usableUnits(29.5)).toBe(0);
    expect(ledger.usableUnits(30)).toBe(P);
    expect(ledger.usableUnits(54)).toBe(25 * P);
  });

  it('drops pending points whose lot expires before they mature', () => {
    const ledger = new PointsLedger(3);
    ledger.configure(60, 0); // expire at the end of the earning month
    ledger.earn(20, 0, 5 * P);
    expect(ledger.expireAtMonthEnd(0)).toBe(5 * P);
    expect(ledger.usableUnits(100)).toBe(0);
    expect(ledger.balanceUnits).toBe(0);
  });

  it('starts empty after reset', () => {
    const ledger = new PointsLedger(6);
    ledger.configure(0, 2);
    ledger.earn(0, 1, 7 * P);
    ledger.reset();
    expect(ledger.balanceUnits).toBe(0);
    expect(ledger.lotUnits(1)).toBe(0);
    expect(ledger.expireAtMonthEnd(5)).toBe(0);
  });

  it('expires and resets points earned in a month whose lot a redemption had just emptied', () => {
    // A purchase in month 2 spends the whole balance (all of it from month 2), then earns 4 points
    // in month 2 again: they expire at the end of month 2 + 2 = 4, and reset clears them.
    const ledger = new PointsLedger(6);
    ledger.configure(0, 2);
    ledger.earn(65, 2, 10 * P);
    ledger.redeem(10 * P, 70);
    ledger.earn(70, 2, 4 * P);
    expect(ledger.nextExpiryMonth()).toBe(4);
    expect(ledger.expireAtMonthEnd(3)).toBe(0);
    expect(ledger.expireAtMonthEnd(4)).toBe(4 * P);
    expect(ledger.balanceUnits).toBe(0);
    ledger.earn(75, 2, 3 * P);
    ledger.redeem(3 * P, 80);
    ledger.earn(80, 2, 5 * P);
    ledger.reset();
    // The next member's ledger holds nothing of the previous one's.
    ledger.earn(0, 0, 1 * P);
    expect(ledger.expireAtMonthEnd(2)).toBe(1 * P);
    expect(ledger.lotUnits(2)).toBe(0);
    expect(ledger.balanceUnits).toBe(0);
  });

  it('remembers what it redeemed from each earning month, and what it holds from months before a given one', () => {
    // A 12-month horizon: lots for the horizon and the run-off after it (months 12 onwards).
    const ledger = new PointsLedger(12);
    ledger.configure(0, undefined);
    ledger.earn(0, 3, 100 * P);
    ledger.earn(400, 13, 40 * P); // earned in the run-off
    // 120 spent oldest first: all 100 of month 3, then 20 of month 13.
    ledger.redeem(120 * P, 401);
    expect(ledger.redeemedUnitsOfLot(3)).toBe(100 * P);
    expect(ledger.redeemedUnitsOfLot(13)).toBe(20 * P);
    expect(ledger.unitsHeldBefore(12)).toBe(0);
    expect(ledger.unitsHeldBefore(14)).toBe(20 * P);
    // Forfeiting empties the balance but keeps the record of what was redeemed; reset clears both.
    expect(ledger.forfeitAll()).toBe(20 * P);
    expect(ledger.balanceUnits).toBe(0);
    expect(ledger.redeemedUnitsOfLot(3)).toBe(100 * P);
    ledger.reset();
    expect(ledger.redeemedUnitsOfLot(3)).toBe(0);
    expect(ledger.redeemedUnitsOfLot(13)).toBe(0);
  });

  it('converts points to integer units of 1/1024 and back exactly', () => {
    expect(pointsToUnits(1.5)).toBe(1536);
    expect(unitsToPoints(1537)).toBe(1537 / 1024);
    expect(unitsToPoints(pointsToUnits(0.25))).toBe(0.25);
  });
});
