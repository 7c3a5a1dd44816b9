// Worker scaling against what the machine gives. For the same simulation work (customers with
// about 5 purchases a year, a points program against the baseline, 12 months):
//   T1     one process, 1 worker (the calling thread);
//   T2     one process, 2 worker threads;
//   Tpair  two independent single-threaded processes of the same work started at once (wall time
//          until both end): the machine's capacity for two, C = 2 T1 / Tpair.
// The speed-up S = T1 / T2 is then set against C: S / C is the share of the machine's parallel
// capacity the worker threads turn into speed. The three are measured alternately, ROUNDS rounds
// in one sitting (the machine is shared), and the ratios' medians reported, for a long run and a
// short one (where the workers' fixed costs show).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROUNDS = Number(process.env.LOYALTY_SIM_BENCH_ROUNDS ?? 5);
const WORK = {
  long: { customers: 30_000, iterations: 200 },
  short: { customers: 3_000, iterations: 8 },
};
const engine = new URL('../dist/sim/simulate.js', import.meta.url).href;
const streams = new URL('../dist/sim/random-stream.js', import.meta.url).href;
const sampling = new URL('../dist/sim/sampling.js', import.meta.url).href;

// The work, as a module both the parent and the child processes run: build the input (not timed)
// and simulate it with the given workers; prints the simulation's wall seconds.
const workSource = (customers, iterations, workers) => `
import { simulate } from '${engine}';
import { IterationKey, RandomStream } from '${streams}';
import { sampleBeta, sampleGamma } from '${sampling}';
const bgnbd = { r: 1.3, alpha: 10, a: 0.5, b: 6 };
const gammaGamma = { p: 6, q: 4, v: 20 };
const count = ${customers};
const x = new Float64Array(count), tx = new Float64Array(count), T = new Float64Array(count), monetaryValue = new Float64Array(count);
const stream = new RandomStream();
const key = new IterationKey(7, 0, 99);
for (let i = 0; i < count; i++) {
  stream.reset(key, i);
  const age = stream.nextUniform() * 104;
  const lambda = sampleGamma(stream, bgnbd.r, bgnbd.alpha);
  const p = sampleBeta(stream, bgnbd.a, bgnbd.b);
  const nu = sampleGamma(stream, gammaGamma.q, gammaGamma.v);
  let t = 0, repeats = 0, last = 0, spend = 0;
  for (;;) {
    t += -Math.log(stream.nextUniform()) / lambda;
    if (t >= age) break;
    repeats++; last = t; spend += sampleGamma(stream, gammaGamma.p, nu);
    if (stream.nextUniform() < p) break;
  }
  x[i] = repeats; tx[i] = last; T[i] = age; monetaryValue[i] = repeats > 0 ? spend / repeats : 0;
}
const bonus = {
  name: 'points', type: 'bonus',
  enrolment: { share: 0.5, selfSelection: 1 },
  effects: { frequencyUplift: 0.03, spendUplift: 0.01, churnReduction: 0.05 },
  costs: { setup: 5000, perMemberPerYear: 1.5, perTransaction: 0.02 },
  points: { earnRate: 0.05, rounding: 'floor', welcomeBonus: 0, pendingDays: 14, expiryMonths: 24, minimumToRedeem: 100, maxShareOfPurchase: 0.2, faceValue: 1, costPerPoint: 0.7 },
  redemption: { probability: 0.6, neverRedeemShare: 0.3, form: 'reward', displacesPurchase: 0 },
};
const input = {
  customers: { x, tx, T, monetaryValue, count },
  model: { bgnbd, gammaGamma, daysPerPeriod: 7 },
  categories: { names: ['all'], revenueShares: [1], margins: [0.3] },
  newCustomersPerMonth: ${Math.round(customers / 50)},
  horizonMonths: 12,
  seed: 42,
  iterations: Array.from({ length: ${iterations} }, () => ({ programs: [bonus] })),
};
const started = performance.now();
const result = await simulate(input, { workers: ${workers} });
const ended = performance.now();
process.stdout.write(JSON.stringify({ seconds: (ended - started) / 1000, start: performance.timeOrigin + started, end: performance.timeOrigin + ended, workersUsed: result.workersUsed }) + '\\n');
`;

/** Run the work in a new process; resolves with its simulation seconds. */
function child(folder, customers, iterations, workers) {
  const script = path.join(folder, `work-${customers}-${iterations}-${workers}.mjs`);
  writeFileSync(script, workSource(customers, iterations, workers));
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (chunk) => (out += chunk));
    proc.on('error', reject);
    proc.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(`child exited with ${code}`))));
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fixed = (value, digits = 2) => Number(value.toFixed(digits));

export async function run(log) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-scaling-'));
  try {
    return await measure(folder, log);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function measure(folder, log) {
  const figures = {};
  for (const [name, { customers, iterations }] of Object.entries(WORK)) {
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      const t1 = (await child(folder, customers, iterations, 1)).seconds;
      const two = await child(folder, customers, iterations, 2);
      // The pair's wall time: from the first simulation's start to the last one's end (the
      // processes' start-up and input building are outside it, as they are outside T1 and T2).
      const pair = await Promise.all([child(folder, customers, iterations, 1), child(folder, customers, iterations, 1)]);
      const pairWall = (Math.max(pair[0].end, pair[1].end) - Math.min(pair[0].start, pair[1].start)) / 1000;
      rounds.push({ t1, t2: two.seconds, pairWall, workersUsed: two.workersUsed });
      log(`${name} round ${round + 1}: T1 ${t1.toFixed(2)} s, T2 ${two.seconds.toFixed(2)} s (${two.workersUsed} workers), pair ${pairWall.toFixed(2)} s wall`);
    }
    figures[`${name} work`] = `${customers} customers x ${iterations} iterations x 2 worlds`;
    figures[`${name} T1 median s`] = fixed(median(rounds.map((r) => r.t1)));
    figures[`${name} T2 median s`] = fixed(median(rounds.map((r) => r.t2)));
    figures[`${name} workers used for T2`] = rounds[0].workersUsed;
    figures[`${name} S = T1/T2 median`] = fixed(median(rounds.map((r) => r.t1 / r.t2)));
    figures[`${name} C = 2 T1/Tpair median`] = fixed(median(rounds.map((r) => (2 * r.t1) / r.pairWall)));
    figures[`${name} S/C median`] = fixed(median(rounds.map((r) => r.t1 / r.t2 / ((2 * r.t1) / r.pairWall))));
  }
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await run((line) => console.error(line)));
