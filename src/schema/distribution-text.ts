/**
 * The short text forms of numbers and distributions in scenario files:
 *   `5%`                         a fixed share, 0.05
 *   `uniform(min, max)`
 *   `triangular(min, mode, max)`
 *   `pert(min, mode, max)`
 *   `normal(mean, sd)`, `normal(mean, sd, min)`, `normal(mean, sd, min, max)` (truncated; -inf / inf for no bound)
 *   `lognormal(mean, sd)`        mean and sd of the value itself, not of its logarithm
 *   `beta(a, b)`
 * Arguments are numbers, or percentages where the field takes shares or rates.
 */
import { DISTRIBUTION_PARAMETERS, type Distribution, type DistributionName } from './distributions.js';
import { didYouMean } from './did-you-mean.js';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

const NUMBER_PATTERN = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const PERCENT_PATTERN = /^([-+]?(\d+\.?\d*|\.\d+))\s*%$/;
const CALL_PATTERN = /^([A-Za-z_]\w*)\s*\(([^()]*)\)$/;
const CUT_CALL_PATTERN = /^[A-Za-z_]\w*\s*\([^)]*$/;

/** Names of the distributions, in the order the documentation lists them. */
export const DISTRIBUTION_NAMES: readonly DistributionName[] = ['uniform', 'triangular', 'pert', 'normal', 'lognormal', 'beta', 'fixed'];

/** How many arguments each form takes (normal: 2, 3 or 4). */
const ARGUMENT_COUNTS: Record<DistributionName, readonly number[]> = {
  fixed: [1],
  uniform: [2],
  triangular: [3],
  pert: [3],
  normal: [2, 3, 4],
  lognormal: [2],
  beta: [2],
};

/** `5%` -> 0.05, or undefined when the text is not a percentage. */
export function parsePercent(text: string): number | undefined {
  const match = PERCENT_PATTERN.exec(text.trim());
  return match ? Number(match[1]) / 100 : undefined;
}

/** A number or, if allowed, a percentage, as one argument of a short form. */
function parseArgument(text: string, percentAllowed: boolean, infinityAllowed: boolean): ParseResult<number> {
  const trimmed = text.trim();
  if (NUMBER_PATTERN.test(trimmed)) return { ok: true, value: Number(trimmed) };
  const percent = parsePercent(trimmed);
  if (percent !== undefined) {
    return percentAllowed
      ? { ok: true, value: percent }
      : { ok: false, message: `'${trimmed}': a percentage makes no sense here; write a plain number` };
  }
  if (infinityAllowed && (trimmed === 'inf' || trimmed === '+inf')) return { ok: true, value: Infinity };
  if (infinityAllowed && trimmed === '-inf') return { ok: true, value: -Infinity };
  return { ok: false, message: `'${trimmed}' is not a number` };
}

function usage(name: DistributionName): string {
  return name === 'normal' ? 'normal(mean, sd) or normal(mean, sd, min, max)' : `${name}(${DISTRIBUTION_PARAMETERS[name].join(', ')})`;
}

/**
 * Parse the text form of a number or distribution. The parameters' consistency (min < max, ...) is
 * checked separately by `distributionProblem`.
 */
export function parseDistributionText(text: string, options: { percentAllowed: boolean }): ParseResult<Distribution> {
  const trimmed = text.trim();
  const percent = parsePercent(trimmed);
  if (percent !== undefined) {
    if (!options.percentAllowed) return { ok: false, message: `'${trimmed}': a percentage makes no sense here; write a plain number` };
    return { ok: true, value: { dist: 'fixed', value: percent } };
  }
  if (NUMBER_PATTERN.test(trimmed)) {
    return { ok: false, message: `'${trimmed}' is text; write the number without quotes` };
  }
  if (CUT_CALL_PATTERN.test(trimmed)) {
    return {
      ok: false,
      message:
        `'${trimmed}' is cut off at a comma: inside { ... } YAML splits at commas, ` +
        `so put the distribution in quotes ("${trimmed}, ...)") or write the mapping one key per line`,
    };
  }
  const call = CALL_PATTERN.exec(trimmed);
  if (!call) {
    return { ok: false, message: `'${trimmed}' is neither a number, a percentage nor a distribution such as pert(0, 0.03, 0.1)` };
  }
  const name = call[1];
  if (!(DISTRIBUTION_NAMES as readonly string[]).includes(name)) {
    return { ok: false, message: `unknown distribution '${name}'${didYouMean(name, DISTRIBUTION_NAMES)}; use one of ${DISTRIBUTION_NAMES.join(', ')}` };
  }
  const kind = name as DistributionName;
  const argumentTexts = call[2].trim() === '' ? [] : call[2].split(',');
  if (!ARGUMENT_COUNTS[kind].includes(argumentTexts.length)) {
    const counts = ARGUMENT_COUNTS[kind];
    const expected = counts.length === 1 ? String(counts[0]) : `${counts.slice(0, -1).join(', ')} or ${counts[counts.length - 1]}`;
    return { ok: false, message: `${kind} takes ${expected} numbers, got ${argumentTexts.length}: write ${usage(kind)}` };
  }
  const values: number[] = [];
  for (let i = 0; i < argumentTexts.length; i++) {
    const isNormalBound = kind === 'normal' && i >= 2;
    const parsed = parseArgument(argumentTexts[i], options.percentAllowed, isNormalBound);
    if (!parsed.ok) return { ok: false, message: `${kind}(...), ${DISTRIBUTION_PARAMETERS[kind][i]}: ${parsed.message}` };
    values.push(parsed.value);
  }
  return { ok: true, value: distributionFromValues(kind, values) };
}

function distributionFromValues(kind: DistributionName, v: number[]): Distribution {
  switch (kind) {
    case 'fixed':
      return { dist: 'fixed', value: v[0] };
    case 'uniform':
      return { dist: 'uniform', min: v[0], max: v[1] };
    case 'triangular':
      return { dist: 'triangular', min: v[0], mode: v[1], max: v[2] };
    case 'pert':
      return { dist: 'pert', min: v[0], mode: v[1], max: v[2] };
    case 'normal': {
      const normal: Distribution = { dist: 'normal', mean: v[0], sd: v[1] };
      if (v.length > 2 && v[2] !== -Infinity) normal.min = v[2];
      if (v.length > 3 && v[3] !== Infinity) normal.max = v[3];
      return normal;
    }
    case 'lognormal':
      return { dist: 'lognormal', mean: v[0], sd: v[1] };
    case 'beta':
      return { dist: 'beta', a: v[0], b: v[1] };
  }
}
