/** The list of commands. Each command lives in its own file and registers itself here. */
import type { Command } from 'commander';
import type { CommandContext } from './main.js';
import { registerValidateCommand } from './validate.js';
import { registerGenerateCommand } from './generate.js';
import { registerFitCommand } from './fit.js';
import { registerSummarizeCommand } from './summarize.js';

export function registerCommands(program: Command, context: CommandContext): void {
  void program;
  void context;
  registerValidateCommand(program, context);
  registerGenerateCommand(program, context);
  registerFitCommand(program, context);
  registerSummarizeCommand(program, context);
}
