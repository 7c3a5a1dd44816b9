/**
 * One Monte Carlo iteration: every customer realised once, in the baseline world and in every
 * program world, from the same random numbers.
 *
 * Customer model (domain.md section 6). Each existing customer is active at the start with
 * probability P(active | x, t_x, T); if active, they draw
 *     lambda ~ Gamma(r + x, rate alpha + T)        purchase rate per model period
 *     p      ~ Beta(a, b + x)                      dropout probability after each purchase
 *     nu     ~ Gamma(q + p_gg x, rate v + x m)     spend rate; purchase values ~ Gamma(p_gg, rate nu)
 * New customers arrive as a Poisson process (newCustomersPerMonth), make their first purchase on
 * arrival (no dropout after it: BG/NBD drops out only after repeat purchases) and draw lambda, p and
 * nu from the population distributions Gamma(r, alpha), Beta(a, b), Gamma(q, v).
 * Members of a program buy at rate lambda (1 + frequencyUplift), drop out with probability
 * p (1 - churnReduction) and spend values x (1 + spendUplift). Who joins: see enrolment.ts; existing
 * customers join on day 0, new ones on arrival; only active customers join.
 *
 * Common random numbers. Each customer has two streams keyed by (seed, iteration, customer): one
 * for traits (active, lambda, p, nu, the enrolment and program uniforms), one for the purchase
 * sequence. The k-th purchase of a customer uses the k-th entry of the sequence in every world:
 *     gap to the purchase  = E_k / rate, with E_k = -ln U_k      (inverse transform)
 *     value                = G_k / nu x (1 + spendUplift), G_k ~ Gamma(p_gg, 1)
 *     category             = by the cumulative revenue shares at uniform C_k
 *     dropout after it     when D_k < p (1 - churnReduction)
 *     the program's uniform for the purchase (e.g. whether points are redeemed)
 * Entries are drawn once into a scratch buffer when a world first needs them and replayed by the
 * other worlds, so a member with more purchases extends the same sequence. A program with zero
 * effects multiplies by exactly 1, hence reproduces the baseline bit for bit.
 *
 * The loop is customer-major: for each customer the baseline, then each program world. That keeps
 * the customer's entries in cache and gives every program world the customer's baseline purchase
 * count (for the subsidy tally) and baseline gross profit (for the break-even uplift).
 *
 * Hooks of program types (programs/program.ts), each costing nothing when unused:
 * - enrolment decided by the policy (`decidesEnrolment` / `joins`) instead of share and self-selection;
 * - customers who exist in one program world only: arrivals through the program
 *   (`arrivalsPerMonth`) and customers brought by members (`referral`). They are simulated after
 *   every customer of the iteration, world by world, as members from arrival (unless the policy
 *   decides enrolment and says no), from streams keyed by
 *   (seed, iteration, purpose, world) so that they touch no other world's random numbers; a
 *   referred customer may bring customers in turn;
 * - benefits to a share of non-members (`nonMemberShare` / `nonMemberPurchase`: shared codes),
 *   decided by the customer's program uniform, which non-members do not otherwise use;
 * - breakdown groups: per-group tallies of members, sales and profit (tally.ts, "Breakdown").
 *
 * This is the hot loop: typed arrays, locals, no allocation per purchase or per customer.
 */
import type { ProgramPolicy } from '../programs/program.js';
import { EnrolmentCandidate, MemberEvent, ProgramEventOutcome } from '../programs/program.js';
import { createProgramPolicy, type ResolvedProgram } from '../programs/registry.js';
import { DAYS_PER_MONTH, DAYS_PER_YEAR, monthOfDay } from './calendar.js';
import { probabilityAlive } from '../model/bg-nbd.js';
import { enrolmentProbability, enrolmentScale, enrolmentWeights } from './enrolment.js';
import { DayList } from './day-list.js';
import { IterationKey, mix32, RandomStream, StreamPurpose, worldPurpose } from './random-stream.js';
import { sampleBeta, sampleGamma, StandardGammaSampler } from './sampling.js';
import type { ResolvedIteration, SimulationInput } from './simulation-input.js';
import {
  BREAKDOWN_FIELD_COUNT,
  BreakdownField,
  breakdownLayout,
  CHURN_WINDOW_MONTHS,
  iterationTallyLength,
  addOutcomeFlows,
  OUTCOME_STOCK_COUNT,
  OUTCOME_STOCK_OFFSETS,
  readOutcomeStocks,
  Tally,
  TALLY_FIELD_COUNT,
} from './tally.js';

const F = TALLY_FIELD_COUNT;
// Field offsets as module constants: the hot loop then adds literals instead of loading `Tally.x`.
const REVENUE = Tally.revenue;
const COST_OF_GOODS = Tally.costOfGoods;
const PURCHASES = Tally.purchases;
const MEMBER_PURCHASES = Tally.memberPurchases;
const MEMBER_GROSS_PROFIT = Tally.memberGrossProfit;
const OPERATING_COST = Tally.operatingCost;
const TRANSACTION_COST = Tally.transactionCost;
const SUBSIDY = Tally.subsidy;
const MEMBERS = Tally.members;
const BF = BREAKDOWN_FIELD_COUNT;
const TWO_POW_32 = 4294967296;

