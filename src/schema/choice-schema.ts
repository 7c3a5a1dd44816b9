/** A zod schema for one of a few fixed words (`floor | round | none`), with a did-you-mean message. */
import * as z from 'zod';
import { describeInput } from './describe-input.js';
import { didYouMean } from './did-you-mean.js';

export function choice<const Values extends readonly [string, ...string[]]>(values: Values) {
  return z.enum(values, {
    error: (issue) => {
      const suggestion = typeof issue.input === 'string' ? didYouMean(issue.input, values) : '';
      return `expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeInput(issue.input)}${suggestion}`;
    },
  });
}
