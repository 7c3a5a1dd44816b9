/**
 * `loyalty-sim validate <file.yaml ...> [--no-data] [--strict] [--print-schema [kind]]`: check
 * scenario and program files against the schema and a scenario as `run` checks it before
 * simulating (its data read, its customer base built: run/prepare-run.ts). Prints one line per
 * valid file on stdout and every problem and warning on stderr; exits 0 when all files are valid
 * (with --strict: and without warnings), 2 otherwise. `--print-schema` writes the published JSON Schema
 * (as `loyalty-sim schema` does); `--print-schema report` the schema of `run --json`'s report.
 */
import path from 'node:path';
import chalk from 'chalk';
import type { Command } from 'commander';
import { ExitCode, UserInputError } from '../errors.js';
import { formatDistribution } from '../schema/distributions.js';
import { SCHEMA_KINDS } from '../config/json-schema.js';
import { printedSchemaText } from './printed-schemas.js';
import { loadConfigFile, type LoadedConfig, type LoadedScenario } from '../config/load.js';
import { prepareRun, type PrepareOverrides } from '../run/prepare-run.js';
import { scenarioGuardrails } from '../run/guardrails.js';
import { formatWarning, scenarioWarnings, type ScenarioWarning } from '../run/scenario-warnings.js';
import { horizonText } from '../config/scenario-schema.js';
import type { CommandContext } from './command-context.js';
import { waitingNotice } from './ingest-options.js';
import { writePieces } from './output.js';

interface ValidateOptions {
  printSchema?: string | true;
  /** False with --no-data: check the files against the schema only, without reading the data. */
  data: boolean;
  strict?: boolean;
  acceptWeakFit?: boolean;
}

/** One line saying what a valid file contains. */
function summary(file: string, loaded: LoadedConfig): string {
  if (loaded.kind === 'program') {
    const { program } = loaded.program;
    return `${file}: ok, program '${program.name}' (${program.type})`;
  }
  const { scenario, name } = loaded.scenario;
  const customers = scenario.data
    ? `${scenario.data.kind === 'summaries' ? 'summary table' : 'data'} ${path.relative(process.cwd(), scenario.data.file)}`
    : `population of ${scenario.population!.customers} customers`;
  const programs = scenario.programs.map((p) => `'${p.name}' (${p.type})`).join(', ');
  const acquisition = scenario.acquisition.kind === 'rate' ? `${formatDistribution(scenario.acquisition.perMonth)} per month` : scenario.acquisition.kind;
  return (
    `${file}: ok, scenario '${name}': ${customers}; programs ${programs}; ` +
    `horizon ${horizonText(scenario.horizon)}, ${scenario.iterations} iterations, seed ${scenario.seed}, ` +
    `new customers: ${acquisition}`
  );
}

/**
 * Every check `run` makes before simulating (prepareRun), and the warnings about the settings;
 * without the data (--no-data) only the warnings that do not need it.
 */
async function checkScenarioRun(loaded: LoadedScenario, withData: boolean, overrides: PrepareOverrides): Promise<ScenarioWarning[]> {
  if (withData || loaded.scenario.data === undefined) return (await prepareRun(loaded, overrides)).warnings;
  scenarioGuardrails(loaded);
  return scenarioWarnings(loaded, undefined);
}

export function registerValidateCommand(program: Command, { io, setExitCode }: CommandContext): void {
  program
    .command('validate')
    .description('check scenario and program files; exit 0 when all are valid, 2 otherwise')
    .argument('[files...]', 'scenario or program YAML files (told apart by their keys)')
    .option('--no-data', "do not read the scenario's data file: check it against the schema only (a population block is still built)")
    .option('--accept-weak-fit', 'accept a customer model the data cannot identify, as run --accept-weak-fit does')
    .option('--strict', 'treat warnings as errors (exit 2 when there is any)')
    .option('--print-schema [kind]', `print the JSON Schema of ${SCHEMA_KINDS.join(' or ')} files (default scenario), or of run --json's report, and exit`)
    .addHelpText(
      'after',
      `
A scenario is checked as run checks it before simulating: its data file is read (header, column
roles, date format, margin column) and its customer model fitted, the margins and programs are
matched to the data's categories, and every iteration's assumptions are drawn. Every problem is
reported with file:line:column, e.g.
  scenarios/mine.yaml:7:1: unknown key 'iteratons' (did you mean 'iterations'?)
Warnings (legal but unwise settings, each with a code in brackets) are printed on stderr; they
fail the check only with --strict.

Examples:
  loyalty-sim validate scenarios/default.yaml
  loyalty-sim validate scenarios/*.yaml scenarios/programs/*.yaml
  loyalty-sim validate --strict scenarios/*.yaml        in CI: warnings fail too
  loyalty-sim validate --no-data my.yaml                the schema only, without reading the data
  loyalty-sim validate --print-schema > scenario.schema.json
  loyalty-sim validate --print-schema program > program.schema.json
  loyalty-sim validate --print-schema report > report.schema.json   the schema of run --json's output`,
    )
    .action(async (files: string[], options: ValidateOptions) => {
      if (options.printSchema !== undefined) {
        if (files.length > 0) throw new UserInputError('--print-schema takes no files', { field: '--print-schema' });
        await writePieces(io.stdout, [await printedSchemaText(options.printSchema === true ? 'scenario' : options.printSchema, '--print-schema')]);
        return;
      }
      if (files.length === 0) {
        throw new UserInputError('name at least one scenario or program file', {}, 'Example: loyalty-sim validate scenarios/default.yaml');
      }
      let failed = false;
      for (const file of files) {
        try {
          const loaded = await loadConfigFile(file, { onWaiting: waitingNotice(io.stderr) });
          const warnings = loaded.kind === 'scenario' ? await checkScenarioRun(loaded.scenario, options.data, { acceptWeakFit: options.acceptWeakFit === true, onWaiting: waitingNotice(io.stderr) }) : [];
          for (const warning of warnings) io.stderr.write(`${chalk.yellow(options.strict ? 'error:' : 'warning:')} ${formatWarning(warning)}\n`);
          if (options.strict && warnings.length > 0) {
            failed = true;
            continue;
          }
          await writePieces(io.stdout, [`${summary(file, loaded)}${warnings.length > 0 ? ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'})` : ''}\n`]);
        } catch (err) {
          if (!(err instanceof UserInputError)) throw err;
          failed = true;
          io.stderr.write(`${chalk.red('error:')} ${err.format()}\n`);
        }
      }
      if (failed) setExitCode(ExitCode.usage);
    });
}
