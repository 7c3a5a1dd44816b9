/**
 * Loading scenario and program files: read the YAML keeping positions, replace each
 * `- file: programs/x.yaml` entry by that file's program, check that the data file exists, validate
 * everything against the schemas, and report every problem found with its file, line and column
 * (problems in a referenced program file name that file).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type * as z from 'zod';
import { fileSystemError, UserInputError, type SourceLocation } from '../errors.js';
import { describeIssue, formatKeyPath, type KeyPath } from '../schema/issue-text.js';
import { configText, MAX_CONFIG_FILE_BYTES, readConfigBytes } from './config-text.js';
import { ConfigError, locateIssues, sortIssues, type SourceResolver } from './issues.js';
import { programDefinitionSchema, programReferenceSchema, type ProgramDefinition } from './program-schema.js';
import { scenarioSchema, type Scenario } from './scenario-schema.js';
import { YamlSource, type ConfigIssue } from './yaml-source.js';

export interface LoadedScenario {
  /** The scenario file as the caller named it. */
  file: string;
  /** The scenario's name, or the file name without extension when it has none. */
  name: string;
  /** The validated scenario with defaults applied; `data.file` is an absolute path. */
  scenario: Scenario;
  /** Per program, the program file it was read from (as the user would name it), or undefined when inline. */
  programFiles: (string | undefined)[];
  /** Where a key path of the scenario is written, for errors found later (e.g. a category missing from the data). */
  locate(keyPath: KeyPath): SourceLocation;
}

export interface LoadedProgram {
  file: string;
  program: ProgramDefinition;
  locate(keyPath: KeyPath): SourceLocation;
}

/** How a config file is read. */
export interface LoadOptions {
  /** Called once with the file's name when it gives no data for 2 s (a FIFO without a writer). */
  onWaiting?: (file: string) => void;
  /**
   * Program files about to be written, their text by absolute path: read instead of the disk, so a
   * scenario and its program files are checked before any of them is written.
   */
  pendingFiles?: ReadonlyMap<string, string>;
}

export type LoadedConfig = { kind: 'scenario'; scenario: LoadedScenario } | { kind: 'program'; program: LoadedProgram };

/** Read and parse a YAML file; `file` is how messages name it, `readFrom` where it is (default: the same). */
async function readYaml(file: string, readFrom = file, options: LoadOptions = {}): Promise<{ source: YamlSource; issues: ConfigIssue[] }> {
  let bytes: Buffer | 'too big';
  try {
    bytes = await readConfigBytes(readFrom, options.onWaiting && (() => options.onWaiting!(file)));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserInputError(`cannot read '${file}': no such file`, { file }, 'Check the path; it is relative to the current folder.');
    if (code === 'EISDIR') throw new UserInputError(`cannot read '${file}': it is a folder, not a file`, { file }, 'Give the path of a scenario or program YAML file.');
    if (code !== undefined) throw fileSystemError(err as NodeJS.ErrnoException, file, 'read');
    throw err;
  }
  if (bytes === 'too big') {
    throw new UserInputError(
      `'${file}' is larger than ${MAX_CONFIG_FILE_BYTES / 1024 / 1024} MiB, the most a scenario or program file may be`,
      { file },
      'Give a scenario or program YAML file; purchase data belongs in a CSV named by data.file.',
    );
  }
  const decoded = configText(bytes);
  if ('problem' in decoded) {
    const { line, column, message, hint } = decoded.problem;
    throw new ConfigError([{ file, line, column, field: '', message, hint }]);
  }
  return YamlSource.parse(decoded.text, file);
}

/** True for a file that can be read as one: a regular file, or a FIFO or device (a pipe as input). */
async function isFile(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    return stat.isFile() || stat.isFIFO() || stat.isCharacterDevice();
  } catch {
    return false;
  }
}

