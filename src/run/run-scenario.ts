/**
 * Run a loaded scenario end to end: build the customer base (read and fit the data, or the
 * population), draw every iteration's assumptions, simulate the baseline and each program from
 * the same random numbers, and summarise the metrics into the report every reporter formats.
 */
import path from 'node:path';
import type { LoadedScenario } from '../config/load.js';
import { horizonText } from '../config/scenario-schema.js';
import type { Distribution } from '../schema/distributions.js';
import { UserInputError } from '../errors.js';
import type { BreakEvenMethod } from '../metrics/break-even.js';
import { computeMetrics } from '../metrics/compute-metrics.js';
import { programSettlement } from '../metrics/settlement.js';
import { worldSummaries } from '../metrics/world-summary.js';
import { programReportSections } from '../programs/registry.js';
import { REPORT_SCHEMA_VERSION, type SimulationReport } from '../report/report-model.js';
import { simulate } from '../sim/simulate.js';
import type { SimulationInput } from '../sim/simulation-input.js';
import { customerBaseFromData, customerBaseFromPopulation, type CustomerBase } from './customer-base.js';
import { breakEvenFigures } from './break-even.js';
import { drawIterations, type MarginPlan } from './draw-iterations.js';

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
}

/** How each category's margin is found: from the data, one assumption for all, or per category. */
function marginPlan(loaded: LoadedScenario, base: CustomerBase): MarginPlan {
  const margin = loaded.scenario.economics.grossMargin;
  const where = loaded.locate(['economics', 'grossMargin']);
  if (margin === 'from-data') {
    if (base.dataMargins === undefined) {
      throw new UserInputError(
        'the data has no margin or cost column, so margins cannot come from the data',
        where,
        'Give the margin as a share (grossMargin: 0.3), per category, or map a margin/cost column in data.columns.',
      );
    }
    return { kind: 'data', margins: base.dataMargins };
  }
  if ('dist' in margin) return { kind: 'drawn', perCategory: base.categoryNames.map(() => margin as Distribution) };

  const perCategory = margin as Record<string, Distribution>;
  const missing = base.categoryNames.filter((name) => !Object.hasOwn(perCategory, name));
  if (missing.length > 0) {
    throw new UserInputError(
      `no margin for the data's categories ${missing.map((m) => `'${m}'`).join(', ')}`,
      where,
      `Give a margin for every category in the data: ${base.categoryNames.join(', ')}.`,
    );
  }
  const unknown = Object.keys(perCategory).filter((name) => !base.categoryNames.includes(name));
  if (unknown.length > 0) {
    throw new UserInputError(
      `the data has no categories ${unknown.map((m) => `'${m}'`).join(', ')}`,
      loaded.locate(['economics', 'grossMargin', unknown[0]]),
      `The data's categories are: ${base.categoryNames.join(', ')}.`,
    );
  }
  return { kind: 'drawn', perCategory: base.categoryNames.map((name) => perCategory[name]) };
}

function arrivalsPlan(loaded: LoadedScenario, base: CustomerBase): number | Distribution {
  const acquisition = loaded.scenario.acquisition;
  switch (acquisition.kind) {
    case 'history':
      return base.historyArrivalsPerMonth;
    case 'none':
      return 0;
    case 'rate':
      return acquisition.perMonth;
  }
}

/** The scenario file as the user named it, relative to the working folder when inside it. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

export async function runScenario(loaded: LoadedScenario, overrides: RunOverrides = {}): Promise<SimulationReport> {
  const { scenario } = loaded;
  const base = scenario.data
    ? await customerBaseFromData(scenario.data, displayPath(scenario.data.file))
    : customerBaseFromPopulation(scenario.population!);
  overrides.onModelReady?.(base);

  const seed = overrides.seed ?? scenario.seed;
  const iterationCount = overrides.iterations ?? scenario.iterations;
  const iterations = drawIterations({
    seed,
    iterations: iterationCount,
    programs: scenario.programs,
    margins: marginPlan(loaded, base),
    arrivals: arrivalsPlan(loaded, base),
    returnRate: scenario.economics.returnRate ?? base.historyReturnRate,
  });
  const input: SimulationInput = {
    customers: base.customers,
    model: base.model,
    categories: { names: base.categoryNames, revenueShares: base.categoryRevenueShares, margins: iterations[0].margins ?? [] },
    newCustomersPerMonth: iterations[0].newCustomersPerMonth ?? 0,
    returnRate: iterations[0].returnRate ?? 0,
    // Exactly the horizon written: months and years are whole months, days and weeks whole days.
    horizonDays: scenario.horizon.days,
    annualDiscountRate: scenario.economics.discountRate,
    seed,
    iterations,
  };
  const result = await simulate(input, { workers: overrides.workers, onProgress: overrides.onProgress });
  const programs = computeMetrics(result, { annualDiscountRate: scenario.economics.discountRate });
  const breakEvens = await breakEvenFigures(input, result, { workers: overrides.workers, method: overrides.breakEven ?? 're-simulated' });
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
  };
}
