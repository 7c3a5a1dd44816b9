/**
 * The allowed ranges of the numbers in scenario and program files, and the messages for values
 * outside them. Shares and rates may also be written as percentages (`5%`).
 */

export interface ValueRange {
  /** Name of the range in the published JSON Schema (`Share`, `Uplift`, ...). */
  name: string;
  min: number;
  max: number;
  /** True when min itself is not allowed (a face value must be positive). */
  minExclusive?: boolean;
  /** Whether a percentage such as `5%` is accepted (shares and rates) or not (money, counts, weights). */
  percent: boolean;
}

/** A share of something: 0 to 1, i.e. 0% to 100%. */
export const SHARE: ValueRange = { name: 'Share', min: 0, max: 1, percent: true };
/**
 * A relative change of behaviour: above -100% (which would stop it altogether), at most +1000%
 * (eleven times the purchases or the spend: beyond that it is a typo, such as 15 for 15%, and it
 * would multiply the purchases simulated past what a run can hold).
 */
export const UPLIFT: ValueRange = { name: 'Uplift', min: -1, minExclusive: true, max: 10, percent: true };
/**
 * A rate that cannot be negative and may exceed 100% (points per currency unit), at most 1,000,000:
 * a balance must stay a whole number a double holds exactly (below 2^53, about 9e15), i.e. a
 * billion in spend per member at the most.
 */
export const NON_NEGATIVE_RATE: ValueRange = { name: 'NonNegativeRate', min: 0, max: 1e6, percent: true };
/**
 * The power of a self-selection (the chance to join rises with the purchase rate, spend or
 * loyalty to this power): 0 to 10. At 10 a customer who buys twice as often is 1,024 times as
 * likely to join; larger powers overflow the weights.
 */
export const SELECTION_POWER: ValueRange = { name: 'SelectionPower', min: 0, max: 10, percent: false };
/**
 * Points earned elsewhere per point earned here (a coalition's other partners): 0 to 1,000. A
 * member earning more than a thousand times as much elsewhere is a typo, and larger ratios would
 * overflow the balances.
 */
export const POINTS_PER_POINT: ValueRange = { name: 'PointsPerPoint', min: 0, max: 1000, percent: false };
/** Money, counts and weights: zero or more. */
export const NON_NEGATIVE: ValueRange = { name: 'NonNegative', min: 0, max: Infinity, percent: false };
/** Money and counts that must be above zero. */
export const POSITIVE: ValueRange = { name: 'Positive', min: 0, max: Infinity, minExclusive: true, percent: false };

/** `0.05`, or `5%` when the value was written as a percentage. */
export function formatValue(value: number, asPercent: boolean): string {
  return asPercent ? `${+(value * 100).toPrecision(12)}%` : String(value);
}

/** What is wrong with `value` for `range`, or undefined when it fits. */
export function rangeProblem(value: number, range: ValueRange, asPercent = false): string | undefined {
  const shown = formatValue(value, asPercent);
  if (range.minExclusive ? value <= range.min : value < range.min) {
    if (range.min === 0) return range.minExclusive ? `must be positive, got ${shown}` : `must not be negative, got ${shown}`;
    const bound = `${range.min}${range.percent ? ` (${formatValue(range.min, true)})` : ''}`;
    return `${range.minExclusive ? 'must be above' : 'must be at least'} ${bound}, got ${shown}`;
  }
  if (value > range.max) {
    if (asPercent && range.max === 1) return `${shown} is over 100%`;
    return `must be at most ${range.max}${range.percent ? ` (${formatValue(range.max, true)})` : ''}, got ${shown}`;
  }
  return undefined;
}

/**
 * New customers a month (a scenario's acquisition, a coalition's network arrivals): at most
 * 100,000, 1.2 million a year; each is simulated like an existing customer, so more would outgrow
 * the population limit (README "Limits").
 */
export const ARRIVALS_PER_MONTH: ValueRange = { name: 'ArrivalsPerMonth', min: 0, max: 100_000, percent: false };
