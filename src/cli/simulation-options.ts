/**
 * The options of every command that simulates a scenario (`run`, `sweep`, `optimise`): iterations,
 * seed, workers, progress and the weak-fit acceptance, parsed in one place, and the progress bar
 * on stderr.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { availableParallelism } from 'node:os';
import { maxWorkers, tooManyWorkersError } from '../sim/simulate.js';
import { UserInputError } from '../errors.js';
import type { LoadedScenario } from '../config/load.js';
import type { OutputStream } from './output.js';

/** A whole number in [min, max] given for `option`. */
export function parseWholeNumber(text: string | undefined, option: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(value) && value >= min && value <= max)) {
    throw new UserInputError(`'${text}' is not a whole number from ${min} to ${max}`, { field: option });
  }
  return value;
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

/** The simulation options as given on the command line. */
export interface SimulationOptionValues {
  iterations?: string;
  seed?: string;
  workers?: string;
  progress: boolean;
  acceptWeakFit?: boolean;
}

/** Add -n/--iterations, -s/--seed, -w/--workers, --no-progress and --accept-weak-fit to a command. */
export function addSimulationOptions(command: Command): Command {
  return command
    .option('-n, --iterations <n>', 'Monte Carlo iterations (overrides the scenario)')
    .option('-s, --seed <n>', 'random seed (overrides the scenario); the same seed gives the same output')
    .option('-w, --workers <n>', `worker threads (default: ${availableParallelism()}, the available cores; at most ${maxWorkers()}); the output does not depend on it`)
    .option('--no-progress', 'no progress bar and no summary of the inputs on stderr (warnings still show)')
    .option('--accept-weak-fit', 'simulate with a customer model the data cannot identify (with a warning) instead of refusing it');
}

/** The simulation options, checked. */
export interface SimulationSettings {
  iterations?: number;
  seed?: number;
  workers?: number;
  progress: boolean;
  acceptWeakFit: boolean;
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
