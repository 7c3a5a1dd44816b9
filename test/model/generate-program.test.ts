import { describe, expect, it } from 'vitest';
import { generateTransactions, SELECTION_WINDOW_DAYS, type GenerateOptions } from '../../src/model/generate-transactions.js';
import { parseIsoDateString } from '../../src/data/calendar.js';

const BASE: GenerateOptions = { customers: 4000, start: '2023-01-01', end: '2025-12-31', seed: 5 };
const PROGRAM = { memberShare: 0.3, selfSelection: 0, frequencyUplift: 0, spendUplift: 0, launch: '2024-07-01' };
const LAUNCH_DAY = parseIsoDateString('2024-07-01');

/** Per member (customer index -> join day). */
function joinDays(members: { customer: Int32Array; joinDay: Int32Array }): Map<number, number> {
  return new Map(Array.from(members.customer, (c, i) => [c, members.joinDay[i]]));
}

describe('generate with a program (synthetic truth for uplift)', () => {
  it('without effects draws the same history as without a program; about the member share join, after launch, while already buying', () => {
    const plain = generateTransactions(BASE);
    const withProgram = generateTransactions({ ...BASE, program: PROGRAM });
    expect(plain.members).toBeUndefined();
    expect(Array.from(withProgram.amountCents)).toEqual(Array.from(plain.amountCents));
    expect(Array.from(withProgram.day)).toEqual(Array.from(plain.day));
    const members = withProgram.members!;
    // Binomial-like count: 1200 expected, sd about 29.
    expect(Math.abs(members.customer.length - 1200)).toBeLessThan(100);
    const firstDay = new Map<number, number>();
    for (let i = 0; i < plain.purchases; i++) if (!firstDay.has(plain.customer[i])) firstDay.set(plain.customer[i], plain.day[i]);
    for (const [c, day] of joinDays(members)) {
      expect(day).toBeGreaterThanOrEqual(LAUNCH_DAY);
      expect(day).toBeLessThanOrEqual(parseIsoDateString('2025-12-31'));
      expect(firstDay.get(c)!).toBeLessThan(day);
    }
  });

  it('is deterministic for a seed', () => {
    const a = generateTransactions({ ...BASE, program: { ...PROGRAM, frequencyUplift: 0.5 } });
    const b = generateTransactions({ ...BASE, program: { ...PROGRAM, frequencyUplift: 0.5 } });
    expect(Array.from(a.day)).toEqual(Array.from(b.day));
    expect(Array.from(a.members!.joinDay)).toEqual(Array.from(b.members!.joinDay));
  });

  it('a spend uplift multiplies exactly the members purchases from their join day, nothing else', () => {
    const plain = generateTransactions({ ...BASE, program: PROGRAM });
    const richer = generateTransactions({ ...BASE, program: { ...PROGRAM, spendUplift: 1 } });
    const joins = joinDays(plain.members!);
    expect(richer.purchases).toBe(plain.purchases);
    let doubled = 0;
    for (let i = 0; i < plain.purchases; i++) {
      const join = joins.get(plain.customer[i]);
      const after = join !== undefined && plain.day[i] >= join;
      if (after) doubled++;
      // Amounts are rounded to cents after the factor: within one cent of twice the amount.
      expect(Math.abs(richer.amountCents[i] - (after ? 2 : 1) * plain.amountCents[i])).toBeLessThanOrEqual(1);
    }
    expect(doubled).toBeGreaterThan(500);
  });

  it('a frequency uplift raises members purchases after joining by about that factor, not the others', () => {
    const countAfter = (g: ReturnType<typeof generateTransactions>, joins: Map<number, number>) => {
      let members = 0;
      let others = 0;
      for (let i = 0; i < g.purchases; i++) {
        const join = joins.get(g.customer[i]);
        if (join !== undefined && g.day[i] >= join) members++;
        else if (join === undefined) others++;
      }
      return { members, others };
    };
    const plain = generateTransactions({ ...BASE, customers: 20000, program: PROGRAM });
    const busier = generateTransactions({ ...BASE, customers: 20000, program: { ...PROGRAM, frequencyUplift: 1 } });
    const joins = joinDays(plain.members!);
    expect(Array.from(busier.members!.customer)).toEqual(Array.from(plain.members!.customer));
    const a = countAfter(plain, joins);
    const b = countAfter(busier, joins);
    // One random stream: the others' draws shift with the members' extra purchases, their number only by chance.
    expect(Math.abs(b.others / a.others - 1)).toBeLessThan(0.1);
    // Dropout in time is unchanged, so a member buys twice as often while alive: about 2x after joining.
    expect(b.members / a.members).toBeGreaterThan(1.8);
    expect(b.members / a.members).toBeLessThan(2.25);
  });

  it('self-selection: heavy recent buyers join more often', () => {
    const shareOfHeavy = (selfSelection: number) => {
      const g = generateTransactions({ ...BASE, program: { ...PROGRAM, selfSelection } });
      const joins = joinDays(g.members!);
      // Purchases in the selection window before each member's join day.
      const recent = new Map<number, number>();
      for (let i = 0; i < g.purchases; i++) {
        const join = joins.get(g.customer[i]);
        if (join !== undefined && g.day[i] < join && g.day[i] >= join - SELECTION_WINDOW_DAYS) recent.set(g.customer[i], (recent.get(g.customer[i]) ?? 0) + 1);
      }
      return Array.from(joins.keys()).reduce((sum, c) => sum + (recent.get(c) ?? 0), 0) / joins.size;
    };
    expect(shareOfHeavy(2)).toBeGreaterThan(2 * shareOfHeavy(0));
  });

  it('refuses a launch outside the history and a share above 1', () => {
    expect(() => generateTransactions({ ...BASE, program: { ...PROGRAM, launch: '2026-02-01' } })).toThrow(/the launch date 2026-02-01 is outside the history/);
    expect(() => generateTransactions({ ...BASE, program: { ...PROGRAM, memberShare: 1.5 } })).toThrow(/the member share must be between 0 and 1, got 1.5/);
  });
});
