/**
 * The shard file `run --shard k/n` writes and `merge` reads: one JSON document with
 *
 *   format, formatVersion  "loyalty-sim shard", 1
 *   identity               what must agree between the shards of one run: the tool and its
 *                          version, the report's schema version, the scenario's content hash,
 *                          the data file's size and SHA-256, seed, iterations, break-even method,
 *                          and this shard's k and n
 *   block                  the iterations [first, end) it simulated
 *   run                    the report's frame, the iteration plan and the engine's input without
 *                          the customers: what the merge needs to redraw every iteration's
 *                          assumptions and recompute every figure
 *   result                 its block's simulation result: every per-iteration tally
 *
 * Numbers JSON cannot write (NaN, infinities, -0) are written as {"$number": "NaN"}, and typed
 * arrays as {"$float64": base64 of their little-endian bytes, deflated; "length": n}, so what the
 * merge reads is bit for bit what the shard computed.
 */
import { endianness } from 'node:os';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { UserInputError } from '../errors.js';
import type { BreakEvenMethod } from '../metrics/break-even.js';
import type { SimulationInput, SimulationResult } from '../sim/simulation-input.js';
import type { IterationPlan } from './draw-iterations.js';
import type { ReportFrame } from './run-scenario.js';

export const SHARD_FORMAT = 'loyalty-sim shard';
export const SHARD_FORMAT_VERSION = 1;

/** What must be the same in every shard of one run (the shard's own k aside). */
export interface ShardIdentity {
  tool: { name: string; version: string };
  reportSchemaVersion: number;
  /** SHA-256 of the run's content (shards.ts scenarioContentHash): the scenario as resolved, the customers, the data file's hash. */
  scenarioHash: string;
  /** The data file: its size in bytes and SHA-256 (null without data, or when it is not a regular file: a FIFO). */
  data: { bytes: number; sha256: string } | null;
  seed: number;
  iterations: number;
  breakEvenMethod: BreakEvenMethod;
  /** This shard: k of n (1-based). */
  shard: { index: number; count: number };
}

/** The engine's input as the merge needs it: everything but the customers and the drawn iterations (redrawn from the plan). */
export type ShardInput = Omit<SimulationInput, 'customers' | 'iterations'>;

/** A simulation result without the count of worker threads that made it. */
export type ShardResult = Omit<SimulationResult, 'workersUsed'>;

export interface ShardFile {
  format: typeof SHARD_FORMAT;
  formatVersion: typeof SHARD_FORMAT_VERSION;
  identity: ShardIdentity;
  block: { first: number; end: number };
  run: { frame: ReportFrame; plan: IterationPlan; input: ShardInput };
  result: ShardResult;
}

/** JSON.stringify replacer: non-finite numbers and -0 as {$number}, Float64Arrays as {$float64, length}. */
function encodeValue(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) return { $number: Object.is(value, -0) ? '-0' : String(value) };
  if (value instanceof Float64Array) {
    if (endianness() !== 'LE') throw new Error('shard files are written on little-endian machines only');
    return { $float64: deflateRawSync(Buffer.from(value.buffer, value.byteOffset, value.byteLength)).toString('base64'), length: value.length };
  }
  return value;
}

/** JSON.parse reviver: the inverse of encodeValue. */
function decodeValue(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$number === 'string' && Object.keys(record).length === 1) return Number(record.$number);
  if (typeof record.$float64 === 'string' && typeof record.length === 'number') {
    const bytes = inflateRawSync(Buffer.from(record.$float64, 'base64'));
    if (bytes.length !== record.length * 8) throw new Error(`a typed array of ${record.length} numbers has ${bytes.length} bytes`);
    const array = new Float64Array(record.length);
    new Uint8Array(array.buffer).set(bytes);
    return array;
  }
  return value;
}

/** A value as JSON with every number kept exactly (see the file's comment). */
export function exactJson(value: unknown): string {
  return JSON.stringify(value, encodeValue);
}

/** The shard file's text. */
export function shardFileText(shard: ShardFile): string {
  return exactJson(shard) + '\n';
}

/** A shard file read back, or a UserInputError naming `file` when it is not one this tool version can read. */
export function parseShardFile(text: string, file: string): ShardFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, decodeValue);
  } catch (err) {
    throw new UserInputError(`not a shard file: ${(err as Error).message}`, { file }, 'Give the files `loyalty-sim run --shard k/n -o part-k.json` wrote.');
  }
  const shard = parsed as Partial<ShardFile> | null;
  if (shard === null || typeof shard !== 'object' || shard.format !== SHARD_FORMAT) {
    throw new UserInputError('not a shard file (no "format": "loyalty-sim shard")', { file }, 'Give the files `loyalty-sim run --shard k/n -o part-k.json` wrote.');
  }
  if (shard.formatVersion !== SHARD_FORMAT_VERSION) {
    throw new UserInputError(
      `a shard file of format version ${String(shard.formatVersion)}; this loyalty-sim reads version ${SHARD_FORMAT_VERSION}`,
      { file },
      'Run every shard and the merge with the same version of loyalty-sim.',
    );
  }
  const complete =
    shard.identity !== undefined &&
    shard.block !== undefined &&
    shard.run !== undefined &&
    shard.result !== undefined &&
    shard.result.tallies instanceof Float64Array &&
    shard.result.breakdown instanceof Float64Array &&
    shard.result.frequencyUplift instanceof Float64Array &&
    shard.result.setupCost instanceof Float64Array &&
    shard.result.pointFaceValue instanceof Float64Array;
  if (!complete) throw new UserInputError('an incomplete shard file (identity, block, run or result missing)', { file }, 'Run the shard again.');
  return shard as ShardFile;
}
