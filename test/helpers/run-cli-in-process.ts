/**
 * Run the CLI's entry function (src/cli/main.ts) in this process, with stdout and stderr collected
 * as text: the same commands, messages and exit codes as the built CLI, without starting a Node
 * process per case. Paths are relative to the current folder (the repository root under vitest).
 */
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliResult } from './run-cli.js';

/** A stream that keeps everything written to it. */
function textSink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

export async function runCliInProcess(args: string[], options: { env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  const stdout = textSink();
  const stderr = textSink();
  const status = await main(args, { stdout: stdout.stream, stderr: stderr.stream, env: { NO_COLOR: '1', ...options.env } });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}