/**
 * A member's uniform for one month end: a hash of the member's program uniform (its 32 bits) and
 * the month, so it is the same in every world and whether or not earlier month ends were skipped.
 */
function monthEndUniform(memberBits: number, month: number): number {
  const h = mix32(memberBits ^ mix32(month + 0x632be5ab));
  return ((h >>> 0) + 0.5) / TWO_POW_32;
}

/** The parts of the input that stay the same for every iteration. */
export type SimulationSetup = Omit<SimulationInput, 'iterations'> & {
  programs: { name: string; type: string; breakdownGroups: string[] }[];
};

export class IterationSimulator {
  readonly worldCount: number;
  private readonly months: number;
  private readonly horizonDays: number;
  private readonly churnWindowDays: number;
  private readonly existingCount: number;
  private readonly policies: ProgramPolicy<ResolvedProgram>[];
  private readonly outcome = new ProgramEventOutcome();
  private readonly event = new MemberEvent();
  private readonly candidate = new EnrolmentCandidate();

  // Fixed per existing customer: P(active) and the posterior parameters.
  private readonly probabilityActive: Float64Array;
  private readonly rateShape: Float64Array;
  private readonly rateRate: Float64Array;
  private readonly dropoutB: Float64Array;
  private readonly spendShape: Float64Array;
  private readonly spendRateRate: Float64Array;

  // This iteration's customers (existing, then new arrivals); grown when arrivals need more room.
  private capacity = 0;
  private customerCount = 0;
  private active: Uint8Array = new Uint8Array(0);
  private startDay: Float64Array = new Float64Array(0);
  /** Purchase rate per day. */
  private lambda: Float64Array = new Float64Array(0);
  private dropout: Float64Array = new Float64Array(0);
  /** Gamma-Gamma rate nu of purchase values. */
  private spendRate: Float64Array = new Float64Array(0);
  private enrolUniform: Float64Array = new Float64Array(0);
  private programUniform: Float64Array = new Float64Array(0);
  private capped: Uint8Array = new Uint8Array(0);
  private weights: Float64Array = new Float64Array(0);
  /** 1 when customer c is a member of the program of world w: index w * capacity + c. */
  private member: Uint8Array = new Uint8Array(0);

  // The current customer's purchase sequence (see the file comment).
  private entryCount = 0;
  private entryGap: Float64Array = new Float64Array(64);
  private entryDropUniform: Float64Array = new Float64Array(64);
  private entryValue: Float64Array = new Float64Array(64);
  private entryCategory: Int32Array = new Int32Array(64);
  private entryUniform: Float64Array = new Float64Array(64);

  // Per world, this iteration's parameters.
  private readonly rateFactor: Float64Array;
  private readonly dropoutFactor: Float64Array;
  private readonly valueFactor: Float64Array;
  private readonly subsidyFactor: Float64Array;
  private readonly perMemberPerDay: Float64Array;
  private readonly perTransaction: Float64Array;
  private readonly referralsPerDay: Float64Array;
  private readonly referralBonus: Float64Array;
  private readonly nonMemberShare: Float64Array;
  private readonly arrivalsPerDay: Float64Array;
  /** Per world: start of its breakdown block in an iteration's breakdown array, -1 without groups. */
  private readonly breakdownBase: Int32Array;
  private readonly groupCount: Int32Array;
  readonly breakdownLength: number;

  private readonly cumulativeShare: Float64Array;
  /** 1 - margin per category: cost of goods per unit of price. */
  private readonly costShare: Float64Array;

  // Scratch per iteration and per customer.
  private readonly activeDiff: Float64Array;
  private readonly baselineGrossProfit: Float64Array;
  private baselineFirstMonth = 0;
  private baselineLastMonth = -1;

  private readonly traitStream = new RandomStream();
  private readonly purchaseStream = new RandomStream();
  private readonly referralStream = new RandomStream();
  /** Per world: arrival days of the customers who exist in that world only, in order of arrival in the list. */
  private readonly worldArrivals: DayList[];
  /** Per world: referral stream key of this iteration (null when the world has no referrals). */
  private readonly referralKeys: (IterationKey | null)[];
  /** Purchase values are Gamma(p_gg, nu): a Gamma(p_gg, 1) draw divided by the customer's nu. */
  private readonly valueSampler: StandardGammaSampler;

