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
 * Purchases after the end date are not written. Rows come in date order, then customer, then time.
 */
import { UserInputError } from '../errors.js';
import type { BgNbdParameters, GammaGammaParameters } from '../model/parameters.js';
import { DAYS_PER_PERIOD, type Period } from './customer-summary.js';
import { isoDate, parseIsoDateString } from './calendar.js';
import { sampleBeta, sampleExponential, sampleGamma, seededUniform } from './generate-random.js';

/** A product category of the generated purchases. */
export interface GeneratorCategory {
  name: string;
  /** Probability that a purchase is in this category; shares are normalised to sum to 1. */
  share: number;
  /** Gross margin as a share of the amount (0.35 = 35%). */
  margin: number;
}

/**
 * Defaults per week: purchase rate mean r / alpha = 0.1 a week (5.2 a year) while active, strongly
 * heterogeneous (r < 1); dropout probability after a repeat purchase mean a / (a + b) = 0.12; mean
 * ticket p v / (q - 1) = 40.
 */
export const DEFAULT_WEEKLY_BG_NBD: BgNbdParameters = { r: 0.75, alpha: 7.5, a: 0.8, b: 6 };
export const DEFAULT_GAMMA_GAMMA: GammaGammaParameters = { p: 6, q: 4, v: 20 };

/**
 * The default BG/NBD parameters with rates per `period`: lambda per period is lambda per week
 * times (days per period / 7), so only alpha changes: alpha_period = alpha_week * 7 / days per period.
 */
export function defaultBgNbdParameters(period: Period): BgNbdParameters {
  return { ...DEFAULT_WEEKLY_BG_NBD, alpha: (DEFAULT_WEEKLY_BG_NBD.alpha * 7) / DAYS_PER_PERIOD[period] };
}

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
  /** Default 1. */
  seed?: string | number;
}

/** The generated purchases as parallel arrays, one entry per purchase, in output order. */
export interface GeneratedTransactions {
  purchases: number;
  customers: number;
  /** Index of the purchase's customer (0-based); its id is `customerId(index)`. */
  customer: Int32Array;
  /** Day number (days since 1970-01-01) of the purchase. */
  day: Int32Array;
  /** Amount in cents. */
  amountCents: Float64Array;
  /** Index into `categories`, or -1 without categories. */
  category: Int16Array;
  categories: GeneratorCategory[];
  /** The customer id written to the file: `C` and the 1-based number, zero-padded. */
  customerId(index: number): string;
}

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
  seed: string | number;
}

function resolveOptions(options: GenerateOptions): ResolvedOptions {
  const { customers } = options;
  if (!(Number.isInteger(customers) && customers >= 1)) {
    throw new UserInputError(`the number of customers must be a whole number >= 1, got ${customers}`, { field: 'customers' });
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
      const grown = this.make(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/** Draw the purchases of every customer, then put them in date order. */
export function generateTransactions(options: GenerateOptions): GeneratedTransactions {
  const resolved = resolveOptions(options);
  const { customers, startDay, endDay, daysPerPeriod, bgnbd, gammaGamma, categories, cumulativeShares } = resolved;
  const random = seededUniform(resolved.seed);
  const initial = Math.max(16, customers * 4);
  const customerColumn = new Column(new Int32Array(initial), (n) => new Int32Array(n));
  const dayColumn = new Column(new Int32Array(initial), (n) => new Int32Array(n));
  const amountColumn = new Column(new Float64Array(initial), (n) => new Float64Array(n));
  const categoryColumn = new Column(new Int16Array(initial), (n) => new Int16Array(n));
  // Time is measured in days from the start date; a purchase at time t falls on day floor(t).
  const daySpan = endDay - startDay + 1;

  for (let c = 0; c < customers; c++) {
    const joinDay = Math.floor(random() * daySpan);
    const lambdaPerDay = sampleGamma(random, bgnbd.r, bgnbd.alpha) / daysPerPeriod;
    const dropout = sampleBeta(random, bgnbd.a, bgnbd.b);
    const nu = sampleGamma(random, gammaGamma.q, gammaGamma.v);
    let time = joinDay + random();
    for (let purchase = 0; ; purchase++) {
      customerColumn.push(c);
      dayColumn.push(startDay + Math.floor(time));
      amountColumn.push(Math.max(1, Math.round(sampleGamma(random, gammaGamma.p, nu) * 100)));
      categoryColumn.push(categories.length > 0 ? pickCategory(cumulativeShares, random()) : -1);
      if (purchase > 0 && random() < dropout) break;
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

function pickCategory(cumulativeShares: Float64Array, u: number): number {
  for (let k = 0; k < cumulativeShares.length - 1; k++) if (u < cumulativeShares[k]) return k;
  return cumulativeShares.length - 1;
}

/** Cents as a decimal with two places: 1234 -> "12.34", -5 -> "-0.05". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const units = Math.floor(absolute / 100);
  const rest = absolute - units * 100;
  return `${sign}${units}.${rest < 10 ? '0' : ''}${rest}`;
}

/**
 * The CSV text in chunks of about `rowsPerChunk` rows: header `customer_id,date,amount` (plus
 * `,category,margin` with categories; margin = amount x the category's margin, in currency), then one
 * line per purchase.
 */
export function* transactionCsvChunks(generated: GeneratedTransactions, rowsPerChunk = 10_000): Generator<string> {
  const withCategories = generated.categories.length > 0;
  let chunk = withCategories ? 'customer_id,date,amount,category,margin\n' : 'customer_id,date,amount\n';
  const dateCache = new Map<number, string>();
  let rowsInChunk = 0;
  for (let i = 0; i < generated.purchases; i++) {
    let date = dateCache.get(generated.day[i]);
    if (date === undefined) {
      date = isoDate(generated.day[i]);
      dateCache.set(generated.day[i], date);
    }
    const cents = generated.amountCents[i];
    let line = `${generated.customerId(generated.customer[i])},${date},${formatCents(cents)}`;
    if (withCategories) {
      const category = generated.categories[generated.category[i]];
      line += `,${category.name},${formatCents(Math.round(cents * category.margin))}`;
    }
    chunk += line + '\n';
    if (++rowsInChunk >= rowsPerChunk) {
      yield chunk;
      chunk = '';
      rowsInChunk = 0;
    }
  }
  if (chunk.length > 0) yield chunk;
}
