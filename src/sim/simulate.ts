/**
 * The Monte Carlo engine's entry point. Iterations are independent (each is seeded from
 * (seed, iteration index)), so they are spread over worker threads and their tallies written at
 * their own place in the result: the output is the same, byte for byte, for any number of workers.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { IterationSimulator, sampleOrdering, traitModel, type SampleOrdering, type SimulationSetup } from './iteration-simulator.js';
import type { SimulationCustomers, SimulationInput, SimulationOptions, SimulationResult } from './simulation-input.js';
import type { WorkerFinished, WorkerStart } from './simulation-worker.js';
import { IterationQueue, sharedRun } from './iteration-queue.js';
import { sharedFloat64Array } from './shared-memory.js';
import { breakdownLayout, iterationTallyLength } from './tally.js';
import { programBreakdownGroups, programPointFaceValue } from '../programs/registry.js';
import { checkSimulationInput } from './validate-input.js';
import { UserInputError } from '../errors.js';

/** The most worker threads per available core: more make a run no faster and each costs about 12 MB. */
export const WORKERS_PER_CORE = 4;
/** The most worker threads on any machine. */
export const MAX_WORKERS = 64;
/** How often the calling thread, once the queue is empty, reads the workers' progress. */
const PROGRESS_POLL_MS = 100;

/**
 * Below this much work (customers simulated per iteration x iterations x worlds) a run without a
 * workers setting uses the calling thread alone: a worker's start-up (loading the engine and
 * building its simulator, about 0.2 s on an idle core) costs more than the half of the work it
 * would take (about 1 microsecond per customer, iteration and world; bench/worker-scaling.bench.js).
 */
export const SINGLE_THREAD_WORK = 300_000;

