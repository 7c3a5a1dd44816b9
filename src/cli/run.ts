/**
 * `loyalty-sim run [scenario.yaml]`: simulate a scenario (the bundled default when no file is
 * given) and print the side-by-side comparison, or the report as JSON. Only argument parsing,
 * progress display and the choice of reporter live here.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { availableParallelism } from 'node:os';
import { loadScenario, type LoadedScenario } from '../config/load.js';
import { defaultScenarioPath } from '../config/default-scenario.js';
import { UserInputError, type SourceLocation } from '../errors.js';
import type { SettingWording } from '../data/setting-wording.js';
import { BREAK_EVEN_METHODS, type BreakEvenMethod } from '../metrics/break-even.js';
import { runReporter, type RunFormat } from '../report/reporters.js';
import { renderRunInputsText } from '../report/fit-inputs-text.js';
import { runScenario } from '../run/run-scenario.js';
import { formatWarning, type ScenarioWarning } from '../run/scenario-warnings.js';
import { maxWorkers, tooManyWorkersError } from '../sim/simulate.js';
import chalk from 'chalk';
import type { CliIo, CommandContext } from './command-context.js';
import { waitingNotice } from './ingest-options.js';
import { openOutputFile, writePieces, type OutputStream } from './output.js';

export interface SimulationOptionValues {
  iterations?: string;
  seed?: string;
  workers?: string;
  json?: boolean;
  out?: string;
  progress: boolean;
  breakEven?: string;
  acceptWeakFit?: boolean;
}

/** A whole number in [min, max] given for `option`. */
function parseWholeNumber(text: string | undefined, option: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(value) && value >= min && value <= max)) {
    throw new UserInputError(`'${text}' is not a whole number from ${min} to ${max}`, { field: option });
  }
  return value;
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

/** A progress bar on `stream` (stderr), shown only on a terminal, and only once the run has taken a second. */
function progressBar(enabled: boolean, stream: OutputStream): { update: (done: number, total: number) => void; stop: () => void } {
  if (!enabled || !stream.isTTY) return { update: () => {}, stop: () => {} };
  const startedAt = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done, total) {
      if (bar === undefined) {
        if (Date.now() - startedAt < 1000 || done >= total) return;
        bar = new cliProgress.SingleBar(
          { stream, format: 'simulating [{bar}] {value}/{total} iterations, eta {eta}s', hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}

/** The options of every command that simulates (`run`, `compare`). */
export function addSimulationOptions(command: Command): Command {
  return command
    .option('-n, --iterations <n>', 'Monte Carlo iterations (overrides the scenario)')
    .option('-s, --seed <n>', 'random seed (overrides the scenario); the same seed gives the same output')
    .option('-w, --workers <n>', `worker threads (default: ${availableParallelism()}, the available cores; at most ${maxWorkers()}); the output does not depend on it`)
    .option('--json', 'print the report as JSON')
    .option('-o, --out <file>', 'write the report to a file instead of stdout (written atomically)')
    .option('--no-progress', 'no progress bar and no summary of the inputs on stderr (warnings still show)')
    .option('--accept-weak-fit', 'simulate with a customer model the data cannot identify (with a warning) instead of refusing it')
    .option(
      '--break-even <method>',
      `how the break-even figures are found: ${BREAK_EVEN_METHODS.join(' or ')} (default re-simulated: each figure by simulating the program again; first-order: a quicker approximation)`,
    );
}

/** The simulation options' values checked: a bad one is a UserInputError naming the option. */
export function parseSimulationOptions(options: SimulationOptionValues) {
  const iterations = parseWholeNumber(options.iterations, '--iterations', 1, 1_000_000);
  const seed = parseWholeNumber(options.seed, '--seed', 0, 2 ** 32 - 1);
  const workers = parseWholeNumber(options.workers, '--workers', 1, Number.MAX_SAFE_INTEGER);
  if (workers !== undefined && workers > maxWorkers()) throw tooManyWorkersError(workers, '--workers');
  return { iterations, seed, workers, breakEven: parseBreakEvenMethod(options.breakEven) };
}

/** How a command that simulates a scenario it assembled shows the scenario's places (see compare.ts). */
export interface ReportHooks {
  /** A problem or warning located in the scenario, as the user should read it (e.g. at the option that set it). */
  relocate?: (location: SourceLocation) => SourceLocation;
  /** Another setting wording for the data's messages (default: the scenario's data keys). */
  wording?: SettingWording;
}

/**
 * Simulate a loaded scenario with the command's options and write the report (table or JSON) to
 * stdout or the `--out` file: what `run` does after loading, shared with `compare`.
 */
export async function simulateAndReport(loaded: LoadedScenario, options: SimulationOptionValues, io: CliIo, hooks: ReportHooks = {}): Promise<void> {
  const { iterations, seed, workers, breakEven } = parseSimulationOptions(options);
  const onWaiting = waitingNotice(io.stderr);
  const inputs = [loaded.file, ...loaded.programFiles.filter((f) => f !== undefined), ...(loaded.scenario.data ? [loaded.scenario.data.file] : [])];
  const out = options.out === undefined ? undefined : await openOutputFile(options.out, '--out', inputs);
  const relocate = hooks.relocate ?? ((location: SourceLocation) => location);
  try {
    const progress = progressBar(options.progress, io.stderr);
    let report;
    try {
      const onWarnings = (warnings: ScenarioWarning[]) => {
        for (const warning of warnings) io.stderr.write(`${chalk.yellow('warning:')} ${formatWarning({ ...warning, location: relocate(warning.location) })}\n`);
      };
      report = await runScenario(loaded, {
        iterations,
        seed,
        workers,
        breakEven,
        acceptWeakFit: options.acceptWeakFit === true,
        onProgress: progress.update,
        onWarnings,
        onWaiting,
        wording: hooks.wording,
        onInputs: (inputs) => io.stderr.write(renderRunInputsText(inputs, options.progress)),
      });
    } finally {
      progress.stop();
    }
    if (hooks.relocate !== undefined && report.warnings !== undefined) {
      report = { ...report, warnings: report.warnings.map(({ code, message, file, line, column, field }) => ({ code, message, ...relocate({ file, line, column, field }) })) };
    }
    const format: RunFormat = options.json ? 'json' : 'table';
    const output = runReporter(format).render(report);
    if (out !== undefined) await out.commit(output);
    else await writePieces(io.stdout, output);
  } finally {
    await out?.discard();
  }
}

export function registerRunCommand(program: Command, { io }: CommandContext): void {
  addSimulationOptions(
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
  loyalty-sim run my.yaml --json > report.json`,
    )
    .action(async (file: string | undefined, options: SimulationOptionValues) => {
      parseSimulationOptions(options);
      const loaded = await loadScenario(file ?? defaultScenarioPath(), { onWaiting: waitingNotice(io.stderr) });
      await simulateAndReport(loaded, options, io);
    });
}
