/**
 * `loyalty-sim check` for people: each guardrail's verdict for each program with the figure, its
 * Monte Carlo standard error and its distance to the bound in plain words, then the tally.
 */
import type { CheckReport, GuardrailVerdict } from './check-report.js';
import { TOO_CLOSE_MCSE } from './check-report.js';
import { formatAmount, formatSignificant, formatValue } from './format-number.js';
import { metricDefinition, type MetricName, type MetricUnit } from '../metrics/metric-definitions.js';
import { conditionHolds, type Statistic } from './metric-expression.js';

const STATISTIC_WORDS: Record<Statistic, string> = { mean: 'the mean', p5: 'the 5th percentile', p50: 'the median', p95: 'the 95th percentile' };

const PERCENT_UNITS: readonly MetricUnit[] = ['share', 'probability', 'ratio'];

/** An MCSE in the metric's unit, to two significant digits (it is often far below the figure's rounding). */
function formatMcse(mcse: number, unit: MetricUnit): string {
  if (!Number.isFinite(mcse)) return 'unknown';
  if (PERCENT_UNITS.includes(unit)) return `${Number((mcse * 100).toPrecision(2))}%`;
  return mcse >= 1000 ? formatAmount(mcse) : formatSignificant(Number(mcse.toPrecision(2)));
}

/** A figure or bound in the metric's unit; a bound is shown with up to four significant digits so that 0.4 stays 40%. */
function formatFigure(value: number, unit: MetricUnit): string {
  if (Number.isFinite(value) && PERCENT_UNITS.includes(unit)) return `${formatSignificant(value * 100)}%`;
  return formatValue(value, unit);
}

/** The bound nearest the figure: the one that decides the verdict's words. */
function nearestBound(verdict: GuardrailVerdict): GuardrailVerdict['bounds'][number] {
  return verdict.bounds.reduce((nearest, b) => (Math.abs(verdict.value - b.bound) < Math.abs(verdict.value - nearest.bound) ? b : nearest));
}

/**
 * The verdict in plain words: `the 5th percentile of roi is 12.3% (MCSE 1.1%), 11.2 MCSE above
 * the minimum 0%`, and for a figure within 2 MCSE of its bound, that more iterations would tell.
 */
export function verdictSentence(verdict: GuardrailVerdict, iterations: number): string {
  const unit = metricDefinition(verdict.metric as MetricName).unit;
  const figure = `${STATISTIC_WORDS[verdict.statistic]} of ${verdict.metric}`;
  if (verdict.verdict === 'not-applicable') return `${figure} does not apply to this program (no iteration gives it a value)`;
  if (Number.isNaN(verdict.value)) return `${figure} has no value: no iteration gives one, so the guardrail cannot hold`;
  const failing = verdict.bounds.filter((b) => !conditionHolds(b, verdict.value));
  const decisive = failing.length > 0 ? failing[0] : nearestBound(verdict);
  const limit = decisive.operator.startsWith('>') ? 'minimum' : 'maximum';
  const side = verdict.value > decisive.bound ? 'above' : verdict.value < decisive.bound ? 'below' : 'at';
  const distance = side === 'at' ? '' : Number.isFinite(verdict.marginInMcse) ? `${verdict.marginInMcse.toFixed(1)} MCSE ` : '';
  let sentence = `${figure} is ${formatFigure(verdict.value, unit)} (MCSE ${formatMcse(verdict.mcse, unit)}), ${distance}${side} the ${limit} ${formatFigure(decisive.bound, unit)}`;
  if (verdict.mcse === 0) sentence += ' (the figure does not vary over the iterations)';
  if (verdict.verdict === 'too-close') sentence += `: within ${TOO_CLOSE_MCSE} MCSE, too close to call with ${iterations} iterations; more iterations would tell`;
  return sentence;
}

const VERDICT_LABELS = { pass: 'pass', fail: 'FAIL', 'too-close': 'too close', 'not-applicable': 'n/a' } as const;

export function renderCheckText(report: CheckReport): string {
  const lines = [`Guardrails of '${report.scenario}' (${report.scenarioFile}), ${report.iterations} iterations, seed ${report.seed}:`, ''];
  const width = Math.max(...Object.values(VERDICT_LABELS).map((label) => label.length));
  for (const verdict of report.verdicts) {
    const label = verdict.verdict === 'too-close' && report.strict ? 'FAIL' : VERDICT_LABELS[verdict.verdict];
    lines.push(`${label.padEnd(width)}  ${verdict.guardrail}  (${verdict.source}) for '${verdict.program}'`);
    lines.push(`${' '.repeat(width)}  ${verdictSentence(verdict, report.iterations)}`);
  }
  const { pass, fail, tooClose, notApplicable } = report.counts;
  const total = report.verdicts.length;
  const closeWords = tooClose === 0 ? '' : `, ${tooClose} too close to call${report.strict ? ' (failures with --strict)' : ' (warnings; failures with --strict)'}`;
  const notApplicableWords = notApplicable === 0 ? '' : `, ${notApplicable} not applicable`;
  const outcome = !report.passed ? 'Some guardrails do not hold.' : tooClose > 0 ? 'No guardrail fails, but some are too close to call.' : 'All guardrails hold.';
  lines.push('', `${total} check${total === 1 ? '' : 's'}: ${pass} passed, ${fail} failed${closeWords}${notApplicableWords}. ${outcome}`);
  return `${lines.join('\n')}\n`;
}
