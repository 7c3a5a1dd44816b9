/**
 * A points ledger drawn by the engine's own program rules, with the truth about its breakage, so
 * that `breakage` can be checked against what the points really became (`generate --points`,
 * docs/methods.md section 5, "Breakage from a points ledger").
 *
 * The program's members (generate --program-members) are run through the program's policy (the
 * same PointsAccount and PointsLedger the simulation uses) over their purchases from their join
 * day: an enrolment on the join day, each purchase (redeem first, then earn, as the policy does),
 * and a month end at the end of every calendar month, where points expire. Months are calendar
 * months, as a business's ledger has them; a month end is processed on the first day of the next
 * month, its expiries dated the month's last day. The uniforms the policy decides by (whether a
 * member ever redeems, whether they redeem on a purchase, a month end's) come from a stream of
 * their own, `seed:points`.
 *
 * The ledger's rows are the points issued, redeemed and expired (or forfeited) up to the history's
 * end date. The truth: after the end the members go on buying by the generator's process
 * (`ContinueCustomer`, from the stream `seed:points-run-off`) through RUN_OFF_MONTHS calendar
 * months, as the engine's run-off does (programs/run-off.ts), and the ledger's own first-in
 * first-out record says, per month of issue up to the end's month, how many of its points were
 * redeemed in the end. What is still held then is split into points held by customers who had
 * stopped buying (never redeemed: breakage) and by customers still buying (counted as not
 * redeemed, a bound the run-off's length sets).
 */
import { dayNumber } from '../data/calendar.js';
import type { GeneratedPointsRow, PointsCohortTruth } from '../data/generated-points-csv.js';
import type { GeneratedMembers, GeneratedTransactions } from '../data/transaction-csv.js';
import { UserInputError } from '../errors.js';
import { monthLabel, monthOfDay } from '../metrics/fifo-points.js';
import type { ContinueCustomer } from '../model/generate-transactions.js';
import { SeededVariateSource } from '../model/seeded-variate-source.js';
import { unitsToPoints } from '../programs/points-ledger.js';
import { MemberEvent, ProgramEventOutcome, type ProgramContext } from '../programs/program.js';
import { checkResolvedProgram, createProgramPolicy, type ResolvedProgram } from '../programs/registry.js';
import { RUN_OFF_MONTHS } from '../programs/run-off.js';

export interface GeneratedPointsLedger {
  rows: GeneratedPointsRow[];
  cohorts: PointsCohortTruth[];
  /** The sums over the cohorts, labelled `all`. */
  overall: PointsCohortTruth;
}

export interface PointsLedgerOptions {
  /** A program of a type that keeps points (bonus, tiered, paid with points, coalition). */
  program: ResolvedProgram;
  /** The YAML key or file the program came from, for messages. */
  field: string;
  seed: string | number;
  /** First and last day of the history. */
  startDay: number;
  endDay: number;
}

function firstDayOfMonth(month: number): number {
  return dayNumber(Math.floor(month / 12), (month % 12) + 1, 1);
}

