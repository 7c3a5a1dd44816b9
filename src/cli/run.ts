/**
 * `loyalty-sim run [scenario.yaml]`: simulate a scenario (the bundled default when no file is
 * given) and print the side-by-side comparison, or the report as JSON. Only argument parsing,
 * progress display and the choice of reporter live here; `compare` and `init` report the
 * scenarios they assemble through the same `simulateAndReport`.
 */
import type { Command } from 'commander';
import { loadScenario, type LoadedScenario } from '../config/load.js';
import { defaultScenarioPath } from '../config/default-scenario.js';
import { UserInputError } from '../errors.js';
import { BREAK_EVEN_METHODS, type BreakEvenMethod } from '../metrics/break-even.js';
import { RUN_FORMATS, runDataFiles, runReporter, type RunFormat } from '../report/reporters.js';
import type { SimulationReport } from '../report/report-model.js';
import type { CliIo, CommandContext } from './command-context.js';
import { waitingNotice } from './ingest-options.js';
import { addReportOutputOptions, openReportOutput, reportOutputPlan, type ReportOutputSpec, type ReportOutputValues } from './report-output.js';
import {
  addSimulationOptions,
  parseSimulationOptions,
  runScenarioWithProgress,
  scenarioInputFiles,
  type ReportHooks,
  type SimulationOptionValues,
} from './simulation-options.js';

/** The options of `run` (and of `compare`, which reports as `run` does). */
export interface RunOptionValues extends SimulationOptionValues, ReportOutputValues {
  explain?: boolean;
  breakEven?: string;
  sensitivity?: boolean;
}

/** The `--break-even` method, if given. */
function parseBreakEvenMethod(text: string | undefined): BreakEvenMethod | undefined {
  if (text === undefined) return undefined;
  const method = BREAK_EVEN_METHODS.find((candidate) => candidate === text.trim());
  if (method === undefined) {
    throw new UserInputError(`'${text}' is not a break-even method`, { field: '--break-even' }, `Give ${BREAK_EVEN_METHODS.join(' or ')}.`);
  }
  return method;
}

/** run's formats, and what --out-dir writes; `explain`: the table prints every metric's definition. */
function runOutputSpec(explain: boolean): ReportOutputSpec<RunFormat, SimulationReport> {
  return {
    formats: RUN_FORMATS,
    reporter: (format) => runReporter(format, { explain }),
    defaultFormat: 'table',
    outDir: { defaultFormat: 'html', dataFiles: (report, format) => runDataFiles(report, format) },
  };
}

/** Add the simulation options and run's report options (--format, -o, --out-dir, --json, --explain, --break-even, --sensitivity) to a command. */
export function addRunOptions(command: Command): Command {
  return addReportOutputOptions(addSimulationOptions(command), runOutputSpec(false))
    .option('--explain', "print every metric's definition under the table")
    .option(
      '--break-even <method>',
      `how the break-even figures are found: ${BREAK_EVEN_METHODS.join(' or ')} (default re-simulated: each figure by simulating the program again; first-order: a quicker approximation)`,
    )
    .option('--sensitivity', "add each program's tornado (profit with each assumption at its P10 and P90) and each assumption's value of information (EVPPI) to the report");
}

/** Check run's options before anything is read: a bad value is a UserInputError naming its option. */
export function checkRunOptions(options: RunOptionValues): void {
  parseSimulationOptions(options);
  parseBreakEvenMethod(options.breakEven);
  reportOutputPlan(options, runOutputSpec(false));
}

/**
 * Simulate a loaded scenario with run's options and write the report in its format to stdout,
 * the `--out` file or the `--out-dir` folder: what `run` does after loading, shared with `compare` and `init`.
 */
export async function simulateAndReport(loaded: LoadedScenario, options: RunOptionValues, io: CliIo, hooks: ReportHooks = {}): Promise<void> {
  const settings = parseSimulationOptions(options);
  const breakEven = parseBreakEvenMethod(options.breakEven);
  const spec = runOutputSpec(options.explain === true);
  const output = await openReportOutput(reportOutputPlan(options, spec), spec, io, scenarioInputFiles(loaded));
  try {
    const report = await runScenarioWithProgress(loaded, settings, io, { breakEven, sensitivity: options.sensitivity === true }, hooks);
    await output.write(report);
  } finally {
    await output.discard();
  }
}

export function registerRunCommand(program: Command, { io }: CommandContext): void {
  addRunOptions(
    program
      .command('run')
      .description('Simulate a scenario: the baseline and each program from the same random numbers, compared side by side.')
      .argument('[scenario]', 'scenario YAML file (default: the bundled sample scenario)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  loyalty-sim run                                   the bundled sample: 5% off vs 5% back in points
  loyalty-sim run scenarios/population-only.yaml    a scenario without purchase data
  loyalty-sim run my.yaml --iterations 5000 --seed 7
  loyalty-sim run my.yaml --json > report.json
  loyalty-sim run my.yaml -o report.html            the format from the extension: .txt .json .csv .md .html
  loyalty-sim run my.yaml --out-dir report          the report with its data files in a folder
  loyalty-sim run my.yaml --explain                 with every metric's definition under the table
  loyalty-sim run my.yaml --sensitivity             which assumptions move the profit, and what knowing each is worth`,
    )
    .action(async (file: string | undefined, options: RunOptionValues) => {
      checkRunOptions(options);
      const loaded = await loadScenario(file ?? defaultScenarioPath(), { onWaiting: waitingNotice(io.stderr) });
      await simulateAndReport(loaded, options, io);
    });
}
