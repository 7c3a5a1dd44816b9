/**
 * The published JSON Schemas of scenario and program files, generated from the zod schemas (the
 * single source of truth). Editors use them to complete and check YAML as it is typed, e.g. with
 * `# yaml-language-server: $schema=scenario.schema.json` at the top of a file. They describe the
 * files as written (`io: 'input'`): defaults are shown, and shares accept "5%".
 */
import * as z from 'zod';
import { UserInputError } from '../errors.js';
import { didYouMean } from '../schema/did-you-mean.js';
import { programDefinitionSchema } from './program-schema.js';
import { scenarioFileSchema } from './scenario-schema.js';

export const SCHEMA_KINDS = ['scenario', 'program'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

/** The schema kind a command is given (`scenario` or `program`) for `field` (an argument or option). */
export function parseSchemaKind(text: string, field: string): SchemaKind {
  const kind = SCHEMA_KINDS.find((candidate) => candidate === text.trim());
  if (kind === undefined) throw new UserInputError(`unknown schema '${text}'${didYouMean(text, SCHEMA_KINDS)}`, { field }, `Use ${SCHEMA_KINDS.join(' or ')}.`);
  return kind;
}

/** The JSON Schema (draft 2020-12) of a scenario file or of a standalone program file. */
export function publishedJsonSchema(kind: SchemaKind): Record<string, unknown> {
  const schema = kind === 'scenario' ? scenarioFileSchema : programDefinitionSchema;
  return z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}

/** The schema as committed in scenarios/: two-space indented JSON with a final newline. */
export function publishedJsonSchemaText(kind: SchemaKind): string {
  return `${JSON.stringify(publishedJsonSchema(kind), null, 2)}\n`;
}
