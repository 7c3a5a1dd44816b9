/**
 * `loyalty-sim fit <file.csv> [ingest options] [--json] [--customers-out FILE.csv]`: read a
 * purchase history, fit the BG/NBD and Gamma-Gamma models on the calibration period, check them on
 * the holdout when the file runs past --calibration-end, and print the parameters (or write them
 * as JSON), optionally with per-customer predictions.
 */
import type { Command } from 'commander';
import { UserInputError } from '../errors.js';
import { DAYS_PER_PERIOD } from '../data/customer-summary.js';
import { ingestPurchaseHistory } from '../data/ingest.js';
import { fitCustomerModel, type CustomerModelFit } from '../model/customer-model.js';
import { weakFitMessage } from '../model/fit-assessment.js';
import { predictCustomer } from '../model/customer-predictions.js';
import type { LifetimeValueOptions } from '../model/clv.js';
import { FIT_FORMATS, fitReporter } from '../report/reporters.js';
import type { FitReport } from '../report/fit-report.js';
import { predictionsCsvReporter, type CustomerPredictions } from '../report/fit-predictions-csv.js';
import { formatCount } from '../report/format-number.js';
import { addIngestOptions, ingestOptionsFrom, waitingNotice, type IngestOptionValues } from './ingest-options.js';
import type { CommandContext } from './command-context.js';
import { openOutputFile, type OutputStream } from './output.js';
import { addReportOutputOptions, checkDistinctOutputs, openReportOutput, reportOutputPlan, type ReportOutputSpec, type ReportOutputValues } from './report-output.js';

/** fit's formats: the model as text (`table`) or JSON. */
const FIT_OUTPUT: ReportOutputSpec<(typeof FIT_FORMATS)[number], FitReport> = { formats: FIT_FORMATS, reporter: fitReporter, defaultFormat: 'table' };

interface FitOptionValues extends IngestOptionValues, ReportOutputValues {
  customersOut?: string;
  horizon: string;
  discountRate: string;
  margin?: string;
  acceptWeakFit?: boolean;
}

function parseNumberOption(text: string, option: string, check: (value: number) => boolean, hint: string): number {
  const value = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(text.trim()) ? Number(text) : NaN;
  if (!check(value)) throw new UserInputError(`'${text}' is not valid`, { field: option }, hint);
  return value;
}

/** Hint of a refused weak fit: what to do. */
export const WEAK_FIT_HINT_FIT =
  'Fit on more customers or a longer calibration period (a later --calibration-end), or simulate with a population block instead of data; --accept-weak-fit uses this fit anyway.';

/**
 * Refuse a model that is not identified (model/fit-assessment.ts) unless --accept-weak-fit, then
 * warn about each problem; and warn about a spend model without a finite mean.
 */
function checkFit(file: string, fit: CustomerModelFit, acceptWeakFit: boolean, stderr: OutputStream): void {
  if (!fit.assessment.identified) {
    if (!acceptWeakFit) throw new UserInputError(weakFitMessage(fit.assessment), { file }, WEAK_FIT_HINT_FIT);
    for (const problem of fit.assessment.problems) stderr.write(`warning: weak fit accepted (--accept-weak-fit): ${problem}\n`);
  }
  if (fit.gammaGamma.params.q <= 1) {
    stderr.write('warning: the fitted spend model has q <= 1, so customers without repeat purchases have no finite mean spend\n');
  }
}

