/**
 * Problems found in a scenario a command assembled from its options (`compare`, `init`), reported
 * at the option that gave the setting rather than at a line of a file the user never saw:
 * `--gross-margin: the data has no margin or cost column`. Problems in the user's own files (a
 * program file, the data) keep their file, line and column.
 */
import { ConfigError } from '../config/issues.js';
import { CLI_WORDING, type IngestSetting } from '../data/setting-wording.js';
import { UserInputError, type SourceLocation } from '../errors.js';
import { WEAK_FIT_HINT_RUN } from '../run/prepare-run.js';

/** What to do about a customer model the data cannot identify, in the options' words. */
const WEAK_FIT_HINT_OPTIONS =
  'Use a history with more customers or a longer calibration period (a later --calibration-end); --accept-weak-fit uses this fit anyway.';

/** The option that gave the setting at a location, and what to do about a problem with it; undefined to keep the location. */
export type OptionAt = (location: SourceLocation) => { field?: string; hint?: string } | undefined;

const GROSS_MARGIN_HINT =
  "Give the gross margin with --gross-margin, e.g. --gross-margin 30% or --gross-margin 'pert(0.25, 0.3, 0.35)', or map the data's margin or cost column with --columns margin=YourColumn (or cost=YourColumn).";

/** The option of each key of an assembled scenario (config/scenario-assembly.ts). */
export function scenarioKeyOption(field: string | undefined): { field?: string; hint?: string } {
  if (field === undefined || field === '') return {};
  if (field === 'data' || field.startsWith('data.file')) return { field: '--data' };
  const dataSetting = /^data\.(\w+)/.exec(field);
  if (dataSetting) return { field: CLI_WORDING.name(dataSetting[1] as IngestSetting) };
  if (field.startsWith('economics.grossMargin')) return { field: '--gross-margin', hint: GROSS_MARGIN_HINT };
  if (field.startsWith('economics.currency')) return { field: '--currency' };
  if (field === 'name') return { field: '--name' };
  if (field === 'horizon') return { field: '--horizon' };
  // The message names the program file (`program file 'x.yaml' not found`).
  if (/^programs\[\d+\]/.test(field)) return { hint: 'Program files are found relative to the current folder.' };
  return { field };
}

/** A location as the option that gave it, or unchanged. */
export function relocated(location: SourceLocation, optionAt: OptionAt): SourceLocation {
  const option = optionAt(location);
  if (option === undefined) return location;
  return option.field !== undefined ? { field: option.field } : {};
}

/** The error with each of its problems (every problem of a ConfigError) at the option that gave it. */
export function relocatedError(err: UserInputError, optionAt: OptionAt): UserInputError {
  const issues =
    err instanceof ConfigError
      ? err.issues.map((issue) => ({ message: issue.message, hint: issue.hint, location: { file: issue.file, line: issue.line, column: issue.column, field: issue.field || undefined } }))
      : [{ message: err.message, hint: err.hint, location: err.location }];
  if (issues.every((issue) => optionAt(issue.location) === undefined)) return err;
  const located = issues.map((issue) => {
    const option = optionAt(issue.location);
    if (option === undefined) return new UserInputError(issue.message, issue.location, issue.hint);
    const hint = issue.hint === WEAK_FIT_HINT_RUN ? WEAK_FIT_HINT_OPTIONS : issue.hint;
    return new UserInputError(issue.message, relocated(issue.location, optionAt), option.hint ?? hint);
  });
  const [first, ...rest] = located;
  const lines = [...(first.hint ? [first.hint] : []), ...rest.map((other) => other.format().replaceAll('\n  ', '\n    '))];
  if (rest.length > 0) lines.push(`${located.length} problems in total`);
  return new UserInputError(first.message, first.location, lines.join('\n  ') || undefined);
}
