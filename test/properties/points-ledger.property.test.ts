/**
 * The points ledger (programs/points-ledger.ts) under random sequences of what a member's points
 * go through (earn, redeem, month ends with expiry, forfeiting the balance, a new member), against
 * a reference model that keeps every credit apart with the day it becomes usable and the month at
 * whose end it expires:
 * - the balance is never negative and equals what the model holds; the usable balance equals the
 *   model's credits that are no longer pending and not expired;
 * - a redemption takes only usable, unexpired points (the model checks every unit it hands out)
 *   and more than the usable balance is refused;
 * - expiry removes exactly the model's expiring credits; per earning month, held + redeemed +
 *   expired + forfeited = earned.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAYS_PER_MONTH } from '../../src/data/calendar.js';
import { PointsLedger } from '../../src/programs/points-ledger.js';
import { PROPERTY_SEED } from './seed.js';

const HORIZON_MONTHS = 12;

interface Credit {
  month: number;
  usableFrom: number;
  /** The month at whose end the credit expires (Infinity: never). */
  expiresAfter: number;
  units: number;
}

type Step =
  | { kind: 'earn'; days: number; units: number }
  | { kind: 'redeem'; days: number; share: number }
  | { kind: 'overdraw'; days: number }
  | { kind: 'forfeit'; days: number }
  | { kind: 'reset' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('earn' as const), days: fc.integer({ min: 0, max: 20 }), units: fc.integer({ min: 0, max: 5000 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('redeem' as const), days: fc.integer({ min: 0, max: 20 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('overdraw' as const), days: fc.integer({ min: 0, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('forfeit' as const), days: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
);

const rules = fc.record({
  pendingDays: fc.integer({ min: 0, max: 90 }),
  expiryMonths: fc.option(fc.integer({ min: 0, max: 14 }), { nil: null }),
});

describe('points ledger (property)', () => {
  it('never goes negative, redeems only usable unexpired points, and accounts for every unit', () => {
    fc.assert(
      fc.property(rules, fc.array(step, { minLength: 1, maxLength: 120 }), ({ pendingDays, expiryMonths }, steps) => {
        const ledger = new PointsLedger(HORIZON_MONTHS);
        ledger.configure(pendingDays, expiryMonths);
        let credits: Credit[] = [];
        const earned = new Float64Array(HORIZON_MONTHS);
        const gone = new Float64Array(HORIZON_MONTHS); // redeemed + expired + forfeited, by earning month
        let day = 0;
        let month = 0;
        const lastMonth = HORIZON_MONTHS - 1;

        const held = () => credits.reduce((sum, c) => sum + c.units, 0);
        const usable = () => credits.reduce((sum, c) => sum + (c.usableFrom <= day ? c.units : 0), 0);

        /** Move the clock forward, closing each month passed as the engine does. */
        const advance = (days: number) => {
          const to = Math.min(day + days, (lastMonth + 1) * DAYS_PER_MONTH - 1e-9);
          while (Math.floor(to / DAYS_PER_MONTH) > month) {
            const expected = credits.filter((c) => c.expiresAfter <= month);
            const expired = ledger.expireAtMonthEnd(month);
            expect(expired).toBe(expected.reduce((sum, c) => sum + c.units, 0));
            for (const c of expected) gone[c.month] += c.units;
            credits = credits.filter((c) => c.expiresAfter > month);
            month++;
          }
          day = to;
        };

        const check = () => {
          expect(ledger.balanceUnits).toBeGreaterThanOrEqual(0);
          expect(ledger.balanceUnits).toBe(held());
          expect(ledger.usableUnits(day)).toBe(usable());
          for (let m = 0; m < HORIZON_MONTHS; m++) {
            const inModel = credits.filter((c) => c.month === m).reduce((sum, c) => sum + c.units, 0);
            expect(ledger.lotUnits(m)).toBe(inModel);
            expect(inModel + gone[m]).toBe(earned[m]);
          }
        };

        for (const s of steps) {
          if (s.kind === 'reset') {
            ledger.reset();
            credits = [];
            earned.fill(0);
            gone.fill(0);
            day = 0;
            month = 0;
            check();
            continue;
          }
          advance(s.days);
          if (s.kind === 'earn') {
            ledger.earn(day, month, s.units);
            if (s.units > 0) {
              credits.push({ month, usableFrom: day + pendingDays, expiresAfter: expiryMonths === null ? Infinity : month + expiryMonths, units: s.units });
              earned[month] += s.units;
            }
          } else if (s.kind === 'redeem') {
            const units = Math.floor(usable() * s.share);
            ledger.redeem(units, day);
            // The model hands out the oldest credits first; each one must be usable and unexpired.
            let remaining = units;
            for (const c of credits) {
              if (remaining === 0) break;
              const take = Math.min(c.units, remaining);
              if (take === 0) continue;
              expect(c.usableFrom, 'redeemed before usable').toBeLessThanOrEqual(day);
              expect(c.expiresAfter, 'redeemed after expiry').toBeGreaterThanOrEqual(month);
              c.units -= take;
              gone[c.month] += take;
              remaining -= take;
            }
            expect(remaining).toBe(0);
            credits = credits.filter((c) => c.units > 0);
          } else if (s.kind === 'overdraw') {
            const before = ledger.balanceUnits;
            expect(() => ledger.redeem(usable() + 1, day)).toThrow(/usable/);
            expect(ledger.balanceUnits).toBe(before);
          } else {
            expect(ledger.forfeitAll()).toBe(held());
            for (const c of credits) gone[c.month] += c.units;
            credits = [];
          }
          check();
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 400 },
    );
  });
});
