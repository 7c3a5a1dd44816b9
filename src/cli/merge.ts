/**
 * `loyalty-sim merge <part.json...>`: the report of a run from its shards (`run --shard k/n`),
 * every figure computed from their joined per-iteration tallies (run/shards.ts): byte for byte
 * the report of the run simulated at once, in run's formats (--format, -o, --out-dir, --json).
 */
import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import { fileSystemError, isFileSystemError } from '../errors.js';
import { parseShardFile } from '../run/shard-file.js';
import { mergeShards, type NamedShard } from '../run/shards.js';
import type { CommandContext } from './command-context.js';
import { addReportOutputOptions, openReportOutput, reportOutputPlan } from './report-output.js';
import { runOutputSpec } from './run.js';

interface MergeOptionValues {
  format?: string;
  json?: boolean;
  out?: string;
  outDir?: string;
  explain?: boolean;
}

/** Read and parse the shard files; a file that cannot be read or is not a shard file is a UserInputError naming it. */
async function readShards(files: readonly string[]): Promise<NamedShard[]> {
  const shards: NamedShard[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if (isFileSystemError(err)) throw fileSystemError(err, file, 'read');
      throw err;
    }
    shards.push({ file, shard: parseShardFile(text, file) });
  }
  return shards;
}

export function registerMergeCommand(program: Command, { io }: CommandContext): void {
  addReportOutputOptions(
    program
      .command('merge')
      .description('the report of a run from its shard files (run --shard k/n): byte for byte the report of the run made at once')
      .argument('<parts...>', 'the shard files, one per k of n, in any order'),
    runOutputSpec(false),
  )
    .option('--explain', "print every metric's definition under the table")
    .addHelpText(
      'after',
      `
The shards must be the n blocks of one run: the same scenario and data (by content hash), seed,
iterations and loyalty-sim version, each k from 1 to n once; otherwise merge names the files and
what differs, and exits 2.

Examples:
  loyalty-sim run my.yaml --iterations 3000 --shard 1/3 -o part-1.json    (and 2/3, 3/3, anywhere)
  loyalty-sim merge part-*.json                        the table
  loyalty-sim merge part-*.json -o report.json         the JSON report (any format of run)`,
    )
    .action(async (files: string[], options: MergeOptionValues) => {
      const spec = runOutputSpec(options.explain === true);
      const plan = reportOutputPlan(options, spec);
      const shards = await readShards(files);
      const output = await openReportOutput(plan, spec, io, files);
      try {
        await output.write(await mergeShards(shards));
      } finally {
        await output.discard();
      }
    });
}
