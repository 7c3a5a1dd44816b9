// Model-fitting benchmark: fit the BG/NBD and Gamma-Gamma models to 1,000,000 customer summaries
// and report the time (target: under 5 s for the fit) and the recovered parameters.
//
// The summaries are drawn from known parameters by the seeded summary simulator (not timed):
// weekly parameters, each customer observed for 0 to 104 weeks, times cut to whole days as in
// real data (so the BG/NBD fit sees a few hundred thousand distinct (x, t_x, T) rows). Cutting
// time to days merges same-day purchases, so the recovered rates sit a few percent from the truth.
import { fitBgNbd, fitGammaGamma, simulateCustomerSummaries } from '../dist/index.js';

const CUSTOMERS = Number(process.env.FIT_BENCH_CUSTOMERS ?? 1_000_000);
const TRUTH = {
  bgnbd: { r: 0.75, alpha: 7.5, a: 0.8, b: 6 },
  gammaGamma: { p: 6, q: 4, v: 20 },
};

const round = (value) => Number(value.toPrecision(4));

export async function run(log) {
  log(`simulating ${CUSTOMERS.toLocaleString('en-US')} customer summaries (not timed)`);
  const summaries = simulateCustomerSummaries({
    customers: CUSTOMERS,
    bgnbd: TRUTH.bgnbd,
    gammaGamma: TRUTH.gammaGamma,
    minT: 0,
    maxT: 104,
    timeResolution: 1 / 7,
    seed: 'fit-bench',
  });

  const start = performance.now();
  const bgnbd = fitBgNbd(summaries);
  const afterBgNbd = performance.now();
  const gammaGamma = fitGammaGamma(summaries);
  const end = performance.now();
  log(`BG/NBD: ${bgnbd.uniqueRows.toLocaleString('en-US')} distinct rows, ${bgnbd.iterations} iterations, ${bgnbd.message}`);
  log(`Gamma-Gamma: ${gammaGamma.customers.toLocaleString('en-US')} customers with repeat purchases, ${gammaGamma.iterations} iterations`);

  return {
    customers: CUSTOMERS,
    fitSeconds: round((end - start) / 1000),
    bgNbdSeconds: round((afterBgNbd - start) / 1000),
    gammaGammaSeconds: round((end - afterBgNbd) / 1000),
    bgNbdUniqueRows: bgnbd.uniqueRows,
    converged: bgnbd.converged && gammaGamma.converged,
    r: `${round(bgnbd.params.r)} (true ${TRUTH.bgnbd.r})`,
    alpha: `${round(bgnbd.params.alpha)} (true ${TRUTH.bgnbd.alpha})`,
    a: `${round(bgnbd.params.a)} (true ${TRUTH.bgnbd.a})`,
    b: `${round(bgnbd.params.b)} (true ${TRUTH.bgnbd.b})`,
    p: `${round(gammaGamma.params.p)} (true ${TRUTH.gammaGamma.p})`,
    q: `${round(gammaGamma.params.q)} (true ${TRUTH.gammaGamma.q})`,
    v: `${round(gammaGamma.params.v)} (true ${TRUTH.gammaGamma.v})`,
  };
}
