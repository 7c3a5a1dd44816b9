/**
 * One Monte Carlo iteration: every customer realised once, in the baseline world and in every
 * program world, from the same random numbers (docs/methods.md sections 6 and 7).
 *
 * The parts, each in its own file:
 * - customer traits: drawn by the customer model (model/customer-trait-model.ts; BG/NBD with
 *   Gamma-Gamma spend) into the typed arrays of customer-table.ts. Existing customers are active at
 *   the start or not, and draw from the posterior given their history; new customers arrive as a
 *   Poisson process (newCustomersPerMonth, arrivals.ts), make their first purchase on arrival (no
 *   dropout after it: BG/NBD drops out only after repeat purchases) and draw from the population;
 * - who joins, and from when: enrolment-pass.ts. A chosen customer joins at a purchase (their
 *   first in the horizon, or the first after a gradual launch opens the program to them) or at the
 *   start (`enrolment.at: start`); up to then they are the baseline's customer, purchase for purchase;
 * - each customer's purchase sequence, drawn once and replayed by every world: purchase-sequence.ts;
 * - a member's enrolment, leaving and month ends: membership.ts; their breakdown groups:
 *   breakdown-book.ts; what an event's outcome adds to the tallies: tally.ts.
 *
 * Members of a program buy at rate lambda (1 + frequencyUplift), drop out with probability
 * p (1 - churnReduction) / (1 + frequencyUplift), which keeps their dropout rate in calendar time
 * (or p (1 - churnReduction) with `dropoutKept: perPurchase`; programs/common.ts, memberDropout),
 * and spend values x (1 + spendUplift). A program with zero effects multiplies by exactly 1, hence
 * reproduces the baseline bit for bit.
 *
 * Common random numbers. Each customer has two streams keyed by (seed, iteration, customer): one
 * for traits (active, lambda, p, nu, then the enrolment and program uniforms), one for the
 * purchase sequence. The loop is customer-major: for each customer the baseline, then each
 * program world. That keeps the customer's entries in cache and gives every program world the
 * customer's baseline purchase count (for the subsidy tally) and baseline gross profit.
 *
 * Hooks of program types (programs/program.ts), each costing nothing when unused:
 * - enrolment decided by the policy (`decidesEnrolment` / `joins`);
 * - customers who exist in one program world only: arrivals through the program
 *   (`arrivalsPerMonth`) and customers brought by members (`referral`). They are simulated after
 *   every customer of the iteration, world by world, as members from arrival (unless the policy
 *   decides enrolment and says no), from streams keyed by (seed, iteration, purpose, world) so that
 *   they touch no other world's random numbers; a referred customer may bring customers in turn;
 * - benefits to a share of non-members (`nonMemberShare` / `nonMemberPurchase`: shared codes),
 *   decided by the customer's program uniform, which non-members do not otherwise use;
 * - breakdown groups: per-group tallies of members, sales and profit (tally.ts, "Breakdown");
 * - points (`heldPoints`): the run-off after the horizon (programs/run-off.ts, `runOff` below).
 */
import { setFlagsFromString } from 'node:v8';
import { BgNbdTraitModel } from '../model/bg-nbd-traits.js';
import type { CustomerTraitModel } from '../model/customer-trait-model.js';
import { memberDropout } from '../programs/common.js';
import type { ProgramPolicy } from '../programs/program.js';
import { UNITS_PER_POINT, unitsToPoints, type PointsLedger } from '../programs/points-ledger.js';
import { RUN_OFF_MONTHS } from '../programs/run-off.js';
import { MemberEvent, ProgramEventOutcome } from '../programs/program.js';
import { createProgramPolicy, type ResolvedProgram } from '../programs/registry.js';
import { BreakdownBook } from './breakdown-book.js';
import { DAYS_PER_MONTH, monthOfDay } from './calendar.js';
import { CustomerSample, samplingOrder } from './customer-sample.js';
import { CustomerTable, JOINS_AT_START, NEVER_JOINS } from './customer-table.js';
import { EnrolmentPass } from './enrolment-pass.js';
import { sharedFloat64Array } from './shared-memory.js';
import { Membership } from './membership.js';
import { PurchaseSequence, returnUniform } from './purchase-sequence.js';
import { IterationKey, StreamPurpose, worldPurpose } from './random-stream.js';
import type { ResolvedIteration, SimulationInput } from './simulation-input.js';
import { WorldCustomers } from './world-customers.js';
import { WorldParameters } from './world-parameters.js';
import { addOutcomeFlows, breakdownLayout, CHURN_WINDOW_MONTHS, iterationTallyLength, Tally, TALLY_FIELD_COUNT } from './tally.js';

