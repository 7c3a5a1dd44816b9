/**
 * `loyalty-sim validate <file.yaml ...> [--print-schema [kind]]`: check scenario and program files
 * against the schema. Prints one line per valid file on stdout and every problem on stderr; exits 0
 * when all files are valid, 2 otherwise. `--print-schema` writes the published JSON Schema.
 */
import path from 'node:path';
import chalk from 'chalk';
import type { Command } from 'commander';
import { ExitCode, UserInputError } from '../errors.js';
import { formatDistribution } from '../schema/distributions.js';
import { publishedJsonSchemaText, SCHEMA_KINDS, type SchemaKind } from '../config/json-schema.js';
import { loadConfigFile, type LoadedConfig } from '../config/load.js';
import { horizonText } from '../config/scenario-schema.js';
import type { CommandContext } from './command-context.js';
import { writePieces } from './output.js';

interface ValidateOptions {
  printSchema?: string | true;
}

function schemaKind(option: string | true): SchemaKind {
  const kind = option === true ? 'scenario' : option;
  if (!(SCHEMA_KINDS as readonly string[]).includes(kind)) {
    throw new UserInputError(`unknown schema '${kind}'`, { field: '--print-schema' }, `Use ${SCHEMA_KINDS.join(' or ')}.`);
  }
  return kind as SchemaKind;
}

/** One line saying what a valid file contains. */
function summary(file: string, loaded: LoadedConfig): string {
  if (loaded.kind === 'program') {
    const { program } = loaded.program;
    return `${file}: ok, program '${program.name}' (${program.type})`;
  }
  const { scenario, name } = loaded.scenario;
  const customers = scenario.data
    ? `data ${path.relative(process.cwd(), scenario.data.file)}`
    : `population of ${scenario.population!.customers} customers`;
  const programs = scenario.programs.map((p) => `'${p.name}' (${p.type})`).join(', ');
  const acquisition = scenario.acquisition.kind === 'rate' ? `${formatDistribution(scenario.acquisition.perMonth)} per month` : scenario.acquisition.kind;
  return (
    `${file}: ok, scenario '${name}': ${customers}; programs ${programs}; ` +
    `horizon ${horizonText(scenario.horizon)}, ${scenario.iterations} iterations, seed ${scenario.seed}, ` +
    `new customers: ${acquisition}`
  );
}

export function registerValidateCommand(program: Command, { io, setExitCode }: CommandContext): void {
  program
    .command('validate')
    .description('check scenario and program files; exit 0 when all are valid, 2 otherwise')
    .argument('[files...]', 'scenario or program YAML files (told apart by their keys)')
    .option('--print-schema [kind]', `print the JSON Schema of ${SCHEMA_KINDS.join(' or ')} files (default scenario) and exit`)
    .addHelpText(
      'after',
      `
Every problem is reported with file:line:column, e.g.
  scenarios/mine.yaml:7:1: unknown key 'iteratons' (did you mean 'iterations'?)

Examples:
  loyalty-sim validate scenarios/default.yaml
  loyalty-sim validate scenarios/*.yaml scenarios/programs/*.yaml
  loyalty-sim validate --print-schema > scenario.schema.json
  loyalty-sim validate --print-schema program > program.schema.json`,
    )
    .action(async (files: string[], options: ValidateOptions) => {
      if (options.printSchema !== undefined) {
        if (files.length > 0) throw new UserInputError('--print-schema takes no files', { field: '--print-schema' });
        await writePieces(io.stdout, [publishedJsonSchemaText(schemaKind(options.printSchema))]);
        return;
      }
      if (files.length === 0) {
        throw new UserInputError('name at least one scenario or program file', {}, 'Example: loyalty-sim validate scenarios/default.yaml');
      }
      let failed = false;
      for (const file of files) {
        try {
          await writePieces(io.stdout, [`${summary(file, await loadConfigFile(file))}\n`]);
        } catch (err) {
          if (!(err instanceof UserInputError)) throw err;
          failed = true;
          io.stderr.write(`${chalk.red('error:')} ${err.format()}\n`);
        }
      }
      if (failed) setExitCode(ExitCode.usage);
    });
}
