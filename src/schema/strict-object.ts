/**
 * Objects of scenario and program files reject unknown keys, so a typo never silently falls back
 * to a default. The message suggests the nearest allowed key.
 */
import * as z from 'zod';
import { didYouMean } from './did-you-mean.js';

/**
 * `unknown key 'iteratons' (did you mean 'iterations'?)`. Several keys are listed in one message;
 * when none is close to an allowed key, the allowed keys are listed instead.
 */
function unknownKeysMessage(keys: readonly string[], allowed: readonly string[]): string {
  const suggestions = keys.map((key) => didYouMean(key, allowed));
  const described = keys.map((key, i) => `'${key}'${suggestions[i]}`).join(', ');
  const list = suggestions.every((s) => s === '') ? `; allowed keys here: ${allowed.join(', ')}` : '';
  return `${keys.length === 1 ? 'unknown key' : 'unknown keys'} ${described}${list}`;
}

/** A zod object that rejects unknown keys with a did-you-mean message. */
export function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys, allowed) : undefined),
  });
}
