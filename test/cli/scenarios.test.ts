/**
 * Every scenario shipped in scenarios/ runs from the command line (few iterations) and reports
 * every program it defines. Needs the built CLI (`npm run build`).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/run-cli.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
/**
 * Each shipped scenario's `run --iterations 4 --json` report, recorded: a change of the code's
 * structure must not change a figure. A change that is meant to move figures regenerates these
 * files (the command in test/cli/fixtures/scenario-reports/README.md) and says so in its commit.
 */
const REPORTS = fileURLToPath(new URL('./fixtures/scenario-reports/', import.meta.url));
const FILES = readdirSync(SCENARIOS).filter((file) => file.endsWith('.yaml')).sort();

interface Summary {
  mean: number | null;
}

interface Report {
  programs: {
    name: string;
    type: string;
    metrics: Record<string, Summary>;
    breakdown?: { group: string; total: Record<string, Summary> }[];
    settlement?: { months: Record<'paymentsIn' | 'paymentsOut' | 'net', Summary>[]; total: Record<'paymentsIn' | 'paymentsOut' | 'net', Summary> };
  }[];
}

function runScenarioJson(file: string, workers: number): string {
  const result = runCli(['run', path.join(SCENARIOS, file), '--iterations', '4', '--workers', String(workers), '--json', '--no-progress']);
  expect({ file, status: result.status, stderr: result.stderr }).toEqual({ file, status: 0, stderr: '' });
  return result.stdout;
}

function runScenarioFile(file: string): Report {
  return JSON.parse(runScenarioJson(file, 1)) as Report;
}

describe('shipped scenarios run from the command line', () => {
  it.each(FILES)('%s, the same bytes with 1 and 2 worker threads, and as recorded', (file) => {
    // Two workers split the 4 iterations 2 + 2: state a program carried over from one iteration
    // into the next (instead of starting each member afresh) would make the two outputs differ.
    const oneWorker = runScenarioJson(file, 1);
    expect(runScenarioJson(file, 2)).toBe(oneWorker);
    expect(oneWorker).toBe(readFileSync(path.join(REPORTS, file.replace(/\.yaml$/, '.json')), 'utf8'));
    const report = JSON.parse(oneWorker) as Report;
    const yaml = parse(readFileSync(path.join(SCENARIOS, file), 'utf8')) as { programs: unknown[] };
    expect(report.programs).toHaveLength(yaml.programs.length);
    for (const program of report.programs) expect(typeof program.metrics.incrementalProfit.mean).toBe('number');
  });

  it('rail-card.yaml: travellers join a 220 card only when their own saving beats the fee; fees collected are fee x members', () => {
    const report = runScenarioFile('rail-card.yaml');
    const [card220, card60] = report.programs;
    expect([card220.type, card60.type]).toEqual(['paid', 'paid']);
    // Rational joining: a minority of the 5,000 travellers and the new arrivals join.
    expect(card220.metrics.membersAtEnd.mean).toBeGreaterThan(0);
    expect(card220.metrics.membersAtEnd.mean!).toBeLessThan(0.3 * 5000);
    // Fees collected are whole multiples of the card's price (the mean over 4 iterations: quarters).
    const cards = card220.metrics.feesCollected.mean! / 220;
    expect(Math.abs(cards * 4 - Math.round(cards * 4))).toBeLessThan(1e-6);
    // Travellers who arrive during the two years pay for a year that runs past the horizon: part of
    // their fee is deferred, and the headline profit counts only the part earned.
    const { feeRevenue, feesCollected, feesDeferred, incrementalProfit, incrementalCashProfit } = card220.metrics;
    expect(feesDeferred.mean!).toBeGreaterThan(0);
    expect(feeRevenue.mean! + feesDeferred.mean!).toBeCloseTo(feesCollected.mean!, 6);
    expect(incrementalCashProfit.mean! - incrementalProfit.mean!).toBeCloseTo(feesDeferred.mean!, 6);
    expect(card220.metrics.renewalRate.mean).toBeGreaterThan(0);
  });

  it('fuel-station.yaml: the points card sold for up to 250 brings fee revenue, earned on joining; the free one none', () => {
    const [free, sold] = runScenarioFile('fuel-station.yaml').programs;
    expect([free.type, sold.type]).toEqual(['bonus', 'bonus']);
    expect(free.metrics.feesCollected.mean).toBe(0);
    expect(sold.metrics.feeRevenue.mean).toBeGreaterThan(0);
    expect(sold.metrics.feeRevenue.mean).toBe(sold.metrics.feesCollected.mean);
    expect(sold.metrics.feesDeferred.mean).toBe(0);
  });

  it('airline-tiers.yaml: members and profit per tier, Red / Silver / Gold', () => {
    const [tiers, flat] = runScenarioFile('airline-tiers.yaml').programs;
    expect(tiers.breakdown!.map((group) => group.group)).toEqual(['Red', 'Silver', 'Gold']);
    expect(flat.breakdown).toBeUndefined();
    // Members at the horizon end, summed over the tiers, are the program's members.
    const members = tiers.breakdown!.reduce((sum, group) => sum + group.total.members.mean!, 0);
    expect(members).toBeCloseTo(tiers.metrics.membersAtEnd.mean!, 6);
  });

  it('coalition-partner.yaml: a monthly settlement with the operator, net = in - out, months adding up to the total', () => {
    const [network, ownCard] = runScenarioFile('coalition-partner.yaml').programs;
    expect(ownCard.settlement).toBeUndefined();
    const { months, total } = network.settlement!;
    expect(months).toHaveLength(24);
    for (const month of months) expect(month.net.mean!).toBeCloseTo(month.paymentsIn.mean! - month.paymentsOut.mean!, 6);
    expect(months.reduce((sum, month) => sum + month.net.mean!, 0)).toBeCloseTo(total.net.mean!, 4);
    expect(total.paymentsOut.mean).toBeGreaterThan(0);
    expect(network.metrics.programArrivals.mean).toBeGreaterThan(0);
  });
});
