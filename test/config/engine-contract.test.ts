/**
 * The contract between the config layer and the engine: one iteration's draw of a validated
 * program is, as it stands, the engine's resolved program (checked by the compiler), and the
 * engine accepts the drawn programs of the shipped scenarios.
 */
import path from 'node:path';
import seedrandom from 'seedrandom';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { drawAssumptions, type Drawn } from '../../src/schema/draw-assumptions.js';
import { loadScenario } from '../../src/config/load.js';
import { programDefinitionSchema, type ProgramDefinition } from '../../src/config/program-schema.js';
import { checkResolvedProgram, type ResolvedProgram } from '../../src/programs/registry.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** Compiles only while a drawn program definition is assignable to the engine's ResolvedProgram. */
function asResolvedProgram(program: Drawn<ProgramDefinition>): ResolvedProgram {
  return program;
}

describe('drawn programs and the engine', () => {
  it('the engine accepts every drawn program of population-only.yaml, including a baseline program', async () => {
    const { scenario } = await loadScenario(path.join(SCENARIOS, 'population-only.yaml'));
    const context = { horizonMonths: scenario.horizon.months, categoryNames: ['all'] };
    for (let iteration = 0; iteration < 20; iteration++) {
      const uniform = seedrandom(`${scenario.seed}:${iteration}`);
      for (const [i, program] of scenario.programs.entries()) {
        expect(() => checkResolvedProgram(asResolvedProgram(drawAssumptions(program, uniform)), `programs[${i}]`, context)).not.toThrow();
      }
    }
  });

  it('a type: none program comes with neutral enrolment, effects and costs, so it reproduces the baseline', () => {
    const none = asResolvedProgram(drawAssumptions(programDefinitionSchema.parse({ name: 'Baseline again', type: 'none' }), () => 0.5));
    expect(none).toEqual({
      name: 'Baseline again',
      type: 'none',
      enrolment: { share: 1, selfSelection: 1 },
      effects: { frequencyUplift: 0, spendUplift: 0, churnReduction: 0 },
      costs: { setup: 0, perMemberPerYear: 0, perTransaction: 0 },
    });
  });
});
