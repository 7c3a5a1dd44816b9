/** How `run --target-error` chose the iterations, in words, for the human-readable reports and stderr. */
import type { PrecisionSettings } from './report-model.js';
import { formatAmount, formatCount, formatSignificant } from './format-number.js';

/** The target as the user gave it: `500 EUR`, or `1% of its |mean|`. */
export function targetErrorText(precision: Pick<PrecisionSettings, 'targetError' | 'relative'>, currency: string): string {
  return precision.relative ? `${formatSignificant(100 * precision.targetError)}% of its |mean|` : `${formatAmount(precision.targetError)} ${currency}`;
}

/**
 * "Iterations chosen by precision: 400, the first checkpoint (100 doubling, at most 100,000) at
 * which the standard error of every program's mean incremental profit is below 500 EUR."
 */
export function precisionSentence(precision: PrecisionSettings, iterations: number, currency: string): string {
  const checkpoints = `${formatCount(precision.minIterations)} doubling, at most ${formatCount(precision.maxIterations)}`;
  const target = targetErrorText(precision, currency);
  if (precision.met) {
    return `Iterations chosen by precision: ${formatCount(iterations)}, the first checkpoint (${checkpoints}) at which the standard error of every program's mean incremental profit is below ${target}`;
  }
  return `Precision target NOT met: after the maximum of ${formatCount(iterations)} iterations the standard error of some program's mean incremental profit is still ${target} or more`;
}
