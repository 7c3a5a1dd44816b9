/**
 * The program types the engine knows. Adding a type: write its file (resolved parameters, policy,
 * `ProgramPolicyType`), add it to `ResolvedProgram` and to `PROGRAM_POLICY_TYPES` below.
 */
import { bonusProgram, type ResolvedBonusProgram } from './bonus.js';
import { coalitionProgram, type ResolvedCoalitionProgram } from './coalition.js';
import { discountProgram, type ResolvedDiscountProgram } from './discount.js';
import { noneProgram, type ResolvedNoneProgram } from './none.js';
import { paidProgram, type ResolvedPaidProgram } from './paid.js';
import type { ProgramContext, ProgramPolicy, ProgramPolicyType } from './program.js';
import { thresholdGiftProgram, type ResolvedThresholdGiftProgram } from './threshold-gift.js';
import { tieredProgram, type ResolvedTieredProgram } from './tiered.js';
import { UserInputError } from '../errors.js';

/** One program's numbers for one iteration: the engine's view of a program definition. */
export type ResolvedProgram =
  | ResolvedNoneProgram
  | ResolvedDiscountProgram
  | ResolvedBonusProgram
  | ResolvedTieredProgram
  | ResolvedThresholdGiftProgram
  | ResolvedCoalitionProgram
  | ResolvedPaidProgram;

export type ProgramPolicyTypeName = ResolvedProgram['type'];

type ProgramPolicyTypeTable = { [T in ProgramPolicyTypeName]: ProgramPolicyType<Extract<ResolvedProgram, { type: T }>> };

export const PROGRAM_POLICY_TYPES: ProgramPolicyTypeTable = {
  none: noneProgram,
  discount: discountProgram,
  bonus: bonusProgram,
  tiered: tieredProgram,
  'threshold-gift': thresholdGiftProgram,
  coalition: coalitionProgram,
  paid: paidProgram,
};

function programPolicyType(type: string, field: string): ProgramPolicyType<ResolvedProgram> {
  if (!Object.hasOwn(PROGRAM_POLICY_TYPES, type)) {
    throw new UserInputError(`unknown program type '${type}'`, { field: `${field}.type` }, `known types: ${Object.keys(PROGRAM_POLICY_TYPES).join(', ')}`);
  }
  return PROGRAM_POLICY_TYPES[type as ProgramPolicyTypeName] as ProgramPolicyType<ResolvedProgram>;
}

/** Check one program's mechanics for one iteration (UserInputError naming the field). */
export function validateProgramMechanics(program: ResolvedProgram, field: string, context: ProgramContext): void {
  programPolicyType(program.type, field).validate(program, field, context);
}

/** The breakdown groups of a program (see ProgramPolicyType.breakdownGroups); [] when it has none. */
export function programBreakdownGroups(program: ResolvedProgram): string[] {
  const type = programPolicyType(program.type, 'program');
  return type.breakdownGroups ? [...type.breakdownGroups(program)] : [];
}

/** Make the policy of a program type, sized for the run. */
export function createProgramPolicy(type: string, context: ProgramContext): ProgramPolicy<ResolvedProgram> {
  return programPolicyType(type, 'program').create(context);
}