// The purchase loop below calls small methods of the policy, the purchase sequence, the breakdown
// and the tallies on every purchase. V8 inlines callees into an optimised function only up to a
// cumulative bytecode budget (920 bytes by default); with a program's hooks and breakdown groups
// the loop's callees exceed it and the hottest calls stay out of line (measured on rail-card.yaml
// with one worker: 8.4 s against 7.2 s of CPU with the larger budget). The budget is a V8 flag,
// process-wide (worker threads share it), read when a function is optimised: set here, when the
// engine is loaded and before the loop first runs. It changes which calls are inlined, not what
// any of them computes.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=3000');

const F = TALLY_FIELD_COUNT;
// Field offsets as module constants: the hot loop then adds constants instead of loading `Tally.x`.
const REVENUE = Tally.revenue;
const COST_OF_GOODS = Tally.costOfGoods;
const PURCHASES = Tally.purchases;
const RETURNED_PURCHASES = Tally.returnedPurchases;
const RETURNED_REVENUE = Tally.returnedRevenue;
const MEMBER_PURCHASES = Tally.memberPurchases;
const MEMBER_REVENUE = Tally.memberRevenue;
const MEMBER_GROSS_PROFIT = Tally.memberGrossProfit;
const MEMBER_BASELINE_GROSS_PROFIT = Tally.memberBaselineGrossProfit;
const OPERATING_COST = Tally.operatingCost;
const TRANSACTION_COST = Tally.transactionCost;
const SUBSIDY = Tally.subsidy;
const COHORT_ACTIVE_AT_START = Tally.cohortActiveAtStart;
const COHORT_LAPSED = Tally.cohortLapsed;
const COHORT_DROPPED_OUT = Tally.cohortDroppedOut;
const COHORT_MEMBERS = Tally.cohortMembers;
const COHORT_MEMBERS_DROPPED_OUT = Tally.cohortMembersDroppedOut;
const NON_MEMBER_BENEFIT_PURCHASES = Tally.nonMemberBenefitPurchases;
const SHOPPERS = Tally.shoppers;

/** The parts of the input that stay the same for every iteration. */
export type SimulationSetup = Omit<SimulationInput, 'iterations' | 'annualDiscountRate' | 'horizonDays' | 'horizonMonths'> & {
  annualDiscountRate: number;
  /** The horizon's end in days and its months (the last one partial when it ends inside a month). */
  horizonDays: number;
  horizonMonths: number;
  /** streamWorld: the world number keying the program world's own streams (SimulationInput.streamWorlds). */
  programs: { name: string; type: string; breakdownGroups: string[]; streamWorld?: number }[];
  /** With a customer sample: its sorted order and spreads (sampleOrdering), computed once for every thread. */
  sampleOrdering?: SampleOrdering;
};

/** The existing customers in sampling order, and each one's allocation spread s_i (customer-sample.ts). */
export interface SampleOrdering {
  order: Int32Array;
  spread: Float64Array;
}

/**
 * The sampling order and spreads of `customers` under `model`: m_i = P(active) x E[revenue rate |
 * active] sorted ascending, s_i = sqrt(P(active)) x E[revenue rate | active]. With `shared`, in
 * shared memory (for worker threads).
 */
export function sampleOrdering(model: CustomerTraitModel, count: number, shared = false): SampleOrdering {
  const key = new Float64Array(count);
  const spread = shared ? sharedFloat64Array(count) : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const active = model.activeProbability(i);
    const revenue = model.revenueRateWhenActive(i);
    key[i] = active * revenue;
    spread[i] = Math.sqrt(active) * revenue;
  }
  const sorted = samplingOrder(key);
  if (!shared) return { order: sorted, spread };
  const order = new Int32Array(new SharedArrayBuffer(count * Int32Array.BYTES_PER_ELEMENT));
  order.set(sorted);
  return { order, spread };
}

/** The customer model of a setup. */
export function traitModel(setup: Pick<SimulationSetup, 'model' | 'customers'>): CustomerTraitModel {
  return new BgNbdTraitModel(setup.model.bgnbd, setup.model.gammaGamma, setup.model.daysPerPeriod, setup.customers);
}