/** The path to show for a file referenced from `fromFile`: relative references stay relative to where the user is. */
function referencedDisplayPath(fromFile: string, reference: string): string {
  return path.isAbsolute(reference) ? reference : path.join(path.dirname(fromFile), reference);
}

function validate<Schema extends z.ZodType>(schema: Schema, value: unknown) {
  return schema.safeParse(value, { error: describeIssue, reportInput: true });
}

function locator(resolve: SourceResolver): (keyPath: KeyPath) => SourceLocation {
  return (keyPath) => {
    const { source, path: localPath } = resolve(keyPath);
    return { file: source.file, ...source.locate(localPath), field: formatKeyPath(localPath) || undefined };
  };
}

/** Throw every problem found, those of `mainFile` (the file the user named) first. */
function throwIfAny(issues: ConfigIssue[], mainFile?: string): void {
  if (issues.length > 0) throw new ConfigError(sortIssues(issues, mainFile));
}

/** Reads the program files a scenario references; each loaded file's content replaces its `{ file }` entry. */
async function resolveProgramReferences(scenarioSource: YamlSource, scenarioPath: string, pendingFiles?: ReadonlyMap<string, string>) {
  const issues: ConfigIssue[] = [];
  const raw = scenarioSource.value as { programs?: unknown };
  const programs = Array.isArray(raw?.programs) ? [...raw.programs] : undefined;
  const programSources = new Map<number, YamlSource>();
  const unreadable = new Set<number>();
  for (let i = 0; i < (programs?.length ?? 0); i++) {
    const entry = programs![i];
    if (entry === null || typeof entry !== 'object' || !('file' in entry)) continue;
    const reference = validate(programReferenceSchema, entry);
    if (!reference.success) {
      const resolve: SourceResolver = (p) => ({ source: scenarioSource, path: ['programs', i, ...p] });
      issues.push(...locateIssues(reference.error.issues, entry, resolve));
      unreadable.add(i);
      continue;
    }
    const displayPath = referencedDisplayPath(scenarioSource.file, reference.data.file);
    const absolutePath = path.resolve(path.dirname(scenarioPath), reference.data.file);
    const pendingText = pendingFiles?.get(absolutePath);
    if (pendingText === undefined && !(await isFile(absolutePath))) {
      issues.push(
        scenarioSource.issueAt(
          ['programs', i, 'file'],
          `program file '${displayPath}' not found`,
          `Program files are found relative to the scenario file's folder (${path.dirname(scenarioSource.file)}).`,
        ),
      );
      unreadable.add(i);
      continue;
    }
    const { source: programSource, issues: yamlIssues } =
      pendingText === undefined ? await readYaml(displayPath, absolutePath) : YamlSource.parse(pendingText, displayPath);
    if (yamlIssues.length > 0) {
      issues.push(...yamlIssues);
      unreadable.add(i);
      continue;
    }
    programs![i] = programSource.value;
    programSources.set(i, programSource);
  }
  return { programs, programSources, unreadable, issues };
}

