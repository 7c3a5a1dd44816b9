/**
 * Zod schemas for the numbers of scenario and program files:
 * - `numberIn(range)`: a plain number (or a percentage such as `5%` for shares and rates);
 * - `integerIn(range)`: a whole number;
 * - `uncertainIn(range)`: an assumption, which may be a number or a distribution, in the short form
 *   `pert(0, 0.03, 0.1)` or the mapping form `{ dist: pert, min: 0, mode: 0.03, max: 0.1 }`; it is
 *   parsed into a `Distribution` whose whole support must lie in the range.
 * One schema instance per range, so the published JSON Schema defines each once (under `$defs`).
 */
import * as z from 'zod';
import { describeInput } from './describe-input.js';
import { DISTRIBUTION_NAMES, parseDistributionText, parsePercent } from './distribution-text.js';
import { distributionProblem, distributionSupport, formatDistribution, type Distribution } from './distributions.js';
import { didYouMean } from './did-you-mean.js';
import { strictObject } from './strict-object.js';
import { formatValue, rangeProblem, type ValueRange } from './value-ranges.js';

const PERCENT_JSON_PATTERN = '^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)\\s*%\\s*$';
const DISTRIBUTION_JSON_PATTERN = `^\\s*([-+]?(\\d+\\.?\\d*|\\.\\d+)\\s*%|(${DISTRIBUTION_NAMES.join('|')})\\s*\\(.*\\))\\s*$`;

function boundedNumber(range: ValueRange, asPercent: boolean) {
  const outOfRange = (issue: { input?: unknown }) => rangeProblem(issue.input as number, range, asPercent);
  let schema = z.number({ error: (issue) => `expected a number, got ${describeInput(issue.input)}` });
  if (Number.isFinite(range.min)) {
    schema = range.minExclusive ? schema.gt(range.min, { error: outOfRange }) : schema.min(range.min, { error: outOfRange });
  }
  if (Number.isFinite(range.max)) schema = schema.max(range.max, { error: outOfRange });
  return schema;
}

/** `5%` -> 0.05; one instance, defined once in the JSON Schema. */
const percentText = z
  .string()
  .refine((text) => parsePercent(text) !== undefined, {
    error: (issue) => `expected a number or a percentage such as "5%", got ${describeInput(issue.input)}`,
  })
  .meta({ id: 'Percentage', pattern: PERCENT_JSON_PATTERN, description: 'A percentage such as "5%".' })
  .transform((text) => parsePercent(text) as number);

function buildNumberIn(range: ValueRange) {
  if (!range.percent) return boundedNumber(range, false).meta({ id: range.name });
  return z
    .union([boundedNumber(range, false), percentText.pipe(boundedNumber(range, true))], {
      error: (issue) => `expected a number or a percentage such as "5%", got ${describeInput(issue.input)}`,
    })
    .meta({ id: range.name });
}

function buildIntegerIn(range: ValueRange) {
  return boundedNumber(range, false)
    .int({ error: (issue) => `must be a whole number, got ${describeInput(issue.input)}` })
    .meta({ id: `${range.name}Integer` });
}

/** The mapping form of a distribution; parameters may be percentages where the range allows them. */
function buildDistributionMapping(percent: boolean) {
  const parameter = percent
    ? z.union([z.number(), percentText], {
        error: (issue) => `expected a number or a percentage such as "5%", got ${describeInput(issue.input)}`,
      })
    : z.number({ error: (issue) => `expected a number, got ${describeInput(issue.input)}` });
  const bound = z.union([parameter, z.literal('inf'), z.literal('-inf')], {
    error: (issue) => `expected a number, -inf or inf, got ${describeInput(issue.input)}`,
  });
  return z.discriminatedUnion(
    'dist',
    [
      strictObject({ dist: z.literal('fixed'), value: parameter }),
      strictObject({ dist: z.literal('uniform'), min: parameter, max: parameter }),
      strictObject({ dist: z.literal('triangular'), min: parameter, mode: parameter, max: parameter }),
      strictObject({ dist: z.literal('pert'), min: parameter, mode: parameter, max: parameter }),
      strictObject({ dist: z.literal('normal'), mean: parameter, sd: parameter, min: bound.optional(), max: bound.optional() }),
      strictObject({ dist: z.literal('lognormal'), mean: parameter, sd: parameter }),
      strictObject({ dist: z.literal('beta'), a: parameter, b: parameter }),
    ],
    {
      error: (issue) => {
        const name = (issue.input as { dist?: unknown } | undefined)?.dist;
        const suggestion = typeof name === 'string' ? didYouMean(name, DISTRIBUTION_NAMES) : '';
        return `expected a distribution name for 'dist' (${DISTRIBUTION_NAMES.join(', ')}), got ${describeInput(name)}${suggestion}`;
      },
    },
  ).meta({ id: percent ? 'DistributionMappingWithPercentages' : 'DistributionMapping' });
}

