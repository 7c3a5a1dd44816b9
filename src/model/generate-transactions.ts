/**
 * Synthetic purchase histories drawn from the customer-base models, for tests, benchmarks and the
 * bundled sample data set. Deterministic: the same options and seed give the same rows.
 *
 * Each customer:
 *   - joins on a day drawn uniformly between start and end (inclusive) and makes their first
 *     purchase that day, at a uniform time of day;
 *   - draws a purchase rate lambda ~ Gamma(r, alpha), a dropout probability p ~ Beta(a, b) and a
 *     spend rate nu ~ Gamma(q, v);
 *   - while active, buys again after Exponential(lambda) waiting times; after each repeat purchase
 *     drops out with probability p (BG/NBD: Fader, Hardie and Lee 2005);
 *   - spends Gamma(shape p_gg, rate nu) on each purchase (Gamma-Gamma), rounded to cents (at least
 *     0.01); with categories, each purchase falls in a category with probability equal to its share
 *     and earns the category's margin (so shares are also the expected revenue shares).
 *   - with a return rate r, returns each purchase whole with probability r, on a day drawn
 *     uniformly from the purchase day to RETURN_WINDOW_DAYS - 1 days later: a row of the negated
 *     amount (and category). These draws come from a stream of their own, so the purchases are
 *     the same with any return rate.
 * Purchases and returns after the end date are not written. Rows come in date order, then customer,
 * then time (a return on its purchase's day right after it).
 */
import { UserInputError } from '../errors.js';
import { parseIsoDateString } from '../data/calendar.js';
import { DAYS_PER_PERIOD, type Period } from '../data/customer-summary.js';
import type { GeneratedMembers, GeneratedTransactions, GeneratorCategory } from '../data/transaction-csv.js';
import { drawBgNbdCustomer, drawPurchaseValue, drawSpendRate, DEFAULT_GAMMA_GAMMA, defaultBgNbdParameters } from './customer-draws.js';
import { sampleExponential } from './gamma-variates.js';
import type { BgNbdParameters, GammaGammaParameters } from './parameters.js';
import { SeededVariateSource } from './seeded-variate-source.js';

export interface GenerateOptions {
  customers: number;
  /** First and last day customers can join and buy, ISO `YYYY-MM-DD`. */
  start: string;
  end: string;
  /** Time unit of the BG/NBD rates (default week). */
  period?: Period;
  /** Default: `defaultBgNbdParameters(period)`. */
  bgnbd?: BgNbdParameters;
  /** Default: `DEFAULT_GAMMA_GAMMA`. */
  gammaGamma?: GammaGammaParameters;
  /** Without categories the rows have no category and margin. */
  categories?: GeneratorCategory[];
  /** Share of purchases returned, 0 to 1 (default 0). */
  returnRate?: number;
  /** Default 1. */
  seed?: string | number;
  /** A loyalty program customers join from its launch, with its true effect (see GeneratedProgram). */
  program?: GeneratedProgram;
  /**
   * Keep each customer's state at the end of the history, so that `continueCustomer` can draw
   * their purchases after it (a points ledger's run-off, generate-points-ledger.ts).
   */
  keepEndStates?: boolean;
}

/**
 * Purchases after the end of a history (`keepEndStates`): customer c's purchases (day number,
 * amount in cents, category index or -1) from the day after the end date up to `untilDay`
 * (inclusive), drawn from `random`. A customer still active at the end goes on by the same
 * process (BG/NBD waiting times have no memory), with a member's effects; a customer who had
 * dropped out makes none. No returns are drawn. Returns whether the customer is still active
 * after `untilDay`.
 */
export type ContinueCustomer = (c: number, untilDay: number, random: SeededVariateSource, sink: (day: number, cents: number, category: number) => void) => boolean;

/** A customer at the end of the history: active or not, and the process they would go on by. */
interface EndState {
  active: boolean;
  /** Purchase rate per day and dropout chance after each purchase, with a member's effects. */
  ratePerDay: number;
  dropout: number;
  nu: number;
  /** The factor on each purchase value (1 + spend uplift for a member). */
  valueFactor: number;
}

