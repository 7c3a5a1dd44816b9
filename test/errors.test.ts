import { describe, expect, it } from 'vitest';
import { fileSystemError, isFileSystemError, UserInputError } from '../src/errors.js';

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

describe('fileSystemError', () => {
  const errno = (code: string, message = `${code}: something`) => Object.assign(new Error(message), { code, syscall: 'rename' });

  it('names the file, the option and the reason with its code, and says what to do', () => {
    const err = fileSystemError(errno('EBUSY'), 'out.json', 'write', '--out');
    expect(err).toBeInstanceOf(UserInputError);
    expect(err.format()).toBe("out.json: --out: cannot write: the file is busy (in use, or a mount point) (EBUSY)\n  Close what holds it, or choose another path.");
  });

  it('gives the system message for a code it does not know', () => {
    expect(fileSystemError(errno('EWHATEVER', 'EWHATEVER: odd, rename'), 'a.csv', 'read').format()).toBe('a.csv: cannot read: EWHATEVER: odd, rename');
  });

  it('tells operating-system errors from other errors', () => {
    expect(isFileSystemError(errno('ENOSPC'))).toBe(true);
    expect(isFileSystemError(new Error('plain'))).toBe(false);
    expect(isFileSystemError(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBe(false);
    expect(isFileSystemError({ code: 'ENOENT' })).toBe(false);
  });
});
