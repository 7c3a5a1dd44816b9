/**
 * A sample of `npm run fuzz` (fuzz/run.js): 300 generated cases with a fixed seed, in-process
 * through the built CLI, each judged by the oracle (fuzz/oracle.js): exit 0 with sane output or
 * exit 2 with a located message, no crash, stack trace, hang, memory blow-up or silent acceptance.
 * Every category of the in-process run is drawn; the cases that need a real process (FIFOs,
 * devices, signals) are left to the full run and to test/cli/output-files.test.ts.
 */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../fuzz/run.js';
import { CATEGORIES } from '../../fuzz/cases.js';

export const SAMPLE_CATEGORIES = Object.keys(CATEGORIES);

describe('fuzz sample', () => {
  it('400 seeded cases: no failure of any kind', async () => {
    const { summary, text } = await runFuzz({
      cases: 400,
      spawned: 0,
      seed: 11,
      workers: 1,
      timeout: 10_000,
      memory: 1024,
      categories: SAMPLE_CATEGORIES,
      failures: path.join(os.tmpdir(), 'loyalty-sim-fuzz-sample-failures'),
      quiet: true,
    });
    expect(summary.cases).toBe(400);
    expect(summary.failed, text).toBe(0);
    // Every category drawn, and the inputs reach both outcomes.
    expect(Object.keys(summary.byCategory).sort()).toEqual([...SAMPLE_CATEGORIES].sort());
    const total = (key: 'ok' | 'rejected') => Object.values(summary.byCategory).reduce((sum, c) => sum + c[key], 0);
    expect(total('ok')).toBeGreaterThan(30);
    expect(total('rejected')).toBeGreaterThan(100);
  });
});