export class IterationSimulator {
  readonly worldCount: number;
  readonly breakdownLength: number;
  private readonly months: number;
  private readonly horizonDays: number;
  /**
   * Run-off month j (0-based, after the horizon) covers days horizonDays + j x DAYS_PER_MONTH on:
   * the run-off starts at the horizon's exact end. Its month index months + j is that of the day
   * shifted by this (0 for a horizon of whole months, where run-off months are calendar months).
   */
  private readonly runOffShift: number;
  private readonly churnWindowDays: number;
  private readonly model: CustomerTraitModel;
  private readonly policies: ProgramPolicy<ResolvedProgram>[];
  private readonly outcome = new ProgramEventOutcome();
  private readonly event = new MemberEvent();
  private readonly customers: CustomerTable;
  private readonly enrolment: EnrolmentPass;
  private readonly sequence: PurchaseSequence;
  private readonly breakdownBook: BreakdownBook;
  private readonly membership: Membership;

  private readonly worlds: WorldParameters;

  /** The customers an iteration simulates when not all of them (customer-sample.ts). */
  private readonly sample: CustomerSample | null;
  /**
   * Where customers' tallies go, by target: 0 the iteration's own (every customer without a
   * sample; with one, the world-only customers arriving through a program and those they bring),
   * 1 + 2 h + half the sample's stratum h and half (its customers and those they bring), added to
   * target 0 with the stratum's weight when the iteration ends.
   */
  private readonly halfTallies: Float64Array[];
  private readonly halfBreakdown: Float64Array[];
  private readonly activeDiffs: Float64Array[];
  private target = 0;
  private iterationTallies: Float64Array = new Float64Array(0);
  private iterationBreakdown: Float64Array = new Float64Array(0);

  // Scratch per iteration and per customer.
  /** Per world and month: +1 where a customer's active months start, -1 after they end (the current target's). */
  private activeDiff: Float64Array;
  /** The current customer's baseline gross profit per month, over months first .. last. */
  private readonly baselineGrossProfit: Float64Array;
  /** The current member's gross profit per month before joining (the baseline's purchases then), over months 0 .. joining month. */
  private readonly preJoinGrossProfit: Float64Array;
  private baselineFirstMonth = 0;
  private baselineLastMonth = -1;

  /** Discount factor of run-off month j (0-based, after the horizon) to the horizon's end: (1 + r)^-((j + 1) / 12). */
  private readonly runOffDiscount = new Float64Array(RUN_OFF_MONTHS);

  private readonly worldCustomers: WorldCustomers;
  /** Per world: the world number its own streams are keyed by (itself unless the setup says otherwise). */
  private readonly streamWorld: number[];
  private tallies: Float64Array = new Float64Array(0);

  constructor(private readonly setup: SimulationSetup) {
    this.months = setup.horizonMonths;
    this.horizonDays = setup.horizonDays;
    this.runOffShift = setup.horizonDays - setup.horizonMonths * DAYS_PER_MONTH;
    this.churnWindowDays = setup.horizonMonths > CHURN_WINDOW_MONTHS ? CHURN_WINDOW_MONTHS * DAYS_PER_MONTH : setup.horizonDays;
    this.worldCount = setup.programs.length + 1;
    const context = { horizonMonths: setup.horizonMonths, categoryNames: setup.categories.names };
    this.policies = setup.programs.map((program) => createProgramPolicy(program.type, context));
    this.model = traitModel(setup);
    const population = setup.customers.count;
    const sampleSize = setup.customerSample;
    if (sampleSize !== undefined && sampleSize < population) {
      const { order, spread } = setup.sampleOrdering ?? sampleOrdering(this.model, population);
      this.sample = new CustomerSample(order, spread, sampleSize);
    } else {
      this.sample = null;
    }
    this.customers = new CustomerTable(this.worldCount, population, this.sample);
    this.enrolment = new EnrolmentPass(this.model, this.customers);

    const w = this.worldCount;
    this.worlds = new WorldParameters(w, setup.categories.names.length);
    this.streamWorld = [0, ...setup.programs.map((program, i) => program.streamWorld ?? i + 1)];
    this.worldCustomers = new WorldCustomers(w, this.months, this.horizonDays, this.worlds, this.streamWorld);
    const layout = breakdownLayout(
      setup.programs.map((program) => program.breakdownGroups ?? []),
      setup.horizonMonths,
    );
    this.breakdownLength = layout.length;
    this.sequence = new PurchaseSequence(this.customers, this.model.purchaseValueShape, setup.categories.revenueShares);
    this.breakdownBook = new BreakdownBook(w, layout, this.event, this.worlds, this.sequence);
    this.membership = new Membership(this.event, this.outcome, this.breakdownBook, this.worlds, this.months, this.horizonDays);

    const sampleTargets = this.sample === null ? 0 : this.sample.targets;
    this.activeDiffs = Array.from({ length: 1 + sampleTargets }, () => new Float64Array(w * (this.months + 1)));
    this.activeDiff = this.activeDiffs[0];
    this.halfTallies = Array.from({ length: sampleTargets }, () => new Float64Array(this.tallyLength));
    this.halfBreakdown = Array.from({ length: sampleTargets }, () => new Float64Array(this.breakdownLength));
    this.baselineGrossProfit = new Float64Array(this.months);
    this.preJoinGrossProfit = new Float64Array(this.months);
    for (let j = 0; j < RUN_OFF_MONTHS; j++) this.runOffDiscount[j] = Math.pow(1 + setup.annualDiscountRate, -(j + 1) / 12);
  }

