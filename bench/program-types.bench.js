// Simulation throughput per program type: 50,000 customers averaging about 5 purchases a year,
// 12 months, 50 iterations, one thread; each run is one program against the baseline, so the
// figures compare the cost of each type's rules with the bonus program of simulate.bench.js.
// Customer summaries come from the customer model (not timed).
import { simulateCustomerSummaries } from '../dist/model/generate-summaries.js';
import { simulate } from '../dist/sim/simulate.js';
import { Tally, TALLY_FIELD_COUNT } from '../dist/sim/tally.js';

const CUSTOMERS = 50_000;
const ITERATIONS = 50;
const bgnbd = { r: 1.3, alpha: 10, a: 0.5, b: 6 };
const gammaGamma = { p: 6, q: 4, v: 20 };

const common = {
  enrolment: { share: 0.5, selfSelection: 1 },
  effects: { frequencyUplift: 0.03, spendUplift: 0.01, churnReduction: 0.05 },
  costs: { setup: 5000, perMemberPerYear: 1.5, perTransaction: 0.02 },
};
const points = { earnRate: 0.05, rounding: 'floor', pendingDays: 14, expiryMonths: 24, minimumToRedeem: 100, maxShareOfPurchase: 0.2, faceValue: 1, costPerPoint: 0.7 };
// Points buy goods at 0.7 of their face value that replace no purchase (the reward form).
const redemption = { probability: 0.6, neverRedeemShare: 0.3, form: 'reward', displacesPurchase: 0 };

const PROGRAMS = {
  bonus: { ...common, name: 'points', type: 'bonus', points, redemption },
  tiered: {
    ...common,
    name: 'tiers',
    type: 'tiered',
    qualification: { metric: 'spend', window: 12, reviewEveryMonths: 12, graceMonths: 1 },
    tiers: [
      { name: 'Red', threshold: 0, earnMultiplier: 1 },
      { name: 'Silver', threshold: 200, earnMultiplier: 1.5, discount: 0.02, benefitCostPerYear: 10 },
      { name: 'Gold', threshold: 500, earnMultiplier: 2, discount: 0.05, benefitCostPerYear: 50 },
    ],
    points,
    redemption,
  },
  'threshold-gift': {
    ...common,
    name: 'stamp card',
    type: 'threshold-gift',
    gift: { countOn: 'visits', threshold: 10, giftValue: 4, giftCost: 1.2, expiryMonths: 6 },
    redemption: { probability: 0.95, neverRedeemShare: 0.2 },
  },
  coalition: {
    ...common,
    name: 'network partner',
    type: 'coalition',
    coalition: {
      view: 'partner', earnRate: 1, pricePerPointIssued: 0.008, reimbursementPerPointRedeemed: 0.006, platformFeePerMemberPerMonth: 0.05,
      pointsElsewherePerPoint: 2, faceValue: 0.01, minimumToRedeem: 100, maxShareOfPurchase: 0.5, expiryMonths: 24,
    },
    redemption: { probability: 0.6, neverRedeemShare: 0.3 },
  },
  paid: {
    ...common,
    name: 'club',
    type: 'paid',
    paid: { fee: 30, period: 'year', discountPercent: 0.1, deliveryValuePerOrder: 2, deliveryCostPerOrder: 1, joining: 'rational', hurdle: 1, noise: 0.25 },
  },
  'discount with referral and codes': {
    ...common,
    name: 'codes',
    type: 'discount',
    referral: { perMemberPerMonth: 0.01, bonus: 10 },
    discount: { percent: 0.05, scope: 'all', leakShare: 0.2 },
  },
};

export async function run(log) {
  log(`generating ${CUSTOMERS} customers`);
  const summaries = simulateCustomerSummaries({ customers: CUSTOMERS, bgnbd, gammaGamma, minT: 0, maxT: 104, seed: 7 });
  const customers = { x: summaries.x, tx: summaries.tx, T: summaries.T, monetaryValue: summaries.monetaryValue, count: CUSTOMERS };
  const figures = {};
  for (const [type, program] of Object.entries(PROGRAMS)) {
    log(`${type}: ${ITERATIONS} iterations, 1 worker`);
    const input = {
      customers,
      model: { bgnbd, gammaGamma, daysPerPeriod: 7 },
      categories: { names: ['all'], revenueShares: [1], margins: [0.3] },
      newCustomersPerMonth: 0,
      horizonMonths: 12,
      seed: 42,
      iterations: Array.from({ length: ITERATIONS }, () => ({ programs: [program] })),
    };
    const cpuStarted = process.cpuUsage();
    const result = await simulate(input, { workers: 1 });
    const cpu = process.cpuUsage(cpuStarted);
    let purchases = 0;
    for (let i = 0; i < result.tallies.length; i += TALLY_FIELD_COUNT) purchases += result.tallies[i + Tally.purchases];
    figures[`${type.replaceAll(' ', '-')}PurchasesPerCpuSecond`] = Math.round(purchases / ((cpu.user + cpu.system) / 1e6));
  }
  return figures;
}
