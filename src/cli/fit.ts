/**
 * `loyalty-sim fit <file.csv> [ingest options] [--json] [--customers-out FILE.csv]`: read a
 * purchase history, fit the BG/NBD and Gamma-Gamma models on the calibration period, check them on
 * the holdout when the file runs past --calibration-end, and print the parameters (or write them
 * as JSON), optionally with per-customer predictions.
 */
import Table from 'cli-table3';
import chalk from 'chalk';
import type { Command } from 'commander';
import { UserInputError } from '../errors.js';
import { DAYS_PER_PERIOD, type CustomerSummaries } from '../data/customer-summary.js';
import { ingestPurchaseHistory } from '../data/ingest.js';
import { customerModelJson, fitCustomerModel, type CustomerModelFit } from '../model/customer-model.js';
import { predictCustomer } from '../model/customer-predictions.js';
import { confidenceInterval95 } from '../model/standard-errors.js';
import type { LifetimeValueOptions } from '../model/clv.js';
import { addIngestOptions, ingestOptionsFrom, type IngestOptionValues } from './ingest-options.js';
import type { CommandContext } from './command-context.js';
import { writeStdout } from './output.js';
import { csvField, writeCsvAtomic } from './csv-output.js';

interface FitOptionValues extends IngestOptionValues {
  json?: boolean;
  customersOut?: string;
  horizon: string;
  discountRate: string;
  margin?: string;
}

/** cli-table3 characters for a compact table: no rules between rows. */
const COMPACT_TABLE = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** Up to four significant digits without exponent notation for everyday magnitudes. */
function significant(value: number): string {
  if (!Number.isFinite(value)) return '-';
  const text = Number(value.toPrecision(4)).toString();
  return text.includes('e') ? value.toPrecision(4) : text;
}

function parseNumberOption(text: string, option: string, check: (value: number) => boolean, hint: string): number {
  const value = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(text.trim()) ? Number(text) : NaN;
  if (!check(value)) throw new UserInputError(`'${text}' is not valid`, { field: option }, hint);
  return value;
}

function parameterTable(rows: [string, number, number][]): string {
  const table = new Table({
    head: ['parameter', 'estimate', 'std. error', '95% interval'],
    style: { head: [], border: [] },
    chars: COMPACT_TABLE,
    colAligns: ['left', 'right', 'right', 'right'],
  });
  for (const [name, value, error] of rows) {
    const [low, high] = confidenceInterval95(value, error);
    table.push([name, significant(value), significant(error), Number.isFinite(error) ? `${significant(low)} .. ${significant(high)}` : '-']);
  }
  return table.toString();
}

function renderFit(fit: CustomerModelFit, file: string): string {
  const { bgnbd, gammaGamma, calibration } = fit;
  const period = calibration.period;
  const lines: string[] = [];
  lines.push(chalk.bold(`Customer-base model of ${file}`));
  lines.push(`Calibration ${calibration.start} .. ${calibration.end}, ${fit.customers.toLocaleString('en-US')} customers, times in ${period}s`);
  lines.push('');
  lines.push(chalk.bold('BG/NBD: purchases while active and dropout'));
  const b = bgnbd.params;
  const be = bgnbd.standardErrors;
  lines.push(
    parameterTable([
      ['r', b.r, be.r],
      ['alpha', b.alpha, be.alpha],
      ['a', b.a, be.a],
      ['b', b.b, be.b],
    ]),
  );
  lines.push(`log-likelihood ${bgnbd.logLikelihood.toFixed(2)} on ${bgnbd.customers.toLocaleString('en-US')} customers`);
  lines.push(
    `mean purchase rate while active ${significant(b.r / b.alpha)} per ${period}; ` +
      `mean chance of dropping out after a repeat purchase ${(100 * (b.a / (b.a + b.b))).toFixed(1)}%`,
  );
  lines.push('');
  lines.push(chalk.bold('Gamma-Gamma: spend per purchase'));
  const g = gammaGamma.params;
  const ge = gammaGamma.standardErrors;
  lines.push(
    parameterTable([
      ['p', g.p, ge.p],
      ['q', g.q, ge.q],
      ['v (gamma)', g.v, ge.v],
    ]),
  );
  lines.push(`log-likelihood ${gammaGamma.logLikelihood.toFixed(2)} on ${gammaGamma.customers.toLocaleString('en-US')} customers with repeat purchases`);
  lines.push(`mean spend per purchase ${g.q > 1 ? significant((g.p * g.v) / (g.q - 1)) : 'unbounded (q <= 1)'}`);
  if (fit.holdout) {
    const h = fit.holdout;
    lines.push('');
    lines.push(chalk.bold(`Holdout ${h.start} .. ${h.end} (${significant(h.periods)} ${period}s)`));
    const sign = h.percentError > 0 ? '+' : '';
    lines.push(
      `repeat purchases: actual ${h.actualPurchases.toLocaleString('en-US')}, predicted ${Math.round(h.predictedPurchases).toLocaleString('en-US')} ` +
        `(${Number.isFinite(h.percentError) ? `${sign}${h.percentError.toFixed(1)}%` : '-'}); per-customer correlation ${significant(h.correlation)}`,
    );
    const table = new Table({
      head: ['x in calibration', 'customers', 'actual per customer', 'predicted per customer'],
      style: { head: [], border: [] },
      chars: COMPACT_TABLE,
      colAligns: ['left', 'right', 'right', 'right'],
    });
    for (const bucket of h.buckets) {
      table.push([bucket.label, bucket.customers.toLocaleString('en-US'), significant(bucket.meanActual), significant(bucket.meanPredicted)]);
    }
    lines.push(table.toString());
  }
  return lines.join('\n') + '\n';
}

