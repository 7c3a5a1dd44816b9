/**
 * References to the figures of a program in the JSON report, as guardrails and search targets
 * write them: `incrementalProfit.p50` (every program), `programs["5% back in points"].roi.p5` (a
 * program by name), `programs[1].breakageRate.p50` (by index, from 0), and conditions on them:
 * `roi.p5 >= 0`. A metric is any of the report's metrics (metrics/metric-definitions.ts); a
 * statistic one of the figures the report gives of it (metrics/summary.ts MetricSummary).
 */
import { UserInputError } from '../errors.js';
import { METRIC_NAMES } from '../metrics/metric-definitions.js';
import { didYouMean } from '../schema/did-you-mean.js';
import type { ProgramReport } from './report-model.js';

/** The figures of a metric's distribution over the iterations that the report gives. */
export const STATISTICS = ['mean', 'p5', 'p50', 'p95'] as const;
export type Statistic = (typeof STATISTICS)[number];

/** A program of the report: by its name, or by its position in the scenario's list (from 0). */
export type ProgramSelector = { name: string } | { index: number };

export interface MetricReference {
  metric: string;
  statistic: Statistic;
  /** Undefined: every program. */
  program?: ProgramSelector;
}

export const COMPARISON_OPERATORS = ['>=', '<=', '>', '<'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export interface MetricCondition extends MetricReference {
  operator: ComparisonOperator;
  bound: number;
  /** The condition as written (trimmed). */
  text: string;
}

const REFERENCE_EXAMPLES = "e.g. 'roi.p5', 'programs[\"5% back in points\"].incrementalProfit.p50' or 'programs[0].breakageRate.mean'";

function referenceError(message: string, field: string): UserInputError {
  return new UserInputError(message, { field }, `Write a metric and a statistic (${STATISTICS.join(', ')}), optionally after a program, ${REFERENCE_EXAMPLES}.`);
}

/** `programs["name"].` or `programs[2].` at the start of `text`: the selector and the rest of the text. */
function parseProgramPrefix(text: string, field: string): { program?: ProgramSelector; rest: string } {
  if (!/^programs\s*\[/.test(text)) return { rest: text };
  const open = text.indexOf('[');
  const inside = text.slice(open + 1);
  let program: ProgramSelector;
  let afterSelector: string;
  const quote = inside.trimStart()[0];
  if (quote === '"' || quote === "'") {
    const start = inside.indexOf(quote) + 1;
    const end = inside.indexOf(quote, start);
    if (end < 0) throw referenceError(`the program name in '${text}' has no closing ${quote}`, field);
    program = { name: inside.slice(start, end) };
    afterSelector = inside.slice(end + 1);
  } else {
    const match = /^\s*(\d+)\s*/.exec(inside);
    if (match === null) throw referenceError(`'${text}': programs[...] takes a program name in quotes or an index from 0`, field);
    program = { index: Number(match[1]) };
    afterSelector = inside.slice(match[0].length);
  }
  const close = /^\s*\]\s*\.\s*/.exec(afterSelector);
  if (close === null) throw referenceError(`'${text}': expected '].' after the program`, field);
  return { program, rest: afterSelector.slice(close[0].length) };
}

/**
 * A reference such as `roi.p5` or `programs["Points"].incrementalProfit.p50`. Throws a
 * UserInputError naming `field` (a flag such as --require, or a YAML key path), with a
 * did-you-mean for a misspelt metric or statistic.
 */
export function parseMetricReference(text: string, field: string): MetricReference {
  const trimmed = text.trim();
  if (trimmed === '') throw referenceError('the reference is empty', field);
  const { program, rest } = parseProgramPrefix(trimmed, field);
  const parts = rest.split('.').map((part) => part.trim());
  if (parts.length !== 2 || parts.some((part) => part === '')) {
    throw referenceError(`'${trimmed}' is not a metric followed by a statistic`, field);
  }
  const [metric, statistic] = parts;
  if (!(METRIC_NAMES as readonly string[]).includes(metric)) {
    throw new UserInputError(
      `unknown metric '${metric}'${didYouMean(metric, METRIC_NAMES)}`,
      { field },
      `The metrics are those of the JSON report: ${METRIC_NAMES.join(', ')}.`,
    );
  }
  const statistic_ = parseStatistic(statistic, field);
  return { metric, statistic: statistic_, ...(program === undefined ? {} : { program }) };
}

/** A statistic's name (`p5`), with a did-you-mean for a misspelt one. */
export function parseStatistic(text: string, field: string): Statistic {
  const statistic = STATISTICS.find((candidate) => candidate === text);
  if (statistic !== undefined) return statistic;
  const suggestion = text.toLowerCase() === 'median' ? " (did you mean 'p50'?)" : didYouMean(text, STATISTICS);
  throw new UserInputError(`unknown statistic '${text}'${suggestion}`, { field }, `The statistics are ${STATISTICS.join(', ')} (the mean and the 5th, 50th and 95th percentiles over the iterations).`);
}

/**
 * A bound: a finite decimal number, or a percentage (`40%` is 0.4, as shares are written in
 * scenario files).
 */
export function parseBound(text: string, field: string, condition: string): number {
  const trimmed = text.trim();
  const percent = trimmed.endsWith('%');
  const digits = percent ? trimmed.slice(0, -1).trim() : trimmed;
  const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isFinite(value)) {
    throw new UserInputError(
      `'${trimmed}' in '${condition}' is not a finite number`,
      { field },
      'Give the bound as a number such as 0, -2500, 0.4 or 40%.',
    );
  }
  return percent ? value / 100 : value;
}