  // The member being simulated (set by simulateWorld for closeMonthsBefore).
  private memberPolicy: ProgramPolicy<ResolvedProgram> | null = null;
  private memberWorldOffset = 0;
  private memberEnrolDay = 0;
  private memberPerMemberPerDay = 0;
  /** The member's first month whose end has not been processed. */
  private memberNextMonth = 0;
  /** Whether the member had an event since the last month end the policy processed. */
  private memberHadEvent = true;
  /** The last processed month end's promise and stocks (see ProgramEventOutcome.quietUntilMonth). */
  private memberQuietUntil = 0;
  private readonly memberStocks = new Float64Array(OUTCOME_STOCK_COUNT);
  private memberContinues = true;
  /** The member's program uniform as 32 bits, for month-end uniforms. */
  private memberBits = 0;
  /** Breakdown: start of the member's world block (-1 without groups), group count, current group. */
  private memberBreakdownBase = -1;
  private memberGroupCount = 0;
  private memberGroup = 0;
  /** Day the current membership ended at a month end (Infinity while it lasts). */
  private memberEndDay = Infinity;

  private tallies: Float64Array = new Float64Array(0);
  private breakdown: Float64Array = new Float64Array(0);

  constructor(private readonly setup: SimulationSetup) {
    this.months = setup.horizonMonths;
    this.horizonDays = setup.horizonMonths * DAYS_PER_MONTH;
    this.churnWindowDays = Math.min(CHURN_WINDOW_MONTHS, setup.horizonMonths) * DAYS_PER_MONTH;
    this.worldCount = setup.programs.length + 1;
    const context = { horizonMonths: setup.horizonMonths, categoryNames: setup.categories.names };
    this.valueSampler = new StandardGammaSampler(setup.model.gammaGamma.p);
    this.policies = setup.programs.map((program) => createProgramPolicy(program.type, context));

    const { customers, model } = setup;
    const n = customers.count;
    this.existingCount = n;
    this.probabilityActive = new Float64Array(n);
    this.rateShape = new Float64Array(n);
    this.rateRate = new Float64Array(n);
    this.dropoutB = new Float64Array(n);
    this.spendShape = new Float64Array(n);
    this.spendRateRate = new Float64Array(n);
    const { r, alpha, b } = model.bgnbd;
    const { p: pgg, q, v } = model.gammaGamma;
    for (let i = 0; i < n; i++) {
      const x = customers.x[i];
      this.probabilityActive[i] = probabilityAlive(model.bgnbd, x, customers.tx[i], customers.T[i]);
      this.rateShape[i] = r + x;
      this.rateRate[i] = alpha + customers.T[i];
      this.dropoutB[i] = b + x;
      this.spendShape[i] = q + pgg * x;
      this.spendRateRate[i] = v + x * customers.monetaryValue[i];
    }

    const w = this.worldCount;
    this.rateFactor = new Float64Array(w);
    this.dropoutFactor = new Float64Array(w);
    this.valueFactor = new Float64Array(w);
    this.subsidyFactor = new Float64Array(w);
    this.perMemberPerDay = new Float64Array(w);
    this.perTransaction = new Float64Array(w);
    this.referralsPerDay = new Float64Array(w);
    this.referralBonus = new Float64Array(w);
    this.nonMemberShare = new Float64Array(w);
    this.arrivalsPerDay = new Float64Array(w);
    this.worldArrivals = Array.from({ length: w }, () => new DayList());
    this.referralKeys = Array.from({ length: w }, () => null);
    const layout = breakdownLayout(
      setup.programs.map((program) => program.breakdownGroups ?? []),
      setup.horizonMonths,
    );
    this.breakdownLength = layout.length;
    this.breakdownBase = new Int32Array(w).fill(-1);
    this.groupCount = new Int32Array(w);
    layout.groupCounts.forEach((groups, i) => {
      this.groupCount[i + 1] = groups;
      if (groups > 0) this.breakdownBase[i + 1] = layout.offsets[i];
    });

    const categoryCount = setup.categories.names.length;
    this.cumulativeShare = new Float64Array(categoryCount);
    let cumulative = 0;
    for (let k = 0; k < categoryCount; k++) {
      cumulative += setup.categories.revenueShares[k];
      this.cumulativeShare[k] = cumulative;
    }
    this.cumulativeShare[categoryCount - 1] = 1;
    this.costShare = new Float64Array(categoryCount);

    this.activeDiff = new Float64Array(w * (this.months + 1));
    this.baselineGrossProfit = new Float64Array(this.months);
    this.ensureCapacity(n + 16);
  }

  /** Length of the tally block of one iteration. */
  get tallyLength(): number {
    return iterationTallyLength(this.worldCount, this.months);
  }