/**
 * A program in a synthetic history, so that `uplift` can be checked against the truth:
 *   - each customer gets a candidate join time drawn uniformly from the launch to the end of the
 *     history (from a random stream of its own, `seed:program`);
 *   - a customer already buying at that time (first purchase before the join day) joins with
 *     probability min(1, s (1 + k)^W), where k is the number of purchases in the
 *     SELECTION_WINDOW_DAYS before the join day, W the self-selection weight, and s is chosen so
 *     that the expected number of members is memberShare x customers (all customers already
 *     buying join when that is more than they are): heavy recent buyers join more, and the
 *     selection is on what the history shows;
 *   - from the join time on, the member's purchase rate is lambda (1 + frequencyUplift), with
 *     dropout in time unchanged, and each purchase value is multiplied by (1 + spendUplift)
 *     (simulateCustomer).
 * The purchases before each candidate join time are those of the history without a program
 * (simulateCustomer), so k is counted on a first pass without effects; the second pass draws the
 * history with them.
 */
export interface GeneratedProgram {
  /** Share of all customers who join, 0 to 1. */
  memberShare: number;
  /** W >= 0: 0 = members chosen at random among those already buying. */
  selfSelection: number;
  /** True relative change of the purchase rate after joining, > -1 (0.15 = +15%). */
  frequencyUplift: number;
  /** True relative change of the value of each purchase after joining, > -1. */
  spendUplift: number;
  /** First day customers can join, ISO `YYYY-MM-DD`, from the start to the end date. */
  launch: string;
}

/** Self-selection counts purchases in this many days (six months) before the join day. */
export const SELECTION_WINDOW_DAYS = 183;

/** Returns fall on the purchase day or up to this many days minus one later. */
export const RETURN_WINDOW_DAYS = 14;

/**
 * The most customers one history can have: every row is held in memory to be put in date order
 * (about 40 bytes a row while drawing and sorting), and each customer makes at least one row.
 */
export const MAX_GENERATED_CUSTOMERS = 5_000_000;
/** The most rows (purchases and returns) one history can have: about 1 GB while drawing and sorting. */
export const MAX_GENERATED_ROWS = 20_000_000;
/**
 * The largest purchase amount written: a trillion, exact in cents as a double (below 2^53 cents)
 * and below what the ingest reads as a plausible amount.
 */
export const MAX_GENERATED_AMOUNT = 1e12;

function checkPositive(value: number, field: string): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new UserInputError(`must be a positive number, got ${value}`, { field }, 'Model parameters are positive numbers, e.g. r=0.75,alpha=7.5,a=0.8,b=6.');
  }
}

function parseDate(text: string, field: string): number {
  const day = parseIsoDateString(text);
  if (Number.isNaN(day)) {
    throw new UserInputError(`'${text}' is not a date`, { field }, 'Give dates as YYYY-MM-DD, e.g. 2024-01-01.');
  }
  return day;
}

interface ResolvedOptions {
  customers: number;
  startDay: number;
  endDay: number;
  daysPerPeriod: number;
  bgnbd: BgNbdParameters;
  gammaGamma: GammaGammaParameters;
  categories: GeneratorCategory[];
  cumulativeShares: Float64Array;
  returnRate: number;
  seed: string | number;
}