async function loadScenarioSource(scenarioSource: YamlSource, yamlIssues: ConfigIssue[], pendingFiles?: ReadonlyMap<string, string>): Promise<LoadedScenario> {
  throwIfAny(yamlIssues);
  const file = scenarioSource.file;
  const scenarioPath = path.resolve(file);
  const { programs, programSources, unreadable, issues } = await resolveProgramReferences(scenarioSource, scenarioPath, pendingFiles);

  const raw = scenarioSource.value;
  const value = programs === undefined ? raw : { ...(raw as object), programs };

  /** The absolute path of a file the data block names at `key` (relative to the scenario's folder); an issue there when it does not exist. */
  const referencedFile = async (key: string, written: unknown, what: string): Promise<string | undefined> => {
    if (typeof written !== 'string' || written.length === 0) return undefined;
    const absolute = path.resolve(path.dirname(scenarioPath), written);
    if (!(await isFile(absolute))) {
      issues.push(
        scenarioSource.issueAt(['data', key], `${what} '${referencedDisplayPath(file, written)}' not found`, `The ${what} is found relative to the scenario file's folder (${path.dirname(file)}).`),
      );
    }
    return absolute;
  };
  // The purchase history (data.file) or the summary table (data.summaries), and a summary table's categories (data.categories).
  const rawData = (raw as { data?: { file?: unknown; summaries?: unknown; categories?: unknown } } | null)?.data;
  const dataKey = typeof rawData?.file === 'string' ? 'file' : 'summaries';
  const dataPath = await referencedFile(dataKey, rawData?.[dataKey], dataKey === 'file' ? 'data file' : 'summary table');
  const categoriesPath = await referencedFile('categories', rawData?.categories, 'category table');

  const resolve: SourceResolver = (keyPath) => {
    const programSource = keyPath[0] === 'programs' && typeof keyPath[1] === 'number' ? programSources.get(keyPath[1]) : undefined;
    return programSource ? { source: programSource, path: keyPath.slice(2) } : { source: scenarioSource, path: keyPath };
  };
  const written: WrittenScenario = { file, value, resolve, unreadable, dataPath, categoriesPath, programFiles: (count) => Array.from({ length: count }, (_, i) => programSources.get(i)?.file) };
  return validatedScenario(written, issues);
}

/** A scenario as written, with each program file's content in place of its reference: what variants of it are validated from. */
interface WrittenScenario {
  file: string;
  value: unknown;
  resolve: SourceResolver;
  /** Programs whose file could not be read (their problems are reported at the file). */
  unreadable: ReadonlySet<number>;
  /** The data file, absolute. */
  dataPath: string | undefined;
  /** A summary table's category table, absolute. */
  categoriesPath: string | undefined;
  programFiles: (count: number) => (string | undefined)[];
}

const writtenScenarios = new WeakMap<LoadedScenario, WrittenScenario>();

/** Validate a written scenario against the schema; throw every problem, `issues` (found before) first. */
function validatedScenario(written: WrittenScenario, issues: ConfigIssue[]): LoadedScenario {
  const { file, value, resolve, unreadable, dataPath, categoriesPath } = written;
  const result = validate(scenarioSchema, value);
  if (!result.success) {
    const relevant = result.error.issues.filter(
      (issue) => !(issue.path[0] === 'programs' && typeof issue.path[1] === 'number' && unreadable.has(issue.path[1])),
    );
    issues.push(...locateIssues(relevant, value, resolve));
  }
  throwIfAny(issues, file);
  // Every failed validation left an issue above (those of an unreadable program file stand behind its own).
  if (!result.success) throw new Error('validation failed without a reported issue');

  const scenario = result.data;
  if (scenario.data && dataPath) scenario.data = { ...scenario.data, file: dataPath, ...(categoriesPath !== undefined ? { categories: categoriesPath } : {}) };
  const loaded: LoadedScenario = {
    file,
    name: scenario.name ?? path.basename(file, path.extname(file)),
    scenario,
    programFiles: written.programFiles(scenario.programs.length),
    locate: locator(resolve),
  };
  writtenScenarios.set(loaded, written);
  return loaded;
}

/** A value to write at a key path of a scenario (programs included from files count as written in place). */
export interface ScenarioEdit {
  keyPath: KeyPath;
  /** A plain value as YAML would give it: a number, a string such as "5%" or "pert(0, 0.03, 0.1)", a mapping. */
  value: unknown;
}

/**
 * The scenario `loaded` came from with `edits` written into it, validated as a file with those
 * values typed in would be: the same scenario a `run` of the edited file gets. Problems are located
 * at the edited keys of the files (scenario or program file) and thrown as a ConfigError.
 */
export function editedScenario(loaded: LoadedScenario, edits: readonly ScenarioEdit[]): LoadedScenario {
  const written = writtenScenarios.get(loaded);
  if (written === undefined) throw new Error('editedScenario needs a scenario read by loadScenario');
  const value = structuredClone(written.value);
  for (const edit of edits) writeAt(value, edit.keyPath, edit.value);
  return validatedScenario({ ...written, value }, []);
}

