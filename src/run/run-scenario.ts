/**
 * Run a loaded scenario end to end: build the customer base (read and fit the data, or the
 * population), draw every iteration's assumptions, simulate the baseline and each program from
 * the same random numbers, and summarise the metrics into the report every reporter formats.
 */
import path from 'node:path';
import type { LoadedScenario } from '../config/load.js';
import { horizonText } from '../config/scenario-schema.js';
import type { BreakEvenMethod } from '../metrics/break-even.js';
import { sampleVarianceShares } from '../metrics/sample-noise.js';
import { computeMetrics, type MetricName } from '../metrics/compute-metrics.js';
import { programSettlement } from '../metrics/settlement.js';
import { worldSummaries } from '../metrics/world-summary.js';
import { programReportSections } from '../programs/registry.js';
import { REPORT_SCHEMA_VERSION, type PrecisionSettings, type ReportWarning, type RunInputs, type SimulationReport } from '../report/report-model.js';
import { fittedModelJson } from '../report/fit-report.js';
import { simulate } from '../sim/simulate.js';
import type { SimulationInput, SimulationResult } from '../sim/simulation-input.js';
import type { IterationPlan } from './draw-iterations.js';
import { simulateToTargetError, type PrecisionTarget, type PrecisionWorst } from './precision.js';
import { checkFiniteTallies } from './finite-tallies.js';
import { breakEvenFigures } from './break-even.js';
import type { CustomerBase } from './customer-base.js';
import { displayPath, prepareRun, type PreparedRun } from './prepare-run.js';
import { sensitivityAnalysis } from './sensitivity.js';
import { drawnAssumptions, keyAssumptions } from './drawn-assumptions.js';
import { monthlySeries } from '../metrics/monthly-series.js';
import { histogram } from '../metrics/histogram.js';
import { TOOL_NAME, toolVersion } from '../report/tool-version.js';
import type { ScenarioWarning } from './scenario-warnings.js';
import type { SettingWording } from '../data/setting-wording.js';

export interface RunOverrides {
  iterations?: number;
  seed?: number;
  /** Worker threads (default: available cores). The output does not depend on it. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called once the customer model is ready, before the simulation starts. */
  onModelReady?: (base: CustomerBase) => void;
  /** How the break-even figures are found: re-simulated (default) or to first order (no extra simulation). */
  breakEven?: BreakEvenMethod;
  /** Called with the warnings about the scenario's settings (scenario-warnings.ts) before the simulation starts. */
  onWarnings?: (warnings: ScenarioWarning[]) => void;
  /** Use a customer model the data cannot identify (model/fit-assessment.ts) instead of refusing it. */
  acceptWeakFit?: boolean;
  /** Called once with the data file's name when it gives no data for 2 s (a FIFO without a writer). */
  onWaiting?: (file: string) => void;
  /** How the data's messages name its settings (see PrepareOverrides.wording). */
  wording?: SettingWording;
  /**
   * Called with the run's inputs (data quality, fit) once they are known, before the simulation
   * starts; the data file named as the user would name it (relative to the working folder).
   */
  onInputs?: (inputs: RunInputs) => void;
  /**
   * Called once the metrics are computed with each program's per-iteration metric values (in
   * the report's program order), which the report only summarises: e.g. for the MCSE of a percentile.
   */
  onIterationMetrics?: (programs: readonly Record<MetricName, Float64Array>[]) => void;
  /** Add the sensitivity section (sensitivity.ts): each program's tornado and each assumption's value of information. */
  sensitivity?: boolean;
  /**
   * Simulate until the Monte Carlo standard error of every program's mean incremental profit is
   * below the target (precision.ts), instead of a fixed number of iterations (`iterations` is ignored).
   */
  targetError?: PrecisionTarget;
  /** With `targetError`: called once the iterations are fixed, with the outcome and the program farthest from the target. */
  onPrecision?: (precision: PrecisionSettings, iterations: number, worst: PrecisionWorst | undefined) => void;
}

/** The files of a scenario's data block, as the inputs section names them. */
interface DataFiles {
  /** The purchase history or the summary table. */
  data: string;
  /** A summary table's category table (data.categories). */
  categories?: string;
}

