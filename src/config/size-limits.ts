/**
 * The largest population a scenario may describe, refused up front with the limit instead of
 * running out of memory or time (README "Limits"). Measured on the engine (one program, one worker
 * thread): a customer takes about 130 bytes of typed arrays per worker thread (its traits, its
 * uniforms, its join day per world), and a world simulates about 6 million purchases a second.
 */

/**
 * Customers of a `population` block: 5 million customers take about 650 MB per worker thread
 * (5e6 x 130 bytes); a billion would take 130 GB.
 */
export const MAX_POPULATION_CUSTOMERS = 5_000_000;

/** Purchases per customer and year: ten a day, more than any shop's most frequent customer. */
export const MAX_PURCHASES_PER_YEAR = 3650;

/**
 * Purchases one world simulates in one iteration (customers x purchasesPerYear x horizon in
 * years): 100 million take about 17 seconds per world and iteration at 6 million a second.
 */
export const MAX_PURCHASES_PER_ITERATION = 100_000_000;

/**
 * Programs of one scenario: each is a world simulated beside the baseline in every iteration, and
 * a column of the table; a comparison of more than 50 is better split into several scenarios.
 */
export const MAX_PROGRAMS = 50;

/** `5000000` as `5,000,000`. */
export function withThousands(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
