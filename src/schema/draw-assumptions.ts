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

/** A distribution inside a value, with the key path where it is written (relative to the value). */
export interface DistributionAt {
  path: (string | number)[];
  distribution: Distribution;
}

/**
 * Every distribution inside `value` with its key path, in the order drawAssumptions draws them
 * (depth first in key order), so the k-th entry is the k-th draw.
 */
export function listDistributions(value: unknown, path: (string | number)[] = []): DistributionAt[] {
  if (value === null || typeof value !== 'object') return [];
  if (isDistribution(value)) return [{ path, distribution: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => listDistributions(item, [...path, index]));
  return Object.entries(value).flatMap(([key, item]) => listDistributions(item, [...path, key]));
}

/** The number at `path` inside a drawn value (see listDistributions). */
export function drawnValueAt(value: unknown, path: readonly (string | number)[]): number {
  let node = value;
  for (const segment of path) node = (node as Record<string | number, unknown>)[segment];
  if (typeof node !== 'number') throw new Error(`no drawn number at ${path.join('.')}`);
  return node;
}

/** A copy of a drawn value with the number at `path` replaced by `number`; the rest is shared, not copied. */
export function withDrawnValueAt<T>(value: T, path: readonly (string | number)[], number: number): T {
  if (path.length === 0) return number as T;
  const [head, ...rest] = path;
  const node = value as Record<string | number, unknown>;
  const copy = (Array.isArray(node) ? [...node] : { ...node }) as Record<string | number, unknown>;
  copy[head] = withDrawnValueAt(node[head], rest, number);
  return copy as T;
}
