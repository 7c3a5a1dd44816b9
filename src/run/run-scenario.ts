/**
 * Run a loaded scenario end to end: build the customer base (read and fit the data, or the
 * population), draw every iteration's assumptions, simulate the baseline and each program from
 * the same random numbers, and summarise the metrics into the report every reporter formats.
 */
import path from 'node:path';
import type { LoadedScenario } from '../config/load.js';
import { horizonText } from '../config/scenario-schema.js';
import type { BreakEvenMethod } from '../metrics/break-even.js';
import { computeMetrics, type MetricName } from '../metrics/compute-metrics.js';
import { programSettlement } from '../metrics/settlement.js';
import { worldSummaries } from '../metrics/world-summary.js';
import { programReportSections } from '../programs/registry.js';
import { REPORT_SCHEMA_VERSION, type RunInputs, type SimulationReport } from '../report/report-model.js';
import { fittedModelJson } from '../report/fit-report.js';
import { simulate } from '../sim/simulate.js';
import type { SimulationResult } from '../sim/simulation-input.js';
import { firstNonFiniteTally } from '../sim/tally.js';
import { UserInputError } from '../errors.js';
import { breakEvenFigures } from './break-even.js';
import type { CustomerBase } from './customer-base.js';
import { displayPath, prepareRun } from './prepare-run.js';
import { sensitivityAnalysis } from './sensitivity.js';
import type { ScenarioWarning } from './scenario-warnings.js';

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
}

/** The inputs section of the report: what was read and fitted, or the population built. */
function runInputs(base: CustomerBase, dataFile: string | undefined, acceptedWeakFit: boolean): RunInputs {
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
 * Refuse a simulation whose figures overflowed (beyond a double, about 1.8e308): every value was
 * checked against its range, but extreme ones together (a cost of 1e308 twice, a huge face value
 * times many points) can still overflow. Located at the program (or the data, for the baseline).
 */
function checkFiniteTallies(result: SimulationResult, loaded: LoadedScenario): void {
  const found = firstNonFiniteTally(result.tallies, { iterations: result.iterations, worldCount: result.worlds.length, horizonMonths: result.horizonMonths });
  if (found === undefined) return;
  const where = `iteration ${found.iteration + 1}, month ${found.month + 1}`;
  const hint = 'Check the values of the scenario and its programs (costs, rates, face values, amounts in the data) for a typo.';
  if (found.world === 0) {
    const location = loaded.scenario.data ? { file: displayPath(loaded.scenario.data.file) } : loaded.locate(['population']);
    throw new UserInputError(`the simulated ${found.field} of the world without a program overflowed (${where}): a value is beyond what a number holds (about 1.8e308)`, location, hint);
  }
  const program = found.world - 1;
  throw new UserInputError(
    `the simulated ${found.field} of program '${result.programs[program].name}' overflowed (${where}): a value is beyond what a number holds (about 1.8e308)`,
    loaded.locate(['programs', program]),
    hint,
  );
}

export async function runScenario(loaded: LoadedScenario, overrides: RunOverrides = {}): Promise<SimulationReport> {
  const { scenario } = loaded;
  const { base, input, plan, seed, iterations: iterationCount, warnings } = await prepareRun(loaded, overrides);
  overrides.onWarnings?.(warnings);
  // The report names the data file relative to the scenario's folder, as the scenario does: the same from any working folder.
  const reportedDataFile = scenario.data
    ? path.relative(path.dirname(path.resolve(loaded.file)), scenario.data.file).split(path.sep).join('/')
    : undefined;
  const inputs = runInputs(base, reportedDataFile, overrides.acceptWeakFit === true);
  const dataFile = scenario.data ? displayPath(scenario.data.file) : undefined;
  const stderrInputs: RunInputs = inputs.data && dataFile ? { ...inputs, data: { ...inputs.data, file: dataFile } } : inputs;
  overrides.onInputs?.(stderrInputs);
  overrides.onModelReady?.(base);

  const result = await simulate(input, { workers: overrides.workers, onProgress: overrides.onProgress });
  checkFiniteTallies(result, loaded);
  const programs = computeMetrics(result, { annualDiscountRate: scenario.economics.discountRate });
  overrides.onIterationMetrics?.(programs.map((program) => program.iterationValues));
  const breakEvens = await breakEvenFigures(input, result, { workers: overrides.workers, method: overrides.breakEven ?? 're-simulated' });
  const sensitivity = overrides.sensitivity === true ? await sensitivityAnalysis(input, plan, result, { workers: overrides.workers }) : undefined;
  const worlds = worldSummaries(result);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    scenario: loaded.name,
    scenarioFile: path.basename(loaded.file),
    seed,
    iterations: iterationCount,
    horizon: horizonText(scenario.horizon),
    horizonDays: result.horizonDays,
    horizonMonths: result.horizonMonths,
    currency: scenario.economics.currency ?? 'currency units',
    customers: base.customers.count,
    inputs,
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
    })),
    ...(sensitivity !== undefined ? { sensitivity } : {}),
    ...(warnings.length > 0 ? { warnings: warnings.map(({ code, message, location }) => ({ code, message, ...location })) } : {}),
  };
}