  /**
   * Simulate iteration `iteration` into `out` (length `tallyLength`) and `breakdownOut` (length
   * `breakdownLength`), both overwritten.
   */
  run(iteration: number, resolved: ResolvedIteration, out: Float64Array, breakdownOut: Float64Array = new Float64Array(this.breakdownLength)): void {
    out.fill(0);
    breakdownOut.fill(0);
    this.tallies = out;
    this.breakdown = breakdownOut;
    this.activeDiff.fill(0);
    this.configureWorlds(resolved);
    this.drawCustomers(iteration, resolved.newCustomersPerMonth ?? this.setup.newCustomersPerMonth);
    this.solveEnrolment(resolved.programs);
    this.prepareWorldCustomers(iteration);

    this.simulateCustomers(new IterationKey(this.setup.seed, iteration, StreamPurpose.purchases));
    for (let w = 1; w < this.worldCount; w++) this.simulateWorldCustomers(iteration, w);
    this.finishIteration(resolved.programs);
  }

  /**
   * Arrivals through each program (a Poisson process per world) start its list of world-only
   * customers; referrals are appended as members bring them. Also the referral stream keys.
   */
  private prepareWorldCustomers(iteration: number): void {
    const seed = this.setup.seed;
    for (let w = 1; w < this.worldCount; w++) {
      const list = this.worldArrivals[w];
      list.clear();
      const ratePerDay = this.arrivalsPerDay[w];
      if (ratePerDay > 0) {
        const stream = new RandomStream(new IterationKey(seed, iteration, worldPurpose(StreamPurpose.programArrivals, w)), 0);
        for (let day = -Math.log(stream.nextUniform()) / ratePerDay; day < this.horizonDays; day -= Math.log(stream.nextUniform()) / ratePerDay) {
          list.push(day);
        }
      }
      for (let j = 0; j < list.length; j++) this.tallies[(w * this.months + monthOfDay(list.at(j), this.months)) * F + Tally.programArrivals] += 1;
      this.referralKeys[w] = this.referralsPerDay[w] > 0 ? new IterationKey(seed, iteration, worldPurpose(StreamPurpose.referrals, w)) : null;
    }
  }

  /**
   * The customers of world `w` only (arrivals through the program, referrals), members from
   * arrival unless the policy decides enrolment (worldCustomerJoins). They take the array slots
   * after the iteration's customers, reused for every world.
   */
  private simulateWorldCustomers(iteration: number, w: number): void {
    const list = this.worldArrivals[w];
    if (list.length === 0) return;
    const seed = this.setup.seed;
    const traitKey = new IterationKey(seed, iteration, worldPurpose(StreamPurpose.worldCustomerTraits, w));
    const purchaseKey = new IterationKey(seed, iteration, worldPurpose(StreamPurpose.worldCustomerPurchases, w));
    // The list grows while its customers bring others.
    for (let j = 0; j < list.length; j++) {
      const c = this.customerCount + j;
      if (c >= this.capacity) this.ensureCapacity(2 * this.capacity);
      this.startDay[c] = list.at(j);
      this.traitStream.reset(traitKey, j);
      this.drawNewCustomerTraits(this.traitStream, c);
      this.purchaseStream.reset(purchaseKey, j);
      this.entryCount = 0;
      this.simulateWorld(w, c, this.worldCustomerJoins(w, c), 0);
    }
  }

  /** Pass 2: every active customer in the baseline, then in each program world. */
  private simulateCustomers(purchaseKey: IterationKey): void {
    for (let c = 0; c < this.customerCount; c++) {
      if (this.active[c] === 0) continue;
      this.purchaseStream.reset(purchaseKey, c);
      this.entryCount = 0;
      const baselinePurchases = this.simulateWorld(0, c, false, 0);
      for (let w = 1; w < this.worldCount; w++) {
        this.simulateWorld(w, c, this.member[w * this.capacity + c] === 1, baselinePurchases);
      }
      for (let m = this.baselineFirstMonth; m <= this.baselineLastMonth; m++) this.baselineGrossProfit[m] = 0;
      this.baselineLastMonth = -1;
    }
  }

  private configureWorlds(resolved: ResolvedIteration): void {
    this.rateFactor[0] = 1;
    this.dropoutFactor[0] = 1;
    this.valueFactor[0] = 1;
    resolved.programs.forEach((program, i) => {
      const w = i + 1;
      this.rateFactor[w] = 1 + program.effects.frequencyUplift;
      this.dropoutFactor[w] = 1 - program.effects.churnReduction;
      this.valueFactor[w] = 1 + program.effects.spendUplift;
      // The share of a member purchase's value the customer would have spent anyway: 1 / (1 + uplift),
      // capped at 1 when members spend less (the baseline purchase covers the whole smaller one).
      this.subsidyFactor[w] = program.effects.spendUplift > 0 ? 1 / (1 + program.effects.spendUplift) : 1;
      this.perMemberPerDay[w] = program.costs.perMemberPerYear / DAYS_PER_YEAR;
      this.perTransaction[w] = program.costs.perTransaction;
      this.referralsPerDay[w] = (program.referral?.perMemberPerMonth ?? 0) / DAYS_PER_MONTH;
      this.referralBonus[w] = program.referral?.bonus ?? 0;
      const policy = this.policies[i];
      policy.configure(program);
      this.nonMemberShare[w] = policy.nonMemberShare?.() ?? 0;
      this.arrivalsPerDay[w] = (policy.arrivalsPerMonth?.() ?? 0) / DAYS_PER_MONTH;
    });
    const margins = resolved.margins ?? this.setup.categories.margins;
    for (let k = 0; k < this.costShare.length; k++) this.costShare[k] = 1 - margins[k];
  }

