// Types of fuzz/run.js for the sample run in the test suite (test/fuzz/fuzz-sample.test.ts).
export interface FuzzOptions {
  cases: number;
  spawned: number;
  seed: number;
  workers: number;
  /** Time bound per case, ms. */
  timeout: number;
  /** Heap limit of a case worker, MB. */
  memory: number;
  categories: string[] | null;
  failures: string;
  quiet?: boolean;
}

export interface FuzzFailure {
  signature: string;
  count: number;
  kind: string;
  command: string;
  category: string;
  detail: string;
  replay: string;
}

export interface FuzzSummary {
  seed: number;
  cases: number;
  byCategory: Record<string, { cases: number; ok: number; rejected: number; failed: number; ms: number }>;
  byCommand: Record<string, { cases: number; ms: number }>;
  byKind: Record<string, number>;
  failed: number;
  distinct: FuzzFailure[];
  elapsedMs: number;
}

export function runFuzz(options: FuzzOptions): Promise<{ summary: FuzzSummary; text: string }>;
