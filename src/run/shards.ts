/**
 * A run split over machines: `run --shard k/n` simulates the k-th contiguous block of the run's
 * iterations, [floor(N (k - 1) / n), floor(N k / n)), and writes its per-iteration tallies with
 * what the report needs besides them (shard-file.ts); `merge` checks that the shards are the n
 * blocks of one run, joins their tallies in iteration order and computes every figure from them,
 * as the run simulated at once would: the same report, byte for byte. Iteration i depends only on
 * (seed, i) and its drawn assumptions (SimulationInput.firstIteration), so a block simulated alone
 * is that block of the whole run.
 *
 * What needs more simulation after the iterations is refused rather than approximated: the
 * re-simulated break-even search simulates every iteration again at each of its rounds, around the
 * whole run's mean, and the `--sensitivity` tornado re-simulates every iteration per assumption.
 * Shards therefore find the break-even figures to first order (`--break-even first-order`, the
 * default with --shard; the single run to compare with is `run --break-even first-order`), and
 * `--sensitivity` is refused.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import type { LoadedScenario } from '../config/load.js';
import { UserInputError } from '../errors.js';
import { REPORT_SCHEMA_VERSION, type SimulationReport } from '../report/report-model.js';
import { TOOL_NAME, toolVersion } from '../report/tool-version.js';
import { joinResults } from '../sim/join-results.js';
import { simulate } from '../sim/simulate.js';
import type { SimulationCustomers, SimulationInput, SimulationResult } from '../sim/simulation-input.js';
import { checkSimulationInput } from '../sim/validate-input.js';
import { drawIterations } from './draw-iterations.js';
import { checkFiniteTallies } from './finite-tallies.js';
import { startRun, simulatedReport, type RunOverrides } from './run-scenario.js';
import { exactJson, SHARD_FORMAT, SHARD_FORMAT_VERSION, type ShardFile, type ShardIdentity } from './shard-file.js';

/** Shard k of n (1-based). */
export interface ShardSpec {
  index: number;
  count: number;
}

/** The iterations [first, end) of shard k of n in a run of `iterations`: the k-th of n contiguous blocks, sizes differing by at most one. */
export function shardBlock(shard: ShardSpec, iterations: number): { first: number; end: number } {
  return { first: Math.floor((iterations * (shard.index - 1)) / shard.count), end: Math.floor((iterations * shard.index) / shard.count) };
}

