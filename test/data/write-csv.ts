/** Test helper: write CSV text (or bytes) to a fresh temporary file and ingest it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ingestPurchaseHistory, type IngestOptions, type IngestResult } from '../../src/data/ingest.js';
import { UserInputError } from '../../src/errors.js';

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

/** The UserInputError `promise` rejects with; any other outcome fails the test. */
export async function failure(promise: Promise<unknown>): Promise<UserInputError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof UserInputError) return err;
    throw err;
  }
  throw new Error('expected a UserInputError');
}
