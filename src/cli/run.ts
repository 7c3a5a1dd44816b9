/**
 * `loyalty-sim run [scenario.yaml]`: simulate a scenario (the bundled default when no file is
 * given) and print the side-by-side comparison, or the report as JSON. Only argument parsing,
 * progress display and the choice of reporter live here.
 */
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { loadScenario } from '../config/load.js';
import { defaultScenarioPath } from '../config/default-scenario.js';
import { UserInputError } from '../errors.js';
import { BREAK_EVEN_METHODS, type BreakEvenMethod } from '../metrics/break-even.js';
import { runReporter, type RunFormat } from '../report/reporters.js';
import { renderRunInputsText } from '../report/fit-inputs-text.js';
import { runScenario } from '../run/run-scenario.js';
import { formatWarning, type ScenarioWarning } from '../run/scenario-warnings.js';
import { maxWorkers, tooManyWorkersError } from '../sim/simulate.js';
import chalk from 'chalk';
import type { CommandContext } from './command-context.js';
import { waitingNotice } from './ingest-options.js';
import { openOutputFile, writePieces } from './output.js';
import { parseWholeNumber, progressBar } from './simulation-options.js';

interface RunOptionValues {
  iterations?: string;
  seed?: string;
  workers?: string;
  json?: boolean;
  out?: string;
  progress: boolean;
  breakEven?: string;
  acceptWeakFit?: boolean;
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

export function registerRunCommand(program: Command, { io }: CommandContext): void {
  program
    .command('run')
    .description('Simulate a scenario: the baseline and each program from the same random numbers, compared side by side.')
    .argument('[scenario]', 'scenario YAML file (default: the bundled sample scenario)')
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
    .action(async (file: string | undefined, options: RunOptionValues) => {
      const iterations = parseWholeNumber(options.iterations, '--iterations', 1, 1_000_000);
      const seed = parseWholeNumber(options.seed, '--seed', 0, 2 ** 32 - 1);
      const workers = parseWholeNumber(options.workers, '--workers', 1, Number.MAX_SAFE_INTEGER);
      if (workers !== undefined && workers > maxWorkers()) throw tooManyWorkersError(workers, '--workers');
      const breakEven = parseBreakEvenMethod(options.breakEven);
      const onWaiting = waitingNotice(io.stderr);
      const loaded = await loadScenario(file ?? defaultScenarioPath(), { onWaiting });
      const inputs = [loaded.file, ...loaded.programFiles.filter((f) => f !== undefined), ...(loaded.scenario.data ? [loaded.scenario.data.file] : [])];
      const out = options.out === undefined ? undefined : await openOutputFile(options.out, '--out', inputs);
      try {
        const progress = progressBar(options.progress, io.stderr);
        let report;
        try {
          const onWarnings = (warnings: ScenarioWarning[]) => {
            for (const warning of warnings) io.stderr.write(`${chalk.yellow('warning:')} ${formatWarning(warning)}\n`);
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
            onInputs: (inputs) => io.stderr.write(renderRunInputsText(inputs, options.progress)),
          });
        } finally {
          progress.stop();
        }
        const format: RunFormat = options.json ? 'json' : 'table';
        const output = runReporter(format).render(report);
        if (out !== undefined) await out.commit(output);
        else await writePieces(io.stdout, output);
      } finally {
        await out?.discard();
      }
    });
}
