/** What every command is given by the entry point (main.ts): the streams to write to, and the exit code to set. */
import type { OutputStream } from './output.js';

/** Where a run of the CLI writes, and the environment it reads (NO_COLOR). */
export interface CliIo {
  /** The terminal questions are asked on (`init`); without it, or when it is not a terminal, nothing is asked. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
}

export interface CommandContext {
  io: CliIo;
  /** Exit with `code` once the command is done (e.g. 2 when `validate` found a bad file). */
  setExitCode(code: number): void;
}
