/**
 * One Monte Carlo iteration's values of every uncertain assumption in a validated scenario or
 * program: each `Distribution` inside the value is replaced by one draw, everything else is kept.
 */
import { DISTRIBUTION_PARAMETERS, sampleDistribution, type Distribution } from './distributions.js';

/** The type of a value once its distributions are replaced by numbers. */
export type Drawn<T> = T extends Distribution
  ? number
  : T extends readonly (infer Item)[]
    ? Drawn<Item>[]
    : T extends object
      ? { [Key in keyof T]: Drawn<T[Key]> }
      : T;

function isDistribution(value: object): value is Distribution {
  const name = (value as { dist?: unknown }).dist;
  return typeof name === 'string' && Object.hasOwn(DISTRIBUTION_PARAMETERS, name);
}

/**
 * Replace every distribution in `value` by one draw from `uniform` (one uniform each, fixed
 * values included), depth first in key order. Validated objects list their keys in schema order,
 * so the same scenario and the same stream always give the same numbers.
 */
export function drawAssumptions<T>(value: T, uniform: () => number): Drawn<T> {
  if (value === null || typeof value !== 'object') return value as Drawn<T>;
  if (isDistribution(value)) return sampleDistribution(value, uniform) as Drawn<T>;
  if (Array.isArray(value)) return value.map((item) => drawAssumptions(item, uniform)) as Drawn<T>;
  const drawn: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) drawn[key] = drawAssumptions(item, uniform);
  return drawn as Drawn<T>;
}
