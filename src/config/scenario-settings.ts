/**
 * Settings given on the command line for what-if runs (`sweep --set`, `optimise --vary`, `--tie`):
 * a key path into one of the scenario's programs and the values to write there.
 *
 *   programs["5% back in points"].points.earnRate=3,5,7     a list (values as typed in YAML)
 *   programs[0].discount.percent=1%..15% by 2%               a range with a step
 *   programs[0].discount.percent=1%..15%                     a range (optimise searches it)
 *
 * A program is addressed by its name or its position (from 0); the rest of the path is checked
 * against the program type's JSON Schema (the one published as scenarios/program.schema.json)
 * before anything is simulated, with a did-you-mean for a misspelt key. Only program settings can
 * be set: a setting outside the programs (economics, population, ...) changes the baseline world,
 * which a sweep simulates once and shares (docs/methods.md section 7, "Sweeps").
 */
import { parse as parseYaml } from 'yaml';
import { UserInputError } from '../errors.js';
import { didYouMean } from '../schema/did-you-mean.js';
import { parsePercent } from '../schema/distribution-text.js';
import { formatKeyPath, type KeyPath } from '../schema/issue-text.js';
import { publishedJsonSchema } from './json-schema.js';
import type { LoadedScenario } from './load.js';

/** A `PATH=VALUES` setting whose path is resolved to a program's key. */
export interface SettingPath {
  /** The path as the user wrote it. */
  text: string;
  /** The key path in the scenario: ['programs', k, ...]. */
  keyPath: KeyPath;
  /** Position of the program in the scenario. */
  program: number;
}

/** A range `from..to`, bounds as numbers the schema reads (a percentage divided by 100), with its step when given. */
export interface SettingRange {
  from: number;
  to: number;
  /** Whether the bounds were written as percentages. */
  percent: boolean;
  /** The values from..to by step, as typed in YAML (`3%`, `0.25`); absent without `by`. */
  stepped?: string[];
}

/** The largest number of values one setting may take. */
export const MAX_SETTING_VALUES = 1000;

const SCENARIO_KEYS = ['name', 'data', 'population', 'economics', 'horizon', 'iterations', 'seed', 'acquisition', 'programs'];

/** `PATH=VALUES` split at its first `=` outside quotes. */
export function splitSetting(text: string, flag: string): { path: string; values: string } {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '=') {
      const path = text.slice(0, i).trim();
      const values = text.slice(i + 1).trim();
      if (path.length > 0 && values.length > 0) return { path, values };
      break;
    }
  }
  throw new UserInputError(`'${text}' is not PATH=VALUES`, { field: flag }, `Write e.g. ${flag} 'programs[0].discount.percent=5%,10%'.`);
}

type PathSegment = string | number | { name: string };

/** The segments of `programs["name"].points.earnRate`: keys, list indices and quoted names. */
function pathSegments(text: string, flag: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const pattern = /\s*(?:\[\s*(\d+)\s*\]|\[\s*"([^"]*)"\s*\]|\[\s*'([^']*)'\s*\]|\.?([A-Za-z_][\w-]*))/y;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match === null || (segments.length === 0 && match[4] === undefined) || (segments.length > 0 && match[4] !== undefined && !match[0].trimStart().startsWith('.'))) {
      throw new UserInputError(
        `'${text}' is not a key path (at '${text.slice(at)}')`,
        { field: flag },
        'Write keys with dots and programs by name or position: programs["5% back in points"].points.earnRate or programs[0].discount.percent.',
      );
    }
    if (match[1] !== undefined) segments.push(Number(match[1]));
    else if (match[2] !== undefined || match[3] !== undefined) segments.push({ name: match[2] ?? match[3] });
    else segments.push(match[4]);
    at = pattern.lastIndex;
  }
  return segments;
}

type JsonSchemaNode = Record<string, unknown>;

/** The node itself, or the definition it refers to. */
function dereference(node: JsonSchemaNode, defs: Record<string, JsonSchemaNode>): JsonSchemaNode {
  let current = node;
  for (let guard = 0; typeof current.$ref === 'string' && guard < 20; guard++) {
    const name = (current.$ref as string).replace('#/$defs/', '');
    current = { ...defs[name], ...Object.fromEntries(Object.entries(current).filter(([key]) => key !== '$ref')) };
  }
  return current;
}

