/**
 * The options of every command that simulates a scenario (`run`, `check`): iterations, seed,
 * workers, progress and the weak-fit acceptance, parsed in one place, and the run itself with
 * its progress bar, input summary and warnings on stderr.
 */
import { availableParallelism } from 'node:os';
import chalk from 'chalk';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { LoadedScenario } from '../config/load.js';
import { UserInputError, type SourceLocation } from '../errors.js';
import type { SettingWording } from '../data/setting-wording.js';
import { renderRunInputsText } from '../report/fit-inputs-text.js';
import type { PrecisionSettings, SimulationReport } from '../report/report-model.js';
import { formatCount, formatSignificant } from '../report/format-number.js';
import { targetErrorText } from '../report/precision-text.js';
import type { PrecisionWorst } from '../run/precision.js';
import { runScenario, type RunOverrides } from '../run/run-scenario.js';
import { formatWarning, type ScenarioWarning } from '../run/scenario-warnings.js';
import { maxWorkers, SINGLE_THREAD_WORK, tooManyWorkersError } from '../sim/simulate.js';
import type { CliIo } from './command-context.js';
import { waitingNotice } from './ingest-options.js';
import type { OutputStream } from './output.js';

/** The simulation options as commander gives them. */
export interface SimulationOptionValues {
  iterations?: string;
  seed?: string;
  workers?: string;
  progress: boolean;
  acceptWeakFit?: boolean;
}

/** The simulation options, checked. */
export interface SimulationSettings {
  iterations?: number;
  seed?: number;
  workers?: number;
  progress: boolean;
  acceptWeakFit: boolean;
}

/** Add -n/--iterations, -s/--seed, -w/--workers, --no-progress and --accept-weak-fit to a command. */
export function addSimulationOptions(command: Command): Command {
  return command
    .option('-n, --iterations <n>', 'Monte Carlo iterations (overrides the scenario)')
    .option('-s, --seed <n>', 'random seed (overrides the scenario); the same seed gives the same output')
    .option(
      '-w, --workers <n>',
      `threads simulating, the calling one included (default: ${availableParallelism()}, the available cores, or 1 when customers x iterations x worlds is below ${SINGLE_THREAD_WORK.toLocaleString('en-US')}, where a worker's start-up costs more than it saves; at most ${maxWorkers()}); the output does not depend on it`,
    )
    .option('--no-progress', 'no progress bar and no summary of the inputs on stderr (warnings still show)')
    .option('--accept-weak-fit', 'simulate with a customer model the data cannot identify (with a warning) instead of refusing it');
}

/** A whole number in [min, max] given for `option`. */
export function parseWholeNumber(text: string | undefined, option: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(value) && value >= min && value <= max)) {
    throw new UserInputError(`'${text}' is not a whole number from ${min} to ${max}`, { field: option });
  }
  return value;
}

/** The simulation options checked: a bad value is a UserInputError naming its flag. */
export function parseSimulationOptions(options: SimulationOptionValues): SimulationSettings {
  const iterations = parseWholeNumber(options.iterations, '--iterations', 1, 1_000_000);
  const seed = parseWholeNumber(options.seed, '--seed', 0, 2 ** 32 - 1);
  const workers = parseWholeNumber(options.workers, '--workers', 1, Number.MAX_SAFE_INTEGER);
  if (workers !== undefined && workers > maxWorkers()) throw tooManyWorkersError(workers, '--workers');
  return { iterations, seed, workers, progress: options.progress, acceptWeakFit: options.acceptWeakFit === true };
}

/** The files a scenario reads (itself, its program files, its data), which no output may overwrite. */
export function scenarioInputFiles(loaded: LoadedScenario): string[] {
  return [loaded.file, ...loaded.programFiles.filter((f) => f !== undefined), ...(loaded.scenario.data ? [loaded.scenario.data.file] : [])];
}

