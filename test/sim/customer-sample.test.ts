/**
 * The customer sample (src/sim/customer-sample.ts, docs/methods.md section 7 "Customer sample"):
 * every customer is sampled with probability exactly 1 / W_h, so the weighted totals are unbiased;
 * a sampled run agrees with the full run within their errors; the sample's noise is in the MCSE.
 */
import { describe, expect, it } from 'vitest';
import { CustomerSample, MIN_PER_STRATUM, neymanAllocation, samplingOrder } from '../../src/sim/customer-sample.js';
import { simulate } from '../../src/sim/simulate.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { sampleVarianceShares, withinVarianceShare } from '../../src/metrics/sample-noise.js';
import { monteCarloStandardError } from '../../src/metrics/summary.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { IterationKey, RandomStream } from '../../src/sim/random-stream.js';
import { bonus, input, variedCustomers } from './fixtures.js';

/** A skewed key (values 1 .. ~400, heavier at the top) for `count` customers in shuffled order. */
function skewedKey(count: number): Float64Array {
  const key = new Float64Array(count);
  const stream = new RandomStream(new IterationKey(3, 0, 77), 0);
  for (let i = 0; i < count; i++) key[i] = Math.exp(6 * stream.nextUniform() ** 2);
  return key;
}

function selection(capacity: number) {
  return { source: new Int32Array(capacity), sampleTarget: new Uint8Array(capacity) };
}

describe('customer sample design', () => {
  it('allocates by Neyman: n_h proportional to N_h S_h, capped at N_h and at least MIN_PER_STRATUM', () => {
    // Scores 1 : 1 : 8 over 10 customers to share: 1, 1, 8 ... but the third has only 6, so it
    // takes 6 and the other two share the remaining 4 equally.
    const allocated = neymanAllocation(Float64Array.of(100, 100, 6), Float64Array.of(1, 1, 8), 10);
    expect(Array.from(allocated)).toEqual([2, 2, 6]);
    // A stratum whose share would be below the floor gets MIN_PER_STRATUM, the rest the others.
    const floored = neymanAllocation(Float64Array.of(100, 100), Float64Array.of(0.01, 99.99), 20);
    expect(floored[0]).toBe(MIN_PER_STRATUM);
    expect(floored[1]).toBeCloseTo(18, 12);
  });

  it('samples every customer with probability 1 / W_h: each is drawn W_h-weighted once per iteration on average', () => {
    const count = 5000;
    const key = skewedKey(count);
    const sample = new CustomerSample(samplingOrder(key), key, 500);
    const draws = new Float64Array(count);
    const iterations = 4000;
    const out = selection(sample.size + sample.strata + 1);
    let sizes = 0;
    for (let i = 0; i < iterations; i++) {
      const n = sample.selectExisting(7, i, out);
      sizes += n;
      for (let s = 0; s < n; s++) draws[out.source[s]] += sample.weightOfTarget(out.sampleTarget[s]);
    }
    // Sample sizes: n on average, each iteration within the strata's rounding of it.
    expect(sizes / iterations).toBeCloseTo(500, 0);
    // Weighted inclusion frequency of each customer: 1 on average (Horvitz-Thompson), and over the
    // whole base the weighted count of draws is N per iteration.
    let total = 0;
    for (let c = 0; c < count; c++) total += draws[c];
    expect(total / iterations / count).toBeCloseTo(1, 2);
    // Per customer, a Binomial(iterations, 1 / W) count times W: mean 1, standard deviation
    // sqrt((W - 1) / iterations) <= sqrt(W / iterations). Every customer within 5 of them.
    let worst = 0;
    const strataOf = new Float64Array(count);
    const order = samplingOrder(key);
    for (let h = 0; h < sample.strata; h++) {
      for (let p = Math.floor((h * count) / sample.strata); p < Math.floor(((h + 1) * count) / sample.strata); p++) strataOf[order[p]] = sample.weights[h];
    }
    for (let c = 0; c < count; c++) {
      const W = strataOf[c];
      const sd = Math.sqrt(Math.max(W - 1, 1e-9) / iterations);
      if (W > 1) worst = Math.max(worst, Math.abs(draws[c] / iterations - 1) / sd);
      else expect(draws[c] / iterations).toBe(1);
    }
    expect(worst).toBeLessThan(5);
  });

  it('estimates a total without bias: the mean of W-weighted sample totals over iterations is the total', () => {
    const count = 20_000;
    const key = skewedKey(count);
    let exact = 0;
    for (let c = 0; c < count; c++) exact += key[c] ** 1.5;
    const sample = new CustomerSample(samplingOrder(key), key, 300);
    const out = selection(sample.size + sample.strata + 1);
    const estimates: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const n = sample.selectExisting(11, i, out);
      let estimate = 0;
      for (let s = 0; s < n; s++) estimate += sample.weightOfTarget(out.sampleTarget[s]) * key[out.source[s]] ** 1.5;
      estimates.push(estimate);
    }
    const mean = estimates.reduce((a, b) => a + b, 0) / estimates.length;
    expect(Math.abs(mean - exact)).toBeLessThan(4 * monteCarloStandardError(Float64Array.from(estimates)));
    // And stratification helps: the estimate's spread is well below simple random sampling's,
    // N sqrt((1 - f) / n) sd(y).
    let squares = 0;
    for (let c = 0; c < count; c++) squares += (key[c] ** 1.5 - exact / count) ** 2;
    const simpleRandom = count * Math.sqrt(((1 - 300 / count) * (squares / (count - 1))) / 300);
    expect(monteCarloStandardError(Float64Array.from(estimates)) * Math.sqrt(estimates.length)).toBeLessThan(0.5 * simpleRandom);
  });

  it('gives the share of the within-iteration variance in the variance over the iterations', () => {
    // Values 0, 2, 4 (variance 4) with within variances 1, 1, 1: share 1 / 4.
    expect(withinVarianceShare(Float64Array.of(0, 2, 4), Float64Array.of(1, 1, 1))).toBe(0.25);
  });
});