export function registerFitCommand(program: Command, { io }: CommandContext): void {
  const command = program
    .command('fit')
    .description('fit the BG/NBD (purchases, dropout) and Gamma-Gamma (spend) customer models to a purchase history')
    .argument('<file.csv>', 'purchase history: one row per purchase line (customer_id,date,amount[,...])');
  addReportOutputOptions(addIngestOptions(command), FIT_OUTPUT)
    .option(
      '--customers-out <file.csv>',
      'write per-customer predictions: P(active), expected purchases next period and over the horizon, expected spend, CLV',
    )
    .option('--horizon <months>', 'CLV horizon in months (for --customers-out)', '12')
    .option('--discount-rate <rate>', 'annual discount rate of the CLV as a fraction, discounted monthly', '0.1')
    .option('--margin <share>', 'gross margin share of spend for the CLV, from 0 to 1 (default: from the margin or cost column, else 1 = revenue)')
    .option('--accept-weak-fit', 'use a model the data cannot identify (parameters at a bound, huge standard errors, too few repeat customers) with a warning instead of refusing it')
    .addHelpText(
      'after',
      `
Rates are per --period. The calibration period ends at --calibration-end (default: the last date in
the file); purchases after it are the holdout, against which the model's predictions are checked.
A model the data cannot identify (fewer than 10 repeat customers, a fit that did not converge, a
parameter at a bound, a standard error above its estimate) is refused with exit 2 unless
--accept-weak-fit.

Examples:
  loyalty-sim fit scenarios/data/sample-retailer.csv
  loyalty-sim fit orders.csv --calibration-end 2025-06-30 --json
  loyalty-sim fit orders.csv --period day --customers-out predictions.csv --horizon 24`,
    )
    .action(async (file: string, values: FitOptionValues) => {
      const ingestOptions = ingestOptionsFrom(values);
      const horizonMonths = parseNumberOption(values.horizon, '--horizon', (v) => Number.isInteger(v) && v >= 1 && v <= 1200, 'Give a whole number of months, e.g. --horizon 12.');
      const annualDiscountRate = parseNumberOption(values.discountRate, '--discount-rate', (v) => v >= 0 && v < 10, 'Give a fraction, e.g. --discount-rate 0.1 for 10% a year.');
      const marginOption =
        values.margin === undefined
          ? undefined
          : parseNumberOption(values.margin, '--margin', (v) => v >= 0 && v <= 1, 'Give the gross margin as a fraction of spend from 0 to 1, e.g. --margin 0.3 for 30%.');

      checkDistinctOutputs([{ path: values.out, option: '--out' }, { path: values.customersOut, option: '--customers-out' }]);
      const output = await openReportOutput(reportOutputPlan(values, FIT_OUTPUT), FIT_OUTPUT, io, [file]);
      const out = values.customersOut === undefined ? undefined : await openOutputFile(values.customersOut, '--customers-out', [file]);
      try {
        const { summaries, quality } = await ingestPurchaseHistory(file, { ...ingestOptions, onWaiting: waitingNotice(io.stderr) });
        const model = fitCustomerModel(summaries, { file });
        checkFit(file, model, values.acceptWeakFit === true, io.stderr);
        await output.write({ file, model, returnRate: quality.returnRate });

        if (out !== undefined) {
          const dataMargin = quality.revenue > 0 && Number.isFinite(quality.grossMargin) ? quality.grossMargin / quality.revenue : NaN;
          const margin = marginOption ?? (Number.isFinite(dataMargin) ? dataMargin : 1);
          if (marginOption === undefined && !Number.isFinite(dataMargin)) {
            io.stderr.write('note: the file has no margin or cost column, so the CLV is revenue (give --margin for margin)\n');
          }
          const lifetimeValue: LifetimeValueOptions = {
            horizonMonths,
            annualDiscountRate,
            margin,
            daysPerPeriod: DAYS_PER_PERIOD[summaries.period],
            returnRate: quality.returnRate.rate,
          };
          const predictions: CustomerPredictions = {
            summaries,
            prediction: (i) =>
              predictCustomer(
                model.bgnbd.params,
                model.gammaGamma.params,
                { x: summaries.x[i], tx: summaries.tx[i], T: summaries.T[i], monetaryValue: summaries.monetaryValue[i] },
                lifetimeValue,
              ),
          };
          await out.commit(await predictionsCsvReporter.render(predictions));
          io.stderr.write(`wrote predictions for ${formatCount(summaries.x.length)} customers to ${out.path}\n`);
        }
      } finally {
        await out?.discard();
        await output.discard();
      }
    });
}
