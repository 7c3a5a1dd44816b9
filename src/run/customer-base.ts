/**
 * The customers a scenario simulates: read and fitted from its purchase history, or built from its
 * `population` block for owners without data. Either way the engine gets per-customer summaries
 * (x, t_x, T, mean spend), the fitted model, the product mix and the arrival rate of new customers.
 */
import { ingestPurchaseHistory } from '../data/ingest.js';
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
  /** The ingest's data-quality report, when the base comes from data. */
  quality?: DataQualityReport;
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
  const { summaries, categories, quality } = await ingestPurchaseHistory(data.file, {
    ...ingestOptionsFor(data),
    ...(wording ? { wording } : {}),
    ...(onWaiting ? { onWaiting: () => onWaiting(displayFile) } : {}),
  });
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
    historyReturnRate: quality.returnRate.rate,
    fit,
    quality,
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
