/**
 * The iterations of one simulate() call as a queue in shared memory, which the calling thread and
 * the worker threads take from (Atomics.add on one counter), each writing the iteration's tallies
 * at the iteration's own place in the shared result arrays. Which thread simulates an iteration
 * changes nothing in its result, so the output is the same for any number of threads.
 */
import type { IterationSimulator } from './iteration-simulator.js';
import type { ResolvedIteration } from './simulation-input.js';
import { sharedFloat64Array } from './shared-memory.js';

/** Slots of SharedRun.control. */
const NEXT = 0;
const DONE = 1;
const STOPPED = 2;
const CONTROL_SLOTS = 3;

/** The shared memory of a run: the queue's counters and the result arrays, all on SharedArrayBuffers. */
export interface SharedRun {
  /** [next iteration to take, iterations finished, 1 once stopped]. */
  control: Int32Array;
  iterations: number;
  /** Iteration j of the queue is the run's iteration firstIteration + j (its random streams' index). */
  firstIteration: number;
  tallies: Float64Array;
  blockLength: number;
  breakdown: Float64Array;
  breakdownLength: number;
  /** With a customer sample: W (A - B) of its halves, per iteration (IterationSimulator.run). */
  halfDifference?: Float64Array;
}

/** The shared memory for `iterations` iterations of these block lengths. */
export function sharedRun(iterations: number, firstIteration: number, blockLength: number, breakdownLength: number, sampled: boolean): SharedRun {
  return {
    control: new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT)),
    iterations,
    firstIteration,
    tallies: sharedFloat64Array(iterations * blockLength),
    blockLength,
    breakdown: sharedFloat64Array(iterations * breakdownLength),
    breakdownLength,
    ...(sampled ? { halfDifference: sharedFloat64Array(iterations * blockLength) } : {}),
  };
}

export class IterationQueue {
  constructor(readonly shared: SharedRun) {}

  /** The next iteration to simulate (its index in the queue), or -1 when none is left or the run is stopped. */
  take(): number {
    if (Atomics.load(this.shared.control, STOPPED) !== 0) return -1;
    const next = Atomics.add(this.shared.control, NEXT, 1);
    return next < this.shared.iterations ? next : -1;
  }

  /** Simulate iteration `j` of the queue into its place in the result arrays, then count it finished. */
  simulate(simulator: IterationSimulator, j: number, resolved: ResolvedIteration): void {
    const { blockLength, breakdownLength, tallies, breakdown, halfDifference } = this.shared;
    simulator.run(
      this.shared.firstIteration + j,
      resolved,
      tallies.subarray(j * blockLength, (j + 1) * blockLength),
      breakdown.subarray(j * breakdownLength, (j + 1) * breakdownLength),
      halfDifference?.subarray(j * blockLength, (j + 1) * blockLength),
    );
    // The atomic add orders the writes above before it: a thread that reads this count with
    // Atomics.load sees every result counted in it.
    Atomics.add(this.shared.control, DONE, 1);
  }

  /** Iterations finished so far, by every thread. */
  get done(): number {
    return Atomics.load(this.shared.control, DONE);
  }

  /** Let no thread take another iteration (those under way still finish). */
  stop(): void {
    Atomics.store(this.shared.control, STOPPED, 1);
  }
}
