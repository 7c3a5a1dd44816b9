/**
 * The program interface. A program is a policy that reacts to the events of one member's life —
 * enrol, purchase, month end, leave — and reports what each event gave away, earned or cost.
 * The engine owns time, randomness and tallies; a program owns its rules and its member state.
 *
 * The engine simulates one customer at a time from enrolment to the end of the horizon before it
 * moves to the next, so a policy keeps the state of the current member only (in fields and typed
 * arrays allocated once) and `enrol` resets it. Nothing is allocated per event: every event
 * writes into an outcome object the engine clears and reuses.
 *
 * A program type is one module (`ProgramModule`, in programs/types/): its YAML schema, the only
 * source of its parameters and their types, its policy and optional hooks. A new type is one new
 * module plus one entry in the list of registry.ts.
 */
import type * as z from 'zod';
import type { Drawn } from '../schema/draw-assumptions.js';
import type { ProgramCommon } from './common.js';
import { OUTCOME_FLOWS, type OutcomeField } from './flows.js';
import type { PointsLedger } from './points-ledger.js';

export type { CostParameters, EffectParameters, EnrolmentParameters, ProgramCommon, ReferralParameters } from './common.js';

/** Fixed facts a policy may size its state by; the same for every iteration of a run. */
export interface ProgramContext {
  horizonMonths: number;
  /** Category names; purchases carry the index into this list. */
  categoryNames: readonly string[];
}

/**
 * What one event gave, earned or cost. Flows (money and points of this event) and, after a month
 * end, the member's stocks at that month end: one number field per entry of FLOWS (flows.ts) that
 * has an `outcome` name (discount, pointsIssued, feesCollected, pointsOutstanding, ...); see there for
 * each one's meaning. The engine clears it before every event and adds it into the tallies after.
 * Money is in the data's currency, points in points (multiples of 1/1024, see points-ledger.ts).
 */
export interface ProgramEventOutcome extends Record<OutcomeField, number> {}
export class ProgramEventOutcome {
  /** Whether the customer is still a member after this month end (false ends the membership). */
  member = true;
  /**
   * A promise a month end may make: if the member has no event (purchase, leave) before it, every
   * month end before month `quietUntilMonth` gives no flows, the same stocks and the same `member`
   * as this one (no expiry, fee or review falls due). The engine then repeats this month end's
   * stocks instead of calling the policy. Infinity: nothing ever happens on its own. The default,
   * 0, promises nothing: the policy is called at every month end.
   */
  quietUntilMonth = 0;
  /**
   * Breakdown group (see ProgramPolicyType.breakdownGroups) the member is in after this event, as
   * an index into the groups; -1 (the default) keeps the current group. A member starts in group 0
   * unless `enrol` says otherwise. The flows of an event count for the group the member was in
   * when it happened; a month end's members count for the group after it.
   */
  group = -1;
  /**
   * Fees. An event that charges fees sets `feesCollected` (their sum, cash) and `feePayments` (how
   * many), and says what they pay for: the service period of `feePeriodDays` days from day
   * `feePeriodStartDay` (days since the start of the horizon, not before the event's month). The
   * engine (sim/membership.ts) books the cash in the month that contains the period's first day,
   * or not at all when the period starts at or after the horizon's end, and the revenue over the
   * months the period overlaps, pro rata by day; the part after the horizon is deferred.
   * `feePeriodDays` 0 (the default): the fees are earned at once, when charged. An event that
   * charges fees sets the period itself; the engine resets it after booking (`clearFeePeriod`).
   */
  feePeriodStartDay = 0;
  feePeriodDays = 0;
  /**
   * Of `feesCollected`, the part earned when charged whatever the period says: a card fee, paid for
   * a card handed over on joining, charged together with a first membership fee that pays for a
   * period (a paid club with a points card). 0: the whole sum is earned over the period.
   */
  feeEarnedAtOnce = 0;

  constructor() {
    zeroOutcomeFields(this);
  }

