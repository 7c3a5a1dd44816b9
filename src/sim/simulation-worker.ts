/**
 * Worker thread of the simulation: builds an IterationSimulator from the setup it is started with,
 * then simulates the iterations the main thread sends, one message each, and posts their tallies
 * back (transferring the buffer, not copying it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IterationSimulator, type SimulationSetup } from './iteration-simulator.js';
import type { ResolvedIteration } from './simulation-input.js';

export interface WorkerTask {
  iteration: number;
  resolved: ResolvedIteration;
}

/** Posted once the worker's simulator is built: it takes iterations from then on. */
export interface WorkerReady {
  ready: true;
}

export interface WorkerReply {
  iteration: number;
  tallies: Float64Array;
  breakdown: Float64Array;
  /** With a customer sample: W (A - B) of its halves (IterationSimulator.run). */
  halfDifference?: Float64Array;
}

const port = parentPort;
if (port === null) throw new Error('simulation-worker.js must run in a worker thread');
const simulator = new IterationSimulator(workerData as SimulationSetup);
port.postMessage({ ready: true } satisfies WorkerReady);
port.on('message', (task: WorkerTask) => {
  const tallies = new Float64Array(simulator.tallyLength);
  const breakdown = new Float64Array(simulator.breakdownLength);
  const halfDifference = simulator.customerSample !== null ? new Float64Array(simulator.tallyLength) : undefined;
  simulator.run(task.iteration, task.resolved, tallies, breakdown, halfDifference);
  const reply: WorkerReply = { iteration: task.iteration, tallies, breakdown, ...(halfDifference !== undefined ? { halfDifference } : {}) };
  port.postMessage(reply, halfDifference !== undefined ? [tallies.buffer, breakdown.buffer, halfDifference.buffer] : [tallies.buffer, breakdown.buffer]);
});
