/**
 * The program types the engine knows. Adding a type: write its file (resolved parameters, policy,
 * `ProgramType`), add it to `ResolvedProgram` and to `PROGRAM_TYPES` below.
 */
import { bonusProgram, type ResolvedBonusProgram } from './bonus.js';
import { discountProgram, type ResolvedDiscountProgram } from './discount.js';
import { noneProgram, type ResolvedNoneProgram } from './none.js';
import type { ProgramContext, ProgramPolicy, ProgramType } from './program.js';
import { UserInputError } from '../errors.js';

/** One program's numbers for one iteration: the engine's view of a program definition. */
export type ResolvedProgram = ResolvedNoneProgram | ResolvedDiscountProgram | ResolvedBonusProgram;

export type ProgramTypeName = ResolvedProgram['type'];

type ProgramTypeTable = { [T in ProgramTypeName]: ProgramType<Extract<ResolvedProgram, { type: T }>> };

export const PROGRAM_TYPES: ProgramTypeTable = {
  none: noneProgram,
  discount: discountProgram,
  bonus: bonusProgram,
};

function programType(type: string, field: string): ProgramType<ResolvedProgram> {
  if (!Object.hasOwn(PROGRAM_TYPES, type)) {
    throw new UserInputError(`unknown program type '${type}'`, { field: `${field}.type` }, `known types: ${Object.keys(PROGRAM_TYPES).join(', ')}`);
  }
  return PROGRAM_TYPES[type as ProgramTypeName] as ProgramType<ResolvedProgram>;
}

/** Check one program's mechanics for one iteration (UserInputError naming the field). */
export function validateProgramMechanics(program: ResolvedProgram, field: string, context: ProgramContext): void {
  programType(program.type, field).validate(program, field, context);
}

/** Make the policy of a program type, sized for the run. */
export function createProgramPolicy(type: string, context: ProgramContext): ProgramPolicy<ResolvedProgram> {
  return programType(type, 'program').create(context);
}
