/**
 * `fit`, `summarize` and `run` (through the CLI's entry in this process) write, byte for byte, what they wrote when the outputs in
 * test/cli/fixtures/command-outputs/ were recorded (see the README there): human text, JSON and the
 * per-customer CSV files.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const RECORDED = fileURLToPath(new URL('./fixtures/command-outputs/', import.meta.url));
const SAMPLE = 'scenarios/data/sample-retailer.csv';
const recorded = (name: string) => readFileSync(path.join(RECORDED, name), 'utf8');
/** The CLI's entry in this process, run from the repository root (as vitest runs). */
const cli = (...args: string[]) => runCliInProcess(args);

async function expectOutput(args: string[], file: string): Promise<void> {
  const result = await cli(...args);
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  expect(result.stdout).toBe(recorded(file));
}

/** The first 21 lines of `text` and the SHA-256 of all of it. */
function headAndHash(text: string): { head: string; sha256: string; lines: number } {
  const lines = text.split('\n');
  return { head: lines.slice(0, 21).join('\n') + '\n', sha256: createHash('sha256').update(text).digest('hex'), lines: lines.length - 1 };
}

describe('recorded outputs of the bundled sample', () => {
  it.each([
    [['fit', SAMPLE], 'fit.txt'],
    [['fit', SAMPLE, '--json'], 'fit.json'],
    [['fit', SAMPLE, '--calibration-end', '2025-06-30'], 'fit-holdout.txt'],
    [['fit', SAMPLE, '--calibration-end', '2025-06-30', '--json'], 'fit-holdout.json'],
    [['summarize', SAMPLE], 'summarize.txt'],
    [['summarize', SAMPLE, '--json'], 'summarize.json'],
    [['summarize', SAMPLE, '--calibration-end', '2025-06-30'], 'summarize-holdout.txt'],
    [['summarize', SAMPLE, '--calibration-end', '2025-06-30', '--json'], 'summarize-holdout.json'],
    [['run', '--iterations', '4', '--workers', '1', '--no-progress'], 'run-default.txt'],
  ])('%j', (args, file) => expectOutput(args, file));

  it('fit --customers-out: the per-customer predictions of the 2,224 calibration customers', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'loyalty-outputs-')), 'predictions.csv');
    const result = await cli('fit', SAMPLE, '--calibration-end', '2025-06-30', '--customers-out', out);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(recorded('fit-holdout.txt'));
    expect(result.stderr).toBe(`wrote predictions for 2,224 customers to ${out}\n`);
    expect(headAndHash(readFileSync(out, 'utf8'))).toEqual({
      head: recorded('fit-predictions-head.csv'),
      sha256: 'd609322ffbe399f2b6c391f1ecb8b544e2b03541d0e00543b7c833d631b7c6b7',
      lines: 2225,
    });
  });

  it('summarize --customers-out: one row per calibration customer', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'loyalty-outputs-')), 'customers.csv');
    const result = await cli('summarize', SAMPLE, '--calibration-end', '2025-06-30', '--customers-out', out);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(recorded('summarize-holdout.txt'));
    expect(result.stderr).toBe(`wrote 2,224 customers to ${out}\n`);
    expect(headAndHash(readFileSync(out, 'utf8'))).toEqual({
      head: recorded('summarize-customers-head.csv'),
      sha256: '6dbfd6fd20488e3fbdbd65f5d76366601c78dd1466d46deafd4eaee6171a9712',
      lines: 2225,
    });
  });
});
