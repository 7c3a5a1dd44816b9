import { describe, expect, it } from 'vitest';
import { defaultScenarioPath, loadScenario, renderJson, runScenario } from '../../src/index.js';

describe('the programmatic API', () => {
  it('runs a scenario from code, the same report for the same seed', async () => {
    const loaded = await loadScenario(defaultScenarioPath());
    const report = await runScenario(loaded, { iterations: 10, workers: 1 });
    expect(report.programs.map((p) => p.name)).toEqual(['5% off for members', '5% back in points']);
    expect(report.iterations).toBe(10);
    const again = await runScenario(loaded, { iterations: 10, workers: 1 });
    expect(renderJson(again)).toBe(renderJson(report));
  });
});
