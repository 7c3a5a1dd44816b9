/**
 * The points ledger `generate --points` writes (read back by `breakage`, points-transactions-csv.ts)
 * and the truth about its cohorts (`--points-truth`), as CSV text. The ledger and the truth are
 * drawn by run/generate-points-ledger.ts.
 */
import { isoDate } from './calendar.js';

export type GeneratedPointsKind = 'earn' | 'redeem' | 'expire';

/** One row of the ledger: points positive when earned, negative when redeemed or expired. */
export interface GeneratedPointsRow {
  customer: number;
  day: number;
  points: number;
  kind: GeneratedPointsKind;
}

/** What the points of one month of issue became. */
export interface PointsCohortTruth {
  /** Month of issue, YYYY-MM (`all` for the sums over the months). */
  cohort: string;
  issued: number;
  /** Redeemed by the history's end date: what the ledger shows. */
  redeemedByEnd: number;
  /** Redeemed in the end, through the run-off. */
  redeemed: number;
  /** Expired or forfeited in the end. */
  expired: number;
  /** Still held at the run-off's end by customers who had stopped buying: never redeemed. */
  heldByLapsed: number;
  /** Still held at the run-off's end by customers still buying. */
  heldByActive: number;
  /** redeemed / issued. */
  ultimateRate: number;
}

/** Header `customer_id,date,points,type`, one line per row, in chunks of about `rowsPerChunk` rows. */
export function* pointsLedgerCsvChunks(rows: readonly GeneratedPointsRow[], customerId: (index: number) => string, rowsPerChunk = 10_000): Generator<string> {
  let chunk = 'customer_id,date,points,type\n';
  const dateCache = new Map<number, string>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let date = dateCache.get(row.day);
    if (date === undefined) dateCache.set(row.day, (date = isoDate(row.day)));
    chunk += `${customerId(row.customer)},${date},${row.points},${row.kind}\n`;
    if ((i + 1) % rowsPerChunk === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Header `cohort,issued,redeemed_by_end,redeemed,expired,held_by_lapsed,held_by_active,ultimate_rate`,
 * one line per month of issue and a last line `all`; numbers to 15 significant digits.
 */
export function pointsTruthCsvText(cohorts: readonly PointsCohortTruth[], overall: PointsCohortTruth): string {
  const number = (value: number) => (Number.isFinite(value) ? String(Number(value.toPrecision(15))) : '');
  let text = 'cohort,issued,redeemed_by_end,redeemed,expired,held_by_lapsed,held_by_active,ultimate_rate\n';
  for (const c of [...cohorts, overall]) {
    text += [c.cohort, c.issued, c.redeemedByEnd, c.redeemed, c.expired, c.heldByLapsed, c.heldByActive, c.ultimateRate].map((v) => (typeof v === 'string' ? v : number(v))).join(',') + '\n';
  }
  return text;
}