/** SHA-256 and size of a regular file, read in chunks; null for anything else (a FIFO, a device). */
async function fileDigest(file: string): Promise<{ bytes: number; sha256: string } | null> {
  const stat = await fs.stat(file);
  if (!stat.isFile()) return null;
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * The run's content hash: SHA-256 over everything the report is computed from besides the
 * iterations simulated (the frame, the plan, the engine's input), the customers' summaries the
 * engine simulates, and the data file's digest. Two shards with one hash are blocks of one run.
 */
export function scenarioContentHash(run: ShardFile['run'], customers: SimulationCustomers, data: ShardIdentity['data']): string {
  const hash = createHash('sha256');
  hash.update(exactJson(run));
  hash.update(String(customers.count));
  for (const values of [customers.x, customers.tx, customers.T, customers.monetaryValue]) {
    const used = values.subarray(0, customers.count);
    hash.update(new Uint8Array(used.buffer, used.byteOffset, used.byteLength));
  }
  hash.update(exactJson(data));
  return hash.digest('hex');
}

/** The refusals of --shard with what needs the whole run's iterations. */
function checkShardable(overrides: RunOverrides): void {
  if (overrides.sensitivity === true) {
    throw new UserInputError(
      '--sensitivity cannot be split into shards: its tornado simulates every iteration again for each assumption',
      { field: '--shard' },
      'Run the sensitivity in one run (without --shard), or the shards without --sensitivity.',
    );
  }
  if (overrides.breakEven === 're-simulated') {
    throw new UserInputError(
      'the re-simulated break-even cannot be split into shards: each round of its search simulates every iteration again around the whole run\'s mean',
      { field: '--break-even' },
      'Give --break-even first-order (the default with --shard), or run without --shard.',
    );
  }
  if (overrides.targetError !== undefined) {
    throw new UserInputError(
      '--target-error cannot be split into shards: where to stop depends on every iteration',
      { field: '--target-error' },
      'Find the iterations with one --target-error run, then give the shards --iterations N.',
    );
  }
}

/** Simulate shard k/n of the scenario's run: its block of iterations, with what the merge needs. */
export async function runShard(loaded: LoadedScenario, shard: ShardSpec, overrides: RunOverrides = {}): Promise<ShardFile> {
  checkShardable(overrides);
  const { prepared, frame } = await startRun(loaded, overrides);
  const { input, plan, iterations } = prepared;
  if (shard.count > iterations) {
    throw new UserInputError(
      `${shard.count} shards are more than the run's ${iterations} iterations`,
      { field: '--shard' },
      'Give at most as many shards as iterations.',
    );
  }
  const block = shardBlock(shard, iterations);
  const simulated = await simulate(
    { ...input, iterations: input.iterations.slice(block.first, block.end), firstIteration: block.first },
    { workers: overrides.workers, onProgress: overrides.onProgress },
  );
  checkFiniteTallies(simulated, loaded, (world) => world - 1);
  const { customers: _customers, iterations: _drawn, ...engineInput } = input;
  const run: ShardFile['run'] = { frame, plan, input: engineInput };
  const data = loaded.scenario.data ? await fileDigest(loaded.scenario.data.file) : null;
  const { workersUsed: _workers, ...result } = simulated;
  return {
    format: SHARD_FORMAT,
    formatVersion: SHARD_FORMAT_VERSION,
    identity: {
      tool: { name: TOOL_NAME, version: toolVersion() },
      reportSchemaVersion: REPORT_SCHEMA_VERSION,
      scenarioHash: scenarioContentHash(run, input.customers, data),
      data,
      seed: input.seed,
      iterations,
      breakEvenMethod: overrides.breakEven ?? 'first-order',
      shard: { ...shard },
    },
    block,
    run,
    result,
  };
}

/** A shard file read, with the file's name for the messages. */
export interface NamedShard {
  file: string;
  shard: ShardFile;
}

/** The identity fields that must agree, with how to name them. */
const AGREEING: readonly { name: string; value: (identity: ShardIdentity) => string }[] = [
  { name: 'tool version', value: (identity) => `${identity.tool.name} ${identity.tool.version}` },
  { name: 'report schema version', value: (identity) => String(identity.reportSchemaVersion) },
  { name: 'number of shards', value: (identity) => String(identity.shard.count) },
  { name: 'seed', value: (identity) => String(identity.seed) },
  { name: 'iterations', value: (identity) => String(identity.iterations) },
  { name: 'break-even method', value: (identity) => identity.breakEvenMethod },
  { name: 'data file (SHA-256)', value: (identity) => (identity.data === null ? 'none' : identity.data.sha256.slice(0, 12)) },
  // Last: the hash covers the fields above too, which name the difference better.
  { name: 'scenario (content hash)', value: (identity) => identity.scenarioHash.slice(0, 12) },
];

const SAME_RUN_HINT = 'Merge the n shards of one run: the same scenario, data, seed, iterations and loyalty-sim version, each k from 1 to n once.';

/** The shards in order of k, checked to be the n blocks of one run; a UserInputError naming the files and what differs otherwise. */
function orderedShards(shards: readonly NamedShard[]): NamedShard[] {
  if (shards.length === 0) throw new UserInputError('no shard files given', {}, 'Give the files `loyalty-sim run --shard k/n -o part-k.json` wrote.');
  const [first] = shards;
  for (const field of AGREEING) {
    const expected = field.value(first.shard.identity);
    const other = shards.find(({ shard }) => field.value(shard.identity) !== expected);
    if (other !== undefined) {
      throw new UserInputError(
        `${first.file} and ${other.file} are not shards of one run: their ${field.name} differs (${expected} vs ${field.value(other.shard.identity)})`,
        {},
        SAME_RUN_HINT,
      );
    }
  }
  const count = first.shard.identity.shard.count;
  const byIndex = new Map<number, NamedShard>();
  for (const named of shards) {
    const { index } = named.shard.identity.shard;
    const seen = byIndex.get(index);
    if (seen !== undefined) throw new UserInputError(`${seen.file} and ${named.file} are both shard ${index}/${count}`, {}, SAME_RUN_HINT);
    byIndex.set(index, named);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !byIndex.has(k));
  if (missing.length > 0) {
    const given = [...byIndex.values()].map(({ file, shard }) => `${shard.identity.shard.index}/${count} in ${file}`).join(', ');
    throw new UserInputError(`shard${missing.length === 1 ? '' : 's'} ${missing.map((k) => `${k}/${count}`).join(', ')} missing (given: ${given})`, {}, SAME_RUN_HINT);
  }
  const ordered = Array.from({ length: count }, (_, k) => byIndex.get(k + 1)!);
  for (const { file, shard } of ordered) {
    const expected = shardBlock(shard.identity.shard, shard.identity.iterations);
    if (shard.block.first !== expected.first || shard.block.end !== expected.end || shard.result.iterations !== expected.end - expected.first) {
      throw new UserInputError(`${file} holds iterations ${shard.block.first}..${shard.block.end}, not the ${expected.first}..${expected.end} of its shard`, { file }, 'Run the shard again.');
    }
  }
  return ordered;
}

/** No customers: a merged report simulates nothing more (the first-order break-even reads the tallies). */
const NO_CUSTOMERS: SimulationCustomers = { x: new Float64Array(0), tx: new Float64Array(0), T: new Float64Array(0), monetaryValue: new Float64Array(0), count: 0 };

/** The report of the run the shards are blocks of: every figure computed from their joined tallies. */
export async function mergeShards(shards: readonly NamedShard[]): Promise<SimulationReport> {
  const ordered = orderedShards(shards);
  const { run, identity } = ordered[0].shard;
  const result: SimulationResult = joinResults(ordered.map(({ shard }) => ({ ...shard.result, workersUsed: 1 })));
  const input: SimulationInput = checkSimulationInput({ ...run.input, customers: NO_CUSTOMERS, iterations: drawIterations(run.plan) });
  return simulatedReport(run.frame, input, run.plan, result, { breakEven: identity.breakEvenMethod, sensitivity: false });
}