/** A progress bar on `stream` (stderr), shown only on a terminal, and only once the run has taken a second. */
export function progressBar(enabled: boolean, stream: OutputStream): { update: (done: number, total: number) => void; stop: () => void } {
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

/**
 * The stderr line once `--target-error` has fixed the iterations: how many, and the program
 * farthest from the target; when the maximum came first, the warning (the exit code is unchanged).
 */
export function precisionNotice(precision: PrecisionSettings, iterations: number, worst: PrecisionWorst | undefined, currency: string): string {
  const target = targetErrorText(precision, currency);
  const error = (p: PrecisionWorst) =>
    precision.relative ? `${formatSignificant((100 * p.mcse) / Math.abs(p.mean))}% of its |mean|` : `${formatSignificant(p.mcse)} ${currency}`;
  const largest = worst === undefined ? '' : ` (largest: '${worst.program}', ${error(worst)})`;
  if (precision.met) {
    return `precision: ${formatCount(iterations)} iterations: the standard error of every program's mean incremental profit is below ${target}${largest}`;
  }
  return (
    `--target-error not met: after the maximum of ${formatCount(iterations)} iterations the standard error of ` +
    `${worst === undefined ? "a program's" : `'${worst.program}''s`} mean incremental profit is ${worst === undefined ? 'unknown' : error(worst)}, not below ${target}; ` +
    'the report is that of these iterations. Raise --max-iterations or loosen the target.'
  );
}

/** How a command that simulates a scenario it assembled shows the scenario's places (see compare.ts). */
export interface ReportHooks {
  /** A problem or warning located in the scenario, as the user should read it (e.g. at the option that set it). */
  relocate?: (location: SourceLocation) => SourceLocation;
  /** Another wording of the data settings for the data's messages (default: the scenario's data keys). */
  wording?: SettingWording;
}

/** The feedback of a running simulation, as run overrides, and the end of its progress bar. */
export interface SimulationFeedback {
  overrides: Required<Pick<RunOverrides, 'acceptWeakFit' | 'onProgress' | 'onWarnings' | 'onWaiting' | 'onInputs'>> &
    Pick<RunOverrides, 'iterations' | 'seed' | 'workers'>;
  stop: () => void;
}

/**
 * What the CLI shows on stderr for every simulation, with the settings as run overrides: the
 * warnings about the scenario's settings (at the places `relocate` gives), a notice while its
 * data is awaited, the summary of its inputs and the progress bar (these two unless
 * --no-progress). Call `stop` when the simulation ends.
 */
export function simulationFeedback(settings: SimulationSettings, io: CliIo, relocate: (location: SourceLocation) => SourceLocation = (location) => location): SimulationFeedback {
  const progress = progressBar(settings.progress, io.stderr);
  return {
    overrides: {
      iterations: settings.iterations,
      seed: settings.seed,
      workers: settings.workers,
      acceptWeakFit: settings.acceptWeakFit,
      onProgress: progress.update,
      onWarnings: (warnings: ScenarioWarning[]) => {
        for (const warning of warnings) io.stderr.write(`${chalk.yellow('warning:')} ${formatWarning({ ...warning, location: relocate(warning.location) })}\n`);
      },
      onWaiting: waitingNotice(io.stderr),
      onInputs: (inputs) => io.stderr.write(renderRunInputsText(inputs, settings.progress)),
    },
    stop: progress.stop,
  };
}

/**
 * Run the scenario with the settings, showing on stderr what the CLI shows for every simulation
 * (simulationFeedback). `overrides` adds a command's own.
 */
export async function runScenarioWithProgress(
  loaded: LoadedScenario,
  settings: SimulationSettings,
  io: CliIo,
  overrides: Pick<RunOverrides, 'breakEven' | 'onIterationMetrics' | 'sensitivity' | 'targetError'> = {},
  hooks: ReportHooks = {},
): Promise<SimulationReport> {
  const relocate = hooks.relocate ?? ((location: SourceLocation) => location);
  const feedback = simulationFeedback(settings, io, relocate);
  const currency = loaded.scenario.economics.currency ?? 'currency units';
  const onPrecision: RunOverrides['onPrecision'] = (precision, iterations, worst) => {
    feedback.stop();
    const lines = precisionNotice(precision, iterations, worst, currency);
    // The iterations needed are the answer to --target-error: printed with --no-progress too.
    io.stderr.write(precision.met ? `${lines}\n` : `${chalk.yellow('warning:')} ${lines}\n`);
  };
  try {
    const report = await runScenario(loaded, { ...overrides, wording: hooks.wording, ...feedback.overrides, onPrecision });
    if (hooks.relocate === undefined || report.warnings === undefined) return report;
    return { ...report, warnings: report.warnings.map(({ code, message, file, line, column, field }) => ({ code, message, ...relocate({ file, line, column, field }) })) };
  } finally {
    feedback.stop();
  }
}