/** The inputs section of the report: what was read and fitted, or the population built. */
function runInputs(base: CustomerBase, files: DataFiles | undefined, acceptedWeakFit: boolean): RunInputs {
  const dataFile = files?.data;
  if (base.summaryTable !== undefined && base.fit !== undefined && dataFile !== undefined) {
    const t = base.summaryTable;
    return {
      summaries: {
        file: dataFile,
        customers: t.customers,
        purchases: t.purchases,
        calibration: { ...t.calibration },
        columns: [...t.columns],
        ...(t.categoryCount !== undefined && files?.categories !== undefined ? { categories: { file: files.categories, count: t.categoryCount } } : {}),
        warnings: [...t.warnings],
      },
      fit: { ...fittedModelJson(base.fit), acceptedWeakFit: acceptedWeakFit && !base.fit.assessment.identified },
    };
  }
  if (base.quality === undefined || base.fit === undefined || dataFile === undefined) {
    return {
      population: { customers: base.customers.count, bgnbd: { ...base.model.bgnbd }, gammaGamma: { ...base.model.gammaGamma } },
    };
  }
  const q = base.quality;
  return {
    data: {
      file: dataFile,
      rowsRead: q.rowsRead,
      rowsUsed: q.rowsUsed,
      rowsSkipped: { ...q.rowsSkipped },
      rowsSkippedTotal: q.rowsSkippedTotal,
      customers: q.customers,
      purchases: q.purchases,
      returns: { ...q.returns },
      newCustomersInHoldout: q.newCustomersInHoldout,
      customersWithoutPurchase: q.customersWithoutPurchase,
      calibration: { start: q.calibrationStart, end: q.calibrationEnd, period: q.period },
      warnings: [...q.warnings],
    },
    fit: { ...fittedModelJson(base.fit), acceptedWeakFit: acceptedWeakFit && !base.fit.assessment.identified },
  };
}

/**
 * The inputs of a run of `loaded` on `base`: as the report gives them (the data file relative to
 * the scenario's folder, as the scenario names it: the same from any working folder), and as
 * stderr shows them (the data file as the user would name it, relative to the working folder).
 */
export function scenarioRunInputs(loaded: LoadedScenario, base: CustomerBase, acceptWeakFit: boolean): { inputs: RunInputs; shown: RunInputs } {
  const data = loaded.scenario.data;
  const files = (name: (file: string) => string): DataFiles | undefined =>
    data === undefined ? undefined : { data: name(data.file), ...(data.categories !== undefined ? { categories: name(data.categories) } : {}) };
  const reported = (file: string) => path.relative(path.dirname(path.resolve(loaded.file)), file).split(path.sep).join('/');
  return { inputs: runInputs(base, files(reported), acceptWeakFit), shown: runInputs(base, files(displayPath), acceptWeakFit) };
}

/**
 * What a report says besides its simulated figures, known before the simulation starts: the
 * scenario's name, file and horizon as written, its currency and customers, what was read and
 * fitted, and the warnings about its settings. The same whichever iterations are simulated, so
 * a shard file carries it to the merge (shards.ts).
 */
export interface ReportFrame {
  scenario: string;
  scenarioFile: string;
  horizon: string;
  currency: string;
  customers: number;
  inputs: RunInputs;
  warnings: ReportWarning[];
}

/** The settings of the figures computed after the simulation (break-even, sensitivity). */
export interface ReportExtras {
  breakEven: BreakEvenMethod;
  sensitivity: boolean;
  /** Worker threads of the extra simulations (re-simulated break-even, tornado). */
  workers?: number;
  /** With `--target-error`: the target and whether it was met (precision.ts). */
  precision?: PrecisionSettings;
  onIterationMetrics?: RunOverrides['onIterationMetrics'];
}

/** A run prepared (prepare-run.ts), its callbacks called, with the frame of its report. */
export interface StartedRun {
  prepared: PreparedRun;
  frame: ReportFrame;
}

/**
 * Read the scenario's data (or build its population), draw the iterations, tell the callbacks
 * (warnings, inputs, model ready) and make the report's frame: everything before the simulation.
 */
export async function startRun(loaded: LoadedScenario, overrides: RunOverrides): Promise<StartedRun> {
  const { scenario } = loaded;
  const prepared = await prepareRun(loaded, overrides);
  overrides.onWarnings?.(prepared.warnings);
  const { inputs, shown } = scenarioRunInputs(loaded, prepared.base, overrides.acceptWeakFit === true);
  overrides.onInputs?.(shown);
  overrides.onModelReady?.(prepared.base);
  const frame: ReportFrame = {
    scenario: loaded.name,
    scenarioFile: path.basename(loaded.file),
    horizon: horizonText(scenario.horizon),
    currency: scenario.economics.currency ?? 'currency units',
    customers: prepared.base.customers.count,
    inputs,
    warnings: prepared.warnings.map(({ code, message, location }) => ({ code, message, ...location })),
  };
  return { prepared, frame };
}