  /** Length of the tally block of one iteration. */
  get tallyLength(): number {
    return iterationTallyLength(this.worldCount, this.months);
  }

  /** The sample's size and weight, or null when every customer is simulated. */
  get customerSample(): CustomerSample | null {
    return this.sample;
  }

  /**
   * Simulate iteration `iteration` into `out` (length `tallyLength`) and `breakdownOut` (length
   * `breakdownLength`), both overwritten. With a customer sample, `halfDifference` (length
   * `tallyLength`), when given, receives W (A - B) for the halves' tallies A and B: the estimate
   * from half 0 alone is out + halfDifference, from half 1 out - halfDifference.
   */
  run(
    iteration: number,
    resolved: ResolvedIteration,
    out: Float64Array,
    breakdownOut: Float64Array = new Float64Array(this.breakdownLength),
    halfDifference?: Float64Array,
  ): void {
    out.fill(0);
    breakdownOut.fill(0);
    this.iterationTallies = out;
    this.iterationBreakdown = breakdownOut;
    for (const diff of this.activeDiffs) diff.fill(0);
    for (const half of this.halfTallies) half.fill(0);
    for (const half of this.halfBreakdown) half.fill(0);
    this.useTarget(0);
    this.worlds.configure(resolved, this.setup.categories.margins, this.policies, this.setup.returnRate);
    this.customers.draw(this.model, this.setup.seed, iteration, resolved.newCustomersPerMonth ?? this.setup.newCustomersPerMonth, this.horizonDays);
    this.customers.findFirstPurchases(this.setup.seed, iteration, this.horizonDays);
    this.enrolment.solve(resolved.programs, this.policies);
    this.worldCustomers.prepare(this.setup.seed, iteration, out);

    this.simulateCustomers(new IterationKey(this.setup.seed, iteration, StreamPurpose.purchases));
    for (let w = 1; w < this.worldCount; w++) this.simulateWorldCustomers(iteration, w);
    this.finishIteration(resolved.programs, halfDifference);
  }

  /** Tally into target `target` (see halfTallies) from now on. */
  private useTarget(target: number): void {
    this.target = target;
    this.tallies = target === 0 ? this.iterationTallies : this.halfTallies[target - 1];
    this.activeDiff = this.activeDiffs[target];
    this.membership.begin(this.tallies);
    this.breakdownBook.begin(target === 0 ? this.iterationBreakdown : this.halfBreakdown[target - 1]);
  }

  /** Pass 2: every active customer in the baseline, then in each program world. */
  private simulateCustomers(purchaseKey: IterationKey): void {
    const table = this.customers;
    const sampled = this.sample !== null;
    for (let c = 0; c < table.count; c++) {
      if (table.active[c] === 0) continue;
      if (sampled && this.target !== table.sampleTarget[c]) this.useTarget(table.sampleTarget[c]);
      this.sequence.start(purchaseKey, table.source[c], c);
      const baselinePurchases = this.simulateWorld(0, c, NEVER_JOINS, 0);
      for (let w = 1; w < this.worldCount; w++) {
        this.simulateWorld(w, c, table.joinFrom[w * table.capacity + c], baselinePurchases);
      }
      for (let m = this.baselineFirstMonth; m <= this.baselineLastMonth; m++) this.baselineGrossProfit[m] = 0;
      this.baselineLastMonth = -1;
    }
  }

