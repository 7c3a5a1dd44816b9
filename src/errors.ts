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

/** What an operating-system error code means for a file the user named, and what to do about it. */
const FILE_SYSTEM_ERRORS: Record<string, { message: string; hint: string }> = {
  ENOENT: { message: 'no such file or folder', hint: 'Check the path; it is relative to the current folder.' },
  EISDIR: { message: 'it is a folder, not a file', hint: 'Give the path of a file (inside the folder, e.g. folder/name).' },
  ENOTDIR: { message: 'a part of the path is a file, not a folder', hint: 'Check the folders in the path.' },
  EACCES: { message: 'permission denied', hint: 'Choose a file or folder you may read and write, or change its permissions.' },
  EPERM: { message: 'operation not permitted', hint: 'Choose a file or folder you may read and write, or change its permissions.' },
  EROFS: { message: 'the file system is read-only', hint: 'Choose a folder on a writable disk.' },
  ENOSPC: { message: 'no space left on the device', hint: 'Free some space or choose another disk.' },
  EDQUOT: { message: 'the disk quota is exceeded', hint: 'Free some space or choose another disk.' },
  EFBIG: { message: 'the file is too large for the file system', hint: 'Choose another disk.' },
  EBUSY: { message: 'the file is busy (in use, or a mount point)', hint: 'Close what holds it, or choose another path.' },
  ETXTBSY: { message: 'the file is busy (a running program)', hint: 'Choose another path.' },
  ELOOP: { message: 'too many symbolic links (a link loop?)', hint: 'Check the links in the path.' },
  ENAMETOOLONG: { message: 'the file name is too long', hint: 'Use a name of at most 255 bytes and a path of at most 4096.' },
  EMFILE: { message: 'too many open files', hint: 'Raise the limit (ulimit -n) or close other programs.' },
  ENFILE: { message: 'too many open files in the system', hint: 'Close other programs and try again.' },
  EIO: { message: 'an input/output error of the device', hint: 'Check the disk.' },
  ENXIO: { message: 'no such device (a FIFO without a reader, or a missing device)', hint: 'Check the path.' },
  ENODEV: { message: 'no such device', hint: 'Check the path.' },
  ESPIPE: { message: 'it is a pipe, which cannot be read more than once', hint: 'Save it to a file first.' },
  EPIPE: { message: 'the reader closed the pipe', hint: 'Check the program reading the output.' },
  EAGAIN: { message: 'the resource is temporarily unavailable', hint: 'Try again.' },
  EINVAL: { message: 'an invalid argument for this file', hint: 'Check the path.' },
};

/** Whether `err` is an error of the operating system (it carries an error code such as ENOENT). */
export function isFileSystemError(err: unknown): err is NodeJS.ErrnoException & { code: string } {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((err as NodeJS.ErrnoException).code!);
}

/**
 * The UserInputError for an operating-system error (ENOENT, EACCES, ENOSPC, ...) met reading or
 * writing `file`: `out.json: --out: cannot write: no space left on the device (ENOSPC)` and what to
 * do. `action` is what was being done ('read', 'write'); `field` the option that named the file.
 */
export function fileSystemError(err: NodeJS.ErrnoException, file: string, action: string, field?: string): UserInputError {
  const known = err.code !== undefined ? FILE_SYSTEM_ERRORS[err.code] : undefined;
  const reason = known ? `${known.message} (${err.code})` : err.message;
  return new UserInputError(`cannot ${action}: ${reason}`, { file, field }, known?.hint);
}

/** `text` cut to 40 characters (37 and `...`) for a message that quotes a value from a file. */
export function shortened(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