/** The ledger and its truth (module doc) for the members of a generated history. */
export function generatePointsLedger(
  generated: GeneratedTransactions,
  members: GeneratedMembers,
  continueCustomer: ContinueCustomer,
  options: PointsLedgerOptions,
): GeneratedPointsLedger {
  const { startDay, endDay } = options;
  const startMonth = monthOfDay(startDay);
  const endMonth = monthOfDay(endDay);
  const horizonMonths = endMonth - startMonth + 1;
  const context: ProgramContext = { horizonMonths, categoryNames: generated.categories.length > 0 ? generated.categories.map((c) => c.name) : ['all'] };
  const program = checkResolvedProgram(options.program, options.field, context);
  const policy = createProgramPolicy(program.type, context);
  policy.configure(program);
  const ledger = policy.heldPoints?.() ?? null;
  if (ledger === null) {
    throw new UserInputError(`a ${program.type} program keeps no points`, { field: options.field }, 'Give a program that earns points, e.g. type: bonus.');
  }

  // Each member's purchases in the history from the join day (returns do not change points).
  const memberIndex = new Int32Array(generated.customers).fill(-1);
  members.customer.forEach((c, i) => {
    memberIndex[c] = i;
  });
  const purchases: { day: number[]; cents: number[]; category: number[] }[] = Array.from({ length: members.customer.length }, () => ({ day: [], cents: [], category: [] }));
  for (let r = 0; r < generated.purchases; r++) {
    const i = memberIndex[generated.customer[r]];
    if (i < 0 || generated.amountCents[r] <= 0 || generated.day[r] < members.joinDay[i]) continue;
    purchases[i].day.push(generated.day[r]);
    purchases[i].cents.push(generated.amountCents[r]);
    purchases[i].category.push(generated.category[r]);
  }

  const uniforms = new SeededVariateSource(`${options.seed}:points`);
  const runOffDraws = new SeededVariateSource(`${options.seed}:points-run-off`);
  const lastMonth = endMonth + RUN_OFF_MONTHS;
  const runOffEndDay = firstDayOfMonth(lastMonth + 1) - 1;
  const emptyCohort = () => ({ issued: 0, redeemedByEnd: 0, redeemed: 0, heldByLapsed: 0, heldByActive: 0 });
  const cohorts = Array.from({ length: horizonMonths }, emptyCohort);
  const rows: GeneratedPointsRow[] = [];
  const event = new MemberEvent();
  const out = new ProgramEventOutcome();

  members.customer.forEach((c, i) => {
    const own = purchases[i];
    const stillActive = continueCustomer(c, runOffEndDay, runOffDraws, (day, cents, category) => {
      own.day.push(day);
      own.cents.push(cents);
      own.category.push(category);
    });
    /** Rows of the event just processed on `day` (in the history only); the points issued counted by month of issue. */
    const record = (day: number, issueMonth: number) => {
      if (out.pointsIssued > 0 && issueMonth <= endMonth) cohorts[issueMonth - startMonth].issued += out.pointsIssued;
      if (day > endDay) return;
      if (out.pointsRedeemed > 0) rows.push({ customer: c, day, points: -out.pointsRedeemed, kind: 'redeem' });
      if (out.pointsIssued > 0) rows.push({ customer: c, day, points: out.pointsIssued, kind: 'earn' });
      const lost = out.pointsExpired + out.pointsForfeited;
      if (lost > 0) rows.push({ customer: c, day, points: -lost, kind: 'expire' });
    };
    const redeemedByEnd = new Float64Array(horizonMonths);
    let snapshotTaken = false;
    /** Before the first event after the end date: what each cohort had redeemed by then. */
    const snapshotBefore = (day: number) => {
      if (snapshotTaken || day <= endDay) return;
      for (let l = 0; l < horizonMonths; l++) redeemedByEnd[l] = unitsToPoints(ledger.redeemedUnitsOfLot(l));
      snapshotTaken = true;
    };
    const joinDay = members.joinDay[i];
    let month = monthOfDay(joinDay);
    let member = true;
    event.day = joinDay - startDay;
    event.month = month - startMonth;
    event.uniform = uniforms.next();
    out.clear();
    policy.enrol(event, out);
    record(joinDay, month);
    let next = 0;
    for (; month <= lastMonth && member; month++) {
      const monthEndDay = firstDayOfMonth(month + 1);
      for (; next < own.day.length && own.day[next] < monthEndDay; next++) {
        snapshotBefore(own.day[next]);
        event.day = own.day[next] - startDay;
        event.month = month - startMonth;
        event.amount = own.cents[next] / 100;
        event.category = Math.max(0, own.category[next]);
        event.uniform = uniforms.next();
        out.clear();
        policy.purchase(event, out);
        record(own.day[next], month);
      }
      snapshotBefore(monthEndDay - 1);
      event.day = monthEndDay - startDay;
      event.month = month - startMonth;
      event.uniform = uniforms.next();
      out.clear();
      policy.monthEnd(event, out);
      record(monthEndDay - 1, month);
      member = out.member;
    }
    // A membership that ended within the history: what it redeemed by then is all it redeems.
    snapshotBefore(Infinity);
    const active = stillActive && member;
    for (let l = monthOfDay(joinDay) - startMonth; l < horizonMonths; l++) {
      const cohort = cohorts[l];
      const redeemed = unitsToPoints(ledger.redeemedUnitsOfLot(l));
      const held = unitsToPoints(ledger.lotUnits(l));
      cohort.redeemedByEnd += redeemedByEnd[l];
      cohort.redeemed += redeemed;
      if (active) cohort.heldByActive += held;
      else cohort.heldByLapsed += held;
    }
    // Done with this member: let its purchases, run-off included, be collected.
    purchases[i] = { day: [], cents: [], category: [] };
  });

  const truth = (label: string, c: (typeof cohorts)[number]): PointsCohortTruth => {
    const expired = c.issued - c.redeemed - c.heldByLapsed - c.heldByActive;
    return { cohort: label, ...c, expired, ultimateRate: c.issued > 0 ? c.redeemed / c.issued : NaN };
  };
  const total = cohorts.reduce(
    (sum, c) => ({
      issued: sum.issued + c.issued,
      redeemedByEnd: sum.redeemedByEnd + c.redeemedByEnd,
      redeemed: sum.redeemed + c.redeemed,
      heldByLapsed: sum.heldByLapsed + c.heldByLapsed,
      heldByActive: sum.heldByActive + c.heldByActive,
    }),
    emptyCohort(),
  );
  // Rows by date (a stable sort keeps each member's order within a day).
  rows.sort((a, b) => a.day - b.day);
  return { rows, cohorts: cohorts.map((c, l) => truth(monthLabel(startMonth + l), c)), overall: truth('all', total) };
}
