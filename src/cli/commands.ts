/** The list of commands. Each command lives in its own file and registers itself here. */
import type { Command } from 'commander';
import type { CommandContext } from './command-context.js';
import { registerValidateCommand } from './validate.js';
import { registerGenerateCommand } from './generate.js';
import { registerFitCommand } from './fit.js';
import { registerSummarizeCommand } from './summarize.js';
import { registerRunCommand } from './run.js';
import { registerCompareCommand } from './compare.js';
import { registerInitCommand } from './init.js';
import { registerLiabilityCommand } from './liability.js';
import { registerCheckCommand } from './check.js';
import { registerSchemaCommand } from './schema.js';
import { registerSweepCommand } from './sweep.js';
import { registerOptimiseCommand } from './optimise.js';
import { registerBreakageCommand } from './breakage.js';
import { registerUpliftCommand } from './uplift.js';
import { registerMergeCommand } from './merge.js';
import { registerSqlCommand } from './sql.js';

export function registerCommands(program: Command, context: CommandContext): void {
  registerValidateCommand(program, context);
  registerGenerateCommand(program, context);
  registerFitCommand(program, context);
  registerSummarizeCommand(program, context);
  registerRunCommand(program, context);
  registerCompareCommand(program, context);
  registerInitCommand(program, context);
  registerLiabilityCommand(program, context);
  registerCheckCommand(program, context);
  registerSchemaCommand(program, context);
  registerSweepCommand(program, context);
  registerOptimiseCommand(program, context);
  registerBreakageCommand(program, context);
  registerUpliftCommand(program, context);
  registerMergeCommand(program, context);
  registerSqlCommand(program, context);
}
