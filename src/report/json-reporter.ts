/** Machine-readable output: the report object as one JSON document, keys in a fixed order. */
import type { SimulationReport } from './report-model.js';

/** Non-finite numbers (a metric that does not apply) become null, as JSON has no NaN. */
function finiteOrNull(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

export function renderJson(report: SimulationReport): string {
  return JSON.stringify(report, finiteOrNull, 2) + '\n';
}
