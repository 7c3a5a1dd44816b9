/**
 * `run --shard k/n`: simulate the k-th of n blocks of the run's iterations and write the shard
 * file `merge` combines (run/shards.ts, run/shard-file.ts), to `-o FILE` (atomically) or stdout.
 */
import type { LoadedScenario } from '../config/load.js';
import { UserInputError } from '../errors.js';
import { shardFileText } from '../run/shard-file.js';
import type { RunOverrides } from '../run/run-scenario.js';
import { runShard, type ShardSpec } from '../run/shards.js';
import type { CliIo } from './command-context.js';
import { openOutputFile, writePieces } from './output.js';
import type { ReportOutputValues } from './report-output.js';
import { scenarioInputFiles, simulationFeedback, type SimulationSettings } from './simulation-options.js';

/** `--shard k/n` checked: whole numbers with 1 <= k <= n <= 10,000. */
function parseShardSpec(text: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(count) && index >= 1 && index <= count && count <= 10_000)) {
    throw new UserInputError(`'${text}' is not a shard k/n`, { field: '--shard' }, 'Give the shard as k/n with 1 <= k <= n (at most 10,000 shards), e.g. --shard 2/3.');
  }
  return { index, count };
}

/** The options --shard refuses or ignores: a shard file is not a report. */
export function checkShardOptions(options: ReportOutputValues & { explain?: boolean; shard: string }): ShardSpec {
  const spec = parseShardSpec(options.shard);
  const reportOption = options.outDir !== undefined ? '--out-dir' : options.format !== undefined && options.format.trim() !== 'json' ? '--format' : options.explain === true ? '--explain' : undefined;
  if (reportOption !== undefined) {
    throw new UserInputError(
      `--shard writes a shard file, not a report, so ${reportOption} does not apply`,
      { field: reportOption },
      'Write the shard with -o part-k.json, then the report with loyalty-sim merge part-*.json (its --format, -o or --out-dir).',
    );
  }
  return spec;
}

/** Simulate the shard with run's settings (checked) and write its file to `out`, or stdout. */
export async function simulateShardAndWrite(
  loaded: LoadedScenario,
  spec: ShardSpec,
  settings: SimulationSettings,
  extras: Pick<RunOverrides, 'breakEven' | 'sensitivity' | 'targetError'>,
  out: string | undefined,
  io: CliIo,
): Promise<void> {
  const file = out === undefined ? undefined : await openOutputFile(out, '--out', scenarioInputFiles(loaded));
  const feedback = simulationFeedback(settings, io);
  try {
    const shard = await runShard(loaded, spec, { ...feedback.overrides, ...extras });
    feedback.stop();
    const text = shardFileText(shard);
    if (file === undefined) await writePieces(io.stdout, [text]);
    else await file.commit([text]);
    if (settings.progress) {
      io.stderr.write(`shard ${spec.index}/${spec.count}: iterations ${shard.block.first + 1} to ${shard.block.end} of ${shard.identity.iterations}${file ? ` written to ${file.path}` : ''}\n`);
    }
  } finally {
    feedback.stop();
    await file?.discard();
  }
}
