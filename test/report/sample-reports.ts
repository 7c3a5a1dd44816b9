/**
 * The two real run reports the reporter tests format: the airline scenario (tiers and points,
 * 40 iterations, seed 7, with the sensitivity section) and the bundled retailer (20 iterations,
 * seed 7, without it).
 */
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/config/load.js';
import type { SimulationReport } from '../../src/report/report-model.js';
import { runScenario } from '../../src/run/run-scenario.js';

const scenario = (name: string) => fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url));

export async function sampleReports(): Promise<{ airline: SimulationReport; retailer: SimulationReport }> {
  const airline = await runScenario(await loadScenario(scenario('airline-tiers.yaml')), { iterations: 40, seed: 7, workers: 1, sensitivity: true });
  const retailer = await runScenario(await loadScenario(scenario('default.yaml')), { iterations: 20, seed: 7, workers: 1 });
  return { airline, retailer };
}
