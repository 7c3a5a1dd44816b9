/**
 * The program definition: a union of the program types, told apart by `type`. Adding a type is one
 * new file under programs/ and one entry in PROGRAM_TYPE_SCHEMAS.
 */
import * as z from 'zod';
import { bonusProgramSchema } from './programs/bonus.js';
import { coalitionProgramSchema } from './programs/coalition.js';
import { discountProgramSchema } from './programs/discount.js';
import { noneProgramSchema } from './programs/none.js';
import { paidProgramSchema } from './programs/paid.js';
import { thresholdGiftProgramSchema } from './programs/threshold-gift.js';
import { tieredProgramSchema } from './programs/tiered.js';
import { strictObject } from '../schema/strict-object.js';

const PROGRAM_TYPE_SCHEMAS = [
  noneProgramSchema,
  discountProgramSchema,
  bonusProgramSchema,
  tieredProgramSchema,
  thresholdGiftProgramSchema,
  coalitionProgramSchema,
  paidProgramSchema,
] as const;

/** The program types a scenario can use. */
export const PROGRAM_TYPES = PROGRAM_TYPE_SCHEMAS.map((schema) => schema.shape.type.value);

export const programDefinitionSchema = z
  .discriminatedUnion('type', PROGRAM_TYPE_SCHEMAS)
  .meta({ id: 'ProgramDefinition', title: 'loyalty-sim program' });

/** A validated program with its defaults applied; every assumption is a `Distribution`. */
export type ProgramDefinition = z.output<typeof programDefinitionSchema>;
export type ProgramType = ProgramDefinition['type'];
/** A program as written in YAML, before validation. */
export type ProgramDefinitionInput = z.input<typeof programDefinitionSchema>;
export type DiscountProgram = Extract<ProgramDefinition, { type: 'discount' }>;
export type BonusProgram = Extract<ProgramDefinition, { type: 'bonus' }>;
export type PaidProgram = Extract<ProgramDefinition, { type: 'paid' }>;

/** In a scenario, a program may live in its own file: `- file: programs/discount-5.yaml`. */
export const programReferenceSchema = strictObject({
  file: z.string().min(1).describe('Path of a program file, relative to the scenario file.'),
}).describe('A program defined in its own YAML file.');
