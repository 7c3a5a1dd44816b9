/**
 * `run --target-error`: the same report for any number of workers, the report of `--iterations N`
 * with the N found (the precision line or key aside), a warning when the maximum comes first
 * (exit code 0), and the options' refusals. Runs the built CLI (`npm run build` first).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const SCENARIO = 'scenarios/population-only.yaml';
const TARGET = ['--target-error', '2000', '--min-iterations', '8', '--max-iterations', '64', '--break-even', 'first-order'];

describe('run --target-error (population-only scenario)', () => {
  it('gives the same JSON with 1 and 2 workers, and the JSON of --iterations N but for settings.precision', { timeout: 300_000 }, () => {
    const one = runCli(['run', SCENARIO, ...TARGET, '--json', '--no-progress', '--workers', '1']);
    const two = runCli(['run', SCENARIO, ...TARGET, '--json', '--no-progress', '--workers', '2']);
    // --no-progress leaves the one line that answers --target-error: how many iterations were needed.
    expect(one.stderr).toMatch(/^precision: \d+ iterations: the standard error of every program's mean incremental profit is below 2,000 EUR \(largest: '.+', [\d.]+ EUR\)\n$/);
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(one.stdout) as { iterations: number; settings: Record<string, unknown> };
    expect(report.settings.precision).toEqual({ targetError: 2000, relative: false, minIterations: 8, maxIterations: 64, met: true });
    const fixed = runCli(['run', SCENARIO, '--iterations', String(report.iterations), '--break-even', 'first-order', '--json', '--no-progress']);
    // The report without its precision key, as the JSON reporter writes it (2-space indent).
    const { precision: _precision, ...settings } = report.settings;
    expect(JSON.stringify({ ...report, settings }, null, 2) + '\n').toBe(fixed.stdout);
  });

  it('prints the table of --iterations N with one line more, and the iterations on stderr', { timeout: 300_000 }, () => {
    const precise = runCli(['run', SCENARIO, ...TARGET]);
    expect(precise.status).toBe(0);
    const line = /^precision: (\d+) iterations: the standard error of every program's mean incremental profit is below 2,000 EUR \(largest: '.+', [\d.]+ EUR\)$/m.exec(precise.stderr);
    expect(line).not.toBeNull();
    const n = line![1];
    const fixed = runCli(['run', SCENARIO, '--iterations', n, '--break-even', 'first-order', '--no-progress']);
    const lines = precise.stdout.split('\n');
    const extra = lines.findIndex((text) => text.startsWith('Iterations chosen by precision: '));
    expect(lines[extra]).toBe(
      `Iterations chosen by precision: ${n}, the first checkpoint (8 doubling, at most 64) at which the standard error of every program's mean incremental profit is below 2,000 EUR.`,
    );
    expect(lines.filter((_, i) => i !== extra).join('\n')).toBe(fixed.stdout);
  });

  it('warns when the maximum is reached first, with exit code 0 and the report of the maximum', { timeout: 300_000 }, () => {
    const result = runCli(['run', SCENARIO, '--target-error', '0.1%', '--min-iterations', '4', '--max-iterations', '6', '--break-even', 'first-order', '--no-progress']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^warning: --target-error not met: after the maximum of 6 iterations the standard error of '.+''s mean incremental profit is [\d.]+% of its \|mean\|, not below 0\.1% of its \|mean\|/);
    expect(result.stdout).toContain('Precision target NOT met: after the maximum of 6 iterations');
    expect(result.stdout).toContain('6 iterations, seed 7');
  });
});

describe('run --target-error refuses', () => {
  it.each([
    [['--target-error', '500', '--iterations', '100'], '--iterations and --target-error both say how many iterations to run'],
    [['--min-iterations', '100'], '--min-iterations applies only with --target-error'],
    [['--max-iterations', '100'], '--max-iterations applies only with --target-error'],
    [['--target-error', 'abc'], "'abc' is not a target error"],
    [['--target-error', '0'], "'0' is not a target error"],
    [['--target-error', '-5%'], "'-5%' is not a target error"],
    [['--target-error', '5', '--min-iterations', '1'], "'1' is not a whole number from 2 to 1000000"],
    [['--target-error', '5', '--min-iterations', '500', '--max-iterations', '100'], '--min-iterations 500 is more than --max-iterations 100'],
  ])('%j', async (options, message) => {
    const result = await runCliInProcess(['run', ...options, '--no-progress']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
