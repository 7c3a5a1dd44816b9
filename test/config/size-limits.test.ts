import { mkdtempSync, writeFileSync } from 'node:fs';
import os, { availableParallelism } from 'node:os';
import path from 'node:path';
import { MAX_PROGRAMS } from '../../src/config/size-limits.js';
import { loadScenario } from '../../src/config/load.js';
import { located, problemsOf } from './config-problems.js';
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

describe('a scenario compares at most 50 programs', () => {
  it('refuses 51 at the programs key', async () => {
    const programs = Array.from({ length: MAX_PROGRAMS + 1 }, (_, i) => `  - { name: P${i}, type: discount, discount: { percent: 5% } }\n`).join('');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-programs-'));
    const file = path.join(dir, 'scenario.yaml');
    writeFileSync(file, `population:\n  customers: 100\n  purchasesPerYear: 4\n  meanTicket: 20\neconomics:\n  grossMargin: 0.3\nprograms:\n${programs}`);
    expect((await problemsOf(loadScenario(file))).map(located)).toEqual([
      `${file}:7:1: programs: 51 programs are more than the 50 a scenario may compare; split them into several scenarios`,
    ]);
    writeFileSync(file, `population:\n  customers: 100\n  purchasesPerYear: 4\n  meanTicket: 20\neconomics:\n  grossMargin: 0.3\nprograms:\n${programs.split('\n').slice(1).join('\n')}`);
    expect((await loadScenario(file)).scenario.programs).toHaveLength(MAX_PROGRAMS);
  });
});
