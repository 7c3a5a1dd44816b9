// Simulation throughput: 100,000 customers averaging about 5 purchases a year, 12 months, a bonus
// program against the baseline, 200 iterations, one thread. Customer summaries are generated
// directly from BG/NBD and Gamma-Gamma parameters (not timed).
import { simulate } from '../dist/sim/simulate.js';
import { IterationKey, RandomStream } from '../dist/sim/random-stream.js';
import { sampleBeta, sampleGamma } from '../dist/sim/sampling.js';
import { Tally, TALLY_FIELD_COUNT } from '../dist/sim/tally.js';

const CUSTOMERS = 100_000;
const ITERATIONS = 200;
const HORIZON_MONTHS = 12;
// Weekly model: population purchase rate r / alpha = 0.13 a week (6.8 a year) and dropout
// a / (a + b) = 7% per purchase; customers active in the simulated year average about 5 purchases.
const bgnbd = { r: 1.3, alpha: 10, a: 0.5, b: 6 };
const gammaGamma = { p: 6, q: 4, v: 20 };
const CALIBRATION_WEEKS = 104;

/** Summaries of customers whose first purchase falls uniformly in the two calibration years. */
function generateCustomers(count) {
  const x = new Float64Array(count);
  const tx = new Float64Array(count);
  const T = new Float64Array(count);
  const monetaryValue = new Float64Array(count);
  const stream = new RandomStream();
  const key = new IterationKey(7, 0, 99);
  for (let i = 0; i < count; i++) {
    stream.reset(key, i);
    const age = stream.nextUniform() * CALIBRATION_WEEKS;
    const lambda = sampleGamma(stream, bgnbd.r, bgnbd.alpha);
    const p = sampleBeta(stream, bgnbd.a, bgnbd.b);
    const nu = sampleGamma(stream, gammaGamma.q, gammaGamma.v);
    let t = 0;
    let repeats = 0;
    let last = 0;
    let spend = 0;
    for (;;) {
      t += -Math.log(stream.nextUniform()) / lambda;
      if (t >= age) break;
      repeats++;
      last = t;
      spend += sampleGamma(stream, gammaGamma.p, nu);
      if (stream.nextUniform() < p) break;
    }
    x[i] = repeats;
    tx[i] = last;
    T[i] = age;
    monetaryValue[i] = repeats > 0 ? spend / repeats : 0;
  }
  return { x, tx, T, monetaryValue, count };
}

const bonus = {
  name: '5% back in points',
  type: 'bonus',
  enrolment: { share: 0.5, selfSelection: 1 },
  effects: { frequencyUplift: 0.03, spendUplift: 0.01, churnReduction: 0.05 },
  costs: { setup: 5000, perMemberPerYear: 1.5, perTransaction: 0.02 },
  points: {
    earnRate: 0.05,
    rounding: 'floor',
    welcomeBonus: 0,
    pendingDays: 14,
    expiryMonths: 24,
    minimumToRedeem: 100,
    maxShareOfPurchase: 0.2,
    faceValue: 1,
    costPerPoint: 0.7,
  },
  redemption: { probability: 0.6, neverRedeemShare: 0.3, form: 'reward', displacesPurchase: 0 },
};

export async function run(log) {
  log(`generating ${CUSTOMERS} customers`);
  const customers = generateCustomers(CUSTOMERS);
  const input = {
    customers,
    model: { bgnbd, gammaGamma, daysPerPeriod: 7 },
    categories: { names: ['all'], revenueShares: [1], margins: [0.3] },
    newCustomersPerMonth: 0,
    horizonMonths: HORIZON_MONTHS,
    seed: 42,
    iterations: Array.from({ length: ITERATIONS }, () => ({ programs: [bonus] })),
  };
  log(`simulating ${ITERATIONS} iterations, 1 worker`);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const result = await simulate(input, { workers: 1 });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  let purchases = 0;
  let activeAtStart = 0;
  for (let i = 0; i < result.tallies.length; i += TALLY_FIELD_COUNT) {
    purchases += result.tallies[i + Tally.purchases];
    activeAtStart += result.tallies[i + Tally.cohortActiveAtStart];
  }
  // Wall-clock figures, and the same per CPU second (steadier on a shared machine).
  return {
    seconds: Number(seconds.toFixed(2)),
    cpuSeconds: Number(cpuSeconds.toFixed(2)),
    purchasesBothWorlds: purchases,
    purchasesPerSecond: Math.round(purchases / seconds),
    purchasesPerCpuSecond: Math.round(purchases / cpuSeconds),
    customerIterationsPerSecond: Math.round((CUSTOMERS * ITERATIONS) / seconds),
    purchasesPerActiveCustomerPerYear: Number((purchases / activeAtStart).toFixed(2)),
  };
}