  /**
   * The customers of world `w` only (arrivals through the program, referrals), members from
   * arrival unless the policy decides enrolment. They take the slots after the iteration's
   * customers, reused for every world.
   */
  private simulateWorldCustomers(iteration: number, w: number): void {
    const list = this.worldCustomers.arrivals[w];
    if (list.length === 0) return;
    const table = this.customers;
    const seed = this.setup.seed;
    const traitKey = new IterationKey(seed, iteration, worldPurpose(StreamPurpose.worldCustomerTraits, this.streamWorld[w]));
    const purchaseKey = new IterationKey(seed, iteration, worldPurpose(StreamPurpose.worldCustomerPurchases, this.streamWorld[w]));
    const origins = this.worldCustomers.origins[w];
    // The list grows while its customers bring others.
    for (let j = 0; j < list.length; j++) {
      const c = table.count + j;
      table.ensureRoom(c + 1);
      table.source[c] = table.baseCount + j;
      if (this.target !== origins[j]) this.useTarget(origins[j]);
      table.startDay[c] = list.at(j);
      table.drawNewCustomer(this.model, traitKey, j, c);
      this.sequence.start(purchaseKey, j, c);
      this.simulateWorld(w, c, this.enrolment.worldCustomerJoinFrom(this.policies[w - 1], c), 0);
    }
  }

