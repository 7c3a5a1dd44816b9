/**
 * Worker thread of the simulation. It is started with the run's setup, its resolved iterations
 * and the shared memory of the run (IterationQueue): it builds an IterationSimulator, then takes
 * iterations from the queue the calling thread takes from too, simulates each straight into its
 * place in the shared result arrays, and posts one message when the queue is empty.
 *
 * No message per iteration: handling a message between iterations made a worker's iterations
 * about 15% slower than the same loop without it (bench/worker-scaling.bench.js), so the
 * iterations run back to back, with no return to the event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IterationSimulator, type SimulationSetup } from './iteration-simulator.js';
import type { ResolvedIteration } from './simulation-input.js';
import { IterationQueue, type SharedRun } from './iteration-queue.js';

export interface WorkerStart {
  setup: SimulationSetup;
  iterations: ResolvedIteration[];
  shared: SharedRun;
}

/** Posted once the queue is empty (or the run was stopped): every iteration this worker took is written. */
export interface WorkerFinished {
  finished: true;
}

const port = parentPort;
if (port === null) throw new Error('simulation-worker.js must run in a worker thread');
const { setup, iterations, shared } = workerData as WorkerStart;
const simulator = new IterationSimulator(setup);
const queue = new IterationQueue(shared);
for (let i = queue.take(); i >= 0; i = queue.take()) {
  queue.simulate(simulator, i, iterations[i]);
}
port.postMessage({ finished: true } satisfies WorkerFinished);
