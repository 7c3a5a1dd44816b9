/**
 * The Monte Carlo engine's entry point. Iterations are independent (each is seeded from
 * (seed, iteration index)), so they are spread over worker threads and their tallies written at
 * their own place in the result: the output is the same, byte for byte, for any number of workers.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { IterationSimulator, type SimulationSetup } from './iteration-simulator.js';
import type { SimulationInput, SimulationOptions, SimulationResult } from './simulation-input.js';
import type { WorkerReply, WorkerTask } from './simulation-worker.js';
import { breakdownLayout, iterationTallyLength } from './tally.js';
import { programBreakdownGroups, programPointFaceValue } from '../programs/registry.js';
import { checkSimulationInput } from './validate-input.js';
import { UserInputError } from '../errors.js';

/** The most worker threads per available core: more make a run no faster and each costs about 12 MB. */
export const WORKERS_PER_CORE = 4;
/** The most worker threads on any machine. */
export const MAX_WORKERS = 64;

/** The most worker threads a run may start here: WORKERS_PER_CORE per available core, at most MAX_WORKERS. */
export function maxWorkers(cores = availableParallelism()): number {
  return Math.min(MAX_WORKERS, WORKERS_PER_CORE * cores);
}

/** The refusal of `requested` workers beyond maxWorkers(), naming `field` (`--workers`). */
export function tooManyWorkersError(requested: number, field: string): UserInputError {
  const cores = availableParallelism();
  return new UserInputError(
    `${requested} worker threads are more than the ${maxWorkers(cores)} a run may start here (${WORKERS_PER_CORE} per available core, ${cores} core${cores === 1 ? '' : 's'}; at most ${MAX_WORKERS})`,
    { field },
    `Each worker holds its own copy of the customers, and more workers than cores make a run no faster: give at most ${maxWorkers(cores)}.`,
  );
}

/**
 * Simulate every iteration of `input`: the baseline world and one world per program.
 * Throws a UserInputError when a resolved parameter is impossible (naming the iteration and field).
 */
export async function simulate(unchecked: SimulationInput, options: SimulationOptions = {}): Promise<SimulationResult> {
  const input = checkSimulationInput(unchecked);
  const iterations = input.iterations.length;
  const programs = input.iterations[0].programs.map((program) => ({ name: program.name, type: program.type }));
  const breakdownGroups = input.iterations[0].programs.map((program) => programBreakdownGroups(program));
  const worldCount = programs.length + 1;
  const blockLength = iterationTallyLength(worldCount, input.horizonMonths);
  const tallies = new Float64Array(iterations * blockLength);
  const breakdownLength = breakdownLayout(breakdownGroups, input.horizonMonths).length;
  const breakdown = new Float64Array(iterations * breakdownLength);
  const frequencyUplift = new Float64Array(iterations * programs.length);
  const pointFaceValue = new Float64Array(iterations * programs.length);
  const setupCost = new Float64Array(iterations * programs.length);
  input.iterations.forEach((iteration, i) => {
    iteration.programs.forEach((program, p) => {
      frequencyUplift[i * programs.length + p] = program.effects.frequencyUplift;
      setupCost[i * programs.length + p] = program.costs.setup;
      pointFaceValue[i * programs.length + p] = programPointFaceValue(program);
    });
  });
  const setup: SimulationSetup = {
    customers: input.customers,
    model: input.model,
    categories: input.categories,
    newCustomersPerMonth: input.newCustomersPerMonth,
    returnRate: input.returnRate,
    horizonMonths: input.horizonMonths,
    horizonDays: input.horizonDays,
    annualDiscountRate: input.annualDiscountRate ?? 0,
    seed: input.seed,
    ...(input.customerSample !== undefined ? { customerSample: input.customerSample } : {}),
    programs: programs.map((program, i) => ({ ...program, breakdownGroups: breakdownGroups[i], streamWorld: input.streamWorlds?.[i] ?? i + 1 })),
  };

  const requested = options.workers ?? availableParallelism();
  if (!Number.isInteger(requested) || requested < 1) throw new Error(`workers must be a whole number >= 1, got ${requested}`);
  if (requested > maxWorkers()) throw tooManyWorkersError(requested, 'workers');
  const workerScript = new URL('./simulation-worker.js', import.meta.url);
  // Running from the TypeScript sources (in tests) there is no compiled worker script; the
  // in-thread run gives the same result by construction.
  const workers = existsSync(fileURLToPath(workerScript)) ? Math.min(requested, iterations) : 1;

  const sampled = input.customerSample !== undefined && input.customerSample < input.customers.count;
  const halfDifference = sampled ? new Float64Array(iterations * blockLength) : undefined;
  if (workers === 1) {
    const simulator = new IterationSimulator(setup);
    for (let i = 0; i < iterations; i++) {
      simulator.run(
        i,
        input.iterations[i],
        tallies.subarray(i * blockLength, (i + 1) * blockLength),
        breakdown.subarray(i * breakdownLength, (i + 1) * breakdownLength),
        halfDifference?.subarray(i * blockLength, (i + 1) * blockLength),
      );
      options.onProgress?.(i + 1, iterations);
      // Let the event loop run between iterations, so a signal (Ctrl-C) is handled at once.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } else {
    await runInWorkers(
      workerScript,
      workers,
      setup,
      input,
      (reply) => {
        tallies.set(reply.tallies, reply.iteration * blockLength);
        breakdown.set(reply.breakdown, reply.iteration * breakdownLength);
        if (halfDifference !== undefined && reply.halfDifference !== undefined) halfDifference.set(reply.halfDifference, reply.iteration * blockLength);
      },
      options.onProgress,
    );
  }

  return {
    worlds: ['baseline', ...programs.map((program) => program.name)],
    programs,
    iterations,
    horizonMonths: input.horizonMonths,
    horizonDays: input.horizonDays,
    seed: input.seed,
    tallies,
    breakdownGroups,
    breakdown,
    frequencyUplift,
    setupCost,
    pointFaceValue,
    workersUsed: workers,
    ...(halfDifference !== undefined
      ? { customerSample: { size: input.customerSample!, population: input.customers.count, halfDifference } }
      : {}),
  };
}

/** Hand iterations out one at a time to `count` workers until all are done. */
function runInWorkers(
  script: URL,
  count: number,
  setup: SimulationSetup,
  input: SimulationInput,
  onReply: (reply: WorkerReply) => void,
  onProgress: SimulationOptions['onProgress'],
): Promise<void> {
  const total = input.iterations.length;
  return new Promise<void>((resolve, reject) => {
    const pool: Worker[] = [];
    let nextIteration = 0;
    let done = 0;
    let failed = false;
    const stopAll = () => Promise.all(pool.map((worker) => worker.terminate()));
    const sendNext = (worker: Worker) => {
      if (nextIteration >= total) return;
      const task: WorkerTask = { iteration: nextIteration, resolved: input.iterations[nextIteration] };
      nextIteration++;
      worker.postMessage(task);
    };
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      void stopAll().finally(() => reject(error));
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script, { workerData: setup });
      pool.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (failed) return;
        onReply(reply);
        done++;
        onProgress?.(done, total);
        if (done === total) {
          void stopAll().then(() => resolve(), reject);
        } else {
          sendNext(worker);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (done < total && code !== 0) fail(new Error(`simulation worker stopped with exit code ${code}`));
      });
      // Two tasks in flight per worker keep it busy while the main thread handles a reply.
      sendNext(worker);
      sendNext(worker);
    }
  });
}
