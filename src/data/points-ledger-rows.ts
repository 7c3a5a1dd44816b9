/**
 * The rows of a points ledger, one per accounting period, and the checks every ledger must pass
 * before a contract liability can be rolled forward from it (src/metrics/ifrs15-roll-forward.ts):
 * values are finite and not negative, points redeemed so far never exceed points issued so far,
 * and the points expected ever to be redeemed lie between the two. Periods come in order.
 */
import { checkedDayNumber } from './calendar.js';

/** One period of a points ledger, as written in the ledger CSV (src/data/points-ledger-csv.ts). */
export interface PointsLedgerPeriod {
  /** The period's label: 2025, 2025-Q1, 2025-03, 2025-03-31, 1, or any text. */
  period: string;
  /** Sales of the period (the consideration received, goods and points together). */
  sales: number;
  /** Points issued in the period. */
  pointsIssued: number;
  /** Points redeemed in the period. */
  pointsRedeemed: number;
  /** Points of all points issued so far expected ever to be redeemed, estimated at the period's end. */
  expectedRedemptions: number;
}

export type PointsLedgerField = keyof PointsLedgerPeriod;

/** The ledger CSV's header name of each field. */
export const POINTS_LEDGER_COLUMNS: Readonly<Record<PointsLedgerField, string>> = {
  period: 'period',
  sales: 'sales',
  pointsIssued: 'points_issued',
  pointsRedeemed: 'points_redeemed',
  expectedRedemptions: 'expected_redemptions',
};

export const POINTS_LEDGER_FIELDS = Object.keys(POINTS_LEDGER_COLUMNS) as PointsLedgerField[];

/** What is wrong with one period, and which field. */
export interface LedgerProblem {
  field: PointsLedgerField;
  message: string;
  hint: string;
}

type PeriodKind = 'number' | 'date' | 'month' | 'quarter' | 'label';

const KIND_NAMES: Record<PeriodKind, string> = {
  number: 'a number',
  date: 'an ISO date (YYYY-MM-DD)',
  month: 'an ISO month (YYYY-MM)',
  quarter: 'a quarter (YYYY-Qn)',
  label: 'a label',
};

/** The kind of a period label and its sort key (NaN for an impossible date or month, or a free label). */
function periodKey(label: string): { kind: PeriodKind; key: number } {
  const text = label.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return { kind: 'number', key: Number(text) };
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) {
    return { kind: 'date', key: checkedDayNumber(Number(match[1]), Number(match[2]), Number(match[3])) };
  }
  match = /^(\d{4})-(\d{2})$/.exec(text);
  if (match) {
    const month = Number(match[2]);
    return { kind: 'month', key: month >= 1 && month <= 12 ? Number(match[1]) * 12 + month : NaN };
  }
  match = /^(\d{4})-?Q([1-4])$/i.exec(text);
  if (match) return { kind: 'quarter', key: Number(match[1]) * 4 + Number(match[2]) };
  return { kind: 'label', key: NaN };
}

/**
 * The order of periods: labels that are numbers, ISO dates, ISO months or quarters (the kind of
 * the first period decides) must increase strictly; other labels keep the file's order but may
 * not repeat. `where(index)` names an earlier period in messages (its line, or its index).
 */
class PeriodOrder {
  private kind: PeriodKind | undefined;
  private first = '';
  private lastKey = NaN;
  private lastLabel = '';
  private lastIndex = -1;
  private readonly seen = new Map<string, number>();

  constructor(private readonly where: (index: number) => string) {}

  check(label: string, index: number): LedgerProblem | null {
    const text = label.trim();
    const problem = (message: string, hint: string): LedgerProblem => ({ field: 'period', message, hint });
    if (text === '') return problem('the period is blank', 'Every row needs a period label, e.g. 2025, 2025-Q1 or 2025-03.');
    const earlier = this.seen.get(text);
    if (earlier !== undefined) return problem(`the period '${text}' appears twice (also ${this.where(earlier)})`, 'Give each period one row: add up the figures of the two rows.');
    const { kind, key } = periodKey(text);
    if (kind !== 'label' && Number.isNaN(key)) return problem(`'${text}' is not a valid ${kind}`, 'Check the month and day, e.g. 2025-02-28, 2025-12.');
    if (this.kind === undefined) {
      this.kind = kind;
      this.first = text;
    } else if (this.kind !== 'label') {
      if (kind !== this.kind) {
        return problem(`'${text}' is not ${KIND_NAMES[this.kind]} like the first period '${this.first}'`, 'Write every period the same way, e.g. all as 2025-Q1, 2025-Q2, ...');
      }
      if (!(key > this.lastKey)) {
        return problem(`the period '${text}' comes after '${this.lastLabel}' (${this.where(this.lastIndex)}) but is earlier`, 'Sort the rows by period, earliest first.');
      }
    }
    this.seen.set(text, index);
    this.lastKey = key;
    this.lastLabel = text;
    this.lastIndex = index;
    return null;
  }
}

/**
 * Checks the periods of a ledger one at a time, in order, keeping the cumulative points issued
 * and redeemed. `check` returns the first problem of a period, or null when it is fine.
 */
export class PointsLedgerChecker {
  private issued = 0;
  private redeemed = 0;
  private readonly order: PeriodOrder;

  constructor(where: (index: number) => string) {
    this.order = new PeriodOrder(where);
  }

  check(row: PointsLedgerPeriod, index: number): LedgerProblem | null {
    const periodProblem = this.order.check(row.period, index);
    if (periodProblem !== null) return periodProblem;
    for (const field of ['sales', 'pointsIssued', 'pointsRedeemed', 'expectedRedemptions'] as const) {
      const value = row[field];
      if (!Number.isFinite(value)) return { field, message: `'${value}' is not a number`, hint: 'Write numbers like 1234.5 (no thousands separators or currency symbols).' };
      if (value < 0) return { field, message: `${value} is negative`, hint: 'Sales and points are amounts of the period and cannot be negative; book a reversal as lower expected redemptions.' };
    }
    const issued = this.issued + row.pointsIssued;
    const redeemed = this.redeemed + row.pointsRedeemed;
    if (redeemed > issued) {
      return {
        field: 'pointsRedeemed',
        message: `${formatPoints(redeemed)} points redeemed so far are more than the ${formatPoints(issued)} issued so far`,
        hint: 'Points redeemed up to a period cannot exceed points issued up to it: check points_redeemed and points_issued of this and earlier rows.',
      };
    }
    const expected = row.expectedRedemptions;
    if (expected > issued) {
      return {
        field: 'expectedRedemptions',
        message: `${formatPoints(expected)} points expected to be redeemed are more than the ${formatPoints(issued)} issued so far`,
        hint: 'expected_redemptions counts, of all points issued so far, those expected ever to be redeemed: at most the points issued so far.',
      };
    }
    if (expected < redeemed) {
      return {
        field: 'expectedRedemptions',
        message: `${formatPoints(expected)} points expected to be redeemed are fewer than the ${formatPoints(redeemed)} redeemed so far`,
        hint: 'expected_redemptions includes the points already redeemed: at least the points redeemed so far.',
      };
    }
    this.issued = issued;
    this.redeemed = redeemed;
    return null;
  }
}

function formatPoints(value: number): string {
  return Number(value.toPrecision(12)).toString();
}