  /** Pass 1: who is active, arrival days of new customers, and every customer's traits. */
  private drawCustomers(iteration: number, newCustomersPerMonth: number): void {
    const { bgnbd, daysPerPeriod } = this.setup.model;
    const n = this.existingCount;

    // Arrivals: a Poisson process, exponential gaps from the iteration's own stream.
    let count = n;
    if (newCustomersPerMonth > 0) {
      const arrivals = new RandomStream(new IterationKey(this.setup.seed, iteration, StreamPurpose.arrivals), 0);
      const ratePerDay = newCustomersPerMonth / DAYS_PER_MONTH;
      for (let day = -Math.log(arrivals.nextUniform()) / ratePerDay; day < this.horizonDays; day -= Math.log(arrivals.nextUniform()) / ratePerDay) {
        if (count === this.capacity) this.ensureCapacity(2 * this.capacity);
        this.startDay[count++] = day;
      }
    }
    this.customerCount = count;

    const traitKey = new IterationKey(this.setup.seed, iteration, StreamPurpose.traits);
    const stream = this.traitStream;
    for (let c = 0; c < count; c++) {
      stream.reset(traitKey, c);
      let ratePerPeriod: number;
      if (c < n) {
        this.startDay[c] = 0;
        if (stream.nextUniform() >= this.probabilityActive[c]) {
          this.active[c] = 0;
          continue;
        }
        ratePerPeriod = sampleGamma(stream, this.rateShape[c], this.rateRate[c]);
        this.dropout[c] = sampleBeta(stream, bgnbd.a, this.dropoutB[c]);
        this.spendRate[c] = sampleGamma(stream, this.spendShape[c], this.spendRateRate[c]);
        this.active[c] = 1;
        this.lambda[c] = ratePerPeriod / daysPerPeriod;
        this.enrolUniform[c] = stream.nextUniform();
        this.programUniform[c] = stream.nextUniform();
      } else {
        this.drawNewCustomerTraits(stream, c);
      }
    }
  }

  /** Traits of a new customer from the population distributions (the stream is at its start). */
  private drawNewCustomerTraits(stream: RandomStream, c: number): void {
    const { bgnbd, gammaGamma, daysPerPeriod } = this.setup.model;
    const ratePerPeriod = sampleGamma(stream, bgnbd.r, bgnbd.alpha);
    this.dropout[c] = sampleBeta(stream, bgnbd.a, bgnbd.b);
    this.spendRate[c] = sampleGamma(stream, gammaGamma.q, gammaGamma.v);
    this.active[c] = 1;
    this.lambda[c] = ratePerPeriod / daysPerPeriod;
    this.enrolUniform[c] = stream.nextUniform();
    this.programUniform[c] = stream.nextUniform();
  }

  /** Decide who joins each program (see enrolment.ts); the same enrolment uniform in every world. */
  private solveEnrolment(programs: ResolvedProgram[]): void {
    const count = this.customerCount;
    programs.forEach((program, i) => {
      const policy = this.policies[i];
      if (policy.decidesEnrolment?.() === true) {
        this.enrolByPolicy(policy, (i + 1) * this.capacity);
        return;
      }
      const { share, selfSelection } = program.enrolment;
      enrolmentWeights(this.lambda, count, selfSelection, this.weights);
      const scale = enrolmentScale(this.weights, this.active, count, share, selfSelection, this.capped);
      const offset = (i + 1) * this.capacity;
      for (let c = 0; c < count; c++) {
        const joins = this.active[c] === 1 && this.enrolUniform[c] < enrolmentProbability(scale, this.weights[c]);
        this.member[offset + c] = joins ? 1 : 0;
      }
    });
  }

  /** Whether customer `c`, who exists in world `w` only, joins on arrival: yes, unless the policy decides. */
  private worldCustomerJoins(w: number, c: number): boolean {
    const policy = this.policies[w - 1];
    if (policy.decidesEnrolment?.() !== true) return true;
    const candidate = this.candidate;
    candidate.day = this.startDay[c];
    candidate.ratePerDay = this.lambda[c];
    candidate.meanPurchaseValue = this.setup.model.gammaGamma.p / this.spendRate[c];
    candidate.dropout = this.dropout[c];
    candidate.uniform = this.enrolUniform[c];
    return policy.joins!(candidate);
  }

