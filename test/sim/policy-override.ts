/**
 * Swap one program type's policy in the engine for the length of a test. A test file mocks the
 * registry with `withPolicyOverride` (see vi.mock in hooks.test.ts), and `overridePolicy` then
 * decides which policy the engine makes for a type; `overridePolicy(undefined)` restores the real one.
 */
import type * as Registry from '../../src/programs/registry.js';
import type { ProgramContext, ProgramPolicy } from '../../src/programs/program.js';

export interface PolicyOverride {
  type: string;
  create(context: ProgramContext): ProgramPolicy<Registry.ResolvedProgram>;
  breakdownGroups?(): readonly string[];
}

let current: PolicyOverride | undefined;

export function overridePolicy(override: PolicyOverride | undefined): void {
  current = override;
}

export function withPolicyOverride(actual: typeof Registry): typeof Registry {
  return {
    ...actual,
    createProgramPolicy: (type, context) => (current?.type === type ? current.create(context) : actual.createProgramPolicy(type, context)),
    programBreakdownGroups: (program) =>
      current?.type === program.type && current.breakdownGroups ? [...current.breakdownGroups()] : actual.programBreakdownGroups(program),
  };
}
