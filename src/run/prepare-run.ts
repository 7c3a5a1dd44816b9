/**
 * Everything a run checks before it simulates, in one place, so that `validate` finds what `run`
 * would reject: the data file is read and the customer model fitted (or the population built),
 * the margins matched to the data's categories, every iteration's assumptions drawn and the
 * engine's input checked (programs against the data's categories, drawn values against their
 * ranges), and the guardrails' metric, statistic and program names. Problems are UserInputErrors
 * located at the scenario's YAML key (file:line:column); hints name the scenario's keys
 * (data.onBadRow), not CLI options.
 */
import path from 'node:path';
import type { LoadedScenario } from '../config/load.js';
import { scenarioWording, type IngestSetting, type SettingWording } from '../data/setting-wording.js';
import type { SourceLocation } from '../errors.js';
import { UserInputError } from '../errors.js';
import { parseKeyPath } from '../schema/issue-text.js';
import type { Distribution } from '../schema/distributions.js';
import type { SimulationInput } from '../sim/simulation-input.js';
import { checkSimulationInput } from '../sim/validate-input.js';
import { weakFitMessage } from '../model/fit-assessment.js';
import { customerSampleSize, type CustomerSampleSetting } from './customer-sample-size.js';
import { customerBaseFromData, customerBaseFromPopulation, type CustomerBase } from './customer-base.js';
import { drawIterations, type IterationPlan, type MarginPlan } from './draw-iterations.js';
import { scenarioGuardrails } from './guardrails.js';
import { scenarioWarnings, type ScenarioWarning } from './scenario-warnings.js';

export interface PrepareOverrides {
  iterations?: number;
  seed?: number;
  /** Use a customer model the data cannot identify (model/fit-assessment.ts) instead of refusing it. */
  acceptWeakFit?: boolean;
  /** Customers simulated per iteration, instead of the scenario's simulation.customerSample. */
  customerSample?: CustomerSampleSetting;
  /** Called once with the data file's name when it gives no data for 2 s (a FIFO without a writer). */
  onWaiting?: (file: string) => void;
  /**
   * The customer base already built for this scenario's data or population (a variant of one
   * scenario with other program settings, as a sweep simulates): used instead of reading and fitting again.
   */
  base?: CustomerBase;
  /**
   * How the data's messages name its settings (default: as the scenario's `data` keys, located in
   * the scenario); a command that assembled the scenario from its options names the options.
   */
  wording?: SettingWording;
}

/** What to do about a customer model the scenario's data cannot identify. */
export const WEAK_FIT_HINT_RUN =
  'Use a history with more customers or a longer calibration period (a later data.calibrationEnd), or describe the customers with a population block instead of data; --accept-weak-fit uses this fit anyway.';

/** A scenario ready to simulate: its customer base, the engine's input, and the warnings about its settings. */
export interface PreparedRun {
  base: CustomerBase;
  input: SimulationInput;
  /** How the iterations were drawn: the scenario's uncertain assumptions (uncertain-assumptions.ts). */
  plan: IterationPlan;
  seed: number;
  iterations: number;
  warnings: ScenarioWarning[];
}

/** The file as the user named it, relative to the working folder when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
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
  if ('dist' in margin) return { kind: 'drawn', perCategory: base.categoryNames.map(() => margin as Distribution), oneForAll: true };

  const perCategory = margin as Record<string, Distribution>;
  if (base.summaryTable !== undefined && base.summaryTable.categoryCount === undefined) {
    throw new UserInputError(
      'a summary table has no product categories, so margins cannot be given per category',
      where,
      'Give one margin for all purchases (grossMargin: 0.3), from-data (the table\'s gross_margin over its total_spend), or the categories as data.categories (summarize --categories-out).',
    );
  }
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

/** Where `data.<setting>` is written, or the `data` block when the key is absent. */
function dataSettingLocation(loaded: LoadedScenario, setting: IngestSetting): SourceLocation {
  const { file, line, column } = loaded.locate(['data', setting]);
  return { file, line, column };
}