function warnAboutFit(fit: CustomerModelFit): void {
  if (!fit.bgnbd.converged) process.stderr.write(`warning: the BG/NBD fit did not converge: ${fit.bgnbd.message}\n`);
  if (!fit.gammaGamma.converged) process.stderr.write(`warning: the Gamma-Gamma fit did not converge: ${fit.gammaGamma.message}\n`);
  if (fit.gammaGamma.params.q <= 1) {
    process.stderr.write('warning: the fitted spend model has q <= 1, so customers without repeat purchases have no finite mean spend\n');
  }
}

const PREDICTION_HEADER = [
  'customer_id',
  'x',
  't_x',
  'T',
  'monetary_value',
  'p_alive',
  'expected_purchases_next_period',
  'expected_purchases_horizon',
  'expected_spend',
  'clv',
];

async function writeCustomerPredictions(file: string, fit: CustomerModelFit, summaries: CustomerSummaries, options: LifetimeValueOptions): Promise<void> {
  const round = (value: number) => (Number.isFinite(value) ? String(Number(value.toPrecision(6))) : '');
  await writeCsvAtomic(
    file,
    PREDICTION_HEADER,
    summaries.x.length,
    (i) => {
      const customer = { x: summaries.x[i], tx: summaries.tx[i], T: summaries.T[i], monetaryValue: summaries.monetaryValue[i] };
      const prediction = predictCustomer(fit.bgnbd.params, fit.gammaGamma.params, customer, options);
      return [
        csvField(summaries.ids[i]),
        customer.x,
        round(customer.tx),
        round(customer.T),
        round(customer.monetaryValue),
        round(prediction.probabilityAlive),
        round(prediction.expectedPurchasesNextPeriod),
        round(prediction.expectedPurchasesHorizon),
        round(prediction.expectedSpend),
        round(prediction.lifetimeValue),
      ];
    },
    '--customers-out',
  );
}

export function registerFitCommand(program: Command, context: CommandContext): void {
  void context;
  const command = program
    .command('fit')
    .description('fit the BG/NBD (purchases, dropout) and Gamma-Gamma (spend) customer models to a purchase history')
    .argument('<file.csv>', 'purchase history: one row per purchase line (customer_id,date,amount[,...])');
  addIngestOptions(command)
    .option('--json', 'print the fitted model as JSON')
    .option(
      '--customers-out <file.csv>',
      'write per-customer predictions: P(active), expected purchases next period and over the horizon, expected spend, CLV',
    )
    .option('--horizon <months>', 'CLV horizon in months (for --customers-out)', '12')
    .option('--discount-rate <rate>', 'annual discount rate of the CLV as a fraction, discounted monthly', '0.1')
    .option('--margin <share>', 'gross margin share of spend for the CLV (default: from the margin or cost column, else 1 = revenue)')
    .addHelpText(
      'after',
      `
Rates are per --period. The calibration period ends at --calibration-end (default: the last date in
the file); purchases after it are the holdout, against which the model's predictions are checked.

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
          : parseNumberOption(values.margin, '--margin', (v) => v >= -1 && v <= 1, 'Give the gross margin as a fraction of spend, e.g. --margin 0.3.');

      const { summaries, quality } = await ingestPurchaseHistory(file, ingestOptions);
      const fit = fitCustomerModel(summaries, { file });
      warnAboutFit(fit);
      if (values.json) await writeStdout(JSON.stringify(customerModelJson(fit), null, 2) + '\n');
      else await writeStdout(renderFit(fit, file));

      if (values.customersOut) {
        const dataMargin = quality.revenue > 0 && Number.isFinite(quality.grossMargin) ? quality.grossMargin / quality.revenue : NaN;
        const margin = marginOption ?? (Number.isFinite(dataMargin) ? dataMargin : 1);
        if (marginOption === undefined && !Number.isFinite(dataMargin)) {
          process.stderr.write('note: the file has no margin or cost column, so the CLV is revenue (give --margin for margin)\n');
        }
        await writeCustomerPredictions(values.customersOut, fit, summaries, {
          horizonMonths,
          annualDiscountRate,
          margin,
          daysPerPeriod: DAYS_PER_PERIOD[summaries.period],
        });
        process.stderr.write(`wrote predictions for ${summaries.x.length.toLocaleString('en-US')} customers to ${values.customersOut}\n`);
      }
    });
}
