/**
 * Where and in which format a command writes its report, the same for every command:
 *
 *   --format F      the report in format F on stdout (table, json, csv, md, html, junit: those the
 *                   command offers);
 *   -o, --out FILE  the report in a file, written atomically, in the format its extension names
 *                   (.json, .csv, .md, .html, .xml for JUnit, .txt for the table) unless --format
 *                   says otherwise;
 *   --out-dir DIR   a folder with the report (report.<ext>) and its data files (the command's list),
 *                   each written atomically;
 *   --json          the same as --format json.
 *
 * Every output is rendered before the first file is put in place, so a failure leaves every file
 * as it was.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { fileSystemError, isFileSystemError, UserInputError } from '../errors.js';
import type { ReportFile, Reporter } from '../report/reporter.js';
import { closestMatch } from '../schema/did-you-mean.js';
import type { CliIo } from './command-context.js';
import { openOutputFile, writePieces, type OutputFile } from './output.js';

/** Every report format of the tool, with the file extension that names it. */
export const FORMAT_EXTENSIONS = { table: '.txt', json: '.json', csv: '.csv', md: '.md', html: '.html', junit: '.xml' } as const;
export type ReportFormat = keyof typeof FORMAT_EXTENSIONS;

/** Extensions that name a format, other spellings included. */
const EXTENSION_FORMATS: Readonly<Record<string, ReportFormat>> = {
  '.txt': 'table',
  '.text': 'table',
  '.json': 'json',
  '.csv': 'csv',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xml': 'junit',
};

/** What a command offers: its formats and their reporters, its default, and what --out-dir writes. */
export interface ReportOutputSpec<Format extends ReportFormat, Result> {
  formats: readonly Format[];
  reporter: (format: Format) => Reporter<Result>;
  /** On stdout and in a file whose extension names no format. */
  defaultFormat: Format;
  /** With --out-dir: the report's format when --format is not given, and the data files written beside it. */
  outDir?: { defaultFormat: Format; dataFiles: (result: Result, format: Format) => ReportFile<Result>[] };
}

/** The options as commander gives them. */
export interface ReportOutputValues {
  format?: string;
  json?: boolean;
  out?: string;
  outDir?: string;
}

/** Add --format, -o/--out, --out-dir (when the command has data files) and --json to a command. */
export function addReportOutputOptions<Format extends ReportFormat, Result>(command: Command, spec: ReportOutputSpec<Format, Result>): Command {
  command
    .option('--format <format>', `output format: ${spec.formats.join(', ')} (default: ${spec.defaultFormat}; with -o, the one its extension names)`)
    .option('-o, --out <file>', `write the report to a file instead of stdout, written atomically (${spec.formats.map((f) => FORMAT_EXTENSIONS[f]).join(' ')} name the format)`);
  if (spec.outDir !== undefined) {
    command.option('--out-dir <dir>', `write the report (report${FORMAT_EXTENSIONS[spec.outDir.defaultFormat]} unless --format says otherwise) and its data files into a folder, created if missing`);
  }
  if (spec.formats.includes('json' as Format)) command.option('--json', 'the same as --format json');
  return command;
}

export type ReportTarget = { kind: 'stdout' } | { kind: 'file'; path: string } | { kind: 'folder'; path: string };

export interface ReportOutputPlan<Format extends ReportFormat> {
  format: Format;
  target: ReportTarget;
}

/** A format the command offers, or a UserInputError naming --format with a suggestion. */
function offeredFormat<Format extends ReportFormat>(text: string, formats: readonly Format[]): Format {
  const format = formats.find((candidate) => candidate === text.trim().toLowerCase());
  if (format !== undefined) return format;
  const suggestion = closestMatch(text.trim(), formats);
  throw new UserInputError(
    `'${text}' is not a format of this command`,
    { field: '--format' },
    `${suggestion !== undefined ? `Did you mean '${suggestion}'? ` : ''}Use ${formats.join(', ')}.`,
  );
}