  /** Membership decided by the policy from each active customer's own traits. */
  private enrolByPolicy(policy: ProgramPolicy<ResolvedProgram>, offset: number): void {
    const candidate = this.candidate;
    const meanValueShape = this.setup.model.gammaGamma.p;
    for (let c = 0; c < this.customerCount; c++) {
      let joins = false;
      if (this.active[c] === 1) {
        candidate.day = this.startDay[c];
        candidate.ratePerDay = this.lambda[c];
        candidate.meanPurchaseValue = meanValueShape / this.spendRate[c];
        candidate.dropout = this.dropout[c];
        candidate.uniform = this.enrolUniform[c];
        joins = policy.joins!(candidate);
      }
      this.member[offset + c] = joins ? 1 : 0;
    }
  }

  /** Draw the next entry of the current customer's purchase sequence. */
  private drawEntry(customer: number): void {
    const k = this.entryCount;
    if (k === this.entryGap.length) this.growEntries();
    const stream = this.purchaseStream;
    this.entryGap[k] = -Math.log(stream.nextUniform());
    this.entryDropUniform[k] = stream.nextUniform();
    this.valueSampler.sampleInto(stream, this.entryValue, k);
    this.entryValue[k] /= this.spendRate[customer];
    let category = 0;
    const cumulative = this.cumulativeShare;
    if (cumulative.length > 1) {
      const u = stream.nextUniform();
      while (u >= cumulative[category]) category++;
    }
    this.entryCategory[k] = category;
    this.entryUniform[k] = stream.nextUniform();
    this.entryCount = k + 1;
  }

