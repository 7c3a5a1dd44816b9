/**
 * A table of purchases and returns (one entry per row, in output order) and its CSV text, as
 * `loyalty-sim generate` writes it. The synthetic purchases come from model/generate-transactions.ts.
 */
import { isoDate } from './calendar.js';

/** A product category of the generated purchases. */
export interface GeneratorCategory {
  name: string;
  /** Probability that a purchase is in this category; shares are normalised to sum to 1. */
  share: number;
  /** Gross margin as a share of the amount (0.35 = 35%). */
  margin: number;
}

/** The generated rows as parallel arrays, one entry per row, in output order. */
export interface GeneratedTransactions {
  /** Rows: purchases, and returns (negative amounts) when returns were generated. */
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

/** The members of a generated program: customer index (0-based) and join day number, in customer order. */
export interface GeneratedMembers {
  customer: Int32Array;
  joinDay: Int32Array;
}

/** The members CSV `uplift` reads: header `customer_id,joined`, one line per member (ids as in the history). */
export function membersCsvText(generated: GeneratedTransactions, members: GeneratedMembers): string {
  let text = 'customer_id,joined\n';
  for (let i = 0; i < members.customer.length; i++) text += `${generated.customerId(members.customer[i])},${isoDate(members.joinDay[i])}\n`;
  return text;
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