/** The alternatives a node stands for: its anyOf / oneOf branches, or itself. */
function alternatives(node: JsonSchemaNode, defs: Record<string, JsonSchemaNode>): JsonSchemaNode[] {
  const resolved = dereference(node, defs);
  const branches = (resolved.anyOf ?? resolved.oneOf) as JsonSchemaNode[] | undefined;
  return branches === undefined ? [resolved] : branches.flatMap((branch) => alternatives(branch, defs));
}

/** The keys a mapping node allows, with their schemas. */
function propertiesOf(nodes: JsonSchemaNode[]): Map<string, JsonSchemaNode> {
  const properties = new Map<string, JsonSchemaNode>();
  for (const node of nodes) {
    for (const [key, value] of Object.entries((node.properties ?? {}) as Record<string, JsonSchemaNode>)) {
      if (!properties.has(key)) properties.set(key, value);
    }
  }
  return properties;
}

/** The schema of one program type: the branch of the program schema whose `type` is that type. */
function programTypeSchema(type: string): { node: JsonSchemaNode; defs: Record<string, JsonSchemaNode> } {
  const schema = publishedJsonSchema('program');
  const defs = schema.$defs as Record<string, JsonSchemaNode>;
  const branch = alternatives(schema as JsonSchemaNode, defs).find(
    (node) => ((node.properties as Record<string, JsonSchemaNode> | undefined)?.type as { const?: unknown } | undefined)?.const === type,
  );
  if (branch === undefined) throw new Error(`no schema for the program type '${type}'`);
  return { node: branch, defs };
}

/** Which program `segment` (a name or a position) addresses. */
function programIndex(segment: PathSegment | undefined, loaded: LoadedScenario, text: string, flag: string): number {
  const names = loaded.scenario.programs.map((program) => program.name);
  const listed = names.map((name, i) => `${i}: "${name}"`).join(', ');
  if (typeof segment === 'number') {
    if (segment < names.length) return segment;
    throw new UserInputError(
      `'${text}': the scenario has no program ${segment}; it has ${names.length} (${listed})`,
      { field: flag },
      'Programs are numbered from 0 in the order of the scenario, or named: programs["name"].',
    );
  }
  if (segment !== undefined && typeof segment === 'object') {
    const index = names.indexOf(segment.name);
    if (index >= 0) return index;
    throw new UserInputError(`'${text}': the scenario has no program named "${segment.name}"${didYouMean(segment.name, names)}`, { field: flag }, `Its programs are ${listed}.`);
  }
  throw new UserInputError(`'${text}': say which program, by name or position: programs["name"] or programs[0]`, { field: flag });
}

/**
 * The key path of a setting in the scenario, checked against the program type's schema: every key
 * exists there (did-you-mean otherwise) and the last one holds a value (a number, a percentage, a
 * distribution, a word), not a mapping or a list.
 */
export function resolveSettingPath(text: string, loaded: LoadedScenario, flag: string): SettingPath {
  const segments = pathSegments(text, flag);
  const head = segments[0] as string;
  if (head !== 'programs') {
    if (SCENARIO_KEYS.includes(head)) {
      throw new UserInputError(
        `'${text}': only program settings can be varied; '${head}' changes the baseline world, which is simulated once and shared by every value`,
        { field: flag },
        `Write the value into the scenario file and run it once per value, or vary a program's setting: programs[0]....`,
      );
    }
    throw new UserInputError(`'${text}': unknown key '${head}'${didYouMean(head, ['programs'])}; settings start with programs["name"] or programs[0]`, { field: flag });
  }
  const program = programIndex(segments[1], loaded, text, flag);
  const rest = segments.slice(2);
  if (rest.length === 0) throw new UserInputError(`'${text}': give a key of the program, e.g. ${formatKeyPath(['programs', program, 'effects', 'frequencyUplift'])}`, { field: flag });
  const type = loaded.scenario.programs[program].type;
  const { node: typeNode, defs } = programTypeSchema(type);
  let nodes = [typeNode];
  const keyPath: (string | number)[] = ['programs', program];
  for (const segment of rest) {
    const where = formatKeyPath(keyPath);
    if (typeof segment === 'object') {
      throw new UserInputError(`'${text}': a quoted name addresses a program only; write ${where}.key`, { field: flag });
    }
    if (typeof segment === 'number') {
      const items = nodes.map((node) => node.items as JsonSchemaNode | undefined).filter((item) => item !== undefined);
      if (items.length === 0) throw new UserInputError(`'${text}': ${where} is not a list, so [${segment}] addresses nothing`, { field: flag });
      nodes = items.flatMap((item) => alternatives(item, defs));
    } else {
      const properties = propertiesOf(nodes);
      const child = properties.get(segment);
      if (child === undefined) {
        const allowed = [...properties.keys()];
        const kind = keyPath.length === 2 ? `a ${type} program` : where;
        throw new UserInputError(
          properties.size === 0
            ? `'${text}': ${where} is a value, it has no key '${segment}'`
            : `'${text}': ${kind} has no key '${segment}'${didYouMean(segment, allowed)}`,
          { field: flag },
          properties.size === 0 ? undefined : `The keys there are: ${allowed.join(', ')}.`,
        );
      }
      nodes = alternatives(child, defs);
    }
    keyPath.push(segment);
  }
  const holdsValue = nodes.some((node) => node.type !== 'object' && node.type !== 'array') ||
    // A distribution given as a mapping ({ dist: pert, ... }) is a value too.
    nodes.some((node) => propertiesOf([node]).has('dist'));
  if (!holdsValue) {
    const keys = [...propertiesOf(nodes).keys()];
    throw new UserInputError(
      `'${text}': ${formatKeyPath(keyPath)} is a ${nodes.some((node) => node.type === 'array') ? 'list' : 'mapping'}, not a value`,
      { field: flag },
      keys.length > 0 ? `Give one of its keys: ${keys.join(', ')}.` : 'Give a key inside it.',
    );
  }
  return { text, keyPath, program };
}

