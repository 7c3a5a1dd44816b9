// Types of fuzz/spawned.js's verdict for its tests (test/fuzz/oracle.test.ts).
import type { CaseResult, Failure, FuzzCase, judge } from './oracle.js';

export interface SpawnedCase extends FuzzCase {
  signal?: 'SIGINT' | 'SIGTERM';
  signalAfterMs?: number;
  fifo?: { name: string; content?: string };
}

export interface SpawnedResult extends CaseResult {
  signal?: string | null;
  finishedFirst?: boolean;
  /** Whether the launcher had installed its signal handlers when the signal was sent. */
  handlerAtSignal?: boolean | null;
}

export function judgeSpawned(c: SpawnedCase, r: SpawnedResult, judgeCase: typeof judge, options?: { timeoutMs?: number }): Failure | null;