  /**
   * Customer `c` in world `w`; returns the number of purchases. `joinFrom` says when they join the
   * world's program (customer-table.ts: never, at the start, or at their first purchase on or after
   * that day); `baselinePurchases` is the customer's purchase count in the baseline (world 0).
   *
   * This is the hot loop (every purchase of every customer in every world and iteration): it reads
   * the purchase sequence's arrays and the tallies through locals, calls the policy through one
   * reused event and outcome, and allocates nothing. Everything per member but not per purchase
   * is in membership.ts and breakdown-book.ts.
   */
  private simulateWorld(w: number, c: number, joinFrom: number, baselinePurchases: number): number {
    const out = this.tallies;
    const months = this.months;
    const horizonDays = this.horizonDays;
    const worldOffset = w * months * F;
    const worlds = this.worlds;
    const costShare = worlds.costShare;
    const returnRate = worlds.returnRate;
    const outcome = this.outcome;
    const table = this.customers;
    const sequence = this.sequence;
    const membership = this.membership;
    const breakdown = this.breakdownBook;
    const start = table.startDay[c];
    const startMonth = monthOfDay(start, months);
    const isNew = c >= table.existingCount;
    const churnWindowDays = this.churnWindowDays;
    const lambda = table.ratePerDay[c];
    const dropout = table.dropout[c];

    const chosen = joinFrom !== NEVER_JOINS;
    // A non-member of a program world who buys with a benefit anyway (a shared code).
    const benefitHolder = !chosen && worlds.nonMemberShare[w] > 0 && table.programUniform[c] < worlds.nonMemberShare[w];
    const subsidyFactor = worlds.subsidyFactor[w];
    const perTransaction = worlds.perTransaction[w];
    const policy = chosen ? this.policies[w - 1] : null;
    let grouped = false;
    let member = false;
    let wasMember = false;
    let joinDay = start;
    let invRate = 1 / lambda;
    let dropoutProbability = dropout;
    let valueFactor = 1;
    if (joinFrom === JOINS_AT_START) {
      joinFrom = NEVER_JOINS;
      this.event.day = start;
      this.event.month = startMonth;
      this.join(w, c, worldOffset);
      grouped = breakdown.memberBase >= 0;
      member = wasMember = true;
      invRate = 1 / (lambda * worlds.rateFactor[w]);
      dropoutProbability = memberDropout(dropout, worlds.dropoutFactor[w]);
      valueFactor = worlds.valueFactor[w];
    }

    let day = start;
    let k = 0;
    let purchases = 0;
    let lastActiveMonth = months - 1;
    let boughtInChurnWindow = false;
    let trial = isNew;
    let droppedOut = false;
    // The sequence's arrays in locals; `draw` may replace them when it grows them.
    let entryGap = sequence.gap;
    let entryValue = sequence.value;
    let entryCategory = sequence.category;
    let entryDropUniform = sequence.dropUniform;
    let entryUniform = sequence.uniform;
    for (;;) {
      if (k === sequence.count) {
        sequence.draw();
        entryGap = sequence.gap;
        entryValue = sequence.value;
        entryCategory = sequence.category;
        entryDropUniform = sequence.dropUniform;
        entryUniform = sequence.uniform;
      }
      if (!trial) day += entryGap[k] * invRate;
      if (day >= horizonDays) break;
      // monthOfDay, written out: a call V8 does not inline would box `day`.
      let month = Math.floor(day / DAYS_PER_MONTH);
      if (month >= months) month = months - 1;
      if (day >= joinFrom) {
        // Joins at this purchase: it and everything after it are the member's (the gap to it was
        // the non-member's). Once only: a membership that ends does not start again.
        joinFrom = NEVER_JOINS;
        joinDay = day;
        this.event.day = day;
        this.event.month = month;
        this.join(w, c, worldOffset);
        grouped = breakdown.memberBase >= 0;
        member = wasMember = true;
        invRate = 1 / (lambda * worlds.rateFactor[w]);
        dropoutProbability = memberDropout(dropout, worlds.dropoutFactor[w]);
        valueFactor = worlds.valueFactor[w];
      }
      if (member && !membership.closeMonthsBefore(month)) {
        // Membership ended at a month end: back to non-member behaviour from here on.
        member = false;
        invRate = 1 / lambda;
        dropoutProbability = dropout;
        valueFactor = 1;
      }
      const o = worldOffset + month * F;
      const value = entryValue[k] * valueFactor;
      const category = entryCategory[k];
      const costOfGoods = value * costShare[category];
      if (returnRate > 0 && returnUniform(entryUniform[k]) < returnRate) {
        // Returned, decided by the purchase's own numbers (the same in every world): no revenue,
        // cost of goods or program event; the customer's behaviour below is unchanged.
        out[o + RETURNED_PURCHASES] += 1;
        out[o + RETURNED_REVENUE] += value;
      } else {
        out[o + REVENUE] += value;
        out[o + COST_OF_GOODS] += costOfGoods;
        out[o + PURCHASES] += 1;
        if (w === 0) {
          this.baselineGrossProfit[month] += value - costOfGoods;
          if (this.baselineLastMonth < 0) this.baselineFirstMonth = month;
          this.baselineLastMonth = month;
        } else if (member) {
          const event = this.event;
          event.day = day;
          event.month = month;
          event.amount = value;
          event.category = category;
          event.uniform = entryUniform[k];
          outcome.clear();
          policy!.purchase(event, outcome);
          membership.hadEvent = true;
          // No policy charges a fee on a purchase today; one that does is booked like any other.
          if (outcome.feePayments !== 0) membership.bookFees(month);
          addOutcomeFlows(out, o, outcome);
          out[o + MEMBER_PURCHASES] += 1;
          out[o + MEMBER_REVENUE] += value;
          out[o + MEMBER_GROSS_PROFIT] += value - costOfGoods;
          out[o + OPERATING_COST] += perTransaction;
          out[o + TRANSACTION_COST] += perTransaction;
          if (purchases < baselinePurchases) {
            out[o + SUBSIDY] += (outcome.discount + outcome.pointsPayments + outcome.rewardCost + outcome.benefitCost) * subsidyFactor;
          }
          if (grouped) breakdown.addPurchase(month, outcome, purchases < baselinePurchases ? k : -1);
        } else if (benefitHolder) {
          this.nonMemberPurchase(w, day, month, value, category, entryUniform[k], o, purchases < baselinePurchases);
        } else if (chosen && !wasMember) {
          // Before joining: the baseline's purchase, whose gross profit is not the member's.
          this.preJoinGrossProfit[month] += value - costOfGoods;
        }
      }
      if (day < churnWindowDays) boughtInChurnWindow = true;
      purchases++;
      if (!trial && entryDropUniform[k] < dropoutProbability) {
        droppedOut = true;
        lastActiveMonth = month;
        break;
      }
      trial = false;
      k++;
    }

    let stillMember = false;
    if (member) {
      if (droppedOut) {
        this.event.day = day;
        membership.leave(lastActiveMonth);
      }
      stillMember = membership.closeMonthsBefore(months);
      // Baseline purchases the member did not make count for the group they ended in.
      if (stillMember && grouped && purchases < baselinePurchases) {
        breakdown.addUnpairedBaseline(droppedOut ? lastActiveMonth : months - 1, purchases, baselinePurchases);
      }
    }
    if (wasMember) {
      const ledger = policy!.heldPoints?.() ?? null;
      if (ledger !== null) {
        // Only a member still buying and redeeming at the horizon's end can redeem after it.
        const redeemer = stillMember && !droppedOut && membership.redeemablePoints > 0;
        this.settlePoints(w, ledger, redeemer, k, day, invRate, dropoutProbability, valueFactor);
      }
      // The baseline's gross profit from joining on: its months less the purchases before joining.
      for (let m = this.baselineFirstMonth; m <= this.baselineLastMonth; m++) {
        out[worldOffset + m * F + MEMBER_BASELINE_GROSS_PROFIT] += this.baselineGrossProfit[m] - this.preJoinGrossProfit[m];
      }
      if (worlds.referralsPerDay[w] > 0) {
        const buyingUntil = droppedOut ? day : horizonDays;
        this.worldCustomers.drawReferrals(w, table.source[c], this.target, joinDay, buyingUntil < membership.endDay ? buyingUntil : membership.endDay, out);
      }
    }
    if (chosen) for (let m = 0; m <= lastActiveMonth; m++) this.preJoinGrossProfit[m] = 0;
    if (purchases > 0) out[worldOffset + SHOPPERS] += 1;

    out[worldOffset + startMonth * F + Tally.customers] += 1;
    const diffOffset = w * (months + 1);
    this.activeDiff[diffOffset + startMonth] += 1;
    this.activeDiff[diffOffset + lastActiveMonth + 1] -= 1;
    if (!isNew) {
      out[worldOffset + COHORT_ACTIVE_AT_START] += 1;
      if (!boughtInChurnWindow) out[worldOffset + COHORT_LAPSED] += 1;
      // The dropout itself, known to the simulation (the loop breaks on it before the horizon's end).
      if (droppedOut) out[worldOffset + COHORT_DROPPED_OUT] += 1;
      if (wasMember) {
        out[worldOffset + COHORT_MEMBERS] += 1;
        if (droppedOut) out[worldOffset + COHORT_MEMBERS_DROPPED_OUT] += 1;
      }
    }
    return purchases;
  }

