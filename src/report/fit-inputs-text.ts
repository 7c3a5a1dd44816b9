/**
 * What `run` says on stderr about its inputs before it simulates: a short summary of the purchase
 * history it read (rows read, used and skipped, customers, purchases, returns) or the summary table
 * (customers, purchases), and of the customer
 * model fitted to it (parameters with standard errors, convergence), or of the population it built;
 * and, always, the warnings: skipped rows by reason, the ingest's warnings, a weak fit accepted.
 */
import { SKIP_REASON_LABELS, type SkipReason } from '../data/data-quality.js';
import { convergenceText } from './fit-text-reporter.js';
import type { FittedParametersJson } from './fit-report.js';
import { formatCount, formatSignificant } from './format-number.js';
import type { RunInputs } from './report-model.js';

/** "r 0.773 (SE 0.0297), alpha 8.11 (SE 0.39)" */
function parametersText<P extends object>(fit: FittedParametersJson<P>, names: (keyof P & string)[]): string {
  const values = fit as unknown as Record<string, number>;
  const errors = fit.standardErrors as unknown as Record<string, number>;
  return names.map((name) => `${name} ${formatSignificant(values[name])} (SE ${formatSignificant(errors[name])})`).join(', ');
}

/** The summary lines (shown with the progress output) of `inputs`. */
export function runInputsSummary(inputs: RunInputs): string[] {
  const lines: string[] = [];
  if (inputs.data) {
    const d = inputs.data;
    const skipped = d.rowsSkippedTotal > 0 ? `, ${formatCount(d.rowsSkippedTotal)} skipped` : '';
    lines.push(
      `${d.file}: ${formatCount(d.rowsRead)} rows read, ${formatCount(d.rowsUsed)} used${skipped}; ` +
        `${formatCount(d.customers)} customers, ${formatCount(d.purchases)} purchases, ${formatCount(d.returns.rows)} returns ` +
        `(calibration ${d.calibration.start} .. ${d.calibration.end}, in ${d.calibration.period}s)`,
    );
  }
  if (inputs.summaries) {
    const t = inputs.summaries;
    lines.push(
      `${t.file}: summary table, ${formatCount(t.customers)} customers, ${formatCount(t.purchases)} purchases ` +
        `(calibration ${t.calibration.start} .. ${t.calibration.end}, in ${t.calibration.period}s)`,
    );
  }
  if (inputs.fit) {
    const { bgnbd, gammaGamma } = inputs.fit;
    lines.push(`BG/NBD: ${parametersText(bgnbd, ['r', 'alpha', 'a', 'b'])}; ${convergenceText(bgnbd)}`);
    lines.push(`Gamma-Gamma: ${parametersText(gammaGamma, ['p', 'q', 'v'])}; ${convergenceText(gammaGamma)}`);
  }
  if (inputs.population) {
    const { customers, bgnbd, gammaGamma } = inputs.population;
    const list = (values: object) => Object.entries(values).map(([name, value]) => `${name} ${formatSignificant(value as number)}`).join(', ');
    lines.push(`population: ${formatCount(customers)} customers; BG/NBD (per week) ${list(bgnbd)}; Gamma-Gamma ${list(gammaGamma)}`);
  }
  return lines;
}

/** The warning lines of `inputs`, each starting `warning: `. */
export function runInputsWarnings(inputs: RunInputs): string[] {
  const lines: string[] = [];
  if (inputs.data) {
    const d = inputs.data;
    if (d.rowsSkippedTotal > 0) {
      const reasons = Object.entries(d.rowsSkipped)
        .filter(([, count]) => count > 0)
        .map(([reason, count]) => `${formatCount(count)} ${SKIP_REASON_LABELS[reason as SkipReason] ?? reason}`);
      lines.push(`warning: ${d.file}: ${formatCount(d.rowsSkippedTotal)} of ${formatCount(d.rowsRead)} rows skipped (${reasons.join(', ')}); the simulation uses the other rows`);
    }
    for (const warning of d.warnings) lines.push(`warning: ${d.file}: ${warning}`);
  }
  for (const warning of inputs.summaries?.warnings ?? []) lines.push(`warning: ${inputs.summaries!.file}: ${warning}`);
  if (inputs.fit?.acceptedWeakFit) {
    for (const problem of inputs.fit.identification.problems) lines.push(`warning: weak fit accepted (--accept-weak-fit): ${problem}`);
  }
  return lines;
}

/** The stderr text of `inputs`: the summary (when `summary`) and the warnings. */
export function renderRunInputsText(inputs: RunInputs, summary: boolean): string {
  const lines = [...(summary ? runInputsSummary(inputs) : []), ...runInputsWarnings(inputs)];
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
