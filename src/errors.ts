/**
 * Errors a user can cause (a malformed CSV row, a YAML typo, an impossible parameter) are values of
 * this class. The CLI prints `format()` on stderr without a stack trace and exits with code 2.
 * Anything else that is thrown is a bug.
 */

/** Where in the user's input the problem is. Every part is optional; give as many as are known. */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
  /** A CSV column, a YAML key path (`programs[1].earn.rate`) or a CLI option (`--period`). */
  field?: string;
}

export class UserInputError extends Error {
  readonly exitCode = 2;

  constructor(
    message: string,
    readonly location: SourceLocation = {},
    /** What the user can do about it, printed after the message. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserInputError';
  }

  /** `orders.csv:1042: column 'amount': 'abc' is not a number` (plus the hint, if any). */
  format(): string {
    const { file, line, column, field } = this.location;
    let where = '';
    if (file !== undefined) {
      where = file;
      if (line !== undefined) where += `:${line}`;
      if (line !== undefined && column !== undefined) where += `:${column}`;
      where += ': ';
    }
    const fieldPart = field !== undefined ? `${field}: ` : '';
    const hintPart = this.hint ? `\n  ${this.hint}` : '';
    return `${where}${fieldPart}${this.message}${hintPart}`;
  }
}

/** Process exit codes, documented in the README. */
export const ExitCode = {
  ok: 0,
  /** A check or guardrail failed (the input was fine). */
  checkFailed: 1,
  /** Bad usage or bad input. */
  usage: 2,
} as const;