describe('simulating a customer sample', () => {
  const programs = () => [bonus(0.05, { enrolment: { share: 0.5, selfSelection: 1 }, effects: { frequencyUplift: 0.05, spendUplift: 0, churnReduction: 0.05 } })];
  const base = variedCustomers(50_000, 9);

  it('agrees with the full run of 50,000 customers within the errors, and its MCSE carries the sample noise', async () => {
    const full = await simulate(input(base, programs, { iterations: 3, newCustomersPerMonth: 800, seed: 5 }), { workers: 1 });
    const sampled = await simulate({ ...input(base, programs, { iterations: 120, newCustomersPerMonth: 800, seed: 5 }), customerSample: 2000 }, { workers: 1 });
    expect(full.customerSample).toBeUndefined();
    expect(sampled.customerSample?.size).toBe(2000);
    const economics = { annualDiscountRate: 0 };
    const fullMetrics = computeMetrics(full, economics)[0].metrics;
    const sampledRun = computeMetrics(sampled, economics)[0];
    for (const metric of ['incrementalProfit', 'incrementalRevenue', 'membersEnrolled'] as const) {
      const a = fullMetrics[metric];
      const b = sampledRun.metrics[metric];
      expect(Math.abs(a.mean - b.mean), metric).toBeLessThan(3 * Math.hypot(a.mcse, b.mcse));
    }
    const revenue = (result: typeof full) => Float64Array.from({ length: result.iterations }, (_, i) => worldTotals(result, i, 0).revenue);
    const fullRevenue = revenue(full);
    const sampledRevenue = revenue(sampled);
    const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
    expect(Math.abs(mean(fullRevenue) - mean(sampledRevenue))).toBeLessThan(3 * Math.hypot(monteCarloStandardError(fullRevenue), monteCarloStandardError(sampledRevenue)));
    // With the assumptions fixed, the spread over the iterations is the customers' noise: in the
    // sampled run mostly the sample's, so its share is large, and the halves' estimate of it
    // matches the spread (share near 1) within the estimate's own noise.
    const shares = sampleVarianceShares(sampled, economics, 'incrementalProfit', [sampledRun.iterationValues.incrementalProfit]);
    expect(shares[0]).toBeGreaterThan(0.6);
    expect(shares[0]).toBeLessThan(1.6);
  });

  it('draws the same sample and tallies for the same seed, another for another seed', async () => {
    const make = (seed: number) => ({ ...input(variedCustomers(5000), programs, { iterations: 2, newCustomersPerMonth: 100, seed }), customerSample: 500 });
    const a = await simulate(make(3), { workers: 1 });
    const b = await simulate(make(3), { workers: 1 });
    const c = await simulate(make(4), { workers: 1 });
    expect(Buffer.from(a.tallies.buffer).equals(Buffer.from(b.tallies.buffer))).toBe(true);
    expect(Buffer.from(a.tallies.buffer).equals(Buffer.from(c.tallies.buffer))).toBe(false);
  });
});