/** The format and target the options ask for, checked: a contradiction or an unknown format is a UserInputError naming its option. */
export function reportOutputPlan<Format extends ReportFormat, Result>(values: ReportOutputValues, spec: ReportOutputSpec<Format, Result>): ReportOutputPlan<Format> {
  if (values.out !== undefined && values.outDir !== undefined) {
    throw new UserInputError('-o and --out-dir both say where to write the report', { field: '--out-dir' }, 'Give one of them: -o FILE for the report alone, --out-dir DIR for the report with its data files.');
  }
  let format = values.format === undefined ? undefined : offeredFormat(values.format, spec.formats);
  if (values.json === true) {
    if (format !== undefined && format !== 'json') {
      throw new UserInputError(`--json asks for json but --format asks for ${format}`, { field: '--format' }, 'Give one of them.');
    }
    format = 'json' as Format;
  }
  if (values.outDir !== undefined) {
    if (spec.outDir === undefined) throw new UserInputError('this command writes no data files', { field: '--out-dir' }, 'Use -o FILE.');
    if (values.outDir.trim() === '') throw new UserInputError('the folder name is empty', { field: '--out-dir' }, 'Give the folder to write, e.g. --out-dir report.');
    return { format: format ?? spec.outDir.defaultFormat, target: { kind: 'folder', path: values.outDir } };
  }
  if (values.out !== undefined) {
    if (format === undefined) {
      const named = EXTENSION_FORMATS[path.extname(values.out).toLowerCase()];
      if (named !== undefined && !spec.formats.includes(named as Format)) {
        throw new UserInputError(
          `'${path.basename(values.out)}' names the ${named} format, which this command does not write`,
          { field: '--out' },
          `Give --format ${spec.formats.join(' or ')}, or a file name ending in ${spec.formats.map((f) => FORMAT_EXTENSIONS[f]).join(', ')}.`,
        );
      }
      format = (named as Format | undefined) ?? spec.defaultFormat;
    }
    return { format, target: { kind: 'file', path: values.out } };
  }
  return { format: format ?? spec.defaultFormat, target: { kind: 'stdout' } };
}

/**
 * Refuse two outputs of one command given the same file (resolved from the working folder; a
 * device may be given twice): the later file would silently replace the first. `outputs` are the files given, with their options.
 */
export function checkDistinctOutputs(outputs: readonly { path: string | undefined; option: string }[]): void {
  const seen = new Map<string, string>();
  for (const output of outputs) {
    if (output.path === undefined) continue;
    const resolved = path.resolve(output.path);
    // Devices (/dev/null, /dev/stdout) are written as they are, not replaced.
    if (resolved.startsWith('/dev/')) continue;
    const first = seen.get(resolved);
    if (first !== undefined) {
      throw new UserInputError(`'${output.path}' is also the file of ${first}: one would replace the other`, { field: output.option }, 'Give each output a file of its own.');
    }
    seen.set(resolved, output.option);
  }
}

/** The report's output, opened before the command's work so that a path that cannot be written fails at once. */
export interface ReportOutput<Result> {
  write(result: Result): Promise<void>;
  /** Give up: nothing is written (nothing happens after write). */
  discard(): Promise<void>;
}

/** The folder of --out-dir checked: an existing folder, or a path whose parent folder exists. */
async function checkFolder(folder: string): Promise<void> {
  try {
    const stat = await fs.stat(folder).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
    if (stat !== undefined && !stat.isDirectory()) {
      throw new UserInputError(`'${folder}' is a file, not a folder`, { field: '--out-dir' }, 'Give a folder to write the report and its data files into.');
    }
    if (stat === undefined) {
      const parent = path.dirname(path.resolve(folder));
      const parentStat = await fs.stat(parent).catch(() => undefined);
      if (parentStat === undefined || !parentStat.isDirectory()) {
        throw new UserInputError(`the folder '${parent}' does not exist`, { field: '--out-dir' }, 'Create it first or choose another folder.');
      }
    }
  } catch (err) {
    if (isFileSystemError(err)) throw fileSystemError(err, folder, 'write', '--out-dir');
    throw err;
  }
}

/**
 * Open the output the plan names; `inputs` are the files the command reads, which no output may
 * overwrite. Writing a folder prints the files written on stderr.
 */
export async function openReportOutput<Format extends ReportFormat, Result>(
  plan: ReportOutputPlan<Format>,
  spec: ReportOutputSpec<Format, Result>,
  io: CliIo,
  inputs: readonly string[],
): Promise<ReportOutput<Result>> {
  const reporter = spec.reporter(plan.format);
  const target = plan.target;
  if (target.kind === 'stdout') {
    return { write: async (result) => writePieces(io.stdout, await reporter.render(result)), discard: async () => {} };
  }
  if (target.kind === 'file') {
    const file = await openOutputFile(target.path, '--out', inputs);
    return { write: async (result) => file.commit(await reporter.render(result)), discard: () => file.discard() };
  }
  await checkFolder(target.path);
  let opened: OutputFile[] = [];
  return {
    async write(result) {
      const files = [{ name: `report${FORMAT_EXTENSIONS[plan.format]}`, reporter }, ...spec.outDir!.dataFiles(result, plan.format)];
      // Everything rendered first: a reporter's failure writes nothing.
      const rendered = [];
      for (const file of files) rendered.push({ name: file.name, pieces: [...(await file.reporter.render(result))] });
      try {
        await fs.mkdir(target.path, { recursive: true });
      } catch (err) {
        if (isFileSystemError(err)) throw fileSystemError(err, target.path, 'write', '--out-dir');
        throw err;
      }
      opened = [];
      for (const file of rendered) opened.push(await openOutputFile(path.join(target.path, file.name), '--out-dir', inputs));
      for (const [k, file] of rendered.entries()) await opened[k].commit(file.pieces);
      io.stderr.write(`wrote ${rendered.map((file) => file.name).join(', ')} to ${target.path}\n`);
    },
    async discard() {
      for (const file of opened) await file.discard();
    },
  };
}
