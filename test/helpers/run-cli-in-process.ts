/**
 * Run the CLI's entry function (src/cli/main.ts) in this process, with stdout and stderr collected
 * as text: the same commands, messages and exit codes as the built CLI, without starting a Node
 * process per case. Paths are relative to the current folder (the repository root under vitest).
 */
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliResult } from './run-cli.js';

/** A stream that keeps everything written to it; a terminal of `columns` columns when given. */
function textSink(columns?: number): { stream: Writable & { isTTY?: boolean; columns?: number }; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    },
  });
  return { stream: columns === undefined ? stream : Object.assign(stream, { isTTY: true, columns }), text: () => chunks.join('') };
}

export interface InProcessOptions {
  /** Environment variables over NO_COLOR=1. */
  env?: Record<string, string | undefined>;
  /** Make stdout and stderr terminals of this width. */
  terminalColumns?: number;
}

export async function runCliInProcess(args: string[], options: InProcessOptions = {}): Promise<CliResult> {
  const stdout = textSink(options.terminalColumns);
  const stderr = textSink(options.terminalColumns);
  const status = await main(args, { stdout: stdout.stream, stderr: stderr.stream, env: { NO_COLOR: '1', ...options.env } });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}
