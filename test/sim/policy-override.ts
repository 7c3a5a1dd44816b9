/**
 * A copy of the engine whose registry lets a test swap one program type's policy, for tests of
 * the engine's hooks. The copy is loaded with the registry mocked and the mock is removed at once,
 * so no other module or test file sees it (test files share their worker process).
 */
import { vi } from 'vitest';
import type * as Registry from '../../src/programs/registry.js';
import type { ProgramContext, ProgramPolicy } from '../../src/programs/program.js';
import type { simulate as Simulate } from '../../src/sim/simulate.js';

export interface PolicyOverride {
  type: string;
  create(context: ProgramContext): ProgramPolicy<Registry.ResolvedProgram>;
  breakdownGroups?(): readonly string[];
}

export interface EngineWithOverride {
  simulate: typeof Simulate;
  /** Make `override`'s policy for its type from now on; undefined: the real policies again. */
  overridePolicy(override: PolicyOverride | undefined): void;
}

const REGISTRY = new URL('../../src/programs/registry.ts', import.meta.url).pathname;

export async function engineWithPolicyOverride(): Promise<EngineWithOverride> {
  let current: PolicyOverride | undefined;
  vi.resetModules();
  vi.doMock(REGISTRY, async (importOriginal) => {
    const actual = await importOriginal<typeof Registry>();
    return {
      ...actual,
      createProgramPolicy: (type: string, context: ProgramContext) =>
        current?.type === type ? current.create(context) : actual.createProgramPolicy(type, context),
      programBreakdownGroups: (program: Registry.ResolvedProgram) =>
        current?.type === program.type && current.breakdownGroups ? [...current.breakdownGroups()] : actual.programBreakdownGroups(program),
    };
  });
  const { simulate } = await import('../../src/sim/simulate.js');
  vi.doUnmock(REGISTRY);
  vi.resetModules();
  return { simulate, overridePolicy: (override) => (current = override) };
}
