/**
 * `loyalty-sim schema [scenario|program]`: print the published JSON Schema of scenario files (the
 * default) or program files, the text committed in scenarios/ and given by `validate --print-schema`.
 */
import type { Command } from 'commander';
import { parseSchemaKind, publishedJsonSchemaText, SCHEMA_KINDS } from '../config/json-schema.js';
import type { CommandContext } from './command-context.js';
import { writePieces } from './output.js';

export function registerSchemaCommand(program: Command, { io }: CommandContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario or program files, for editors and CI')
    .argument('[kind]', `${SCHEMA_KINDS.join(' or ')} (default scenario)`)
    .addHelpText(
      'after',
      `
Examples:
  loyalty-sim schema > scenario.schema.json
  loyalty-sim schema program > program.schema.json
Then, at the top of a YAML file: # yaml-language-server: $schema=scenario.schema.json`,
    )
    .action(async (kind: string | undefined) => {
      await writePieces(io.stdout, [publishedJsonSchemaText(kind === undefined ? 'scenario' : parseSchemaKind(kind, 'schema kind'))]);
    });
}
