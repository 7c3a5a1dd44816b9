/** Test helper: write CSV text (or bytes) to a fresh temporary file and ingest it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ingestPurchaseHistory, type IngestOptions, type IngestResult } from '../../src/data/ingest.js';

const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-ingest-'));
let fileNumber = 0;

export function writeCsv(content: string | Uint8Array, name?: string): string {
  const file = path.join(folder, name ?? `file-${++fileNumber}.csv`);
  writeFileSync(file, content);
  return file;
}

export function ingestText(content: string | Uint8Array, options?: IngestOptions): Promise<IngestResult> {
  return ingestPurchaseHistory(writeCsv(content), options);
}
