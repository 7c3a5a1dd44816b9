/**
 * A sample of `npm run fuzz` (fuzz/run.js): 300 generated cases with a fixed seed, in-process
 * through the built CLI, each judged by the oracle (fuzz/oracle.js): exit 0 with sane output or
 * exit 2 with a located message, no crash, stack trace, hang, memory blow-up or silent acceptance.
 * The categories of the full run left out here are listed in README.md (Testing).
 */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../fuzz/run.js';

export const SAMPLE_CATEGORIES = ['random-bytes', 'mutated-csv', 'mutated-ledger', 'mutated-yaml', 'huge-fields', 'wide-files', 'deep-yaml', 'alias-bombs'];

describe('fuzz sample', () => {
  it('300 seeded cases: no failure of any kind', async () => {
    const { summary, text } = await runFuzz({
      cases: 300,
      spawned: 0,
      seed: 11,
      workers: 1,
      timeout: 10_000,
      memory: 1024,
      categories: SAMPLE_CATEGORIES,
      failures: path.join(os.tmpdir(), 'loyalty-sim-fuzz-sample-failures'),
      quiet: true,
    });
    expect(summary.cases).toBe(300);
    expect(summary.failed, text).toBe(0);
    // Every category drawn, and the inputs reach both outcomes.
    expect(Object.keys(summary.byCategory).sort()).toEqual([...SAMPLE_CATEGORIES].sort());
    const total = (key: 'ok' | 'rejected') => Object.values(summary.byCategory).reduce((sum, c) => sum + c[key], 0);
    expect(total('ok')).toBeGreaterThan(30);
    expect(total('rejected')).toBeGreaterThan(100);
  });
});
