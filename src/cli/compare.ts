/**
 * `loyalty-sim compare <program.yaml>... --data FILE.csv [ingest options] [--gross-margin M]
 * [--horizon H]`: the programs side by side on a purchase history, without writing a scenario.
 * The scenario is assembled from the options (config/scenario-assembly.ts), loaded and checked
 * as a scenario file is, and simulated and reported as `run` does; a problem with a setting is
 * reported at the option that gave it, a problem in a program file in that file.
 */
import type { Command } from 'commander';
import { loadScenarioText } from '../config/load.js';
import { ConfigError } from '../config/issues.js';
import { assembledScenarioText, type DataSettings } from '../config/scenario-assembly.js';
import { CLI_WORDING, type IngestSetting } from '../data/setting-wording.js';
import { UserInputError, type SourceLocation } from '../errors.js';
import type { CommandContext } from './command-context.js';
import { addIngestOptions, ingestOptionsFrom, waitingNotice, type IngestOptionValues } from './ingest-options.js';
import { addSimulationOptions, parseSimulationOptions, simulateAndReport, type SimulationOptionValues } from './run.js';

interface CompareOptionValues extends IngestOptionValues, SimulationOptionValues {
  data?: string;
  grossMargin: string;
  horizon: string;
  currency?: string;
  name?: string;
}

/**
 * The name messages give the assembled scenario; it is never read or written. In the working
 * folder, so that the program and data files are found where the user named them.
 */
const ASSEMBLED_SCENARIO = '(compare)';

const GROSS_MARGIN_HINT =
  "Give it with --gross-margin, e.g. --gross-margin 30% or --gross-margin 'pert(0.25, 0.3, 0.35)', or map the data's margin or cost column with --columns margin=YourColumn (or cost=YourColumn).";

/** The option that set a key of the assembled scenario, and what to do about a problem with it. */
function optionOf(field: string | undefined): { field?: string; hint?: string } {
  if (field === undefined || field === '') return {};
  if (field === 'data' || field.startsWith('data.file')) return { field: '--data' };
  const dataSetting = /^data\.(\w+)/.exec(field);
  if (dataSetting) return { field: CLI_WORDING.name(dataSetting[1] as IngestSetting) };
  if (field.startsWith('economics.grossMargin')) return { field: '--gross-margin', hint: GROSS_MARGIN_HINT };
  if (field.startsWith('economics.currency')) return { field: '--currency' };
  if (field === 'name') return { field: '--name' };
  if (field === 'horizon') return { field: '--horizon' };
  // The message names the program file (`program file 'x.yaml' not found`).
  if (/^programs\[\d+\]/.test(field)) return { hint: 'Program files are found relative to the current folder.' };
  return { field };
}

/** A place in the assembled scenario as the option that set it; places in other files unchanged. */
function relocate(location: SourceLocation): SourceLocation {
  if (location.file !== ASSEMBLED_SCENARIO) return location;
  const { field } = optionOf(location.field);
  return field !== undefined ? { field } : {};
}

/** A problem located in the assembled scenario, reported at the option that set it (every problem of a ConfigError). */
function relocatedError(err: UserInputError): UserInputError {
  const issues =
    err instanceof ConfigError
      ? err.issues.map((issue) => ({ message: issue.message, hint: issue.hint, location: { file: issue.file, line: issue.line, column: issue.column, field: issue.field || undefined } }))
      : [{ message: err.message, hint: err.hint, location: err.location }];
  if (!issues.some((issue) => issue.location.file === ASSEMBLED_SCENARIO)) return err;
  const located = issues.map((issue) => {
    if (issue.location.file !== ASSEMBLED_SCENARIO) return new UserInputError(issue.message, issue.location, issue.hint);
    const option = optionOf(issue.location.field);
    return new UserInputError(issue.message, relocate(issue.location), option.hint ?? issue.hint);
  });
  const [first, ...rest] = located;
  const lines = [...(first.hint ? [first.hint] : []), ...rest.map((other) => other.format().replaceAll('\n  ', '\n    '))];
  if (rest.length > 0) lines.push(`${located.length} problems in total`);
  return new UserInputError(first.message, first.location, lines.join('\n  ') || undefined);
}

/** The data block from the options: the file relative to the working folder, and the ingest options given. */
function dataBlock(file: string, values: IngestOptionValues): { file: string } & Partial<DataSettings> {
  const { delimiter, decimal, columns, dateFormat, onBadRow, calibrationEnd, period, zeroAmount } = ingestOptionsFrom(values);
  const settings: Partial<DataSettings> = { columns, delimiter, decimal, dateFormat, onBadRow, zeroAmount, calibrationEnd, period };
  return { file, ...Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) };
}

export function registerCompareCommand(program: Command, { io }: CommandContext): void {
  const command = program
    .command('compare')
    .description('Compare program files side by side on a purchase history, without writing a scenario: the same report as run.')
    .argument('<programs...>', 'program YAML files (each with type:, as in scenarios/programs/)')
    .option('--data <file>', 'purchase-history CSV the customer model is fitted to (required)')
    .option('--gross-margin <margin>', "gross margin as a share of the price: 30%, 0.3 or a distribution such as 'pert(0.25, 0.3, 0.35)' (default: from the data's margin or cost column)", 'from-data')
    .option('--horizon <length>', "how far ahead to simulate: '26 weeks', '12 months', '2 years'", '12 months')
    .option('--currency <code>', 'currency of the amounts, shown in the report (e.g. EUR)')
    .option('--name <title>', 'title of the comparison in the report (default: the programs\' names)');
  addIngestOptions(command);
  addSimulationOptions(command)
    .addHelpText(
      'after',
      `
The programs are simulated as a scenario file listing them would be (see run): the same checks,
the same random numbers for the baseline and every program, the same report.

Examples:
  loyalty-sim compare scenarios/programs/discount-5.yaml scenarios/programs/points-5.yaml \\
      --data scenarios/data/sample-retailer.csv
  loyalty-sim compare 5-off.yaml points.yaml --data sales.csv --gross-margin 30% --horizon 2 years
  loyalty-sim compare *.yaml --data sales.csv --columns customer=CustomerID,date=InvoiceDate --json > report.json`,
    )
    .action(async (programFiles: string[], options: CompareOptionValues) => {
      if (options.data === undefined) {
        throw new UserInputError('no purchase history given', { field: '--data' }, 'Name the CSV the programs are compared on, e.g. --data sales.csv.');
      }
      parseSimulationOptions(options);
      const data = dataBlock(options.data, options);
      const text = assembledScenarioText({
        name: options.name ?? 'Programs compared',
        programFiles,
        data,
        grossMargin: options.grossMargin,
        horizon: options.horizon,
        currency: options.currency,
      });
      try {
        const loaded = await loadScenarioText(text, ASSEMBLED_SCENARIO, { onWaiting: waitingNotice(io.stderr) });
        const named = options.name === undefined ? { ...loaded, name: loaded.scenario.programs.map((p) => p.name).join(' vs ') } : loaded;
        await simulateAndReport(named, options, io, { relocate, wording: CLI_WORDING });
      } catch (err) {
        throw err instanceof UserInputError ? relocatedError(err) : err;
      }
    });
}