/**
 * A condition such as `roi.p5>=0`, `programs["5% back in points"].roi.p5 >= 0` or
 * `programs[1].breakageRate.p50<=0.4`: a reference (parseMetricReference), one of >=, <=, >, <,
 * and a finite bound. Throws a UserInputError naming `field`.
 */
export function parseMetricCondition(text: string, field: string): MetricCondition {
  const trimmed = text.trim();
  // The operator is the first run of comparison characters outside a quoted program name.
  const nameEnd = /^programs\s*\[\s*(["'])/.exec(trimmed);
  const searchFrom = nameEnd === null ? 0 : Math.max(0, trimmed.indexOf(nameEnd[1], nameEnd[0].length) + 1);
  const match = /[<>=!]+/.exec(trimmed.slice(searchFrom));
  if (match === null) {
    throw new UserInputError(
      `'${trimmed}' has no comparison`,
      { field },
      `Write a reference, an operator (${COMPARISON_OPERATORS.join(', ')}) and a bound, e.g. 'roi.p5>=0' or 'programs[0].breakageRate.p50 <= 0.4'.`,
    );
  }
  const operator = COMPARISON_OPERATORS.find((candidate) => candidate === match[0]);
  if (operator === undefined) {
    throw new UserInputError(`'${match[0]}' in '${trimmed}' is not a comparison operator`, { field }, `Use ${COMPARISON_OPERATORS.join(', ')}.`);
  }
  const at = searchFrom + match.index;
  const reference = parseMetricReference(trimmed.slice(0, at), field);
  const bound = parseBound(trimmed.slice(at + operator.length), field, trimmed);
  return { ...reference, operator, bound, text: trimmed };
}

/** `roi.p5`, `programs["Points"].roi.p5`, `programs[1].roi.p5`: a reference as it is written. */
export function metricReferenceText(ref: MetricReference): string {
  const program = ref.program === undefined ? '' : 'name' in ref.program ? `programs[${JSON.stringify(ref.program.name)}].` : `programs[${ref.program.index}].`;
  return `${program}${ref.metric}.${ref.statistic}`;
}

/**
 * The programs a selector picks from `programs` (all of them when it is undefined), with their
 * index. Throws a UserInputError naming `field` for a name no program has (with a did-you-mean)
 * or an index out of range.
 */
export function selectPrograms<P extends { name: string }>(programs: readonly P[], selector: ProgramSelector | undefined, field: string): { program: P; index: number }[] {
  if (selector === undefined) return programs.map((program, index) => ({ program, index }));
  const names = programs.map((program) => program.name);
  if ('name' in selector) {
    const index = names.indexOf(selector.name);
    if (index < 0) {
      throw new UserInputError(
        `no program is named '${selector.name}'${didYouMean(selector.name, names)}`,
        { field },
        `The scenario's programs are: ${names.map((name) => `'${name}'`).join(', ')}.`,
      );
    }
    return [{ program: programs[index], index }];
  }
  if (selector.index >= programs.length) {
    throw new UserInputError(
      `programs[${selector.index}] does not exist: the scenario has ${programs.length} program${programs.length === 1 ? '' : 's'}`,
      { field },
      `Give an index from 0 to ${programs.length - 1}, or the program's name in quotes.`,
    );
  }
  return [{ program: programs[selector.index], index: selector.index }];
}

/** A figure and its Monte Carlo standard error (NaN when it is not known). */
export interface MetricFigure {
  value: number;
  mcse: number;
}

/**
 * The figure of `program` a reference names (its program selector is not looked at) and its
 * Monte Carlo standard error: the report's MCSE for the mean; for a percentile, NaN (the report
 * gives none).
 */
export function metricFigure(program: ProgramReport, ref: MetricReference): MetricFigure {
  const summary = program.metrics[ref.metric];
  if (summary === undefined) throw new Error(`the report has no metric ${ref.metric}`);
  return { value: summary[ref.statistic], mcse: ref.statistic === 'mean' ? summary.mcse : NaN };
}

/** Whether `value` satisfies the condition's comparison with its bound. */
export function conditionHolds(condition: Pick<MetricCondition, 'operator' | 'bound'>, value: number): boolean {
  switch (condition.operator) {
    case '>=':
      return value >= condition.bound;
    case '<=':
      return value <= condition.bound;
    case '>':
      return value > condition.bound;
    case '<':
      return value < condition.bound;
  }
}
