/**
 * `loyalty-sim compare <program.yaml>... --data FILE.csv [ingest options] [--gross-margin M]
 * [--horizon H]`: the programs side by side on a purchase history, without writing a scenario.
 * The scenario is assembled from the options (config/scenario-assembly.ts), loaded and checked
 * as a scenario file is, and simulated and reported as `run` does; a problem with a setting is
 * reported at the option that gave it, a problem in a program file in that file.
 */
import type { Command } from 'commander';
import { loadScenarioText } from '../config/load.js';
import { assembledScenarioText, type DataSettings } from '../config/scenario-assembly.js';
import { CLI_WORDING } from '../data/setting-wording.js';
import { UserInputError } from '../errors.js';
import { relocated, relocatedError, scenarioKeyOption, type OptionAt } from './assembled-locations.js';
import type { CommandContext } from './command-context.js';
import { addIngestOptions, ingestOptionsFrom, waitingNotice, type IngestOptionValues } from './ingest-options.js';
import { addRunOptions, checkRunOptions, simulateAndReport, type RunOptionValues } from './run.js';

interface CompareOptionValues extends IngestOptionValues, RunOptionValues {
  data?: string;
  grossMargin?: string;
  horizon?: string;
  currency?: string;
  name?: string;
}

/**
 * The name messages give the assembled scenario; it is never read or written. In the working
 * folder, so that the program and data files are found where the user named them.
 */
const ASSEMBLED_SCENARIO = '(compare)';

/** The assembled scenario's places as the options that set them; other files' places unchanged. */
const optionAt: OptionAt = (location) => (location.file === ASSEMBLED_SCENARIO ? scenarioKeyOption(location.field) : undefined);

/** The data block from the options: the file relative to the working folder, and the ingest options given. */
function dataBlock(file: string, values: IngestOptionValues): { file: string } & Partial<DataSettings> {
  const { delimiter, decimal, columns, dateFormat, onBadRow, calibrationEnd, period, zeroAmount } = ingestOptionsFrom(values);
  const settings: Partial<DataSettings> = { columns, delimiter, decimal, dateFormat, onBadRow, zeroAmount, calibrationEnd, period };
  return { file, ...Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) };
}

export function registerCompareCommand(program: Command, { io }: CommandContext): void {
  const command = program
    .command('compare')
    .description('compare program files side by side on a purchase history, without writing a scenario (the report of run)')
    .argument('<programs...>', 'program YAML files (each with type:, as in scenarios/programs/)')
    .option('--data <file>', 'purchase-history CSV the customer model is fitted to (required)')
    .option('--gross-margin <margin>', "gross margin as a share of the price: 30%, 0.3 or a distribution such as 'pert(0.25, 0.3, 0.35)' (default: from the data's margin or cost column)")
    .option('--horizon <length>', "how far ahead to simulate: '26 weeks', '12 months', '2 years' (default 12 months)")
    .option('--currency <code>', 'currency of the amounts, shown in the report (e.g. EUR)')
    .option('--name <title>', 'title of the comparison in the report (default: the programs\' names)');
  addIngestOptions(command);
  addRunOptions(command)
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
      checkRunOptions(options);
      const data = dataBlock(options.data, options);
      const text = assembledScenarioText({
        name: options.name ?? 'Programs compared',
        programFiles,
        data,
        grossMargin: options.grossMargin ?? 'from-data',
        horizon: options.horizon ?? '12 months',
        currency: options.currency,
      });
      try {
        const loaded = await loadScenarioText(text, ASSEMBLED_SCENARIO, { onWaiting: waitingNotice(io.stderr) });
        const named = options.name === undefined ? { ...loaded, name: loaded.scenario.programs.map((p) => p.name).join(' vs ') } : loaded;
        await simulateAndReport(named, options, io, { relocate: (location) => relocated(location, optionAt), wording: CLI_WORDING });
      } catch (err) {
        throw err instanceof UserInputError ? relocatedError(err, optionAt) : err;
      }
    });
}
