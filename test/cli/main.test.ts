/** The CLI's entry function run in this process: output through the given streams, the exit code returned. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { reportUncaughtError } from '../../src/cli/main.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

describe('main(args, io)', () => {
  it('writes help to the given stdout and returns 0', async () => {
    const result = await runCliInProcess(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: loyalty-sim /);
    expect(result.stdout).toContain('2  bad usage or bad input');
    expect(result.stderr).toBe('');
  });

  it('writes a usage error to the given stderr and returns 2', async () => {
    const result = await runCliInProcess(['no-such-command']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown command 'no-such-command'");
    expect(result.stdout).toBe('');
  });

  it('returns the exit code a command asks for: 2 when a validated file is bad, after the good ones are listed', async () => {
    const result = await runCliInProcess(['validate', 'test/config/fixtures/minimal.yaml', 'test/config/fixtures/unknown-key.yaml']);
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/^test\/config\/fixtures\/minimal\.yaml: ok/);
    expect(result.stderr).toMatch(/^error: test\/config\/fixtures\/unknown-key\.yaml:7:1: unknown key 'iteratons'/);
  });

  it('wraps help to the width of a terminal, and to 80 columns otherwise', async () => {
    // The widest line of the usage, description and options (the examples after them are not wrapped).
    const widest = (help: string) => Math.max(...help.slice(0, help.indexOf('Examples:')).split('\n').map((line) => line.length));
    const narrow = await runCliInProcess(['run', '--help'], { terminalColumns: 70 });
    expect(narrow.status).toBe(0);
    expect(widest(narrow.stdout)).toBeLessThanOrEqual(70);
    const piped = await runCliInProcess(['run', '--help']);
    expect(widest(piped.stdout)).toBeGreaterThan(70);
    expect(widest(piped.stdout)).toBeLessThanOrEqual(80);
  });
});

describe('reportUncaughtError (what the launcher does with an error no command caught)', () => {
  function sink(): { stream: Writable; text: () => string } {
    let text = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString('utf8');
        done();
      },
    });
    return { stream, text: () => text };
  }
  const systemError = (code: string, extra: object) => Object.assign(new Error(`${code}: failed`), { code, ...extra });

  it('a failed write to stdout: a message naming stdout, exit 2', () => {
    const stderr = sink();
    expect(reportUncaughtError(systemError('ENOSPC', { syscall: 'write' }), stderr.stream, 'stdout')).toBe(2);
    expect(stderr.text()).toBe('error: stdout: cannot write: no space left on the device (ENOSPC)\n  Free some space or choose another disk.\n');
  });

  it("a stream's error on a file: a message naming the file, exit 2, no stack trace", () => {
    const stderr = sink();
    expect(reportUncaughtError(systemError('EACCES', { syscall: 'open', path: 'orders.csv' }), stderr.stream)).toBe(2);
    expect(stderr.text()).toBe('error: orders.csv: cannot open: permission denied (EACCES)\n  Choose a file or folder you may read and write, or change its permissions.\n');
  });

  it('anything else is a bug: its stack, exit 1', () => {
    const stderr = sink();
    expect(reportUncaughtError(new TypeError('x is undefined'), stderr.stream)).toBe(1);
    expect(stderr.text()).toMatch(/^TypeError: x is undefined\n\s+at /);
  });
});