const distributionMapping = { percent: buildDistributionMapping(true), plain: buildDistributionMapping(false) };

/** Drop infinite bounds of a truncated normal written as -inf / inf: they mean "no bound". */
function fromMapping(value: z.output<ReturnType<typeof buildDistributionMapping>>): Distribution {
  if (value.dist !== 'normal') return value;
  const normal: Distribution = { dist: 'normal', mean: value.mean, sd: value.sd };
  if (typeof value.min === 'number') normal.min = value.min;
  if (typeof value.max === 'number') normal.max = value.max;
  return normal;
}

/** What is wrong with a distribution that can leave the allowed range, with a hint to fix it. */
function supportProblem(d: Distribution, range: ValueRange, asPercent = false): string | undefined {
  if (d.dist === 'fixed') return rangeProblem(d.value, range, asPercent);
  const support = distributionSupport(d);
  const shown = formatDistribution(d);
  // A continuous distribution takes its support's edge with probability 0, so an exclusive bound
  // (an uplift above -100%) may be its edge.
  const tooLow = support.min < range.min;
  const tooHigh = support.max > range.max;
  if (!tooLow && !tooHigh) return undefined;
  const lowLimit = `must not fall below ${range.min}${range.percent && range.min !== 0 ? ` (${formatValue(range.min, true)})` : ''}`;
  const highLimit = `must not exceed ${range.max}${range.percent ? ` (${formatValue(range.max, true)})` : ''}`;
  const limit = tooLow && tooHigh ? `${lowLimit} nor exceed ${highLimit.slice('must not exceed '.length)}` : tooLow ? lowLimit : highLimit;
  let hint = '';
  if (d.dist === 'normal') {
    const min = Math.max(d.min ?? -Infinity, range.min);
    const max = Math.min(d.max ?? Infinity, range.max);
    hint = `; truncate it, e.g. ${formatDistribution({ ...d, min, max: Number.isFinite(max) ? max : undefined })}`;
  }
  return `${shown} can take values outside the allowed range: the value ${limit}${hint}`;
}

function buildUncertainIn(range: ValueRange) {
  const text = z.string().meta({ pattern: DISTRIBUTION_JSON_PATTERN });
  return z
    .union([boundedNumber(range, false), text, range.percent ? distributionMapping.percent : distributionMapping.plain], {
      error: (issue) =>
        `expected a number, ${range.percent ? 'a percentage such as "5%", ' : ''}or a distribution such as ` +
        `pert(0, 0.03, 0.1), got ${describeInput(issue.input)}`,
    })
    .transform((value, ctx): Distribution => {
      let d: Distribution;
      if (typeof value === 'number') return { dist: 'fixed', value };
      if (typeof value === 'string') {
        const parsed = parseDistributionText(value, { percentAllowed: range.percent });
        if (!parsed.ok) {
          ctx.addIssue({ code: 'custom', message: parsed.message, input: value });
          return z.NEVER;
        }
        d = parsed.value;
      } else {
        d = fromMapping(value);
      }
      const problem = distributionProblem(d) ?? supportProblem(d, range, typeof value === 'string' && parsePercent(value) !== undefined);
      if (problem !== undefined) {
        ctx.addIssue({ code: 'custom', message: problem, input: value });
        return z.NEVER;
      }
      return d;
    })
    .meta({ id: `Uncertain${range.name}` });
}

function memoise<T>(build: (range: ValueRange) => T): (range: ValueRange) => T {
  const cache = new Map<ValueRange, T>();
  return (range) => {
    let schema = cache.get(range);
    if (schema === undefined) {
      schema = build(range);
      cache.set(range, schema);
    }
    return schema;
  };
}

/** A plain number in the range; shares and rates also as a percentage (`5%` -> 0.05). */
export const numberIn = memoise(buildNumberIn);
/** A whole number in the range. */
export const integerIn = memoise(buildIntegerIn);
/** An assumption: a number or a distribution whose every value lies in the range. */
export const uncertainIn = memoise(buildUncertainIn);