function resolveOptions(options: GenerateOptions): ResolvedOptions {
  const { customers } = options;
  if (!(Number.isInteger(customers) && customers >= 1)) {
    throw new UserInputError(`the number of customers must be a whole number >= 1, got ${customers}`, { field: 'customers' });
  }
  if (customers > MAX_GENERATED_CUSTOMERS) {
    throw new UserInputError(
      `${customers} customers is more than one generated history can hold (at most ${MAX_GENERATED_CUSTOMERS.toLocaleString('en-US')})`,
      { field: 'customers' },
      'Every row is held in memory to be sorted by date: generate several files with different seeds instead.',
    );
  }
  const startDay = parseDate(options.start, 'start');
  const endDay = parseDate(options.end, 'end');
  if (endDay < startDay) {
    throw new UserInputError(`the end date ${options.end} is before the start date ${options.start}`, { field: 'end' }, 'Give an end date on or after the start date.');
  }
  const period = options.period ?? 'week';
  const bgnbd = options.bgnbd ?? defaultBgNbdParameters(period);
  const gammaGamma = options.gammaGamma ?? DEFAULT_GAMMA_GAMMA;
  for (const [name, value] of Object.entries(bgnbd)) checkPositive(value, `bgnbd.${name}`);
  for (const [name, value] of Object.entries(gammaGamma)) checkPositive(value, `gammaGamma.${name}`);
  // The population's mean purchase value p v / (q - 1) (infinite for q <= 1: allowed, the amounts drawn are checked).
  const meanValue = (gammaGamma.p * gammaGamma.v) / (gammaGamma.q - 1);
  if (gammaGamma.q > 1 && !(meanValue <= MAX_GENERATED_AMOUNT)) {
    throw new UserInputError(
      `the mean purchase value p v / (q - 1) is ${meanValue}, above the largest amount written (${MAX_GENERATED_AMOUNT.toExponential()})`,
      { field: 'gammaGamma' },
      'Give a spend model with a plausible mean purchase value, e.g. p=6,q=4,v=20 (mean 40).',
    );
  }
  const returnRate = options.returnRate ?? 0;
  if (!(Number.isFinite(returnRate) && returnRate >= 0 && returnRate <= 1)) {
    throw new UserInputError(`the return rate must be a share between 0 and 1, got ${returnRate}`, { field: 'returnRate' }, 'Write it as a fraction: 0.05 for 5% of purchases returned.');
  }
  const categories = options.categories ?? [];
  const names = new Set<string>();
  let totalShare = 0;
  categories.forEach((category, i) => {
    const field = `categories[${i}]`;
    if (category.name.trim() === '' || /[",\n\r]/.test(category.name)) {
      throw new UserInputError(`category name '${category.name}' must be non-empty, without commas, quotes or line breaks`, { field });
    }
    if (names.has(category.name)) throw new UserInputError(`category '${category.name}' is listed twice`, { field });
    names.add(category.name);
    if (!(Number.isFinite(category.share) && category.share > 0)) {
      throw new UserInputError(`the share of '${category.name}' must be a positive number, got ${category.share}`, { field });
    }
    if (!(Number.isFinite(category.margin) && category.margin >= -1 && category.margin <= 1)) {
      throw new UserInputError(
        `the margin of '${category.name}' must be a fraction of the amount between -1 and 1, got ${category.margin}`,
        { field },
        'Write margins as fractions: 0.35 for 35%.',
      );
    }
    totalShare += category.share;
  });
  const cumulativeShares = new Float64Array(categories.length);
  let running = 0;
  categories.forEach((category, i) => {
    running += category.share / totalShare;
    cumulativeShares[i] = running;
  });
  return {
    customers,
    startDay,
    endDay,
    daysPerPeriod: DAYS_PER_PERIOD[period],
    bgnbd,
    gammaGamma,
    categories,
    cumulativeShares,
    returnRate,
    seed: options.seed ?? 1,
  };
}

interface ResolvedProgram {
  memberShare: number;
  selfSelection: number;
  frequencyUplift: number;
  spendUplift: number;
  /** Launch, in days from the start date. */
  launchOffset: number;
}

function resolveProgram(program: GeneratedProgram, startDay: number, endDay: number): ResolvedProgram {
  const launchDay = parseDate(program.launch, 'launch');
  if (launchDay < startDay || launchDay > endDay) {
    throw new UserInputError(`the launch date ${program.launch} is outside the history`, { field: 'launch' }, 'Give a launch date between the start and end dates.');
  }
  if (!(program.memberShare >= 0 && program.memberShare <= 1)) {
    throw new UserInputError(`the member share must be between 0 and 1, got ${program.memberShare}`, { field: 'program-members' }, 'Write it as a fraction: 0.3 for 30% of customers.');
  }
  if (!(Number.isFinite(program.selfSelection) && program.selfSelection >= 0)) {
    throw new UserInputError(`the self-selection weight must be 0 or more, got ${program.selfSelection}`, { field: 'self-selection' }, 'Give 0 for members chosen at random, e.g. 2 for strong self-selection.');
  }
  for (const [field, value] of [['frequency-uplift', program.frequencyUplift], ['spend-uplift', program.spendUplift]] as const) {
    if (!(Number.isFinite(value) && value > -1 && value <= 10)) {
      throw new UserInputError(`the uplift must be a fraction above -1 and at most 10, got ${value}`, { field }, 'Write it as a fraction: 0.15 for +15%.');
    }
  }
  return { ...program, launchOffset: launchDay - startDay };
}

/**
 * Candidate join times and who joins (GeneratedProgram): a first pass draws the history without
 * effects to count each customer's purchases before their candidate join day.
 * Returns the join time (days from the start) of each customer, Infinity for non-members.
 */
function chooseMembers(resolved: ResolvedOptions, program: ResolvedProgram): { joinTime: Float64Array } {
  const { customers, startDay, endDay } = resolved;
  const daySpan = endDay - startDay + 1;
  const draws = new SeededVariateSource(`${resolved.seed}:program`);
  const candidate = new Float64Array(customers);
  const chance = new Float64Array(customers);
  for (let c = 0; c < customers; c++) {
    candidate[c] = program.launchOffset + draws.next() * (daySpan - program.launchOffset);
    chance[c] = draws.next();
  }
  const random = new SeededVariateSource(resolved.seed);
  const returns = new SeededVariateSource(`${resolved.seed}:returns`);
  const weight = new Float64Array(customers);
  for (let c = 0; c < customers; c++) {
    const joinDay = startDay + Math.floor(candidate[c]);
    let firstDay = Infinity;
    let recent = 0;
    simulateCustomer(c, random, returns, resolved, Infinity, undefined, undefined, (day, cents) => {
      if (cents < 0) return;
      firstDay = Math.min(firstDay, day);
      if (day < joinDay && day >= joinDay - SELECTION_WINDOW_DAYS) recent++;
    });
    if (firstDay < joinDay) {
      weight[c] = (1 + recent) ** program.selfSelection;
    }
  }
  const scale = joinScale(weight, program.memberShare * customers);
  const joinTime = new Float64Array(customers).fill(Infinity);
  for (let c = 0; c < customers; c++) {
    if (weight[c] > 0 && chance[c] < Math.min(1, scale * weight[c])) joinTime[c] = Math.floor(candidate[c]);
  }
  return { joinTime };
}

/**
 * The scale s with sum_c min(1, s w_c) = target (by bisection; every weight with positive w gets
 * probability 1 when the target is at least their number).
 */
function joinScale(weight: Float64Array, target: number): number {
  const expected = (scale: number): number => weight.reduce((sum, w) => sum + Math.min(1, scale * w), 0);
  const positive = weight.reduce((count, w) => count + (w > 0 ? 1 : 0), 0);
  if (target >= positive) return Infinity;
  let low = 0;
  let high = 1;
  while (expected(high) < target) high *= 2;
  for (let step = 0; step < 60; step++) {
    const middle = (low + high) / 2;
    if (expected(middle) < target) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

function memberTable(joinTime: Float64Array, startDay: number): GeneratedMembers {
  const members: number[] = [];
  joinTime.forEach((time, c) => {
    if (Number.isFinite(time)) members.push(c);
  });
  return { customer: Int32Array.from(members), joinDay: Int32Array.from(members, (c) => startDay + joinTime[c]) };
}

/** A growable column of numbers. */
class Column<T extends Int32Array | Float64Array | Int16Array> {
  length = 0;
  constructor(
    public values: T,
    private readonly make: (capacity: number) => T,
  ) {}
  push(value: number): void {
    if (this.length === this.values.length) {
      if (this.length >= MAX_GENERATED_ROWS) {
        throw new UserInputError(
          `the history would have more than ${MAX_GENERATED_ROWS.toLocaleString('en-US')} rows, more than one generated history can hold`,
          { field: 'customers' },
          'Every row is held in memory to be sorted by date: use fewer customers, a shorter period or a lower purchase rate, or generate several files with different seeds.',
        );
      }
      const grown = this.make(Math.min(this.values.length * 2, MAX_GENERATED_ROWS));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/** Draw the purchases of every customer, then put them in date order. */
export function generateTransactions(options: GenerateOptions): GeneratedTransactions & { members?: GeneratedMembers; continueCustomer?: ContinueCustomer } {
  const resolved = resolveOptions(options);
  const { customers, startDay, endDay, daysPerPeriod, bgnbd, gammaGamma, categories, cumulativeShares, returnRate } = resolved;
  const random = new SeededVariateSource(resolved.seed);
  const returns = new SeededVariateSource(`${resolved.seed}:returns`);
  const initial = Math.min(MAX_GENERATED_ROWS, Math.max(16, customers * 4));
  const customerColumn = new Column(new Int32Array(initial), (n) => new Int32Array(n));
  const dayColumn = new Column(new Int32Array(initial), (n) => new Int32Array(n));
  const amountColumn = new Column(new Float64Array(initial), (n) => new Float64Array(n));
  const categoryColumn = new Column(new Int16Array(initial), (n) => new Int16Array(n));
  // Time is measured in days from the start date; a purchase at time t falls on day floor(t).
  const daySpan = endDay - startDay + 1;

  const program = options.program === undefined ? undefined : resolveProgram(options.program, startDay, endDay);
  const members = program === undefined ? undefined : chooseMembers(resolved, program);
  const effects = program === undefined ? undefined : new SeededVariateSource(`${resolved.seed}:program-effects`);

  const endStates = options.keepEndStates === true ? { active: new Uint8Array(customers), ratePerDay: new Float64Array(customers), dropout: new Float64Array(customers), nu: new Float64Array(customers), valueFactor: new Float64Array(customers) } : undefined;
  const end: EndState = { active: false, ratePerDay: 0, dropout: 0, nu: 0, valueFactor: 1 };
  for (let c = 0; c < customers; c++) {
    const joinTime = members === undefined ? Infinity : members.joinTime[c];
    simulateCustomer(c, random, returns, resolved, joinTime, program, effects, (day, cents, category) => {
      customerColumn.push(c);
      dayColumn.push(day);
      amountColumn.push(cents);
      categoryColumn.push(category);
    }, end);
    if (endStates !== undefined) {
      endStates.active[c] = end.active ? 1 : 0;
      endStates.ratePerDay[c] = end.ratePerDay;
      endStates.dropout[c] = end.dropout;
      endStates.nu[c] = end.nu;
      endStates.valueFactor[c] = end.valueFactor;
    }
  }
  const continueCustomer: ContinueCustomer | undefined =
    endStates === undefined
      ? undefined
      : (c, untilDay, draws, sink) => {
          if (endStates.active[c] === 0) return false;
          const rate = endStates.ratePerDay[c];
          for (let t = daySpan + sampleExponential(draws, rate); t < untilDay - startDay + 1; t += sampleExponential(draws, rate)) {
            const value = drawPurchaseValue(draws, gammaGamma, endStates.nu[c]) * endStates.valueFactor[c];
            if (!(value <= MAX_GENERATED_AMOUNT)) throw amountTooLarge(value, gammaGamma);
            const category = categories.length > 0 ? pickCategory(cumulativeShares, draws.next()) : -1;
            sink(startDay + Math.floor(t), Math.max(1, Math.round(value * 100)), category);
            if (draws.next() < endStates.dropout[c]) return false;
          }
          return true;
        };

  // Stable counting sort by day keeps customer order, then purchase order, within a day.
  const purchases = customerColumn.length;
  const counts = new Int32Array(daySpan + 1);
  for (let i = 0; i < purchases; i++) counts[dayColumn.values[i] - startDay + 1]++;
  for (let d = 0; d < daySpan; d++) counts[d + 1] += counts[d];
  const customer = new Int32Array(purchases);
  const day = new Int32Array(purchases);
  const amountCents = new Float64Array(purchases);
  const category = new Int16Array(purchases);
  for (let i = 0; i < purchases; i++) {
    const target = counts[dayColumn.values[i] - startDay]++;
    customer[target] = customerColumn.values[i];
    day[target] = dayColumn.values[i];
    amountCents[target] = amountColumn.values[i];
    category[target] = categoryColumn.values[i];
  }
  const width = String(customers).length;
  return {
    members: members === undefined ? undefined : memberTable(members.joinTime, startDay),
    continueCustomer,
    purchases,
    customers,
    customer,
    day,
    amountCents,
    category,
    categories,
    customerId: (index) => `C${String(index + 1).padStart(width, '0')}`,
  };
}


/** Where one customer's rows go: day number, amount in cents (negative for a return), category or -1. */
type RowSink = (day: number, cents: number, category: number) => void;

/**
 * One customer's purchases (and returns), drawn from `random` (and `returns`) as the module doc
 * says, consuming exactly the draws of a history without a program, so that every other customer
 * and this customer's purchases before joining are the same with any program effect.
 * A member (joinTime = join day, in days from the start; Infinity for none) who is still active at
 * the join (had not dropped out after an earlier purchase) buys from then on as follows:
 *   - with no frequency uplift, the same purchases, each value multiplied by (1 + spendUplift);
 *   - otherwise those purchases are not written, and new ones are drawn from `effects`: waiting
 *     times at rate lambda (1 + frequencyUplift) from the join (exponential waiting times have no
 *     memory), dropout chance p / (1 + frequencyUplift) after each purchase (at most 1), so that
 *     dropout in time (hazard lambda p) is unchanged and a member alive buys (1 + frequencyUplift)
 *     times as often, and values multiplied by (1 + spendUplift).
 */
function simulateCustomer(
  c: number,
  random: SeededVariateSource,
  returns: SeededVariateSource,
  resolved: ResolvedOptions,
  joinTime: number,
  program: ResolvedProgram | undefined,
  effects: SeededVariateSource | undefined,
  sink: RowSink,
  end?: EndState,
): void {
  const { startDay, endDay, daysPerPeriod, bgnbd, gammaGamma, categories, cumulativeShares, returnRate } = resolved;
  const daySpan = endDay - startDay + 1;
  const joinDay = Math.floor(random.next() * daySpan);
  const { purchaseRate, dropout } = drawBgNbdCustomer(random, bgnbd);
  const lambdaPerDay = purchaseRate / daysPerPeriod;
  const nu = drawSpendRate(random, gammaGamma);
  const redraw = program !== undefined && program.frequencyUplift !== 0 && effects !== undefined;
  const spendFactor = program === undefined ? 1 : 1 + program.spendUplift;
  const purchaseAt = (time: number, value: number, category: number, returnDraws: SeededVariateSource, write: boolean): void => {
    if (!(value <= MAX_GENERATED_AMOUNT)) throw amountTooLarge(value, gammaGamma);
    const cents = Math.max(1, Math.round(value * 100));
    if (write) sink(startDay + Math.floor(time), cents, category);
    if (returnRate > 0 && returnDraws.next() < returnRate) {
      const returnTime = Math.floor(time) + Math.floor(returnDraws.next() * RETURN_WINDOW_DAYS);
      if (write && returnTime < daySpan) sink(startDay + returnTime, -cents, category);
    }
  };
  let time = joinDay + random.next();
  let activeAtJoin = false;
  let activeAtEnd = false;
  for (let purchase = 0; ; purchase++) {
    const afterJoin = time >= joinTime;
    if (afterJoin) activeAtJoin = true;
    const value = drawPurchaseValue(random, gammaGamma, nu) * (afterJoin ? spendFactor : 1);
    const category = categories.length > 0 ? pickCategory(cumulativeShares, random.next()) : -1;
    purchaseAt(time, value, category, returns, !(afterJoin && redraw));
    if (purchase > 0 && random.next() < dropout) break;
    time += sampleExponential(random, lambdaPerDay);
    if (!(time < daySpan)) {
      if (time >= joinTime) activeAtJoin = true;
      activeAtEnd = true;
      break;
    }
  }
  const member = Number.isFinite(joinTime) && activeAtJoin;
  if (end !== undefined) {
    end.active = activeAtEnd;
    end.ratePerDay = lambdaPerDay;
    end.dropout = dropout;
    end.nu = nu;
    end.valueFactor = member ? spendFactor : 1;
  }
  if (!redraw || !activeAtJoin) return;
  const factor = 1 + program!.frequencyUplift;
  if (end !== undefined) {
    end.active = false;
    end.ratePerDay = lambdaPerDay * factor;
    end.dropout = Math.min(1, dropout / factor);
  }
  for (let t = joinTime + sampleExponential(effects!, lambdaPerDay * factor); ; t += sampleExponential(effects!, lambdaPerDay * factor)) {
    if (!(t < daySpan)) {
      if (end !== undefined) end.active = true;
      break;
    }
    const value = drawPurchaseValue(effects!, gammaGamma, nu) * spendFactor;
    const category = categories.length > 0 ? pickCategory(cumulativeShares, effects!.next()) : -1;
    purchaseAt(t, value, category, effects!, true);
    if (effects!.next() < Math.min(1, dropout / factor)) break;
  }
}

/** A drawn purchase value beyond MAX_GENERATED_AMOUNT (or not a number): the spend model is not one to write. */
function amountTooLarge(value: number, gammaGamma: GammaGammaParameters): UserInputError {
  const heavyTail = gammaGamma.q <= 1 ? ' With q <= 1 the mean purchase value is infinite: a few customers draw enormous amounts.' : '';
  return new UserInputError(
    `a drawn purchase amount is ${value}, above the largest amount written (${MAX_GENERATED_AMOUNT.toExponential()})`,
    { field: 'gammaGamma' },
    `Give a spend model with a plausible mean purchase value p v / (q - 1), with q > 1, e.g. p=6,q=4,v=20 (mean 40).${heavyTail}`,
  );
}

function pickCategory(cumulativeShares: Float64Array, u: number): number {
  for (let k = 0; k < cumulativeShares.length - 1; k++) if (u < cumulativeShares[k]) return k;
  return cumulativeShares.length - 1;
}
