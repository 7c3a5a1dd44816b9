/**
 * A scenario the user did not write: assembled from a list of program files, a purchase-history
 * file with its ingest settings, the gross margin and a horizon, as the YAML text of a scenario
 * file with a comment on each setting. `compare` loads the text as it is (config/load.ts
 * loadScenarioText); `init` writes it beside its program file. Either way it is then loaded and
 * checked as any scenario file is, so every check `run` makes applies.
 */
import { stringify } from 'yaml';
import type { ColumnRole } from '../data/column-mapping.js';
import type { DataSource } from './scenario-schema.js';

/** The data block's settings of a purchase history besides the file (the keys of a scenario's `data`). */
export type DataSettings = Omit<DataSource, 'file' | 'kind' | 'holdoutEnd' | 'categories'>;

export interface ScenarioAssembly {
  /** The scenario's title, shown in reports. */
  name: string;
  /** Lines of the comment opening the file, without the `#`. */
  comment?: readonly string[];
  /** The program files, as the scenario names them: relative to the scenario's folder, or absolute. */
  programFiles: readonly string[];
  /** The purchase history (relative to the scenario's folder, or absolute) and how to read it. */
  data: { file: string } & Partial<DataSettings>;
  /** The gross margin as written: `from-data`, a share (0.3), a percentage (`30%`) or a distribution. */
  grossMargin: string | number;
  /** The horizon as written: `12 months`. */
  horizon: string;
  currency?: string;
  iterations?: number;
  seed?: number;
}

/** One YAML scalar, quoted only where YAML needs it. */
function scalar(value: string | number): string {
  return stringify(value).trimEnd();
}

/** A number written as a number, anything else (`30%`, `from-data`, `pert(0.25, 0.3, 0.35)`) as text. */
export function assumptionText(text: string): string | number {
  const trimmed = text.trim();
  return trimmed !== '' && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed) ? Number(trimmed) : trimmed;
}

/** `key: value   # comment`, the comments of consecutive lines aligned at column 36. */
function line(indent: string, key: string, value: string, comment?: string): string {
  const text = `${indent}${key}: ${value}`;
  return comment === undefined ? text : `${text.padEnd(34)} # ${comment}`;
}

const DATA_SETTING_COMMENTS: Record<keyof DataSettings, string> = {
  columns: 'which column plays which role (only those not named as loyalty-sim expects)',
  delimiter: 'field delimiter',
  decimal: 'decimal separator of the amounts',
  dateFormat: 'how the dates are written',
  onBadRow: 'fail: stop at an unreadable row; skip: skip and count it',
  zeroAmount: 'a row of amount 0: a purchase (purchase) or not (ignore)',
  calibrationEnd: 'the model is fitted on purchases up to this day',
  period: 'time unit of the customer model',
};

const DATA_SETTING_ORDER: readonly (keyof DataSettings)[] = ['columns', 'delimiter', 'decimal', 'dateFormat', 'onBadRow', 'zeroAmount', 'calibrationEnd', 'period'];

/** The `data.columns` mapping in flow form: `{ customer: CustomerID, date: InvoiceDate }`. */
function columnsText(columns: Partial<Record<ColumnRole, string>>): string {
  return `{ ${Object.entries(columns)
    .map(([role, name]) => `${role}: ${scalar(name)}`)
    .join(', ')} }`;
}

/**
 * The scenario file's text. Settings left out take the schema's defaults (scenario-schema.ts):
 * 1,000 iterations, seed 42, new customers as the history shows them.
 */
export function assembledScenarioText(assembly: ScenarioAssembly): string {
  const lines: string[] = (assembly.comment ?? []).map((text) => (text === '' ? '#' : `# ${text}`));
  lines.push(line('', 'name', scalar(assembly.name)));
  lines.push('data:');
  lines.push(line('  ', 'file', scalar(assembly.data.file), "the purchase history, relative to this file's folder"));
  for (const setting of DATA_SETTING_ORDER) {
    const value = assembly.data[setting];
    if (value === undefined) continue;
    const text = setting === 'columns' ? columnsText(value as Partial<Record<ColumnRole, string>>) : scalar(value as string);
    lines.push(line('  ', setting, text, DATA_SETTING_COMMENTS[setting]));
  }
  lines.push('economics:');
  if (assembly.currency !== undefined) lines.push(line('  ', 'currency', scalar(assembly.currency), 'shown in the reports'));
  const margin = typeof assembly.grossMargin === 'number' ? assembly.grossMargin : assumptionText(assembly.grossMargin);
  lines.push(
    line(
      '  ',
      'grossMargin',
      scalar(margin),
      margin === 'from-data' ? "the data's margin or cost column, per category" : 'share of the price left after the cost of goods',
    ),
  );
  lines.push(line('', 'horizon', scalar(assembly.horizon), 'how far ahead to simulate'));
  if (assembly.iterations !== undefined) lines.push(line('', 'iterations', String(assembly.iterations), 'simulated futures; more give steadier figures'));
  if (assembly.seed !== undefined) lines.push(line('', 'seed', String(assembly.seed), 'the same seed gives the same figures'));
  lines.push('programs:                          # each compared with no program, on the same random numbers');
  for (const file of assembly.programFiles) lines.push(`  - file: ${scalar(file)}`);
  return `${lines.join('\n')}\n`;
}
