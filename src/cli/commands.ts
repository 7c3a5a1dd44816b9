/** The list of commands. Each command lives in its own file and registers itself here. */
import type { Command } from 'commander';
import type { CommandContext } from './main.js';
import { registerValidateCommand } from './validate.js';

export function registerCommands(program: Command, context: CommandContext): void {
  void program;
  void context;
  registerValidateCommand(program, context);
}
