/**
 * The fuzz oracle (fuzz/oracle.js) on hand-made results: what passes (exit 0 with sane output,
 * exit 2 with a located message) and each kind of failure it must catch.
 */
import { describe, expect, it } from 'vitest';
import { judge, numericPathsOf, signature, type CaseResult, type FuzzCase } from '../../fuzz/oracle.js';
import { judgeSpawned } from '../../fuzz/spawned.js';

const CASE: FuzzCase = {
  id: '1:7',
  category: 'mutated-csv',
  command: 'summarize',
  args: ['summarize', '@input.csv', '--json'],
  files: [{ name: 'input.csv', base64: Buffer.from('customer_id,date,amount\na,2024-01-01,5\n').toString('base64') }],
  outputs: [],
  expectReject: null,
};
const OK: CaseResult = { status: 0, stdout: '{"revenue": 5}\n', stdoutLength: 15, stderr: '', leftovers: [], heapGrowthMb: 1 };
const kind = (r: CaseResult, c: FuzzCase = CASE, paths: Map<string, Set<string>> | null = null) => judge(c, r, paths)?.kind ?? 'pass';

describe('the fuzz oracle', () => {
  it('passes exit 0 with sane output, and exit 2 naming the file or an option', () => {
    expect(kind(OK)).toBe('pass');
    expect(kind({ ...OK, status: 2, stdout: '', stdoutLength: 0, stderr: 'error: /tmp/x/input.csv:3: bad date' })).toBe('pass');
    // An option names the place only where the arguments were what the case changed.
    const badOption = { ...OK, status: 2, stdout: '', stdoutLength: 0, stderr: "error: --period: 'year' is not a period" };
    expect(kind(badOption, { ...CASE, category: 'cli-arguments' })).toBe('pass');
    expect(kind(badOption)).toBe('unlocated-message');
  });

  it('catches a thrown error, a stack trace and an internal error name', () => {
    expect(kind({ thrown: { name: 'TypeError', message: "Cannot read properties of undefined (reading 'x')", stack: 'TypeError: ...\n    at f (file:///a.js:1:2)' } })).toBe('crash');
    const stack = 'error: boom\n    at readRows (file:///work/dist/data/ingest.js:10:5)\n';
    expect(kind({ ...OK, status: 2, stderr: stack })).toBe('stack-trace');
    expect(kind({ ...OK, status: 2, stderr: 'error: input.csv: RangeError: Invalid string length' })).toBe('stack-trace');
  });

  it('catches hangs, memory blow-ups, unlocated messages, odd exit codes and left-over files', () => {
    expect(kind({ hang: true })).toBe('hang');
    expect(kind({ memory: 'heap limit reached' })).toBe('memory-blow-up');
    expect(judge(CASE, { ...OK, heapGrowthMb: 2000 }, null, { memoryBoundMb: 1024 })?.kind).toBe('memory-blow-up');
    expect(kind({ ...OK, status: 2, stderr: 'error: the file is not UTF-8 text' })).toBe('unlocated-message');
    expect(kind({ ...OK, status: 2, stderr: '' })).toBe('bad-exit');
    expect(kind({ ...OK, status: 1 })).toBe('bad-exit');
    expect(kind({ ...OK, leftovers: ['.out.csv.123.tmp'] })).toBe('leftover-file');
  });

  it('catches silent acceptances: an input that must be refused, NaN or Infinity in the output, a null figure', () => {
    expect(kind(OK, { ...CASE, expectReject: 'a NaN in a number column' })).toBe('silent-acceptance');
    expect(kind({ ...OK, stdout: 'revenue  NaN\n', stdoutLength: 13 })).toBe('silent-acceptance');
    expect(kind({ ...OK, stdout: 'C1,2024-01-01,Infinity.NaN\n', stdoutLength: 27 })).toBe('silent-acceptance');
    // A program named "NaN" in the input may be echoed.
    const named = { ...CASE, args: ['summarize', '@input.csv'], files: [{ name: 'input.csv', base64: Buffer.from('NaN').toString('base64') }] };
    expect(kind({ ...OK, stdout: 'NaN\n', stdoutLength: 4 }, named)).toBe('pass');
    const numeric = new Map([['summarize', numericPathsOf([{ revenue: 5, margin: null }, { revenue: 7, margin: 0.3 }])]]);
    expect(kind({ ...OK, stdout: '{"revenue": null, "margin": null}', stdoutLength: 33 }, CASE, numeric)).toBe('null-figure');
    expect(kind({ ...OK, stdout: '{"revenue": 1, "margin": null}', stdoutLength: 30 }, CASE, numeric)).toBe('pass');
    expect(kind({ ...OK, stdout: '{"revenue": ', stdoutLength: 12 })).toBe('bad-output');
  });

  it('names a failure by kind, command, category and its message with numbers and folders masked', () => {
    const failure = judge(CASE, { ...OK, status: 2, stderr: 'error: the file is not UTF-8 text (byte 70001)' }, null)!;
    expect(signature(CASE, failure)).toBe('unlocated-message | summarize | mutated-csv | error: the file is not UTF-N text (byte N)');
  });

  it('after a signal wants exit 130 / 143 and no file; the signal itself may end a process only while Node was starting', () => {
    const signalCase = { ...CASE, category: 'signal', args: ['run', '@s.yaml', '-o', '@out.json'], outputs: ['out.json'], signal: 'SIGINT' as const, signalAfterMs: 200 };
    const ended = { status: null, signal: 'SIGINT', stdout: '', stdoutLength: 0, stderr: '', outputs: { 'out.json': null }, leftovers: [], hang: false, finishedFirst: false };
    const verdict = (r: object) => judgeSpawned(signalCase, { ...ended, ...r }, judge)?.kind ?? 'pass';
    expect(verdict({ status: 130, signal: null, handlerAtSignal: true })).toBe('pass');
    expect(verdict({ handlerAtSignal: true })).toBe('bad-exit');
    expect(verdict({ handlerAtSignal: false })).toBe('pass');
    expect(verdict({ status: 130, signal: null, handlerAtSignal: true, leftovers: ['.out.json.1.1.tmp'] })).toBe('leftover-file');
    expect(verdict({ handlerAtSignal: false, outputs: { 'out.json': { size: 3, text: '{}' } } })).toBe('leftover-file');
  });
});
