/**
 * The engine's input and output. The engine works on resolved numbers: the caller (the scenario
 * runner) draws every uncertain assumption per iteration and passes plain numbers; the engine
 * never sees distributions or YAML.
 */
import type { BgNbdParameters, GammaGammaParameters } from '../model/parameters.js';
import type { ResolvedProgram } from '../programs/registry.js';

/** Existing customers, as summarised from the purchase history (see data/customer-summary.ts). */
export interface SimulationCustomers {
  /** Repeat purchases in the calibration period. */
  x: Float64Array;
  /** Time of the last purchase since the first, in model periods. */
  tx: Float64Array;
  /** Time from the first purchase to the end of the calibration period, in model periods. */
  T: Float64Array;
  /** Mean value of the repeat purchases (0 when x = 0). */
  monetaryValue: Float64Array;
  count: number;
}

/** The fitted customer model. */
export interface SimulationModel {
  bgnbd: BgNbdParameters;
  gammaGamma: GammaGammaParameters;
  /** Length of the model's period in days (BG/NBD rates are per period). */
  daysPerPeriod: number;
}

/**
 * What customers buy. A purchase falls in category k with probability revenueShares[k]
 * (independently of its value, so revenue shares are purchase shares); its cost of goods is
 * price x (1 - margins[k]).
 */
export interface CategoryMix {
  names: string[];
  /** Shares summing to 1. */
  revenueShares: number[];
  /** Gross margin as a share of the price, per category. */
  margins: number[];
}

/** One iteration's drawn assumptions. */
export interface ResolvedIteration {
  /** Every program in the same order, with the same names and types, in every iteration. */
  programs: ResolvedProgram[];
  /** Margins drawn for this iteration, overriding `categories.margins`. */
  margins?: number[];
  /** Arrival rate drawn for this iteration, overriding `newCustomersPerMonth`. */
  newCustomersPerMonth?: number;
  /** Return rate drawn for this iteration, overriding `returnRate`. */
  returnRate?: number;
}

export interface SimulationInput {
  customers: SimulationCustomers;
  model: SimulationModel;
  categories: CategoryMix;
  /** New customers arriving per month (a Poisson process); they draw from the population distributions. */
  newCustomersPerMonth: number;
  /**
   * Share of purchases returned, 0 to 1 (default 0): a returned purchase books no revenue, cost of
   * goods or program benefit, and the customer's behaviour is unchanged (docs/methods.md section 6).
   */
  returnRate?: number;
  /**
   * Length of the horizon in days (docs/methods.md section 7): a positive whole number of days, or
   * a whole number of months of DAYS_PER_MONTH days. Give this or `horizonMonths`; when only
   * `horizonMonths` is given the horizon is that many whole months.
   */
  horizonDays?: number;
  /**
   * Months of the tallies: ceil(horizonDays / DAYS_PER_MONTH), the last one partial when the
   * horizon is not whole months. Give this alone for a horizon of whole months; given with
   * `horizonDays` it must agree.
   */
  horizonMonths?: number;
  /**
   * Annual rate at which the run-off's redemption costs are discounted to the horizon's end (the
   * points liability, programs/run-off.ts), e.g. 0.08; default 0 (undiscounted).
   */
  annualDiscountRate?: number;
  /** A safe integer; each iteration is seeded from (seed, iteration index). */
  seed: number;
  /**
   * How many existing customers each iteration simulates (on average): a stratified sample of
   * them, and the same share of the new arrivals, their tallies weighted by the customers each
   * stands for (sim/customer-sample.ts, docs/methods.md section 7). Absent, or at least customers.count: every customer.
   */
  customerSample?: number;
  iterations: ResolvedIteration[];
  /**
   * The run's index of `iterations[0]` (default 0): `iterations[j]` is iteration firstIteration + j,
   * seeded from (seed, firstIteration + j), so a block of a run simulated alone gives that block
   * of the run's tallies, bit for bit (run/shards.ts, run/precision.ts).
   */
  firstIteration?: number;
  /**
   * Per program, the world number whose own random numbers (arrivals through the program,
   * referrals and the customers they bring) its world draws; default its position + 1. Giving a
   * program the number it has in a larger run simulates its world alone, or several variants of
   * it side by side, from the random numbers it has there: the same world, bit for bit.
   */
  streamWorlds?: number[];
}

export interface SimulationOptions {
  /**
   * Threads simulating: the calling thread and workers - 1 worker threads; default the available
   * cores, or 1 when the work is below SINGLE_THREAD_WORK (simulate.ts).
   */
  workers?: number;
  /** Called after each finished iteration. */
  onProgress?: (done: number, total: number) => void;
}

export interface SimulationResult {
  /** 'baseline', then the program names: world k of the tallies. */
  worlds: string[];
  programs: { name: string; type: string }[];
  iterations: number;
  /** Months of the tallies; the last one ends at the horizon's end, `horizonDays`. */
  horizonMonths: number;
  /** Length of the horizon in days (horizonMonths x DAYS_PER_MONTH for whole months). */
  horizonDays: number;
  seed: number;
  /** Layout in sim/tally.ts. */
  tallies: Float64Array;
  /** Per program: its breakdown groups ([] when it has none). */
  breakdownGroups: string[][];
  /** Per-group tallies of the programs with groups; layout in sim/tally.ts ("Breakdown"). */
  breakdown: Float64Array;
  /** Each program's frequency uplift per iteration: index iteration * programs.length + program. */
  frequencyUplift: Float64Array;
  /** Each program's setup cost per iteration (a time-zero cash flow in the NPV), indexed like frequencyUplift. */
  setupCost: Float64Array;
  /** Each program's face value of a point per iteration (NaN without points), indexed like frequencyUplift. */
  pointFaceValue: Float64Array;
  /** Worker threads actually used (1 when the simulation ran in the calling thread). */
  workersUsed: number;
  /** Present when each iteration simulated a sample of the customers. */
  customerSample?: SimulatedSample;
}

/** The customer sample of a run (sim/customer-sample.ts). */
export interface SimulatedSample {
  /** Existing customers sampled per iteration (on average), n. */
  size: number;
  /** Existing customers in the whole base, N. */
  population: number;
  /**
   * Per iteration, laid out like `tallies`: the sum over the sample's strata of W_h (A_h - B_h),
   * A_h and B_h the tallies of the stratum's two halves. The estimates from each half alone are tallies +/- halfDifference, so
   * (g(tallies + d) - g(tallies - d))^2 / 4 estimates the variance, within the iteration, of a
   * figure g computed from the tallies (docs/methods.md section 7, "Customer sample").
   */
  halfDifference: Float64Array;
}
