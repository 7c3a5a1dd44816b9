import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { MAX_WORKERS, maxWorkers, WORKERS_PER_CORE } from '../../src/sim/simulate.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

describe('worker threads are capped at 4 per available core, at most 64', () => {
  it('the cap', () => {
    expect([WORKERS_PER_CORE, MAX_WORKERS]).toEqual([4, 64]);
    expect(maxWorkers(1)).toBe(4);
    expect(maxWorkers(2)).toBe(8);
    expect(maxWorkers(16)).toBe(64);
    expect(maxWorkers(128)).toBe(64);
  });

  it('run refuses more workers than the cap before reading anything, with the limit', async () => {
    const cores = availableParallelism();
    const requested = maxWorkers() + 1;
    const result = await runCliInProcess(['run', 'scenarios/population-only.yaml', '--workers', String(requested), '--no-progress']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `error: --workers: ${requested} worker threads are more than the ${maxWorkers()} a run may start here (4 per available core, ${cores} core${cores === 1 ? '' : 's'}; at most 64)\n` +
        `  Each worker holds its own copy of the customers, and more workers than cores make a run no faster: give at most ${maxWorkers()}.\n`,
    );
  });
});