/** The threads a run uses by default: the available cores, or 1 for work below SINGLE_THREAD_WORK. */
export function defaultWorkers(customersPerIteration: number, iterations: number, worlds: number, cores = availableParallelism()): number {
  return customersPerIteration * iterations * worlds < SINGLE_THREAD_WORK ? 1 : Math.min(cores, maxWorkers(cores));
}

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
  const breakdownLength = breakdownLayout(breakdownGroups, input.horizonMonths).length;
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
  const customersPerIteration = Math.min(input.customerSample ?? Infinity, input.customers.count);
  const requested = options.workers ?? defaultWorkers(customersPerIteration, iterations, worldCount);
  if (!Number.isInteger(requested) || requested < 1) throw new Error(`workers must be a whole number >= 1, got ${requested}`);
  if (requested > maxWorkers()) throw tooManyWorkersError(requested, 'workers');
  const workerScript = new URL('./simulation-worker.js', import.meta.url);
  // Running from the TypeScript sources (in tests) there is no compiled worker script; the
  // in-thread run gives the same result by construction.
  const workers = existsSync(fileURLToPath(workerScript)) ? Math.min(requested, iterations) : 1;

  const setup: SimulationSetup = {
    // Worker threads read the customers from shared memory; one thread reads them where they are.
    customers: workers > 1 ? sharedCustomers(input.customers) : input.customers,
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

  // Iteration j of `input.iterations` is the run's iteration first + j (a block of a run, run/shards.ts).
  const first = input.firstIteration ?? 0;
  const sampled = input.customerSample !== undefined && input.customerSample < input.customers.count;
  if (sampled) setup.sampleOrdering = sharedSampleOrdering(input.customers, setup);
  const shared = sharedRun(iterations, first, blockLength, breakdownLength, sampled);
  const queue = new IterationQueue(shared);
  // The calling thread takes iterations from the queue too (it would otherwise wait), so a run
  // gains from each worker as soon as it has started and loses nothing while it starts.
  let reported = 0;
  const reportProgress = () => {
    // Once for each iteration finished, in order, though several may have finished since the last report.
    const done = queue.done;
    while (reported < done) {
      reported++;
      options.onProgress?.(reported, iterations);
    }
  };
  const pool = workers > 1 ? new WorkerPool(workerScript, workers - 1, { setup, iterations: input.iterations, shared }, queue, reportProgress) : null;
  try {
    const simulator = new IterationSimulator(setup);
    for (let i = queue.take(); i >= 0; i = queue.take()) {
      queue.simulate(simulator, i, input.iterations[i]);
      reportProgress();
      // Let the event loop run between iterations, so that a worker's failure and a signal (Ctrl-C) are handled at once.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (pool !== null) await pool.finish();
  } catch (error) {
    if (pool !== null) await pool.stop();
    throw error;
  }
  if (queue.done !== iterations) throw new Error(`the simulation finished ${queue.done} of its ${iterations} iterations`);

  return {
    worlds: ['baseline', ...programs.map((program) => program.name)],
    programs,
    iterations,
    horizonMonths: input.horizonMonths,
    horizonDays: input.horizonDays,
    seed: input.seed,
    tallies: shared.tallies,
    breakdownGroups,
    breakdown: shared.breakdown,
    frequencyUplift,
    setupCost,
    pointFaceValue,
    workersUsed: workers,
    ...(shared.halfDifference !== undefined
      ? { customerSample: { size: input.customerSample!, population: input.customers.count, halfDifference: shared.halfDifference } }
      : {}),
  };
}

/** Customer histories already copied into shared memory, by the arrays given. */
const sharedCopies = new WeakMap<SimulationCustomers, SimulationCustomers>();

/**
 * The customers' arrays in shared memory (SharedArrayBuffer): a worker started with them gets
 * views of the same memory instead of its own copy (structured cloning copies an ordinary
 * array). Copied once per customer base, which every simulation of a run (the break-even and
 * sensitivity re-simulations too) shares.
 */
function sharedCustomers(customers: SimulationCustomers): SimulationCustomers {
  if (customers.x.buffer instanceof SharedArrayBuffer) return customers;
  const known = sharedCopies.get(customers);
  if (known !== undefined) return known;
  const share = (values: Float64Array): Float64Array => {
    const copy = sharedFloat64Array(values.length);
    copy.set(values);
    return copy;
  };
  const copy = { x: share(customers.x), tx: share(customers.tx), T: share(customers.T), monetaryValue: share(customers.monetaryValue), count: customers.count };
  sharedCopies.set(customers, copy);
  return copy;
}

/** Sampling orderings already computed, by the customers (the input's arrays) and model they are of. */
const orderings = new WeakMap<SimulationCustomers, { model: SimulationSetup['model']; ordering: SampleOrdering }>();

/**
 * The sampling ordering of `customers` (the input's arrays) under the setup's model, in shared
 * memory, computed once per customer base and model (sorting a million customers takes about a
 * second) whichever threads simulate.
 */
function sharedSampleOrdering(customers: SimulationCustomers, setup: SimulationSetup): SampleOrdering {
  const known = orderings.get(customers);
  if (known !== undefined && JSON.stringify(known.model) === JSON.stringify(setup.model)) return known.ordering;
  const ordering = sampleOrdering(traitModel(setup), customers.count, true);
  orderings.set(customers, { model: setup.model, ordering });
  return ordering;
}

/**
 * Worker threads taking iterations from the run's queue until it is empty. While the calling
 * thread waits for them, progress is read from the queue every PROGRESS_POLL_MS.
 */
class WorkerPool {
  private readonly workers: Worker[] = [];
  private running: number;
  private failure: unknown = null;
  private settled = false;
  private wake: (() => void) | null = null;

  constructor(
    script: URL,
    count: number,
    start: WorkerStart,
    private readonly queue: IterationQueue,
    private readonly reportProgress: () => void,
  ) {
    this.running = count;
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script, { workerData: start });
      this.workers.push(worker);
      worker.on('message', (message: WorkerFinished) => {
        if (this.settled || message.finished !== true) return;
        this.running--;
        this.wake?.();
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (!this.settled && code !== 0) this.fail(new Error(`simulation worker stopped with exit code ${code}`));
      });
    }
  }

  private fail(error: unknown): void {
    if (this.failure === null) this.failure = error;
    this.queue.stop();
    this.wake?.();
  }

  /** Wait until every worker has finished the iterations it took, then stop them; rejects with a worker's failure. */
  async finish(): Promise<void> {
    while (this.running > 0 && this.failure === null) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        timer = setTimeout(resolve, PROGRESS_POLL_MS);
      });
      clearTimeout(timer);
      this.wake = null;
      this.reportProgress();
    }
    await this.stop();
    if (this.failure !== null) throw this.failure;
  }

  /** Stop every worker at once. */
  async stop(): Promise<void> {
    this.settled = true;
    this.queue.stop();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