  /**
   * What becomes of member c's points outstanding at the horizon's end (programs/run-off.ts). A
   * redeemer is followed past the horizon by `runOff`; anyone else's points are stranded. Then the
   * points of each horizon month the member ever redeemed count for that month (`ultimateRedeemed`).
   */
  private settlePoints(
    w: number,
    ledger: PointsLedger,
    redeemer: boolean,
    k: number,
    day: number,
    invRate: number,
    dropoutProbability: number,
    valueFactor: number,
  ): void {
    const out = this.tallies;
    const months = this.months;
    const worldOffset = w * months * F;
    const held = ledger.unitsHeldBefore(months);
    if (held > 0) {
      if (redeemer) this.runOff(w, ledger, held, k, day, invRate, dropoutProbability, valueFactor);
      else out[worldOffset + Tally.runOffStranded] += unitsToPoints(held);
    }
    for (let m = 0; m < months; m++) {
      const units = ledger.redeemedUnitsOfLot(m);
      if (units > 0) out[worldOffset + m * F + Tally.ultimateRedeemed] += unitsToPoints(units);
    }
  }

  /**
   * The run-off of a member who holds `held` units from the horizon (programs/run-off.ts): the
   * same purchase sequence, behaviour and rules after the horizon's end, from entry `k` on `day`
   * (the first purchase past the horizon), until those units are redeemed, expire or are forfeited,
   * the member drops out (the rest is stranded) or the run-off's last month ends (the rest is held
   * at the cap). Points earned in the run-off are the run-off's own: oldest-first spending and
   * expiry take the horizon's units first, so their fate is read off the ledger as the units held
   * from horizon months. Each redemption's cost counts in proportion to the horizon units it used,
   * discounted from the end of its run-off month. Nothing is booked in the horizon's tallies but
   * the run-off totals of month 0 (cohort fields).
   */
  private runOff(
    w: number,
    ledger: PointsLedger,
    held: number,
    k: number,
    day: number,
    invRate: number,
    dropoutProbability: number,
    valueFactor: number,
  ): void {
    const months = this.months;
    const endMonth = months + RUN_OFF_MONTHS;
    const shift = this.runOffShift;
    const endDay = endMonth * DAYS_PER_MONTH + shift;
    const policy = this.policies[w - 1];
    const membership = this.membership;
    const sequence = this.sequence;
    const event = this.event;
    const outcome = this.outcome;
    let redeemed = 0;
    let expired = 0;
    let cost = 0;
    let presentCost = 0;
    let stranded = false;
    let nextMonthEnd = months;
    for (let first = true; ; first = false) {
      if (!first) {
        k++;
        if (k === sequence.count) sequence.draw();
        day += sequence.gap[k] * invRate;
      }
      let month = day >= endDay ? endMonth : Math.floor((day - shift) / DAYS_PER_MONTH);
      // A purchase at the horizon's very end can round to the horizon's last month.
      if (month < months) month = months;
      while (nextMonthEnd < month && held > 0) {
        const member = membership.runOffMonthEnd(nextMonthEnd++, shift);
        const after = ledger.unitsHeldBefore(months);
        expired += held - after;
        held = after;
        if (!member) stranded = true;
      }
      if (held === 0 || stranded || month >= endMonth) break;
      const returnRate = this.worlds.returnRate;
      if (returnRate > 0 && returnUniform(sequence.uniform[k]) < returnRate) {
        // Returned (decided as in the horizon): no program event; the behaviour goes on.
        if (sequence.dropUniform[k] < dropoutProbability) {
          stranded = true;
          break;
        }
        continue;
      }
      event.day = day;
      event.month = month;
      event.amount = sequence.value[k] * valueFactor;
      event.category = sequence.category[k];
      event.uniform = sequence.uniform[k];
      outcome.clear();
      policy.purchase(event, outcome);
      const after = ledger.unitsHeldBefore(months);
      if (after < held) {
        const units = held - after;
        const eventCost = (outcome.redemptionCost * units) / (outcome.pointsRedeemed * UNITS_PER_POINT);
        cost += eventCost;
        presentCost += eventCost * this.runOffDiscount[month - months];
        redeemed += units;
        held = after;
        if (held === 0) break;
      }
      if (sequence.dropUniform[k] < dropoutProbability) {
        stranded = true;
        break;
      }
    }
    const out = this.tallies;
    const o = w * months * F;
    out[o + Tally.runOffRedeemed] += unitsToPoints(redeemed);
    out[o + Tally.runOffExpired] += unitsToPoints(expired);
    out[o + (stranded ? Tally.runOffStranded : Tally.runOffHeldAtCap)] += unitsToPoints(held);
    out[o + Tally.runOffRedemptionCost] += cost;
    out[o + Tally.pointsLiability] += presentCost;
  }

