/**
 * How the data layer's messages name the ingest settings: as the CLI options of `summarize` and
 * `fit` (`--date-format`, default), or as the keys of a scenario's `data` block with the line they
 * are on (`data.dateFormat`), so that a hint never tells a user of `run` to add an option `run`
 * does not have. The caller that knows where the settings came from passes the wording in
 * IngestOptions.
 */
import type { SourceLocation } from '../errors.js';

/** The ingest settings a message may point to, by their key in a scenario's `data` block. */
export type IngestSetting = 'columns' | 'dateFormat' | 'onBadRow' | 'zeroAmount' | 'delimiter' | 'decimal' | 'calibrationEnd' | 'period';

export interface SettingWording {
  /** The setting's name in a message: `--date-format`, `data.dateFormat`. */
  name(setting: IngestSetting): string;
  /** The setting with a value, as an example: `--date-format DD.MM.YYYY`, `data.dateFormat: DD.MM.YYYY`. */
  example(setting: IngestSetting, value: string): string;
  /** The instruction to give the setting a value: `add --on-bad-row skip`, `set data.onBadRow: skip (scenario.yaml line 5)`. */
  give(setting: IngestSetting, value: string): string;
  /** Where a problem with the setting's own value is reported: the option, or the YAML key's file and line. */
  where(setting: IngestSetting): SourceLocation;
}

const CLI_OPTIONS: Record<IngestSetting, string> = {
  columns: '--columns',
  dateFormat: '--date-format',
  onBadRow: '--on-bad-row',
  zeroAmount: '--zero-amount',
  delimiter: '--delimiter',
  decimal: '--decimal',
  calibrationEnd: '--calibration-end',
  period: '--period',
};

/** The settings as command-line options (summarize, fit). */
export const CLI_WORDING: SettingWording = {
  name: (setting) => CLI_OPTIONS[setting],
  example: (setting, value) => `${CLI_OPTIONS[setting]} ${value}`,
  give: (setting, value) => `add ${CLI_OPTIONS[setting]} ${value}`,
  where: (setting) => ({ field: CLI_OPTIONS[setting] }),
};

/**
 * The settings as keys of a scenario's `data` block; `locate` says where `data.<setting>` is written
 * (or, when absent, where the `data` block is).
 */
export function scenarioWording(locate: (setting: IngestSetting) => SourceLocation): SettingWording {
  return {
    name: (setting) => `data.${setting}`,
    example: (setting, value) => `data.${setting}: ${value}`,
    give: (setting, value) => {
      const { file, line } = locate(setting);
      return `set data.${setting}: ${value}${file !== undefined && line !== undefined ? ` (${file} line ${line})` : ''}`;
    },
    where: (setting) => ({ ...locate(setting), field: `data.${setting}` }),
  };
}
