// Types of fuzz/oracle.js for its tests (test/fuzz/oracle.test.ts).
export interface FuzzCase {
  id: string;
  category: string;
  command: string;
  args: string[];
  files: { name: string; base64: string }[];
  outputs: string[];
  expectReject: string | null;
  locations?: string[];
}

export interface CaseResult {
  status?: number | null;
  stdout?: string;
  stdoutLength?: number;
  stderr?: string;
  thrown?: { name: string; message: string; stack: string } | null;
  hang?: boolean;
  memory?: string;
  outputs?: Record<string, { size: number; text: string } | null>;
  leftovers?: string[];
  heapGrowthMb?: number;
  ms?: number;
}

export interface Failure {
  kind: string;
  detail: string;
  frame?: string;
}

export const FAILURE_KINDS: Record<string, string>;
export function judge(c: FuzzCase, r: CaseResult, numericPaths: Map<string, Set<string>> | null, options?: { timeoutMs?: number; memoryBoundMb?: number; signalExit?: number }): Failure | null;
export function numericPathsOf(documents: unknown[]): Set<string>;
export function signature(c: FuzzCase, failure: Failure): string;