/** A decimal number as digits and a count of decimals: `0.15` -> 15, 2; exact, without binary rounding. */
function decimalParts(text: string): { digits: bigint; decimals: number } | undefined {
  const match = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const decimals = (match[3] ?? '').length;
  const digits = BigInt(`${match[1] === '-' ? '-' : ''}${match[2] || '0'}${match[3] ?? ''}`);
  return { digits, decimals };
}

/** A number of a range: plain (`0.5`) or a percentage (`5%`), exactly as decimal parts. */
function rangeNumber(text: string, flag: string, whole: string): { digits: bigint; decimals: number; percent: boolean; value: number } {
  const trimmed = text.trim();
  const percent = trimmed.endsWith('%');
  const number = percent ? trimmed.slice(0, -1).trim() : trimmed;
  const parts = decimalParts(number);
  if (parts === undefined) {
    throw new UserInputError(`'${whole}': '${trimmed}' is not a number`, { field: flag }, 'A range is FROM..TO (optimise) or FROM..TO by STEP (sweep), e.g. 1%..15% by 2% or 3..7 by 2.');
  }
  return { ...parts, percent, value: percent ? Number(number) / 100 : Number(number) };
}

/** `digits / 10^decimals` written out: 15, 2 -> "0.15". */
function decimalText(digits: bigint, decimals: number): string {
  const negative = digits < 0n;
  const plain = (negative ? -digits : digits).toString().padStart(decimals + 1, '0');
  const whole = plain.slice(0, plain.length - decimals);
  const fraction = plain.slice(plain.length - decimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** A range `from..to [by step]`, or undefined when `text` is not one. */
export function parseSettingRange(text: string, flag: string): SettingRange | undefined {
  const match = /^(.+?)\.\.(.+?)(?:\s+by\s+(.+))?$/.exec(text.trim());
  if (match === null) return undefined;
  const from = rangeNumber(match[1], flag, text);
  const to = rangeNumber(match[2], flag, text);
  const step = match[3] === undefined ? undefined : rangeNumber(match[3], flag, text);
  const kinds = [from, to, ...(step ? [step] : [])];
  if (kinds.some((part) => part.percent !== from.percent)) {
    throw new UserInputError(`'${text}': write all of the range as percentages or none of it`, { field: flag }, 'E.g. 1%..15% by 2%, or 0.01..0.15 by 0.02.');
  }
  if (!(to.value > from.value)) throw new UserInputError(`'${text}': the range must rise (${match[2].trim()} is not above ${match[1].trim()})`, { field: flag });
  const range: SettingRange = { from: from.value, to: to.value, percent: from.percent };
  if (step === undefined) return range;
  if (!(step.value > 0)) throw new UserInputError(`'${text}': the step must be above 0`, { field: flag });
  // In whole units of the finest decimal, so that 0.1..0.3 by 0.1 gives 0.1, 0.2, 0.3 exactly.
  const decimals = Math.max(from.decimals, to.decimals, step.decimals);
  const scaled = (part: { digits: bigint; decimals: number }) => part.digits * 10n ** BigInt(decimals - part.decimals);
  const [first, last, by] = [scaled(from), scaled(to), scaled(step)];
  const count = (last - first) / by + 1n;
  if (count > BigInt(MAX_SETTING_VALUES)) {
    throw new UserInputError(`'${text}' gives ${count} values, more than the ${MAX_SETTING_VALUES} a setting may take`, { field: flag }, 'Take a larger step.');
  }
  const suffix = from.percent ? '%' : '';
  range.stepped = Array.from({ length: Number(count) }, (_, k) => decimalText(first + BigInt(k) * by, decimals) + suffix);
  return range;
}

/** Split `a,b,c` at commas outside brackets and quotes, so `pert(0, 0.03, 0.1)` stays one value. */
function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items.map((item) => item.trim());
}

/** A value as typed in YAML: `3` is a number, `5%` and `pert(0, 0.03, 0.1)` strings, `{ dist: pert, ... }` a mapping. */
export function yamlValue(text: string, flag: string): unknown {
  try {
    return parseYaml(text);
  } catch (err) {
    throw new UserInputError(`'${text}' is not a YAML value: ${(err as Error).message.split('\n')[0]}`, { field: flag });
  }
}

/** The values of a sweep's setting, as typed in YAML: a list `3,5,7` or a range `3..7 by 2`. */
export function sweepValueTexts(text: string, flag: string): string[] {
  const range = parseSettingRange(text, flag);
  if (range !== undefined) {
    if (range.stepped === undefined) throw new UserInputError(`'${text}': give the range's step, e.g. '${text} by ${range.percent ? '1%' : '1'}'`, { field: flag });
    return range.stepped;
  }
  const items = splitList(text);
  if (items.some((item) => item.length === 0)) throw new UserInputError(`'${text}' has an empty value`, { field: flag }, 'Separate values with single commas: 3,5,7.');
  if (items.length > MAX_SETTING_VALUES) throw new UserInputError(`'${text}' gives ${items.length} values, more than the ${MAX_SETTING_VALUES} a setting may take`, { field: flag });
  return items;
}

/** The number a value typed in YAML stands for (`5%` -> 0.05), or undefined when it is not one (a distribution, a word). */
export function numberOfValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parsePercent(value);
  return undefined;
}