  /**
   * Customer `c` in world `w`; returns the number of purchases. Tallies go to this iteration's
   * block. `baselinePurchases` is the customer's purchase count in the baseline (world 0).
   */
  private simulateWorld(w: number, c: number, member: boolean, baselinePurchases: number): number {
    const out = this.tallies;
    const months = this.months;
    const horizonDays = this.horizonDays;
    const worldOffset = w * months * F;
    const costShare = this.costShare;
    const outcome = this.outcome;
    const start = this.startDay[c];
    const startMonth = monthOfDay(start, months);
    const isNew = c >= this.existingCount;
    const churnWindowDays = this.churnWindowDays;
    const lambda = this.lambda[c];
    const dropout = this.dropout[c];

    // A non-member of a program world who buys with a benefit anyway (a shared code).
    const benefitHolder = !member && this.nonMemberShare[w] > 0 && this.programUniform[c] < this.nonMemberShare[w];
    const wasMember = member;
    let invRate = 1 / (member ? lambda * this.rateFactor[w] : lambda);
    let dropoutProbability = member ? dropout * this.dropoutFactor[w] : dropout;
    let valueFactor = member ? this.valueFactor[w] : 1;
    const subsidyFactor = this.subsidyFactor[w];
    const perTransaction = this.perTransaction[w];

    if (member) {
      const policy = this.policies[w - 1];
      this.memberPolicy = policy;
      this.memberWorldOffset = worldOffset;
      this.memberEnrolDay = start;
      this.memberPerMemberPerDay = this.perMemberPerDay[w];
      this.memberNextMonth = startMonth;
      this.memberHadEvent = true;
      this.memberEndDay = Infinity;
      this.memberBits = Math.floor(this.programUniform[c] * TWO_POW_32) | 0;
      this.memberBreakdownBase = this.breakdownBase[w];
      this.memberGroupCount = this.groupCount[w];
      const event = this.event;
      event.day = start;
      event.month = startMonth;
      event.uniform = this.programUniform[c];
      event.ratePerDay = lambda;
      event.meanPurchaseValue = this.setup.model.gammaGamma.p / this.spendRate[c];
      event.dropout = dropout;
      outcome.clear();
      policy.enrol(event, outcome);
      this.memberGroup = outcome.group >= 0 ? outcome.group : 0;
      this.addFlows(worldOffset + startMonth * F);
      if (this.memberBreakdownBase >= 0) this.addGroupFlows(startMonth, 0, 0);
    }

    let day = start;
    let k = 0;
    let purchases = 0;
    let lastActiveMonth = months - 1;
    let boughtInChurnWindow = false;
    let trial = isNew;
    let droppedOut = false;
    // The entry arrays in locals; drawEntry may replace them when it grows them.
    let entryGap = this.entryGap;
    let entryValue = this.entryValue;
    let entryCategory = this.entryCategory;
    let entryDropUniform = this.entryDropUniform;
    for (;;) {
      if (k === this.entryCount) {
        this.drawEntry(c);
        entryGap = this.entryGap;
        entryValue = this.entryValue;
        entryCategory = this.entryCategory;
        entryDropUniform = this.entryDropUniform;
      }
      if (!trial) day += entryGap[k] * invRate;
      if (day >= horizonDays) break;
      // monthOfDay, written out: a call V8 does not inline would box `day`.
      let month = Math.floor(day / DAYS_PER_MONTH);
      if (month >= months) month = months - 1;
      if (member && !this.closeMonthsBefore(month)) {
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
        event.uniform = this.entryUniform[k];
        outcome.clear();
        this.memberPolicy!.purchase(event, outcome);
        this.memberHadEvent = true;
        this.addFlows(o);
        out[o + MEMBER_PURCHASES] += 1;
        out[o + MEMBER_GROSS_PROFIT] += value - costOfGoods;
        out[o + OPERATING_COST] += perTransaction;
        out[o + TRANSACTION_COST] += perTransaction;
        if (purchases < baselinePurchases) {
          out[o + SUBSIDY] += (outcome.discount + outcome.rewardCost + outcome.benefitCost) * subsidyFactor;
        }
        if (this.memberBreakdownBase >= 0) {
          const b = this.memberBreakdownBase + (month * this.memberGroupCount + this.memberGroup) * BF;
          this.breakdown[b + BreakdownField.purchases] += 1;
          this.breakdown[b + BreakdownField.revenue] += value;
          if (purchases < baselinePurchases) this.breakdown[b + BreakdownField.baselineGrossProfit] += this.baselineEntryGrossProfit(k);
          this.addGroupFlows(month, value - costOfGoods, perTransaction);
        }
      } else if (benefitHolder) {
        this.nonMemberPurchase(w, day, month, value, category, this.entryUniform[k], o, purchases < baselinePurchases);
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

    if (member) {
      if (droppedOut) {
        this.event.day = day;
        this.event.month = lastActiveMonth;
        outcome.clear();
        this.memberPolicy!.leave(this.event, outcome);
        this.memberHadEvent = true;
        this.addFlows(worldOffset + lastActiveMonth * F);
        if (this.memberBreakdownBase >= 0) this.addGroupFlows(lastActiveMonth, 0, 0);
      }
      const stillMember = this.closeMonthsBefore(months);
      // Baseline purchases the member did not make count for the group they ended in.
      if (stillMember && this.memberBreakdownBase >= 0 && purchases < baselinePurchases) {
        const b = this.memberBreakdownBase + ((droppedOut ? lastActiveMonth : months - 1) * this.memberGroupCount + this.memberGroup) * BF;
        for (let j = purchases; j < baselinePurchases; j++) this.breakdown[b + BreakdownField.baselineGrossProfit] += this.baselineEntryGrossProfit(j);
      }
    }
    if (wasMember) {
      for (let m = this.baselineFirstMonth; m <= this.baselineLastMonth; m++) {
        out[worldOffset + m * F + Tally.memberBaselineGrossProfit] += this.baselineGrossProfit[m];
      }
      if (this.referralsPerDay[w] > 0) {
        const buyingUntil = droppedOut ? day : horizonDays;
        this.drawReferrals(w, c, start, buyingUntil < this.memberEndDay ? buyingUntil : this.memberEndDay);
      }
    }

    const diffOffset = w * (months + 1);
    this.activeDiff[diffOffset + startMonth] += 1;
    this.activeDiff[diffOffset + lastActiveMonth + 1] -= 1;
    if (!isNew) {
      out[worldOffset + Tally.cohortActiveAtStart] += 1;
      if (!boughtInChurnWindow) out[worldOffset + Tally.cohortLapsed] += 1;
    }
    return purchases;
  }

  /** Gross profit of the current customer's k-th purchase in the baseline world (no effects). */
  private baselineEntryGrossProfit(k: number): number {
    const value = this.entryValue[k];
    return value - value * this.costShare[this.entryCategory[k]];
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
    this.addFlows(o);
    const out = this.tallies;
    out[o + Tally.nonMemberBenefitPurchases] += 1;
    // A non-member's behaviour is the baseline's: the benefit is given on a purchase made anyway.
    if (anyway) out[o + SUBSIDY] += outcome.discount + outcome.rewardCost + outcome.benefitCost;
  }

  /**
   * Referrals by member `c` of world `w` while a member and still buying, days [from, until): a
   * Poisson process from the customer's referral stream. Each books the bonus and adds a customer
   * to the world's list.
   */
  private drawReferrals(w: number, c: number, from: number, until: number): void {
    const stream = this.referralStream;
    stream.reset(this.referralKeys[w]!, c);
    const ratePerDay = this.referralsPerDay[w];
    const bonus = this.referralBonus[w];
    const list = this.worldArrivals[w];
    const out = this.tallies;
    for (let day = from - Math.log(stream.nextUniform()) / ratePerDay; day < until; day -= Math.log(stream.nextUniform()) / ratePerDay) {
      const o = (w * this.months + monthOfDay(day, this.months)) * F;
      out[o + Tally.referrals] += 1;
      out[o + Tally.rewardCost] += bonus;
      list.push(day);
    }
  }

  /**
   * Breakdown: the current outcome's flows, plus a purchase's gross profit and a member cost, for
   * the member's current group in `month`; then the group moves as the outcome says.
   */
  private addGroupFlows(month: number, grossProfit: number, memberCost: number): void {
    const outcome = this.outcome;
    const b = this.memberBreakdownBase + (month * this.memberGroupCount + this.memberGroup) * BF;
    const breakdown = this.breakdown;
    const benefits = outcome.discount + outcome.rewardCost + outcome.benefitCost;
    breakdown[b + BreakdownField.grossProfit] += grossProfit;
    breakdown[b + BreakdownField.benefits] += benefits;
    breakdown[b + BreakdownField.profit] +=
      grossProfit - benefits - memberCost + outcome.feeIncome + outcome.partnerPaymentsIn - outcome.partnerPaymentsOut;
    if (outcome.group >= 0) this.memberGroup = outcome.group;
  }

  /**
   * Process the current member's month ends up to, not including, `limit`; returns false when the
   * membership ends at one of them. A month end the policy promised to be quiet (no event since
   * its last month end and before `quietUntilMonth`) repeats the last stocks without a call.
   */
  private closeMonthsBefore(limit: number): boolean {
    const out = this.tallies;
    while (this.memberNextMonth < limit) {
      const month = this.memberNextMonth++;
      const o = this.memberWorldOffset + month * F;
      const monthStart = month * DAYS_PER_MONTH;
      const memberDays = (month + 1) * DAYS_PER_MONTH - (this.memberEnrolDay > monthStart ? this.memberEnrolDay : monthStart);
      const memberCost = this.memberPerMemberPerDay * memberDays;
      out[o + OPERATING_COST] += memberCost;
      const outcome = this.outcome;
      if (this.memberBreakdownBase >= 0) {
        const b = this.memberBreakdownBase + (month * this.memberGroupCount + this.memberGroup) * BF;
        this.breakdown[b + BreakdownField.profit] -= memberCost;
      }
      if (this.memberHadEvent || month >= this.memberQuietUntil) {
        this.event.month = month;
        this.event.uniform = monthEndUniform(this.memberBits, month);
        outcome.clear();
        this.memberPolicy!.monthEnd(this.event, outcome);
        this.addFlows(o);
        if (this.memberBreakdownBase >= 0) this.addGroupFlows(month, 0, 0);
        this.memberHadEvent = false;
        this.memberQuietUntil = outcome.quietUntilMonth;
        readOutcomeStocks(outcome, this.memberStocks);
        this.memberContinues = outcome.member;
      }
      for (let i = 0; i < OUTCOME_STOCK_OFFSETS.length; i++) out[o + OUTCOME_STOCK_OFFSETS[i]] += this.memberStocks[i];
      if (!this.memberContinues) {
        this.memberEndDay = (month + 1) * DAYS_PER_MONTH;
        return false;
      }
      out[o + MEMBERS] += 1;
      if (this.memberBreakdownBase >= 0) {
        const b = this.memberBreakdownBase + (month * this.memberGroupCount + this.memberGroup) * BF;
        this.breakdown[b + BreakdownField.members] += 1;
      }
    }
    return true;
  }

  /** Add the flows of the outcome (every declared flow a policy writes) to the tallies at offset `o`. */
  private addFlows(o: number): void {
    const out = this.tallies;
    addOutcomeFlows(out, o, this.outcome);
  }

  private finishIteration(programs: ResolvedProgram[]): void {
    const out = this.tallies;
    const months = this.months;
    for (let w = 0; w < this.worldCount; w++) {
      let active = 0;
      for (let m = 0; m < months; m++) {
        active += this.activeDiff[w * (months + 1) + m];
        out[(w * months + m) * F + Tally.activeCustomers] = active;
      }
    }
    programs.forEach((program, i) => {
      out[(i + 1) * months * F + Tally.operatingCost] += program.costs.setup;
    });
  }

  private ensureCapacity(capacity: number): void {
    if (capacity <= this.capacity) return;
    const grow = <T extends Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.active = grow(this.active, (n) => new Uint8Array(n));
    this.capped = new Uint8Array(capacity);
    this.weights = new Float64Array(capacity);
    this.member = new Uint8Array(capacity * this.worldCount);
    this.startDay = grow(this.startDay, (n) => new Float64Array(n));
    this.lambda = grow(this.lambda, (n) => new Float64Array(n));
    this.dropout = grow(this.dropout, (n) => new Float64Array(n));
    this.spendRate = grow(this.spendRate, (n) => new Float64Array(n));
    this.enrolUniform = grow(this.enrolUniform, (n) => new Float64Array(n));
    this.programUniform = grow(this.programUniform, (n) => new Float64Array(n));
    this.capacity = capacity;
  }

  private growEntries(): void {
    const size = this.entryGap.length * 2;
    const grow = (old: Float64Array): Float64Array => {
      const next = new Float64Array(size);
      next.set(old);
      return next;
    };
    this.entryGap = grow(this.entryGap);
    this.entryDropUniform = grow(this.entryDropUniform);
    this.entryValue = grow(this.entryValue);
    this.entryUniform = grow(this.entryUniform);
    const category = new Int32Array(size);
    category.set(this.entryCategory);
    this.entryCategory = category;
  }
}
