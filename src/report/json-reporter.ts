/** The `run --json` report: the report object as one JSON document, keys in a fixed order. */
import type { SimulationReport } from './report-model.js';
import { jsonDocument } from './json-writer.js';

export function renderJson(report: SimulationReport): string {
  return jsonDocument(report);
}
