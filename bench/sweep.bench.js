// A 10-point sweep against 10 separate runs of the same scenario, each with one value typed in:
// 10,000 customers of a population block, 12 months, a points program whose earn rate takes
// 1, 2, ..., 10, 50 iterations, one thread. The sweep simulates the baseline once and the 10
// variants beside it (11 worlds per iteration); the runs simulate baseline and program 10 times
// (20 worlds), with first-order break-even figures (the sweep computes none). Measured alternately,
// sweep then runs, three rounds in one sitting; the figures are the medians.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadScenario, editedScenario } from '../dist/config/load.js';
import { resolveSettingPath } from '../dist/config/scenario-settings.js';
import { runScenario } from '../dist/run/run-scenario.js';
import { runSweep } from '../dist/run/sweep.js';

const ROUNDS = 3;
const VALUES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const SCENARIO = `name: Sweep benchmark
population:
  customers: 10000
  purchasesPerYear: 8
  meanTicket: 30
economics:
  grossMargin: 0.35
horizon: 12 months
iterations: 50
seed: 5
acquisition:
  perMonth: 100
programs:
  - name: Points
    type: bonus
    enrolment:
      share: triangular(0.3, 0.5, 0.7)
    effects:
      frequencyUplift: pert(0, 0.03, 0.1)
    costs:
      perTransaction: 0.02
    points:
      earnRate: 5
      minimumToRedeem: 200
      faceValue: 0.01
    redemption:
      form: till
      probability: uniform(0.4, 0.8)
`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function run(log) {
  const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-bench-sweep-'));
  const file = path.join(folder, 'scenario.yaml');
  writeFileSync(file, SCENARIO);
  const loaded = await loadScenario(file);
  const setting = resolveSettingPath('programs[0].points.earnRate', loaded, '--set');
  const sweepSeconds = [];
  const runsSeconds = [];
  for (let round = 1; round <= ROUNDS; round++) {
    let started = performance.now();
    await runSweep(loaded, [{ path: setting, values: VALUES }], [], { workers: 1 });
    sweepSeconds.push((performance.now() - started) / 1000);
    started = performance.now();
    for (const value of VALUES) {
      await runScenario(editedScenario(loaded, [{ keyPath: setting.keyPath, value }]), { workers: 1, breakEven: 'first-order' });
    }
    runsSeconds.push((performance.now() - started) / 1000);
    log(`round ${round}: sweep ${sweepSeconds.at(-1).toFixed(2)} s, 10 runs ${runsSeconds.at(-1).toFixed(2)} s`);
  }
  const sweep = median(sweepSeconds);
  const runs = median(runsSeconds);
  return {
    sweepOf10Seconds: sweep.toFixed(2),
    tenRunsSeconds: runs.toFixed(2),
    runsOverSweep: (runs / sweep).toFixed(2),
    worldsPerIteration: 'sweep 11, runs 20 (ratio 1.82)',
  };
}