/**
 * The report of a simulated run: `input` as simulated (drawn by `plan`), `result` its result over
 * every iteration. Every figure is computed here from these, so a run joined from blocks of
 * iterations (shards, the checkpoints of --target-error) reports as the run simulated at once.
 */
export async function simulatedReport(
  frame: ReportFrame,
  input: SimulationInput,
  plan: IterationPlan,
  result: SimulationResult,
  extras: ReportExtras,
): Promise<SimulationReport> {
  const annualDiscountRate = input.annualDiscountRate ?? 0;
  const programs = computeMetrics(result, { annualDiscountRate });
  extras.onIterationMetrics?.(programs.map((program) => program.iterationValues));
  const breakEvens = await breakEvenFigures(input, result, { workers: extras.workers, method: extras.breakEven });
  const sensitivity = extras.sensitivity ? await sensitivityAnalysis(input, plan, result, { workers: extras.workers }) : undefined;
  const worlds = worldSummaries(result);
  const profits = programs.map((program) => program.iterationValues.incrementalProfit);
  const keys = keyAssumptions(input, plan, profits, sensitivity);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion() },
    scenario: frame.scenario,
    scenarioFile: frame.scenarioFile,
    seed: input.seed,
    iterations: result.iterations,
    horizon: frame.horizon,
    horizonDays: result.horizonDays,
    horizonMonths: result.horizonMonths,
    currency: frame.currency,
    customers: frame.customers,
    settings: {
      breakEvenMethod: extras.breakEven,
      sensitivity: sensitivity !== undefined,
      annualDiscountRate,
      ...(extras.precision !== undefined ? { precision: extras.precision } : {}),
      ...(result.customerSample !== undefined
        ? {
            customerSample: {
              customers: result.customerSample.size,
              of: result.customerSample.population,
              profitVarianceShare: sampleVarianceShares(result, { annualDiscountRate }, 'incrementalProfit', profits),
            },
          }
        : {}),
    },
    inputs: frame.inputs,
    baseline: worlds.baseline,
    programs: programs.map((program, i) => ({
      name: program.name,
      type: program.type,
      metrics: { ...program.metrics },
      world: worlds.programs[i],
      breakEven: breakEvens[i],
      ...(program.breakdown ? { breakdown: program.breakdown } : {}),
      ...(program.points ? { points: program.points } : {}),
      ...(programReportSections(program.type).includes('settlement') ? { settlement: programSettlement(result, i) } : {}),
      monthly: monthlySeries(result, i),
      profitHistogram: histogram(profits[i]),
      ...(keys[i] !== undefined ? { keyAssumption: keys[i] } : {}),
    })),
    assumptions: drawnAssumptions(input, plan),
    ...(sensitivity !== undefined ? { sensitivity } : {}),
    ...(frame.warnings.length > 0 ? { warnings: frame.warnings } : {}),
  };
}

export async function runScenario(loaded: LoadedScenario, overrides: RunOverrides = {}): Promise<SimulationReport> {
  const target = overrides.targetError;
  const started = await startRun(loaded, target !== undefined ? { ...overrides, iterations: target.minIterations } : overrides);
  const extras: ReportExtras = {
    breakEven: overrides.breakEven ?? 're-simulated',
    sensitivity: overrides.sensitivity === true,
    workers: overrides.workers,
    onIterationMetrics: overrides.onIterationMetrics,
  };
  if (target === undefined) {
    const { input, plan } = started.prepared;
    const result = await simulate(input, { workers: overrides.workers, onProgress: overrides.onProgress });
    checkFiniteTallies(result, loaded, (world) => world - 1);
    return simulatedReport(started.frame, input, plan, result, extras);
  }
  const precise = await simulateToTargetError(loaded, started.prepared, target, overrides);
  checkFiniteTallies(precise.result, loaded, (world) => world - 1);
  overrides.onPrecision?.(precise.precision, precise.result.iterations, precise.worst);
  return simulatedReport(started.frame, precise.prepared.input, precise.prepared.plan, precise.result, { ...extras, precision: precise.precision });
}
