/**
 * The command-line entry point: builds the commander program, runs it, and maps outcomes to exit
 * codes (0 ok, 1 a check failed, 2 usage or input error). Commands live one per file beside this
 * one and contain no business logic.
 */
import { Command, CommanderError } from 'commander';
import chalk from 'chalk';
import { readFileSync } from 'node:fs';
import { ExitCode, UserInputError } from '../errors.js';
import type { CommandContext } from './command-context.js';
import { registerCommands } from './commands.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Colour only on a terminal, and never with NO_COLOR or --no-color. */
function configureColour(argv: string[]): void {
  const noColour = argv.includes('--no-color') || 'NO_COLOR' in process.env || !process.stdout.isTTY;
  if (noColour) chalk.level = 0;
}

export function buildProgram(context: CommandContext): Command {
  const program = new Command();
  program
    .name('loyalty-sim')
    .description(
      'Simulate and price customer loyalty programs (discount, points, tiers, paid clubs, coalitions)\n' +
        'against a no-program baseline, from your own purchase history.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--no-color', 'plain output without colours (also when NO_COLOR is set)')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (text, write) => write(text) });
  registerCommands(program, context);
  program.addHelpText(
    'after',
    `
Exit codes:
  0  success
  1  a check or guardrail failed
  2  bad usage or bad input (the message names the file, line and field)`,
  );
  return program;
}

export async function main(argv: string[]): Promise<number> {
  configureColour(argv);
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    // A closed pipe (`loyalty-sim ... | head`) is not an error of ours.
    if (err.code === 'EPIPE') process.exit(ExitCode.ok);
    throw err;
  });
  let exitCode: number = ExitCode.ok;
  const program = buildProgram({ setExitCode: (code) => (exitCode = code) });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version end with exitCode 0; every other commander error is a usage error.
      return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (err instanceof UserInputError) {
      process.stderr.write(`${chalk.red('error:')} ${err.format()}\n`);
      return ExitCode.usage;
    }
    throw err;
  }
}
