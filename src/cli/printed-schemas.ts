/**
 * The JSON Schemas `loyalty-sim schema [kind]` and `validate --print-schema [kind]` print: the
 * scenario and program files' (from zod, config/json-schema.ts) and the `run --json` report's,
 * as published in scenarios/ (generated from the report's TypeScript types by
 * scripts/report-schema.js, `npm run schemas`).
 */
import { readFile } from 'node:fs/promises';
import { parseSchemaKind, publishedJsonSchemaText, SCHEMA_KINDS } from '../config/json-schema.js';
import { UserInputError } from '../errors.js';
import { didYouMean } from '../schema/did-you-mean.js';

const REPORT_SCHEMA = 'report';
const REPORT_SCHEMA_FILE = new URL('../../scenarios/report.schema.json', import.meta.url);
export const PRINTABLE_SCHEMAS: readonly string[] = [...SCHEMA_KINDS, REPORT_SCHEMA];

/** The schema text of `kind` (scenario, program or report); an unknown kind is a UserInputError naming `option`. */
export async function printedSchemaText(kind: string, option: string): Promise<string> {
  const name = kind.trim();
  if (name === REPORT_SCHEMA) return readFile(REPORT_SCHEMA_FILE, 'utf8');
  if (!PRINTABLE_SCHEMAS.includes(name)) {
    throw new UserInputError(`unknown schema '${kind}'${didYouMean(kind, PRINTABLE_SCHEMAS)}`, { field: option }, `Use ${SCHEMA_KINDS.join(', ')} or ${REPORT_SCHEMA}.`);
  }
  return publishedJsonSchemaText(parseSchemaKind(name, option));
}
