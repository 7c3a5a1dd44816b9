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
 * This is the hot loop: typed arrays, locals, no allocation per purchase or per customer.
 */
import type { ProgramPolicy } from '../programs/program.js';
import { MemberEvent, ProgramEventOutcome } from '../programs/program.js';
import { createProgramPolicy, type ResolvedProgram } from '../programs/registry.js';
import { DAYS_PER_MONTH, DAYS_PER_YEAR, monthOfDay } from './calendar.js';
import { probabilityAlive } from '../model/bg-nbd.js';
import { enrolmentProbability, enrolmentScale, enrolmentWeights } from './enrolment.js';
import { IterationKey, RandomStream, StreamPurpose } from './random-stream.js';
import { sampleBeta, sampleGamma, StandardGammaSampler } from './sampling.js';
import type { ResolvedIteration, SimulationInput } from './simulation-input.js';
import { CHURN_WINDOW_MONTHS, iterationTallyLength, Tally, TALLY_FIELD_COUNT } from './tally.js';

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
const POINTS_OUTSTANDING = Tally.pointsOutstanding;
const POINTS_REDEEMABLE = Tally.pointsRedeemable;
const LIABILITY = Tally.liability;
const MEMBERS = Tally.members;

/** The parts of the input that stay the same for every iteration. */
export type SimulationSetup = Omit<SimulationInput, 'iterations'> & { programs: { name: string; type: string }[] };

export class IterationSimulator {
  readonly worldCount: number;
  private readonly months: number;
  private readonly horizonDays: number;
  private readonly churnWindowDays: number;
  private readonly existingCount: number;
  private readonly policies: ProgramPolicy<ResolvedProgram>[];
  private readonly outcome = new ProgramEventOutcome();
  private readonly event = new MemberEvent();

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
  private memberOutstanding = 0;
  private memberRedeemable = 0;
  private memberLiability = 0;
  private memberContinues = true;

  private tallies: Float64Array = new Float64Array(0);

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

  /** Simulate iteration `iteration` into `out` (length `tallyLength`, overwritten). */
  run(iteration: number, resolved: ResolvedIteration, out: Float64Array): void {
    out.fill(0);
    this.tallies = out;
    this.activeDiff.fill(0);
    this.configureWorlds(resolved);
    this.drawCustomers(iteration, resolved.newCustomersPerMonth ?? this.setup.newCustomersPerMonth);
    this.solveEnrolment(resolved.programs);

    this.simulateCustomers(new IterationKey(this.setup.seed, iteration, StreamPurpose.purchases));
    this.finishIteration(resolved.programs);
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
      this.subsidyFactor[w] = 1 / (1 + program.effects.spendUplift);
      this.perMemberPerDay[w] = program.costs.perMemberPerYear / DAYS_PER_YEAR;
      this.perTransaction[w] = program.costs.perTransaction;
      this.policies[i].configure(program);
    });
    const margins = resolved.margins ?? this.setup.categories.margins;
    for (let k = 0; k < this.costShare.length; k++) this.costShare[k] = 1 - margins[k];
  }

  /** Pass 1: who is active, arrival days of new customers, and every customer's traits. */
  private drawCustomers(iteration: number, newCustomersPerMonth: number): void {
    const { bgnbd, gammaGamma, daysPerPeriod } = this.setup.model;
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
      } else {
        ratePerPeriod = sampleGamma(stream, bgnbd.r, bgnbd.alpha);
        this.dropout[c] = sampleBeta(stream, bgnbd.a, bgnbd.b);
        this.spendRate[c] = sampleGamma(stream, gammaGamma.q, gammaGamma.v);
      }
      this.active[c] = 1;
      this.lambda[c] = ratePerPeriod / daysPerPeriod;
      this.enrolUniform[c] = stream.nextUniform();
      this.programUniform[c] = stream.nextUniform();
    }
  }

  /** Decide who joins each program (see enrolment.ts); the same enrolment uniform in every world. */
  private solveEnrolment(programs: ResolvedProgram[]): void {
    const count = this.customerCount;
    programs.forEach((program, i) => {
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
      const event = this.event;
      event.day = start;
      event.month = startMonth;
      event.uniform = this.programUniform[c];
      outcome.clear();
      policy.enrol(event, outcome);
      this.addFlows(worldOffset + startMonth * F);
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
      }
      this.closeMonthsBefore(months);
      for (let m = this.baselineFirstMonth; m <= this.baselineLastMonth; m++) {
        out[worldOffset + m * F + Tally.memberBaselineGrossProfit] += this.baselineGrossProfit[m];
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
      out[o + OPERATING_COST] += this.memberPerMemberPerDay * memberDays;
      if (this.memberHadEvent || month >= this.memberQuietUntil) {
        const outcome = this.outcome;
        this.event.month = month;
        outcome.clear();
        this.memberPolicy!.monthEnd(this.event, outcome);
        this.addFlows(o);
        this.memberHadEvent = false;
        this.memberQuietUntil = outcome.quietUntilMonth;
        this.memberOutstanding = outcome.pointsOutstanding;
        this.memberRedeemable = outcome.pointsRedeemable;
        this.memberLiability = outcome.liability;
        this.memberContinues = outcome.member;
      }
      out[o + POINTS_OUTSTANDING] += this.memberOutstanding;
      out[o + POINTS_REDEEMABLE] += this.memberRedeemable;
      out[o + LIABILITY] += this.memberLiability;
      if (!this.memberContinues) return false;
      out[o + MEMBERS] += 1;
    }
    return true;
  }

  /** Add the flows of the outcome to the tallies at offset `o`. */
  private addFlows(o: number): void {
    const out = this.tallies;
    const outcome = this.outcome;
    out[o + Tally.discounts] += outcome.discount;
    out[o + Tally.paidWithPoints] += outcome.paidWithPoints;
    out[o + Tally.pointsIssued] += outcome.pointsIssued;
    out[o + Tally.pointsRedeemed] += outcome.pointsRedeemed;
    out[o + Tally.pointsExpired] += outcome.pointsExpired;
    out[o + Tally.rewardCost] += outcome.rewardCost;
    out[o + Tally.benefitCost] += outcome.benefitCost;
    out[o + Tally.feeIncome] += outcome.feeIncome;
    out[o + Tally.partnerPaymentsIn] += outcome.partnerPaymentsIn;
    out[o + Tally.partnerPaymentsOut] += outcome.partnerPaymentsOut;
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
