/**
 * `loyalty-sim schema [scenario|program|report]`: print the published JSON Schema of scenario files
 * (the default), program files or the `run --json` report, the text committed in scenarios/ and
 * given by `validate --print-schema`.
 */
import type { Command } from 'commander';
import { PRINTABLE_SCHEMAS, printedSchemaText } from './printed-schemas.js';
import type { CommandContext } from './command-context.js';
import { writePieces } from './output.js';

export function registerSchemaCommand(program: Command, { io }: CommandContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario or program files, for editors and CI, or of the run --json report')
    .argument('[kind]', `${PRINTABLE_SCHEMAS.join(', ')} (default scenario)`)
    .addHelpText(
      'after',
      `
Examples:
  loyalty-sim schema > scenario.schema.json
  loyalty-sim schema program > program.schema.json
  loyalty-sim schema report > report.schema.json     the schema of run --json's output
Then, at the top of a YAML file: # yaml-language-server: $schema=scenario.schema.json`,
    )
    .action(async (kind: string | undefined) => {
      await writePieces(io.stdout, [await printedSchemaText(kind ?? 'scenario', 'schema kind')]);
    });
}
