/**
 * The customers a scenario simulates: read and fitted from its purchase history, or built from its
 * `population` block for owners without data. Either way the engine gets per-customer summaries
 * (x, t_x, T, mean spend), the fitted model, the product mix and the arrival rate of new customers.
 */
import { ingestPurchaseHistory } from '../data/ingest.js';
import { readSummaryTableCsv, type SummaryTableColumn } from '../data/summary-table-csv.js';
import { readCategoryTableCsv } from '../data/category-table-csv.js';
import type { CustomerSummaries } from '../data/customer-summary.js';
import type { SettingWording } from '../data/setting-wording.js';
import { DAYS_PER_PERIOD } from '../data/customer-summary.js';
import { DAYS_PER_MONTH, DAYS_PER_YEAR, parseIsoDateString } from '../data/calendar.js';
import { fitCustomerModel, type CustomerModelFit } from '../model/customer-model.js';
import { maxAnnualDropout, populationBgNbd } from '../model/population-calibration.js';
import { UserInputError } from '../errors.js';
import { ingestOptionsFor, type DataSource, type Population } from '../config/scenario-schema.js';
import type { SimulationCustomers, SimulationModel } from '../sim/simulation-input.js';
import type { CategoryTotals } from '../data/category-totals.js';
import type { DataQualityReport } from '../data/data-quality.js';


export interface CustomerBase {
  customers: SimulationCustomers;
  model: SimulationModel;
  /** Product categories and their shares of revenue (one category `all` when the data has none). */
  categoryNames: string[];
  categoryRevenueShares: number[];
  /** Gross margin per category measured in the data (a share of revenue), when the data has margins. */
  dataMargins?: number[];
  /** New customers per month as the history shows them (0 for a population). */
  historyArrivalsPerMonth: number;
  /** Share of purchased value returned in the history's calibration period (0 for a population; data/data-quality.ts ReturnRate). */
  historyReturnRate: number;
  /** The fit, when the base comes from data. */
  fit?: CustomerModelFit;
  /** The ingest's data-quality report, when the base comes from a purchase history. */
  quality?: DataQualityReport;
  /** What a per-customer summary table (data.summaries) gave, when the base comes from one. */
  summaryTable?: SummaryTableFacts;
}

/**
 * What a run knows of a summary table: its customers and purchases (x + 1 each), its calibration
 * period (the start is the first purchase of the customer with the longest T), its columns, and
 * what it cannot tell (warnings). Row counts are not in such a table; categories and the return
 * rate only with a category table beside it (data.categories).
 */
export interface SummaryTableFacts {
  customers: number;
  purchases: number;
  calibration: { start: string; end: string; period: string };
  columns: SummaryTableColumn[];
  /** The categories of the category table (data.categories), when one is given. */
  categoryCount?: number;
  warnings: string[];
}

/**
 * New customers per month seen in the history: customers whose first purchase falls in the last
 * year of the calibration period, divided by 12 (or by the months of a shorter history).
 */
export function historyArrivalsPerMonth(T: ArrayLike<number>, daysPerPeriod: number, calibrationDays: number): number {
  const windowDays = Math.min(DAYS_PER_YEAR, calibrationDays);
  if (windowDays <= 0) return 0;
  let arrivals = 0;
  for (let i = 0; i < T.length; i++) if (T[i] * daysPerPeriod < windowDays) arrivals++;
  return arrivals / (windowDays / DAYS_PER_MONTH);
}

/** Revenue shares of the categories (negative net revenue counts as none). */
function revenueShares(categories: CategoryTotals[]): number[] {
  const positive = categories.map((c) => Math.max(0, c.revenue));
  const total = positive.reduce((sum, v) => sum + v, 0);
  return total > 0 ? positive.map((v) => v / total) : categories.map(() => 1 / categories.length);
}

/** `wording`: how messages name the data settings (default: as CLI options; a scenario passes its data keys). */
export async function customerBaseFromData(
  data: DataSource,
  displayFile: string,
  wording?: SettingWording,
  onWaiting?: (file: string) => void,
): Promise<CustomerBase> {
  if (data.kind === 'summaries') return customerBaseFromSummaryTable(data, displayFile, onWaiting);
  const { summaries, categories, quality } = await ingestPurchaseHistory(data.file, {
    ...ingestOptionsFor(data),
    ...(wording ? { wording } : {}),
    ...(onWaiting ? { onWaiting: () => onWaiting(displayFile) } : {}),
  });
  return { ...fittedBase(summaries, categories, displayFile), historyReturnRate: quality.returnRate.rate, quality };
}

/**
 * The customer base of a per-customer summary table (data.summaries, read by
 * data/summary-table-csv.ts): fitted as the summaries of a purchase history are. With a category
 * table (data.categories, data/category-table-csv.ts) the product mix, margins and return rate
 * are the history's; without, one product category `all` whose margin is the table's total gross
 * margin over its total spend, and no return rate (0 unless the scenario gives one).
 */