  /**
   * Customer `c` joins the program of world `w` on `event.day` in `event.month` (set by the caller:
   * floating-point arguments would be boxed, see Membership.enrol), with their program uniform and
   * own traits as a non-member (MemberEvent).
   */
  private join(w: number, c: number, worldOffset: number): void {
    const table = this.customers;
    const event = this.event;
    event.uniform = table.programUniform[c];
    event.ratePerDay = table.ratePerDay[c];
    event.meanPurchaseValue = this.model.meanPurchaseValue(table.spendRate[c]);
    event.dropout = table.dropout[c];
    this.membership.enrol(w, worldOffset, this.policies[w - 1]);
  }

  /** A purchase by a non-member with a benefit (shared code) in world `w`, tallies at offset `o`. */
  private nonMemberPurchase(w: number, day: number, month: number, value: number, category: number, uniform: number, o: number, anyway: boolean): void {
    const event = this.event;
    const outcome = this.outcome;
    event.day = day;
    event.month = month;
    event.amount = value;
    event.category = category;
    event.uniform = uniform;
    outcome.clear();
    this.policies[w - 1].nonMemberPurchase!(event, outcome);
    const out = this.tallies;
    addOutcomeFlows(out, o, outcome);
    out[o + NON_MEMBER_BENEFIT_PURCHASES] += 1;
    // A non-member's behaviour is the baseline's: the benefit is given on a purchase made anyway.
    if (anyway) out[o + SUBSIDY] += outcome.discount + outcome.pointsPayments + outcome.rewardCost + outcome.benefitCost;
  }

  /**
   * Active customers per month from the start and end marks; with a sample, its targets' tallies
   * added with their weights (and the sum of W_h (A_h - B_h) over the strata into `halfDifference`);
   * the setup cost in month 1.
   */
  private finishIteration(programs: ResolvedProgram[], halfDifference: Float64Array | undefined): void {
    const out = this.iterationTallies;
    const months = this.months;
    this.activeDiffs.forEach((diff, target) => {
      const tallies = target === 0 ? out : this.halfTallies[target - 1];
      for (let w = 0; w < this.worldCount; w++) {
        let active = 0;
        for (let m = 0; m < months; m++) {
          active += diff[w * (months + 1) + m];
          tallies[(w * months + m) * F + Tally.activeCustomers] = active;
        }
      }
    });
    const sample = this.sample;
    if (sample !== null) {
      halfDifference?.fill(0);
      const breakdown = this.iterationBreakdown;
      for (let t = 1; t <= sample.targets; t++) {
        const weight = sample.weightOfTarget(t);
        const tallies = this.halfTallies[t - 1];
        for (let i = 0; i < out.length; i++) out[i] += weight * tallies[i];
        const signed = t % 2 === 1 ? weight : -weight;
        if (halfDifference !== undefined) for (let i = 0; i < out.length; i++) halfDifference[i] += signed * tallies[i];
        const groups = this.halfBreakdown[t - 1];
        for (let i = 0; i < breakdown.length; i++) breakdown[i] += weight * groups[i];
      }
    }
    programs.forEach((program, i) => {
      out[(i + 1) * months * F + Tally.operatingCost] += program.costs.setup;
    });
  }
}