  clear(): void {
    zeroOutcomeFields(this);
    this.member = true;
    this.quietUntilMonth = 0;
    this.group = -1;
  }

  /**
   * Reset what an event says about its fees (feePeriodStartDay, feePeriodDays, feeEarnedAtOnce).
   * Not part of `clear`, which runs before every purchase: the engine calls it once it has booked
   * an event's fees, so the fields are 0 again for every event that charges none.
   */
  clearFeePeriod(): void {
    this.feePeriodStartDay = 0;
    this.feePeriodDays = 0;
    this.feeEarnedAtOnce = 0;
  }
}

/**
 * Set every declared outcome field to 0: `outcome.discount = 0; outcome.pointsPayments = 0; ...`,
 * compiled once from the list. Written out rather than looped over names because it runs before
 * every event of the simulation: a store per named field is what V8 makes fastest, where a loop of
 * stores by computed key would go through a generic lookup each time.
 */
const zeroOutcomeFields = new Function(
  'outcome',
  OUTCOME_FLOWS.map((flow) => `outcome.${flow.outcome} = 0;`).join('\n'),
) as (outcome: ProgramEventOutcome) => void;

/**
 * The facts of one event, passed to the policy. The engine reuses one object and updates its
 * fields in place: V8 boxes floating-point arguments of calls it cannot inline (a policy call is
 * one), which would allocate on every purchase; fields of a reused object do not.
 */
export class MemberEvent {
  /** Days since the start of the horizon. */
  day = 0;
  /** 0-based month of the horizon. */
  month = 0;
  /** Purchase: price at list price, after the program's spend effect. */
  amount = 0;
  /** Purchase: index into the context's category names. */
  category = 0;
  /**
   * A uniform draw in (0, 1), the same in every world: on enrolment the member's own draw for what a
   * program decides once per member (e.g. whether they ever redeem); on a purchase that purchase's
   * draw (e.g. whether points are redeemed); at a month end the member's draw for that month (e.g.
   * whether they renew), a function of the member and the month only.
   */
  uniform = 0.5;
  /**
   * Enrolment: the member's own traits as a non-member (see EnrolmentCandidate): purchase rate per
   * day, expected purchase value, dropout probability per purchase. Not updated by other events.
   */
  ratePerDay = 0;
  meanPurchaseValue = 0;
  dropout = 0;
}

/**
 * What the engine knows about a customer when a policy decides enrolment itself
 * (`ProgramPolicy.decidesEnrolment`): the customer's own drawn traits, as a non-member. The engine
 * reuses one object for every customer.
 */
export class EnrolmentCandidate {
  /**
   * Day the customer would join: their first purchase in the horizon (for a new customer, on
   * arrival), or the later day a gradual launch opens the program to them, or the start of their
   * simulation with `enrolment.at: start` (docs/methods.md section 6).
   */
  day = 0;
  /** Purchase rate while active, per day (before the program's frequency effect). */
  ratePerDay = 0;
  /** Expected value of one purchase (before the program's spend effect). */
  meanPurchaseValue = 0;
  /** Probability of dropping out after each purchase (before the program's churn effect). */
  dropout = 0;
  /** The customer's enrolment uniform in (0, 1): noise of the decision. */
  uniform = 0.5;
}

/** One program's rules for one member at a time. */
export interface ProgramPolicy<P = ProgramCommon> {
  /** Take this iteration's resolved parameters. Called once per iteration, before any member. */
  configure(parameters: P): void;
  /** A customer joins (`day`, `month`, `uniform`). Resets the member state. */
  enrol(event: MemberEvent, out: ProgramEventOutcome): void;
  /** The member buys (`day`, `month`, `amount`, `category`, `uniform`). */
  purchase(event: MemberEvent, out: ProgramEventOutcome): void;
  /**
   * End of `event.month` on `event.day` ((month + 1) x DAYS_PER_MONTH, or the horizon's end when it
   * falls inside its last month): expiry, fees, reviews; report the member's stocks in `out` (and, to save
   * work, until when nothing will change on its own: `out.quietUntilMonth`).
   */
  monthEnd(event: MemberEvent, out: ProgramEventOutcome): void;
  /** The customer stops buying for good (drops out) on `day`. Month ends still follow. */
  leave(event: MemberEvent, out: ProgramEventOutcome): void;

