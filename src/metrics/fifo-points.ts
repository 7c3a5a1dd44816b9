/**
 * First-in first-out matching of a points ledger (docs/methods.md §5, "Breakage from a points
 * ledger"): each customer's redemptions, expiries and negative adjustments use their oldest
 * unused points first. The result is, per issuance month (cohort) and development age in months
 * (0 = the month of issue), the points redeemed and expired, the triangle the chain ladder
 * (chain-ladder.ts) projects.
 *
 * Order: a customer's transactions are taken by date; on one date, points added (earn, positive
 * adjust) come before points taken away, so points earned and spent on the same day match; within
 * each, the file's order. A negative adjustment cancels points (they leave the cohort's issued
 * points); a positive one is issued in its month like an earn.
 */
import { UserInputError } from '../errors.js';
import { isoDate } from '../data/calendar.js';
import type { PointsTransaction } from '../data/points-transactions-csv.js';

/** Month number (year × 12 + month − 1) of a day number. */
export function monthOfDay(day: number): number {
  const text = isoDate(day);
  return Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7)) - 1;
}

/** `YYYY-MM` of a month number. */
export function monthLabel(month: number): string {
  return `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/** The points of one issuance month, by development age (index 0 = the month of issue). */
export interface CohortFlows {
  month: number;
  /** Points issued in the month, less those cancelled by negative adjustments. */
  issued: number;
  /** redeemed[a]: points of the cohort redeemed in its age-a month, up to the cut-off. */
  redeemed: number[];
  /** expired[a]: points of the cohort expired in its age-a month. */
  expired: number[];
}

/** The cohorts of a ledger, from the first month with points issued to the cut-off month. */
export interface PointsDevelopment {
  /** Day number of the ledger's last date, the cut-off. */
  cutoffDay: number;
  cutoffMonth: number;
  /** One per month from the first issue month to the cut-off month (months without issue have 0). */
  cohorts: CohortFlows[];
}

interface Lot {
  month: number;
  left: number;
}

/**
 * FIFO-match the transactions. A customer whose points taken away exceed their balance at some
 * date is a UserInputError whose field is `transactions[i]`, i the index of the transaction where
 * the balance goes negative.
 */
export function fifoDevelopment(transactions: readonly PointsTransaction[]): PointsDevelopment {
  if (transactions.length === 0) throw new Error('no transactions');
  let cutoffDay = -Infinity;
  let firstIssueDay = Infinity;
  for (const t of transactions) {
    cutoffDay = Math.max(cutoffDay, t.day);
    if (t.points > 0) firstIssueDay = Math.min(firstIssueDay, t.day);
  }
  const cutoffMonth = monthOfDay(cutoffDay);
  const firstMonth = Number.isFinite(firstIssueDay) ? monthOfDay(firstIssueDay) : cutoffMonth;
  const cohorts: CohortFlows[] = [];
  for (let month = firstMonth; month <= cutoffMonth; month++) {
    const ages = cutoffMonth - month + 1;
    cohorts.push({ month, issued: 0, redeemed: new Array<number>(ages).fill(0), expired: new Array<number>(ages).fill(0) });
  }
  const byCustomer = new Map<string, number[]>();
  transactions.forEach((t, index) => {
    const list = byCustomer.get(t.customerId);
    if (list === undefined) byCustomer.set(t.customerId, [index]);
    else list.push(index);
  });
  const monthCache = new Map<number, number>();
  const month = (day: number): number => {
    let value = monthCache.get(day);
    if (value === undefined) monthCache.set(day, (value = monthOfDay(day)));
    return value;
  };
  for (const [customerId, indices] of byCustomer) {
    // Stable sort: by date, then points added before points taken away, then file order.
    indices.sort((a, b) => transactions[a].day - transactions[b].day || Number(transactions[a].points < 0) - Number(transactions[b].points < 0) || a - b);
    const lots: Lot[] = [];
    let head = 0;
    let balance = 0;
    for (const index of indices) {
      const t = transactions[index];
      const m = month(t.day);
      if (t.points > 0) {
        lots.push({ month: m, left: t.points });
        cohorts[m - firstMonth].issued += t.points;
        balance += t.points;
        continue;
      }
      let take = -t.points;
      if (take === 0) continue;
      if (take > balance + 1e-9 * Math.max(1, balance)) {
        throw new UserInputError(
          `customer '${customerId}' ${t.kind === 'redeem' ? 'redeems' : t.kind === 'expire' ? 'expires' : 'takes away'} ${formatPoints(take)} points on ${isoDate(t.day)} but has only ${formatPoints(balance)} left`,
          { field: `transactions[${index}]` },
          'A customer cannot redeem or lose more points than they earned before: check this row and the customer\'s earlier rows (points earned later count only from their date).',
        );
      }
      balance -= take;
      while (take > 0 && head < lots.length) {
        const lot = lots[head];
        const used = Math.min(lot.left, take);
        lot.left -= used;
        take -= used;
        const cohort = cohorts[lot.month - firstMonth];
        const age = m - lot.month;
        if (t.kind === 'redeem') cohort.redeemed[age] += used;
        else if (t.kind === 'expire') cohort.expired[age] += used;
        else cohort.issued -= used;
        if (lot.left <= 1e-9) head++;
      }
    }
  }
  return { cutoffDay, cutoffMonth, cohorts };
}

function formatPoints(value: number): string {
  return Number(value.toPrecision(12)).toString();
}
