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
import type { GeneratedTransactions, GeneratorCategory } from '../data/transaction-csv.js';
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
}

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
export function generateTransactions(options: GenerateOptions): GeneratedTransactions {
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

  for (let c = 0; c < customers; c++) {
    const joinDay = Math.floor(random.next() * daySpan);
    const { purchaseRate, dropout } = drawBgNbdCustomer(random, bgnbd);
    const lambdaPerDay = purchaseRate / daysPerPeriod;
    const nu = drawSpendRate(random, gammaGamma);
    let time = joinDay + random.next();
    for (let purchase = 0; ; purchase++) {
      customerColumn.push(c);
      dayColumn.push(startDay + Math.floor(time));
      const value = drawPurchaseValue(random, gammaGamma, nu);
      if (!(value <= MAX_GENERATED_AMOUNT)) throw amountTooLarge(value, gammaGamma);
      const cents = Math.max(1, Math.round(value * 100));
      const category = categories.length > 0 ? pickCategory(cumulativeShares, random.next()) : -1;
      amountColumn.push(cents);
      categoryColumn.push(category);
      if (returnRate > 0 && returns.next() < returnRate) {
        const returnTime = Math.floor(time) + Math.floor(returns.next() * RETURN_WINDOW_DAYS);
        if (returnTime < daySpan) {
          customerColumn.push(c);
          dayColumn.push(startDay + returnTime);
          amountColumn.push(-cents);
          categoryColumn.push(category);
        }
      }
      if (purchase > 0 && random.next() < dropout) break;
      time += sampleExponential(random, lambdaPerDay);
      if (!(time < daySpan)) break;
    }
  }

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
