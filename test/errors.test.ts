import { describe, expect, it } from 'vitest';
import { UserInputError } from '../src/errors.js';

describe('UserInputError.format', () => {
  it('names file, line and field in the order a linter would', () => {
    const err = new UserInputError("'abc' is not a number", { file: 'orders.csv', line: 1042, field: "column 'amount'" });
    expect(err.format()).toBe("orders.csv:1042: column 'amount': 'abc' is not a number");
  });

  it('adds the column after the line and the hint on its own line', () => {
    const err = new UserInputError('unknown key', { file: 's.yaml', line: 3, column: 5 }, 'Did you mean "iterations"?');
    expect(err.format()).toBe('s.yaml:3:5: unknown key\n  Did you mean "iterations"?');
  });
});
