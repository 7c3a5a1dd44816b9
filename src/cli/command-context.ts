/** What a command may ask of the entry point (main.ts). */

/** Holds the exit code a command asks for (e.g. 1 when a guardrail check fails). */
export interface CommandContext {
  setExitCode(code: number): void;
}