async function customerBaseFromSummaryTable(data: DataSource, displayFile: string, onWaiting?: (file: string) => void): Promise<CustomerBase> {
  const table = await readSummaryTableCsv(data.file, {
    // The schema requires both with a summary table.
    period: data.period!,
    calibrationEnd: data.calibrationEnd!,
    ...(data.holdoutEnd !== undefined ? { holdoutEnd: data.holdoutEnd } : {}),
    ...(onWaiting ? { onWaiting: () => onWaiting(displayFile) } : {}),
  });
  const { summaries } = table;
  let purchases = 0;
  let holdoutPurchases = 0;
  for (let i = 0; i < summaries.x.length; i++) {
    purchases += summaries.x[i] + 1;
    holdoutPurchases += summaries.holdoutPurchases[i];
  }
  const warnings: string[] = [];
  if (!table.exactMonetaryValues) {
    warnings.push('the table has no repeat_value and valued_repeats columns: mean repeat values are read as written (to 6 decimals), so the fit may differ from one on the purchase history in the last digits');
  }
  if (holdoutPurchases > 0 && data.holdoutEnd === undefined) {
    warnings.push(`the table counts ${holdoutPurchases} holdout purchases, but data.holdoutEnd (the last day they count up to) is not given: the model is not checked on them`);
  }
  const categoryTable = data.categories === undefined ? undefined : await readCategoryTableCsv(data.categories, onWaiting);
  return {
    ...fittedBase(summaries, categoryTable?.categories ?? [], displayFile),
    historyReturnRate: categoryTable?.returnRate.rate ?? 0,
    summaryTable: {
      customers: summaries.x.length,
      purchases,
      calibration: { start: summaries.calibrationStart, end: summaries.calibrationEnd, period: summaries.period },
      columns: table.columns,
      ...(categoryTable !== undefined ? { categoryCount: categoryTable.categories.length } : {}),
      warnings,
    },
  };
}

/** The fitted model, product mix, margins and arrivals of a base with these summaries and categories (none: one category `all`). */
function fittedBase(summaries: CustomerSummaries, categories: CategoryTotals[], displayFile: string): Omit<CustomerBase, 'historyReturnRate'> {
  const fit = fitCustomerModel(summaries, { file: displayFile });
  const daysPerPeriod = DAYS_PER_PERIOD[summaries.period];
  const calibrationDays = parseIsoDateString(summaries.calibrationEnd) - parseIsoDateString(summaries.calibrationStart) + 1;

  let categoryNames: string[];
  let categoryRevenueShares: number[];
  let dataMargins: number[] | undefined;
  if (categories.length > 0) {
    categoryNames = categories.map((c) => c.name);
    categoryRevenueShares = revenueShares(categories);
    const margins = categories.map((c) => (c.revenue > 0 ? c.grossMargin / c.revenue : NaN));
    dataMargins = margins.every(Number.isFinite) ? margins : undefined;
  } else {
    categoryNames = ['all'];
    categoryRevenueShares = [1];
    let spend = 0;
    let margin = 0;
    for (let i = 0; i < summaries.totalSpend.length; i++) {
      spend += summaries.totalSpend[i];
      margin += summaries.grossMargin[i];
    }
    dataMargins = spend > 0 && Number.isFinite(margin) ? [margin / spend] : undefined;
  }

  return {
    customers: { x: summaries.x, tx: summaries.tx, T: summaries.T, monetaryValue: summaries.monetaryValue, count: summaries.x.length },
    model: { bgnbd: fit.bgnbd.params, gammaGamma: fit.gammaGamma.params, daysPerPeriod },
    categoryNames,
    categoryRevenueShares,
    dataMargins,
    historyArrivalsPerMonth: historyArrivalsPerMonth(summaries.T, daysPerPeriod, calibrationDays),
    fit,
  };
}

/** Shape q of the Gamma-Gamma spend heterogeneity used for a population (the CDNOW estimate, rounded). */
const POPULATION_SPEND_Q = 4;
/** Shape p of a customer's purchase values used for a population (the CDNOW estimate, rounded). */
const POPULATION_SPEND_P = 6;

/**
 * A customer base built from a `population` block, in weekly periods (docs/methods.md section 6):
 * - every customer is active at the start of the horizon and starts at the beginning of their
 *   history (x = t_x = T = 0), so each draws its traits from the population distributions;
 * - purchase rate lambda ~ Gamma(r, alpha) with r = heterogeneity, dropout p ~ Beta(1, b), alpha
 *   and b calibrated (model/population-calibration.ts) so that over the first year of the
 *   horizon these customers make purchasesPerYear purchases each on average and the share
 *   annualDropout of them drops out;
 * - spend: Gamma-Gamma with p = 6, q = 4 and v = meanTicket (q - 1) / p, so the mean ticket is
 *   p v / (q - 1) = meanTicket.
 */
export function customerBaseFromPopulation(population: Population): CustomerBase {
  const daysPerPeriod = DAYS_PER_PERIOD.week;
  const bgnbd = populationBgNbd(population, DAYS_PER_YEAR / daysPerPeriod);
  if (bgnbd === undefined) {
    throw new UserInputError(
      `no customer base makes ${population.purchasesPerYear} purchases a year with ${population.annualDropout} of its customers leaving within the year`,
      { field: 'population.annualDropout' },
      `A customer leaves only after a purchase: give an annualDropout below ${maxAnnualDropout(population.purchasesPerYear)}.`,
    );
  }
  const v = (population.meanTicket * (POPULATION_SPEND_Q - 1)) / POPULATION_SPEND_P;
  if (!(v > 0 && Number.isFinite(v))) {
    throw new UserInputError(
      `a mean ticket of ${population.meanTicket} cannot be computed with`,
      { field: 'population.meanTicket' },
      'Give the mean purchase value in the currency, e.g. meanTicket: 6.5.',
    );
  }
  const n = population.customers;
  return {
    customers: { x: new Float64Array(n), tx: new Float64Array(n), T: new Float64Array(n), monetaryValue: new Float64Array(n), count: n },
    model: { bgnbd, gammaGamma: { p: POPULATION_SPEND_P, q: POPULATION_SPEND_Q, v }, daysPerPeriod },
    categoryNames: ['all'],
    categoryRevenueShares: [1],
    historyArrivalsPerMonth: 0,
    historyReturnRate: 0,
  };
}