/** Write `value` at `keyPath` of a plain object, creating the mappings on the way that are absent. */
function writeAt(root: unknown, keyPath: KeyPath, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (let i = 0; i < keyPath.length - 1; i++) {
    const key = keyPath[i];
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[keyPath[keyPath.length - 1]] = value;
}

function loadProgramSource(source: YamlSource, yamlIssues: ConfigIssue[]): LoadedProgram {
  throwIfAny(yamlIssues);
  const resolve: SourceResolver = (keyPath) => ({ source, path: keyPath });
  const result = validate(programDefinitionSchema, source.value);
  if (!result.success) {
    throwIfAny(locateIssues(result.error.issues, source.value, resolve));
    throw new Error('validation failed without a reported issue');
  }
  return { file: source.file, program: result.data, locate: locator(resolve) };
}

/**
 * Load and validate a scenario file. Program files and the data file are found relative to the
 * scenario file. Throws a ConfigError (a UserInputError) listing every problem found.
 */
export async function loadScenario(file: string, options: LoadOptions = {}): Promise<LoadedScenario> {
  const { source, issues } = await readYaml(file, file, options);
  throwIfAny(issues);
  if (configKind(source.value) === 'program') {
    throw new ConfigError([
      {
        ...source.issueAt([], 'this is a program file, not a scenario', undefined, { key: 'type' }),
        hint: `Pass a scenario that lists it under programs (- file: ${path.basename(file)}), or check it with: loyalty-sim validate ${file}`,
      },
    ]);
  }
  return loadScenarioSource(source, issues, options.pendingFiles);
}

/**
 * Load and validate a scenario given as text, as if it were the file `file` (which need not exist:
 * program and data files are found relative to its folder, and messages name it). For scenarios
 * assembled by a command rather than written by the user (config/scenario-assembly.ts).
 */
export async function loadScenarioText(text: string, file: string, options: LoadOptions = {}): Promise<LoadedScenario> {
  const { source, issues } = YamlSource.parse(text, file);
  return loadScenarioSource(source, issues, options.pendingFiles);
}

/** Load and validate a program given as text, as if it were the file `file`. */
export function loadProgramText(text: string, file: string): LoadedProgram {
  const { source, issues } = YamlSource.parse(text, file);
  return loadProgramSource(source, issues);
}

const SCENARIO_KEYS = ['programs', 'data', 'population', 'economics'];

/** What a parsed file is by its top-level keys: a scenario (programs, data, population or economics), a program (type), or neither. */
function configKind(value: unknown): 'scenario' | 'program' | undefined {
  const keys = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  if (SCENARIO_KEYS.some((key) => keys.includes(key))) return 'scenario';
  return keys.includes('type') ? 'program' : undefined;
}

/** Load and validate a standalone program file. */
export async function loadProgram(file: string): Promise<LoadedProgram> {
  const { source, issues } = await readYaml(file);
  return loadProgramSource(source, issues);
}

/**
 * Load a file that may be a scenario (it has `programs`, `data`, `population` or `economics`) or a
 * program (it has `type`), as `validate` does.
 */
export async function loadConfigFile(file: string, options: LoadOptions = {}): Promise<LoadedConfig> {
  const { source, issues } = await readYaml(file, file, options);
  throwIfAny(issues);
  const kind = configKind(source.value);
  if (kind === 'scenario') return { kind: 'scenario', scenario: await loadScenarioSource(source, issues) };
  if (kind === 'program') return { kind: 'program', program: loadProgramSource(source, issues) };
  throw new ConfigError([
    {
      ...source.issueAt([], 'this is neither a scenario (it would have programs:) nor a program (it would have type:)'),
      hint: 'See "Scenario and program files" in the README for both formats.',
    },
  ]);
}
