/**
 * Checks of resolved program parameters. The scenario layer validates the YAML; these checks catch
 * impossible numbers that reach the engine anyway (a distribution drawn outside its sensible range,
 * a programmatic caller), and name the field so the user can fix it.
 */
import { UserInputError } from '../errors.js';
import { didYouMean } from '../schema/did-you-mean.js';

export interface NumberRange {
  min?: number;
  max?: number;
  /** The bounds themselves are not allowed. */
  exclusive?: boolean;
  integer?: boolean;
}

export function checkNumber(value: unknown, field: string, range: NumberRange = {}): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new UserInputError(`must be a finite number, got ${String(value)}`, { field });
  }
  const { min, max, exclusive = false, integer = false } = range;
  if (integer && !Number.isInteger(value)) throw new UserInputError(`must be a whole number, got ${value}`, { field });
  const belowMin = min !== undefined && (exclusive ? value <= min : value < min);
  const aboveMax = max !== undefined && (exclusive ? value >= max : value > max);
  if (belowMin || aboveMax) {
    const lower = min === undefined ? '' : `${exclusive ? '>' : '>='} ${min}`;
    const upper = max === undefined ? '' : `${exclusive ? '<' : '<='} ${max}`;
    const bounds = [lower, upper].filter((part) => part !== '').join(' and ');
    throw new UserInputError(`must be ${bounds}, got ${value}`, { field });
  }
}

/**
 * Every listed category must be one of the scenario's categories. The error names the entry:
 * `field[i]` for a list (`discount.scope[1]`), `field.name` for the keys of a mapping
 * (`points.byCategory.fool`).
 */
export function checkCategories(names: readonly string[], known: readonly string[], field: string, listed: 'list' | 'keys'): void {
  names.forEach((name, i) => {
    if (!known.includes(name)) {
      const entry = listed === 'list' ? `${field}[${i}]` : `${field}.${name}`;
      throw new UserInputError(`unknown category '${name}'${didYouMean(name, known)}`, { field: entry }, `The data's categories are: ${known.join(', ')}.`);
    }
  });
}
