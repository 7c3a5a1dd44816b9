/**
 * `--target-error` (run/precision.ts): checkpoints doubling from the minimum, the rule "every
 * program's MCSE below the target", and the report at the stopping checkpoint N being the report
 * of a run of N iterations.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.js';
import { jsonDocument } from '../../src/report/json-writer.js';
import type { SimulationReport } from '../../src/report/report-model.js';
import { meetsTarget, precisionCheckpoints, worstPrecision, type PrecisionTarget } from '../../src/run/precision.js';
import { runScenario } from '../../src/run/run-scenario.js';

describe('precisionCheckpoints', () => {
  it('doubles from the minimum and ends at the maximum', () => {
    expect(precisionCheckpoints(100, 1000)).toEqual([100, 200, 400, 800, 1000]);
    expect(precisionCheckpoints(100, 800)).toEqual([100, 200, 400, 800]);
    expect(precisionCheckpoints(50, 50)).toEqual([50]);
    expect(precisionCheckpoints(2, 9)).toEqual([2, 4, 8, 9]);
  });
  it('needs 2 <= min <= max', () => {
    expect(() => precisionCheckpoints(1, 10)).toThrow();
    expect(() => precisionCheckpoints(20, 10)).toThrow();
  });
});

describe('the stopping rule', () => {
  const at = (mcse: number, allowed: number) => ({ program: 'p', mean: 100, mcse, allowed });
  it('is met below the allowed error, not at it, and never without an MCSE', () => {
    expect(meetsTarget(at(4.99, 5))).toBe(true);
    expect(meetsTarget(at(5, 5))).toBe(false);
    expect(meetsTarget(at(NaN, 5))).toBe(false);
  });
  it('names the program farthest from its target, by MCSE over allowed error', () => {
    const worst = worstPrecision([
      { program: 'a', mean: 1000, mcse: 30, allowed: 10 },
      { program: 'b', mean: 100, mcse: 5, allowed: 1 },
      { program: 'c', mean: 10, mcse: 2, allowed: 0.1 },
    ]);
    expect(worst?.program).toBe('c');
    expect(worstPrecision([])).toBeUndefined();
  });
});

describe('runScenario with a target error (population-only scenario)', () => {
  const file = 'scenarios/population-only.yaml';
  const run = async (overrides: { iterations?: number; targetError?: PrecisionTarget }) =>
    runScenario(await loadScenario(file), { workers: 1, breakEven: 'first-order', ...overrides });
  const withoutPrecision = (report: SimulationReport) => {
    const { precision: _precision, ...settings } = report.settings;
    return jsonDocument({ ...report, settings });
  };
  const mcses = (report: SimulationReport) => report.programs.map((program) => program.metrics.incrementalProfit.mcse);

  it('stops at the first checkpoint where every MCSE is below the target, with the report of that many iterations', { timeout: 300_000 }, async () => {
    const target: PrecisionTarget = { targetError: 2000, relative: false, minIterations: 8, maxIterations: 64 };
    const precise = await run({ targetError: target });
    const n = precise.iterations;
    // MCSEs of the two programs at 8, 16, 32 iterations: 2119 and 3053, 2343 and 2090, 1660 and 1671.
    expect(n).toBe(32);
    expect(precise.settings.precision).toEqual({ ...target, met: true });
    expect(mcses(precise).every((mcse) => mcse < 2000)).toBe(true);

    const fixed = await run({ iterations: n });
    expect(fixed.settings.precision).toBeUndefined();
    expect(withoutPrecision(precise)).toBe(jsonDocument(fixed));
    // The checkpoint before did not meet it: some program's MCSE was 2000 or more.
    const before = await run({ iterations: n / 2 });
    expect(mcses(before).some((mcse) => mcse >= 2000)).toBe(true);
  });

  it('reports the maximum, not met, when the target is out of reach', { timeout: 300_000 }, async () => {
    const target: PrecisionTarget = { targetError: 0.001, relative: true, minIterations: 4, maxIterations: 6 };
    const precise = await run({ targetError: target });
    expect(precise.iterations).toBe(6);
    expect(precise.settings.precision).toEqual({ ...target, met: false });
    expect(withoutPrecision(precise)).toBe(jsonDocument(await run({ iterations: 6 })));
  });
});
