import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.js';
import { prepareRun } from '../../src/run/prepare-run.js';
import { checkSimulationInput } from '../../src/sim/validate-input.js';
import { FIXTURES } from './config-problems.js';

describe('prepareRun: the checks of a run before it simulates', () => {
  it('draws the iterations and returns the checked engine input, which is not checked twice', async () => {
    const loaded = await loadScenario(path.join(FIXTURES, 'minimal.yaml'));
    const prepared = await prepareRun(loaded, { iterations: 3, seed: 9 });
    expect([prepared.seed, prepared.iterations, prepared.input.iterations.length]).toEqual([9, 3, 3]);
    expect(prepared.input.customers.count).toBe(100);
    expect(prepared.warnings).toEqual([]);
    // The same object back: simulate() takes a prepared input without parsing its programs again.
    expect(checkSimulationInput(prepared.input)).toBe(prepared.input);
    const copy = { ...prepared.input };
    expect(checkSimulationInput(copy)).not.toBe(copy);
  });
});
