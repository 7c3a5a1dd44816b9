/**
 * How a validation problem is worded and where it points, for every schema of the project: the
 * key path of a value as users write it (`programs[1].enrolment.share`), and messages for zod's
 * issues that the schemas do not word themselves (pass `describeIssue` as `error` to safeParse,
 * with `reportInput: true`).
 */
import type * as z from 'zod';
import { describeInput } from './describe-input.js';
import { didYouMean } from './did-you-mean.js';

export type KeyPath = readonly (string | number)[];

/** `programs[1].enrolment.share` */
export function formatKeyPath(path: KeyPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

type RawIssue = z.core.$ZodRawIssue;

const EXPECTED_NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  record: 'a mapping',
};

/** The messages for issues that the schemas do not word themselves; pass as `error` to safeParse. */
export function describeIssue(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${EXPECTED_NOUNS[issue.expected] ?? issue.expected}, got ${describeInput(issue.input)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeInput(issue.input)}`;
    case 'too_small':
      if ((issue.origin === 'array' || issue.origin === 'string') && Number(issue.minimum) === 1) return 'must not be empty';
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      return `must be at most ${issue.maximum}`;
    case 'invalid_union': {
      if (!('discriminator' in issue) || typeof issue.discriminator !== 'string') return undefined;
      const options = (issue.options as unknown[]).map(String);
      const value = (issue.input as Record<string, unknown> | undefined)?.[issue.discriminator];
      const suggestion = typeof value === 'string' ? didYouMean(value, options) : '';
      return `expected ${issue.discriminator} to be one of ${options.join(', ')}, got ${describeInput(value)}${suggestion}`;
    }
    default:
      return undefined;
  }
}


/** The key path a `formatKeyPath` text names: `programs[1].enrolment.share` -> ['programs', 1, 'enrolment', 'share']. */
export function parseKeyPath(text: string): KeyPath {
  const path: (string | number)[] = [];
  for (const match of text.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) path.push(match[1] !== undefined ? Number(match[1]) : match[2]);
  return path;
}
