/**
 * The command-line entry point: builds the commander program, runs it on the given arguments with
 * the given output streams, and maps outcomes to exit codes (0 ok, 1 a check failed, 2 usage or
 * input error). Commands live one per file beside this one: each parses its arguments, calls the
 * layers below and picks a reporter (src/report/reporters.ts).
 */
import { Command, CommanderError } from 'commander';
import chalk from 'chalk';
import { ExitCode, fileSystemError, isFileSystemError, UserInputError } from '../errors.js';
import { toolVersion } from '../report/tool-version.js';
import { registerCommands } from './commands.js';
import type { CliIo, CommandContext } from './command-context.js';
import type { OutputStream } from './output.js';

export type { CliIo } from './command-context.js';
export { removeTemporaryFilesSync } from './output.js';

/** The colour level chalk detected for this process's terminal, before any run turned colour off. */
const TERMINAL_COLOUR_LEVEL = chalk.level;

/** Colour only on a terminal, and never with NO_COLOR or --no-color. */
function configureColour(argv: readonly string[], io: CliIo): void {
  const noColour = argv.includes('--no-color') || io.env.NO_COLOR !== undefined || !io.stdout.isTTY;
  chalk.level = noColour ? 0 : TERMINAL_COLOUR_LEVEL;
}

/** Help is wrapped to the terminal's width, else to commander's default of 80 columns. */
function helpWidth(stream: OutputStream): number {
  return (stream.isTTY ? stream.columns : undefined) ?? 80;
}

function buildProgram(context: CommandContext): Command {
  const { stdout, stderr } = context.io;
  const program = new Command();
  program
    .name('loyalty-sim')
    .description(
      'Simulate and price customer loyalty programs (discount, points, tiers, paid clubs, coalitions)\n' +
        'against a no-program baseline, from your own purchase history.',
    )
    .version(toolVersion(), '-V, --version', 'print the version')
    .option('--no-color', 'plain output without colours (also when NO_COLOR is set)')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => stdout.write(text),
      writeErr: (text) => stderr.write(text),
      outputError: (text, write) => write(text),
      getOutHelpWidth: () => helpWidth(stdout),
      getErrHelpWidth: () => helpWidth(stderr),
      getOutHasColors: () => chalk.level > 0,
      getErrHasColors: () => chalk.level > 0,
    });
  registerCommands(program, context);
  program.addHelpText(
    'after',
    `
Exit codes:
  0  success
  1  a check or guardrail failed
  2  bad usage or bad input (the message names the file, line and field)
  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM; no partial file is left`,
  );
  return program;
}

/**
 * Run the CLI on `args` (the arguments after the program name, e.g. `['fit', 'orders.csv']`) and
 * return the exit code. Everything is written to `io.stdout` and `io.stderr`.
 */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  configureColour(args, io);
  let exitCode: number = ExitCode.ok;
  const program = buildProgram({ io, setExitCode: (code) => (exitCode = code) });
  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version end with exitCode 0; every other commander error is a usage error.
      return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const userError = asUserInputError(err);
    if (userError !== undefined) {
      io.stderr.write(`${chalk.red('error:')} ${userError.format()}\n`);
      return ExitCode.usage;
    }
    throw err;
  }
}

/** What a system call was doing, in a message: `cannot read`, `cannot write`. */
function actionOf(syscall: string | undefined): string {
  if (syscall === undefined) return 'use';
  if (/^(read|pread|stat|lstat|fstat|scandir|opendir|readlink|realpath|access)$/.test(syscall)) return 'read';
  if (/^(write|pwrite|writev|rename|unlink|rmdir|mkdir|fsync|fdatasync|ftruncate|close|copyfile|chmod|fchmod)$/.test(syscall)) return 'write';
  return syscall === 'open' ? 'open' : 'use';
}

/** A user input error, or an operating-system error (a file that cannot be read or written) as one; otherwise undefined. */
function asUserInputError(err: unknown): UserInputError | undefined {
  if (err instanceof UserInputError) return err;
  if (isFileSystemError(err) && (err.syscall !== undefined || err.path !== undefined)) {
    return fileSystemError(err, err.path ?? 'a file', actionOf(err.syscall));
  }
  return undefined;
}

/**
 * For the launcher: report an error no command caught (a failed write to stdout, a stream's error
 * event) on `stderr` and return the exit code: 2 with a message for a file-system fault or a user
 * input error, 1 with the stack for anything else (a bug).
 */
export function reportUncaughtError(err: unknown, stderr: OutputStream, streamName?: string): number {
  const userError = isFileSystemError(err) && streamName !== undefined ? fileSystemError(err, streamName, 'write') : asUserInputError(err);
  if (userError !== undefined) {
    stderr.write(`${chalk.red('error:')} ${userError.format()}\n`);
    return ExitCode.usage;
  }
  stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return ExitCode.checkFailed;
}
