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
import { DEFAULT_MAX_ITERATIONS, DEFAULT_MIN_ITERATIONS, type PrecisionTarget } from '../run/precision.js';
import type { CliIo, CommandContext } from './command-context.js';
import { waitingNotice } from './ingest-options.js';
import { checkShardOptions, simulateShardAndWrite } from './shard.js';
import { addReportOutputOptions, openReportOutput, reportOutputPlan, type ReportOutputSpec, type ReportOutputValues } from './report-output.js';
import {
  addSimulationOptions,
  parseSimulationOptions,
  parseWholeNumber,
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
  targetError?: string;
  minIterations?: string;
  maxIterations?: string;
}

/**
 * `--target-error E` (money, or `E%` of |mean|) with `--min-iterations` and `--max-iterations`,
 * checked; undefined without --target-error (then the other two are refused).
 */
function parsePrecisionTarget(options: RunOptionValues): PrecisionTarget | undefined {
  if (options.targetError === undefined) {
    const given = options.minIterations !== undefined ? '--min-iterations' : options.maxIterations !== undefined ? '--max-iterations' : undefined;
    if (given !== undefined) throw new UserInputError(`${given} applies only with --target-error`, { field: given }, 'Give --target-error E (an amount, or a percentage such as 1%), or --iterations N.');
    return undefined;
  }
  if (options.iterations !== undefined) {
    throw new UserInputError('--iterations and --target-error both say how many iterations to run', { field: '--target-error' }, 'Give one of them: --iterations N for a fixed number, --target-error E to run until the error is below E.');
  }
  const text = options.targetError.trim();
  const relative = text.endsWith('%');
  const number = relative ? text.slice(0, -1).trim() : text;
  const value = /^(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(number) ? Number(number) : NaN;
  if (!(Number.isFinite(value) && value > 0)) {
    throw new UserInputError(
      `'${options.targetError}' is not a target error`,
      { field: '--target-error' },
      "Give a positive amount in the scenario's currency (--target-error 500) or a percentage of the mean (--target-error 1%).",
    );
  }
  const minIterations = parseWholeNumber(options.minIterations, '--min-iterations', 2, 1_000_000) ?? DEFAULT_MIN_ITERATIONS;
  const maxIterations = parseWholeNumber(options.maxIterations, '--max-iterations', 2, 1_000_000) ?? Math.max(DEFAULT_MAX_ITERATIONS, minIterations);
  if (minIterations > maxIterations) {
    throw new UserInputError(`--min-iterations ${minIterations} is more than --max-iterations ${maxIterations}`, { field: '--min-iterations' }, 'Give a minimum at most the maximum.');
  }
  return { targetError: relative ? value / 100 : value, relative, minIterations, maxIterations };
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
export function runOutputSpec(explain: boolean): ReportOutputSpec<RunFormat, SimulationReport> {
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
    .option('--sensitivity', "add each program's tornado (profit with each assumption at its P10 and P90) and each assumption's value of information (EVPPI) to the report")
    .option(
      '--target-error <E>',
      "run until the Monte Carlo standard error of every program's mean incremental profit is below E: an amount in the scenario's currency (500) or a share of the mean (1%); instead of --iterations",
    )
    .option('--min-iterations <n>', `with --target-error: the first checkpoint, doubled until the target is met (default ${DEFAULT_MIN_ITERATIONS})`)
    .option('--max-iterations <n>', `with --target-error: the most iterations (default ${DEFAULT_MAX_ITERATIONS.toLocaleString('en-US')}); reaching it first is a warning`);
}

/** Check run's options before anything is read: a bad value is a UserInputError naming its option. */
export function checkRunOptions(options: RunOptionValues): void {
  parseSimulationOptions(options);
  parseBreakEvenMethod(options.breakEven);
  parsePrecisionTarget(options);
  reportOutputPlan(options, runOutputSpec(false));
}

/**
 * Simulate a loaded scenario with run's options and write the report in its format to stdout,
 * the `--out` file or the `--out-dir` folder: what `run` does after loading, shared with `compare` and `init`.
 */
export async function simulateAndReport(loaded: LoadedScenario, options: RunOptionValues, io: CliIo, hooks: ReportHooks = {}): Promise<void> {
  const settings = parseSimulationOptions(options);
  const breakEven = parseBreakEvenMethod(options.breakEven);
  const targetError = parsePrecisionTarget(options);
  const spec = runOutputSpec(options.explain === true);
  const output = await openReportOutput(reportOutputPlan(options, spec), spec, io, scenarioInputFiles(loaded));
  try {
    const report = await runScenarioWithProgress(loaded, settings, io, { breakEven, sensitivity: options.sensitivity === true, targetError }, hooks);
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
  loyalty-sim run my.yaml --sensitivity             which assumptions move the profit, and what knowing each is worth
  loyalty-sim run my.yaml --target-error 1%         iterations until every program's mean profit is known within 1%
  loyalty-sim run my.yaml --shard 2/3 -o part-2.json  the second of three shards (then: loyalty-sim merge part-*.json)`,
    )
    .option('--shard <k/n>', "simulate only the k-th of n blocks of the iterations and write a shard file for `loyalty-sim merge` (with -o part-k.json; break-even first-order)")
    .action(async (file: string | undefined, options: RunOptionValues & { shard?: string }) => {
      checkRunOptions(options);
      const shard = options.shard !== undefined ? checkShardOptions({ ...options, shard: options.shard }) : undefined;
      const loaded = await loadScenario(file ?? defaultScenarioPath(), { onWaiting: waitingNotice(io.stderr) });
      if (shard === undefined) return simulateAndReport(loaded, options, io);
      const extras = { breakEven: parseBreakEvenMethod(options.breakEven), sensitivity: options.sensitivity === true, targetError: parsePrecisionTarget(options) };
      await simulateShardAndWrite(loaded, shard, parseSimulationOptions(options), extras, options.out, io);
    });
}