  /**
   * The ledger of the member's points (or stamps), for programs that keep one; null or absent for
   * programs without points. The engine reads it at the horizon's end and through the run-off
   * (run-off.ts); it never changes it.
   */
  heldPoints?(): PointsLedger | null;

  // Optional hooks, asked after `configure` for the iteration.

  /** True when this iteration's enrolment is decided by `joins` instead of `enrolment.share`. */
  decidesEnrolment?(): boolean;
  /** Whether a customer who shops in the horizon joins (called once per customer when `decidesEnrolment()`). */
  joins?(candidate: EnrolmentCandidate): boolean;
  /**
   * New customers per month reaching the business through the program (e.g. a coalition's
   * network), a Poisson process. They exist in the program's world only and join on arrival
   * (unless `decidesEnrolment`: then `joins` decides for them as for everyone).
   */
  arrivalsPerMonth?(): number;
  /**
   * Share of non-members who buy with a benefit anyway (shared discount codes), in [0, 1]. Who they
   * are is decided once per customer, by a uniform of their own, the same in every world.
   */
  nonMemberShare?(): number;
  /**
   * A purchase by one of those non-members (`day`, `month`, `amount`, `category`, `uniform`): the
   * benefit they get, without membership and its costs. Must not read or change member state.
   */
  nonMemberPurchase?(event: MemberEvent, out: ProgramEventOutcome): void;
}

/** Extra sections a program type adds to its report (computed in metrics/ from the tallies). */
export type ReportSection =
  /** The monthly settlement with a coalition operator or its partners: payments in, out and net. */
  'settlement';

/**
 * A program type's YAML schema: a strict object whose `type` key is the type's name. Its output,
 * with every uncertain value replaced by one iteration's draw, is the policy's parameters.
 */
export type ProgramSchema = z.ZodObject<{ type: z.ZodLiteral<string> } & z.ZodRawShape>;

/** One iteration's parameters of a program of the schema's type. */
export type ResolvedParameters<S extends ProgramSchema> = Drawn<z.output<S>>;

/** A program type: its schema, its policy, and the optional hooks the engine and reports ask. */
export interface ProgramModule<S extends ProgramSchema = ProgramSchema> {
  /** The only source of the type's parameters, their defaults, ranges and messages. */
  readonly schema: S;
  create(context: ProgramContext): ProgramPolicy<ResolvedParameters<S>>;
  /**
   * Checks the schema cannot make because they need the run's context (e.g. that listed categories
   * are in the data): throw a UserInputError naming `field` (e.g. `programs[1].points.byCategory`).
   */
  checkContext?(parameters: ResolvedParameters<S>, field: string, context: ProgramContext): void;
  /**
   * Named groups members are in (tiers Red / Silver / Gold, ...), the same in every iteration. The
   * engine then tallies members, sales and profit per group and month (sim/tally.ts, "Breakdown");
   * the policy says which group a member is in with `ProgramEventOutcome.group`.
   */
  breakdownGroups?(parameters: ResolvedParameters<S>): readonly string[];
  /**
   * What one point (or stamp) is worth to the member, in the currency, for programs whose members
   * hold points; absent (or NaN) for the others. The points' stand-alone selling price of IFRS 15
   * and the face value of the points outstanding are priced by it (metrics/points-accounting.ts).
   */
  pointFaceValue?(parameters: ResolvedParameters<S>): number;
  /** Extra report sections of the type. */
  readonly reportSections?: readonly ReportSection[];
}

/** A module for the schema, with the type's name checked by the compiler. */
export function programModule<S extends ProgramSchema>(module: ProgramModule<S>): ProgramModule<S> {
  return module;
}
