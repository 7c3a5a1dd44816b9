/**
 * The `fit` text report: the BG/NBD and Gamma-Gamma parameters with standard errors and 95%
 * intervals, the log-likelihoods, the BG/NBD's mean purchase rate while active r / alpha and mean
 * dropout chance a / (a + b) (Fader, Hardie and Lee 2005, "Counting your customers the easy way",
 * Marketing Science 24(2)), the Gamma-Gamma mean spend per purchase p v / (q - 1) (Fader and
 * Hardie 2013), and the holdout check when there is one.
 */
import chalk from 'chalk';
import { confidenceInterval95 } from '../model/standard-errors.js';
import { compactTable } from './compact-table.js';
import { formatCount, formatReturnRate, formatSignificant, NOT_APPLICABLE } from './format-number.js';
import type { FitReport } from './fit-report.js';

/** Rows of name, estimate, standard error; the interval is theta x exp(+-1.96 SE / theta), as confidenceInterval95 gives it. */
function parameterTable(rows: [string, number, number][]): string {
  return compactTable(
    ['parameter', 'estimate', 'std. error', '95% interval'],
    rows.map(([name, value, error]) => {
      const [low, high] = confidenceInterval95(value, error);
      const interval = Number.isFinite(error) ? `${formatSignificant(low)} .. ${formatSignificant(high)}` : NOT_APPLICABLE;
      return [name, formatSignificant(value), formatSignificant(error), interval];
    }),
  );
}

/** "converged in 21 iterations (gradient norm 3.2e-10)", or why not. */
export function convergenceText(fit: { converged: boolean; iterations: number; gradientNorm: number; message: string }): string {
  const gradient = `gradient norm ${fit.gradientNorm.toPrecision(2)}`;
  return fit.converged
    ? `converged in ${fit.iterations} iterations (${gradient})`
    : `did not converge (${fit.message}; ${fit.iterations} iterations, ${gradient})`;
}

export function renderFitText({ file, model, returnRate }: FitReport): string {
  const { bgnbd, gammaGamma, calibration } = model;
  const period = calibration.period;
  const lines: string[] = [];
  lines.push(chalk.bold(`Customer-base model of ${file}`));
  lines.push(`Calibration ${calibration.start} .. ${calibration.end}, ${formatCount(model.customers)} customers, times in ${period}s`);
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
  lines.push(`log-likelihood ${bgnbd.logLikelihood.toFixed(2)} on ${formatCount(bgnbd.customers)} customers; ${convergenceText(bgnbd)}`);
  lines.push(
    `mean purchase rate while active ${formatSignificant(b.r / b.alpha)} per ${period}; ` +
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
  lines.push(`log-likelihood ${gammaGamma.logLikelihood.toFixed(2)} on ${formatCount(gammaGamma.customers)} customers with repeat purchases; ${convergenceText(gammaGamma)}`);
  lines.push(`mean spend per purchase ${g.q > 1 ? formatSignificant((g.p * g.v) / (g.q - 1)) : 'unbounded (q <= 1)'}`);
  if (returnRate) {
    lines.push(
      returnRate.rate > 0
        ? `return rate ${formatReturnRate(returnRate)}: spend per purchase is fitted before returns; the simulation returns purchases at this rate`
        : 'no returns in the calibration period',
    );
  }
  if (!model.assessment.identified) {
    lines.push('');
    lines.push(chalk.bold('Weak fit: the data cannot identify the model'));
    for (const problem of model.assessment.problems) lines.push(`- ${problem}`);
  }
  if (model.holdout) {
    const h = model.holdout;
    lines.push('');
    lines.push(chalk.bold(`Holdout ${h.start} .. ${h.end} (${formatSignificant(h.periods)} ${period}s)`));
    const sign = h.percentError > 0 ? '+' : '';
    lines.push(
      `repeat purchases: actual ${formatCount(h.actualPurchases)}, predicted ${formatCount(Math.round(h.predictedPurchases))} ` +
        `(${Number.isFinite(h.percentError) ? `${sign}${h.percentError.toFixed(1)}%` : NOT_APPLICABLE}); per-customer correlation ${formatSignificant(h.correlation)}`,
    );
    lines.push(
      compactTable(
        ['x in calibration', 'customers', 'actual per customer', 'predicted per customer'],
        h.buckets.map((bucket) => [bucket.label, formatCount(bucket.customers), formatSignificant(bucket.meanActual), formatSignificant(bucket.meanPredicted)]),
      ),
    );
  }
  return lines.join('\n') + '\n';
}
