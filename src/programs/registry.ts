/**
 * The program types: one list of modules (programs/types/), from which the config layer takes the
 * YAML schema of a program definition and the engine its policies and hooks. Adding a type is one
 * module in programs/types/ plus its entry in PROGRAM_MODULES.
 */
import * as z from 'zod';
import { UserInputError } from '../errors.js';
import type { Drawn } from '../schema/draw-assumptions.js';
import { describeIssue, formatKeyPath } from '../schema/issue-text.js';
import type { ProgramContext, ProgramModule, ProgramPolicy, ReportSection } from './program.js';
import { bonusProgram } from './types/bonus.js';
import { coalitionProgram } from './types/coalition.js';
import { discountProgram } from './types/discount.js';
import { instantWinProgram } from './types/instant-win.js';
import { noneProgram } from './types/none.js';
import { paidProgram } from './types/paid.js';
import { thresholdGiftProgram } from './types/threshold-gift.js';
import { tieredProgram } from './types/tiered.js';

const PROGRAM_MODULES = [
  noneProgram,
  discountProgram,
  bonusProgram,
  tieredProgram,
  thresholdGiftProgram,
  coalitionProgram,
  paidProgram,
  instantWinProgram,
] as const;

type SchemasOf<Modules extends readonly ProgramModule[]> = { -readonly [K in keyof Modules]: Modules[K]['schema'] };

/** A program definition: the union of the types' schemas, told apart by `type`. */
export const programDefinitionSchema = z.discriminatedUnion(
  'type',
  PROGRAM_MODULES.map((module) => module.schema) as unknown as SchemasOf<typeof PROGRAM_MODULES>,
);

/** A validated program with its defaults applied; every assumption is a `Distribution`. */
export type ProgramDefinition = z.output<typeof programDefinitionSchema>;
/** A program as written in YAML, before validation. */
export type ProgramDefinitionInput = z.input<typeof programDefinitionSchema>;
/** One program's numbers for one iteration: the engine's view of a program definition. */
export type ResolvedProgram = Drawn<ProgramDefinition>;
export type ProgramTypeName = ProgramDefinition['type'];

/** The program types' names, in the order of the list. */
export const PROGRAM_TYPES: readonly ProgramTypeName[] = PROGRAM_MODULES.map((module) => module.schema.shape.type.value as ProgramTypeName);

function programModuleOf(type: string, field: string): ProgramModule {
  const module = PROGRAM_MODULES.find((candidate) => candidate.schema.shape.type.value === type);
  if (module === undefined) {
    throw new UserInputError(`unknown program type '${type}'`, { field: `${field}.type` }, `known types: ${PROGRAM_TYPES.join(', ')}`);
  }
  return module as unknown as ProgramModule;
}

/**
 * Check one iteration's program by its type's schema (the same rules as a YAML file: ranges,
 * required blocks, orders) and by the checks that need the run's context; a UserInputError names
 * the field under `field` (e.g. `iteration 3: programs[0] (Points)`). Returns the program with the
 * schema's defaults applied, so a caller may leave out what YAML may leave out.
 */
export function checkResolvedProgram(program: ResolvedProgram, field: string, context: ProgramContext): ResolvedProgram {
  return resolvedProgram(program as ProgramDefinitionInput, field, context);
}

/**
 * One iteration's program from a definition written with plain numbers where YAML allows
 * distributions, defaults left out as YAML may: checked by the type's schema (a UserInputError
 * naming `field` otherwise). For callers who build programs in code.
 */
export function resolvedProgram<D extends ProgramDefinitionInput>(
  definition: D,
  field = 'program',
  context?: ProgramContext,
): Extract<ResolvedProgram, { type: D['type'] }> {
  const module = programModuleOf(definition.type, field);
  const parsed = module.schema.safeParse(definition, { error: describeIssue, reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserInputError(issue.message, { field: formatKeyPath([field, ...(issue.path as (string | number)[])]) });
  }
  const resolved = fixedValues(parsed.data, field) as ResolvedProgram;
  if (context !== undefined) module.checkContext?.(resolved, field, context);
  return resolved as Extract<ResolvedProgram, { type: D['type'] }>;
}

/** A parsed program whose every assumption is a fixed value: the values. */
function fixedValues(value: unknown, field: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item, i) => fixedValues(item, `${field}[${i}]`));
  const record = value as Record<string, unknown>;
  if (typeof record.dist === 'string') {
    if (record.dist === 'fixed') return record.value;
    throw new UserInputError(`expected a number, got a ${record.dist} distribution`, { field }, 'draw the iteration\'s value first (drawAssumptions)');
  }
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, fixedValues(item, `${field}.${key}`)]));
}

/** The breakdown groups of a program (see ProgramModule.breakdownGroups); [] when it has none. */
export function programBreakdownGroups(program: ResolvedProgram): string[] {
  const module = programModuleOf(program.type, 'program');
  return module.breakdownGroups ? [...module.breakdownGroups(program)] : [];
}

/**
 * What one point (or stamp) of a program is worth to the member, in the currency (see
 * ProgramModule.pointFaceValue); NaN for a program without points.
 */
export function programPointFaceValue(program: ResolvedProgram): number {
  const module = programModuleOf(program.type, 'program');
  return module.pointFaceValue ? module.pointFaceValue(program) : NaN;
}

/** The extra report sections of a program type (see ProgramModule.reportSections). */
export function programReportSections(type: string): readonly ReportSection[] {
  return programModuleOf(type, 'program').reportSections ?? [];
}

/** Make the policy of a program type, sized for the run. */
export function createProgramPolicy(type: string, context: ProgramContext): ProgramPolicy<ResolvedProgram> {
  return programModuleOf(type, 'program').create(context) as ProgramPolicy<ResolvedProgram>;
}
