/**
 * The program definition as the config layer publishes it: the union of the program types'
 * schemas (programs/registry.ts, one module per type), and a reference to a program in its own file.
 */
import * as z from 'zod';
import { programDefinitionSchema as programUnion } from '../programs/registry.js';
import { strictObject } from '../schema/strict-object.js';

export { PROGRAM_TYPES, type ProgramDefinition, type ProgramDefinitionInput, type ProgramTypeName as ProgramType } from '../programs/registry.js';

export const programDefinitionSchema = programUnion.meta({ id: 'ProgramDefinition', title: 'loyalty-sim program' });

/** In a scenario, a program may live in its own file: `- file: programs/discount-5.yaml`. */
export const programReferenceSchema = strictObject({
  file: z.string().min(1).describe('Path of a program file, relative to the scenario file.'),
}).describe('A program defined in its own YAML file.');