/** The customer base of a scenario: its data read and fitted (messages in the scenario's terms), or its population. */
export async function scenarioCustomerBase(loaded: LoadedScenario, onWaiting?: (file: string) => void, settingWording?: SettingWording): Promise<CustomerBase> {
  const { scenario } = loaded;
  if (scenario.data) {
    const wording = settingWording ?? scenarioWording((setting) => dataSettingLocation(loaded, setting));
    return customerBaseFromData(scenario.data, displayPath(scenario.data.file), wording, onWaiting);
  }
  try {
    return customerBaseFromPopulation(scenario.population!);
  } catch (err) {
    // A population the customer model cannot describe, located at the population key at fault.
    const field = err instanceof UserInputError ? err.location.field : undefined;
    if (!(err instanceof UserInputError) || field === undefined || !field.startsWith('population.')) throw err;
    throw new UserInputError(err.message, loaded.locate(parseKeyPath(field)), err.hint);
  }
}

/**
 * An engine problem of one iteration's program (`iteration 3: programs[0] (Points).points.byCategory.fool`)
 * located at its YAML key; other errors unchanged.
 */
function locatedEngineProblem(err: UserInputError, loaded: LoadedScenario): UserInputError {
  const field = err.location.field;
  const match = field === undefined ? null : /^iteration (\d+): programs\[(\d+)\] /.exec(field);
  if (field === undefined || match === null) return err;
  const index = Number(match[2]);
  const program = loaded.scenario.programs[index];
  const prefix = `iteration ${match[1]}: programs[${index}] (${program?.name})`;
  if (program === undefined || !field.startsWith(prefix)) return err;
  const keyPath = ['programs', index, ...parseKeyPath(field.slice(prefix.length))];
  const drawn = match[1] === '1' ? '' : ` (in iteration ${match[1]})`;
  return new UserInputError(`${err.message}${drawn}`, loaded.locate(keyPath), err.hint);
}

/**
 * Read the scenario's data (or build its population), draw the iterations and check the engine's
 * input: every check a run makes before it simulates. Throws a located UserInputError.
 */
export async function prepareRun(loaded: LoadedScenario, overrides: PrepareOverrides = {}): Promise<PreparedRun> {
  const { scenario } = loaded;
  // Before the data is read: the guardrails' names need only the scenario.
  scenarioGuardrails(loaded);
  const base = overrides.base ?? (await scenarioCustomerBase(loaded, overrides.onWaiting, overrides.wording));
  const seed = overrides.seed ?? scenario.seed;
  const iterationCount = overrides.iterations ?? scenario.iterations;
  const plan: IterationPlan = {
    seed,
    iterations: iterationCount,
    programs: scenario.programs,
    margins: marginPlan(loaded, base),
    arrivals: arrivalsPlan(loaded, base),
    returnRate: scenario.economics.returnRate ?? base.historyReturnRate,
  };
  const iterations = drawIterations(plan);
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
  const sample = customerSampleSize(overrides.customerSample ?? scenario.simulation.customerSample, base.customers.count);
  if (sample !== undefined) input.customerSample = sample;
  let checked: SimulationInput;
  try {
    // The checked input is what the engine simulates; simulate() takes it without checking it again.
    checked = checkSimulationInput(input);
  } catch (err) {
    throw err instanceof UserInputError ? locatedEngineProblem(err, loaded) : err;
  }
  // After the scenario's own checks, so that a typo in a key is reported before the data's weakness.
  if (base.fit && !base.fit.assessment.identified && overrides.acceptWeakFit !== true) {
    throw new UserInputError(`${displayPath(scenario.data!.file)}: ${weakFitMessage(base.fit.assessment)}`, loaded.locate(['data', scenario.data!.kind === 'summaries' ? 'summaries' : 'file']), WEAK_FIT_HINT_RUN);
  }
  return { base, input: checked, plan, seed, iterations: iterationCount, warnings: scenarioWarnings(loaded, base) };
}