/** A setting tied to the varied value: PATH = slope x x + intercept. */
export interface TiedSetting {
  path: SettingPath;
  slope: number;
  intercept: number;
  /** The formula as written. */
  formula: string;
}

/** A number, or a percentage as a share (`4%` -> 0.04). */
function coefficient(text: string): number {
  return text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
}

/**
 * `PATH=A*x+B` (also `A*x`, `x`, `B+A*x`, `A*x-B`, `-x`, percentages for A or B): the setting
 * is written with the value A x + B at every evaluated point, x being the number the first
 * varied setting stands for (a percentage as a share: 5% is 0.05).
 */
export function parseTiedSetting(text: string, loaded: LoadedScenario, flag: string): TiedSetting {
  const { path, values } = splitSetting(text, flag);
  const formula = values.replace(/\s+/g, '');
  const term = /([-+]?)(?:((?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?%?)(\*x)?|(x))/y;
  let slope = 0;
  let intercept = 0;
  let terms = 0;
  let at = 0;
  while (at < formula.length) {
    term.lastIndex = at;
    const match = term.exec(formula);
    // Every term after the first needs its sign: "2x" or "0.04*x0.1" are not formulas.
    if (match === null || (terms > 0 && match[1] === '')) {
      terms = -1;
      break;
    }
    const sign = match[1] === '-' ? -1 : 1;
    if (match[4] !== undefined) slope += sign;
    else if (match[3] !== undefined) slope += sign * coefficient(match[2]);
    else intercept += sign * coefficient(match[2]);
    terms++;
    at = term.lastIndex;
  }
  if (terms <= 0) {
    throw new UserInputError(
      `'${values}' is not a linear formula in x`,
      { field: flag },
      `Write PATH=A*x+B with numbers A and B, e.g. ${flag} 'programs[0].effects.frequencyUplift=0.04*x'; x is the value of the first varied setting.`,
    );
  }
  if (!Number.isFinite(slope) || !Number.isFinite(intercept)) throw new UserInputError(`'${values}' has a number out of range`, { field: flag });
  return { path: resolveSettingPath(path, loaded, flag), slope, intercept, formula: values.trim() };
}
