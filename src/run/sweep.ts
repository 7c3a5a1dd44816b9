/**
 * A sweep: the grid of what-ifs over program settings (the product of every setting's values, the
 * last setting varying fastest), every grid point simulated on the same random numbers beside one
 * shared baseline (scenario-variants.ts; docs/methods.md section 7, "Sweeps"). Each point's figures
 * are those a `run` of the scenario with the point's values typed in gives.
 */
import path from 'node:path';
import type { LoadedScenario, ScenarioEdit } from '../config/load.js';
import { horizonText } from '../config/scenario-schema.js';
import { numberOfValue, type SettingPath, type TiedSetting } from '../config/scenario-settings.js';
import { UserInputError } from '../errors.js';
import type { RunInputs, ScenarioReportHeader } from '../report/report-model.js';
import { SWEEP_SCHEMA_VERSION, type SettingValue, type SweepReport } from '../report/sweep-report.js';
import type { PrepareOverrides } from './prepare-run.js';
import { scenarioRunInputs } from './run-scenario.js';
import { prepareVariants, simulateVariants, type ScenarioVariant, type VariantOverrides } from './scenario-variants.js';
import type { ScenarioWarning } from './scenario-warnings.js';

/** A setting and the values it takes, as typed in YAML. */
export interface SweepSetting {
  path: SettingPath;
  values: SettingValue[];
}

export interface SweepOverrides extends VariantOverrides {
  /** Called with the warnings of the scenario and of its grid points before the simulation starts. */
  onWarnings?: (warnings: ScenarioWarning[]) => void;
  /** Called with the run's inputs (data quality, fit) before the simulation starts, as `run` gives them (RunOverrides.onInputs). */
  onInputs?: (inputs: RunInputs) => void;
}

/** The number x a tie is a function of: the first setting's value at the point. */
function tieArgument(value: SettingValue, setting: SweepSetting): number {
  const x = numberOfValue(value);
  if (x === undefined) {
    throw new UserInputError(`a tied setting needs a number for x, but ${setting.path.text} takes ${JSON.stringify(value)}`, { field: '--tie' }, 'Give the first setting plain numbers or percentages.');
  }
  return x;
}

/** The edits of one point: each setting's value, then the tied settings' values A x + B. */
export function pointEdits(values: readonly SettingValue[], settings: readonly { path: SettingPath }[], ties: readonly TiedSetting[], x: number | undefined): ScenarioEdit[] {
  const edits: ScenarioEdit[] = settings.map((setting, k) => ({ keyPath: setting.path.keyPath, value: values[k] }));
  for (const tie of ties) edits.push({ keyPath: tie.path.keyPath, value: tie.slope * x! + tie.intercept });
  return edits;
}

/** `programs[0].discount.percent=5%, programs[0].effects.frequencyUplift=0.2`: how a point is named in messages. */
export function pointLabel(edits: readonly ScenarioEdit[], paths: readonly string[]): string {
  return edits.map((edit, k) => `${paths[k]}=${typeof edit.value === 'string' ? edit.value : JSON.stringify(edit.value)}`).join(', ');
}

/** Every combination of the settings' values, the last setting varying fastest. */
function gridPoints(settings: readonly SweepSetting[]): SettingValue[][] {
  let points: SettingValue[][] = [[]];
  for (const setting of settings) points = points.flatMap((point) => setting.values.map((value) => [...point, value]));
  return points;
}

/** Report fields common to the what-if commands: the scenario, its seed and size. */
export function scenarioHeader(loaded: LoadedScenario, seed: number, iterations: number, customers: number): Omit<ScenarioReportHeader, 'schemaVersion'> {
  return {
    scenario: loaded.name,
    scenarioFile: path.basename(loaded.file),
    seed,
    iterations,
    horizon: horizonText(loaded.scenario.horizon),
    currency: loaded.scenario.economics.currency ?? 'currency units',
    customers,
  };
}

/** Warnings as the JSON reports write them. */
export function warningsJson(warnings: readonly ScenarioWarning[]): Record<string, unknown>[] {
  return warnings.map(({ code, message, location }) => ({ code, message, ...location }));
}

/** Simulate the grid of `settings` (with `ties` written at every point) and report each point's headline and full metrics. */
export async function runSweep(
  loaded: LoadedScenario,
  settings: readonly SweepSetting[],
  ties: readonly TiedSetting[],
  overrides: SweepOverrides & PrepareOverrides = {},
): Promise<SweepReport> {
  const paths = [...settings.map((s) => s.path.text), ...ties.map((t) => t.path.text)];
  const points = gridPoints(settings);
  const pointSettings = points.map((values) => {
    const x = ties.length > 0 ? tieArgument(values[0], settings[0]) : undefined;
    return pointEdits(values, settings, ties, x);
  });
  const variants: ScenarioVariant[] = pointSettings.map((edits) => ({ edits, label: pointLabel(edits, paths) }));
  const prepared = await prepareVariants(loaded, variants, overrides);
  overrides.onWarnings?.(prepared.warnings);
  overrides.onInputs?.(scenarioRunInputs(loaded, prepared.prepared.base, overrides.acceptWeakFit === true).shown);
  const metrics = await simulateVariants(loaded, prepared, { workers: overrides.workers, onProgress: overrides.onProgress, annualDiscountRate: loaded.scenario.economics.discountRate });
  const variedCount = prepared.varied.filter(Boolean).length;
  return {
    schemaVersion: SWEEP_SCHEMA_VERSION,
    ...scenarioHeader(loaded, prepared.prepared.seed, prepared.prepared.iterations, prepared.prepared.base.customers.count),
    settings: settings.map((setting) => ({ path: setting.path.text, values: setting.values })),
    tied: ties.map((tie) => ({ path: tie.path.text, formula: tie.formula })),
    worldsSimulated: 1 + variedCount * points.length + (prepared.varied.length - variedCount),
    points: pointSettings.map((edits, v) => ({
      settings: Object.fromEntries(edits.map((edit, k) => [paths[k], edit.value])),
      programs: metrics[v].map((program) => ({ name: program.name, type: program.type, metrics: { ...program.metrics } })),
    })),
    ...(prepared.warnings.length > 0 ? { warnings: warningsJson(prepared.warnings) } : {}),
  };
}
