// A million customers: `run` of five programs (discount, points, tiers, paid club, coalition:
// scenarios/all-types.yaml) on a generated history of 1,000,000 customers over two years (BG/NBD
// r = 1.3, alpha = 10 a week, a = 0.5, b = 6: active customers buy about 5 times a year),
// 12 months, 1,000 iterations, with the default customer sample (simulation.customerSample: auto).
// The history is generated once into os.tmpdir()/loyalty-sim-bench and reused. Times the steps of
// `run` separately: reading and fitting the history, the simulation, the break-even re-simulations.
// LOYALTY_SIM_BENCH_ITERATIONS and LOYALTY_SIM_BENCH_SAMPLE (auto, all or N) change the run.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../dist/config/load.js';
import { prepareRun, scenarioCustomerBase } from '../dist/run/prepare-run.js';
import { simulate } from '../dist/sim/simulate.js';
import { computeMetrics } from '../dist/metrics/compute-metrics.js';
import { sampleVarianceShares } from '../dist/metrics/sample-noise.js';
import { breakEvenFigures } from '../dist/run/break-even.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const CUSTOMERS = 1_000_000;
const ITERATIONS = Number(process.env.LOYALTY_SIM_BENCH_ITERATIONS ?? 1000);
const SAMPLE = process.env.LOYALTY_SIM_BENCH_SAMPLE ?? 'auto';
const GENERATE = ['--customers', String(CUSTOMERS), '--start', '2024-01-01', '--end', '2025-12-31', '--bgnbd', 'r=1.3,alpha=10,a=0.5,b=6', '--categories', 'grocery:0.7:0.25,household:0.3:0.35', '--seed', '1'];

/** The cached history (generated when missing) and a copy of all-types.yaml reading it. */
function prepareFiles(log) {
  const folder = path.join(os.tmpdir(), 'loyalty-sim-bench');
  mkdirSync(path.join(folder, 'programs'), { recursive: true });
  const data = path.join(folder, 'million.csv');
  const stamp = path.join(folder, 'million.args');
  if (!existsSync(data) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== GENERATE.join(' ')) {
    log(`generating ${CUSTOMERS} customers into ${data}`);
    const generated = spawnSync(process.execPath, [path.join(root, 'bin/loyalty-sim.js'), 'generate', ...GENERATE, '--out', data], { stdio: 'inherit' });
    if (generated.status !== 0) throw new Error('generate failed');
    writeFileSync(stamp, GENERATE.join(' '));
  }
  for (const file of ['discount-5.yaml', 'points-5.yaml']) copyFileSync(path.join(root, 'scenarios/programs', file), path.join(folder, 'programs', file));
  const scenario = readFileSync(path.join(root, 'scenarios/all-types.yaml'), 'utf8')
    .replace('file: data/sample-retailer.csv', 'file: million.csv')
    .replace(/^iterations: \d+/m, `iterations: ${ITERATIONS}\nsimulation:\n  customerSample: ${SAMPLE}`);
  const file = path.join(folder, 'million.yaml');
  writeFileSync(file, scenario);
  return file;
}

const seconds = (from) => Number(((performance.now() - from) / 1000).toFixed(1));

export async function run(log) {
  const file = prepareFiles(log);
  const loaded = await loadScenario(file);
  log('reading and fitting the history');
  let started = performance.now();
  const base = await scenarioCustomerBase(loaded);
  const ingestAndFitSeconds = seconds(started);
  started = performance.now();
  const prepared = await prepareRun(loaded, { base });
  const drawSeconds = seconds(started);
  log(`simulating ${ITERATIONS} iterations, ${prepared.input.customerSample ?? 'all'} customers of ${base.customers.count} a iteration`);
  started = performance.now();
  const cpu = process.cpuUsage();
  const result = await simulate(prepared.input);
  const simulationSeconds = seconds(started);
  const economics = { annualDiscountRate: loaded.scenario.economics.discountRate };
  const programs = computeMetrics(result, economics);
  const profits = programs.map((program) => program.iterationValues.incrementalProfit);
  const shares = sampleVarianceShares(result, economics, 'incrementalProfit', profits);
  log('break-even figures (re-simulated)');
  started = performance.now();
  await breakEvenFigures(prepared.input, result, { method: 're-simulated' });
  const breakEvenSeconds = seconds(started);
  const used = process.cpuUsage(cpu);
  const figures = {
    customers: base.customers.count,
    purchasesRead: base.quality?.purchases,
    iterations: ITERATIONS,
    sampledCustomersPerIteration: prepared.input.customerSample ?? base.customers.count,
    workers: result.workersUsed,
    ingestAndFitSeconds,
    drawSeconds,
    simulationSeconds,
    breakEvenSeconds,
    runSeconds: Number((ingestAndFitSeconds + drawSeconds + simulationSeconds + breakEvenSeconds).toFixed(1)),
    cpuSecondsOfMainThreadAndWorkers: Number(((used.user + used.system) / 1e6).toFixed(1)),
  };
  programs.forEach((program, i) => {
    const { mean, mcse } = program.metrics.incrementalProfit;
    const share = shares[i];
    // The MCSE includes the sample's noise; without it (an infinite sample) it would be mcse x sqrt(1 - share).
    figures[`profit ${program.name}`] = `mean ${Math.round(mean)}, MCSE ${Math.round(mcse)} (${Math.round(mcse * Math.sqrt(Math.max(0, 1 - share)))} without the sample's noise), sample's share of the variance ${(100 * share).toFixed(1)}%`;
  });
  return figures;
}
