/**
 * The report options every command shares (src/cli/report-output.ts): --format, -o with the format
 * from its extension, --out-dir with the report and its data files, --json; and their refusals.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/errors.js';
import { reportOutputPlan, type ReportOutputSpec } from '../../src/cli/report-output.js';
import { textReporter } from '../../src/report/reporter.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

type Format = 'table' | 'json' | 'csv';
const SPEC: ReportOutputSpec<Format, number> = {
  formats: ['table', 'json', 'csv'],
  reporter: (format) => textReporter((n: number) => `${format} ${n}\n`),
  defaultFormat: 'table',
  outDir: { defaultFormat: 'json', dataFiles: () => [{ name: 'data.csv', reporter: textReporter((n: number) => `n\n${n}\n`) }] },
};

function refusal(values: Parameters<typeof reportOutputPlan>[0]): { message: string; field?: string; hint?: string } {
  try {
    reportOutputPlan(values, SPEC);
  } catch (err) {
    if (err instanceof UserInputError) return { message: err.message, field: err.location.field, hint: err.hint };
    throw err;
  }
  throw new Error('not refused');
}

describe('reportOutputPlan', () => {
  it('takes the format from --format, --json, the file extension, or the default, in that order', () => {
    expect(reportOutputPlan({}, SPEC)).toEqual({ format: 'table', target: { kind: 'stdout' } });
    expect(reportOutputPlan({ format: 'csv' }, SPEC).format).toBe('csv');
    expect(reportOutputPlan({ format: ' JSON ' }, SPEC).format).toBe('json');
    expect(reportOutputPlan({ json: true }, SPEC).format).toBe('json');
    expect(reportOutputPlan({ out: 'r.csv' }, SPEC)).toEqual({ format: 'csv', target: { kind: 'file', path: 'r.csv' } });
    expect(reportOutputPlan({ out: 'R.JSON' }, SPEC).format).toBe('json');
    expect(reportOutputPlan({ out: 'r.txt' }, SPEC).format).toBe('table');
    expect(reportOutputPlan({ out: 'report' }, SPEC).format).toBe('table');
    expect(reportOutputPlan({ out: 'r.csv', format: 'json' }, SPEC).format).toBe('json');
    expect(reportOutputPlan({ outDir: 'out' }, SPEC)).toEqual({ format: 'json', target: { kind: 'folder', path: 'out' } });
    expect(reportOutputPlan({ outDir: 'out', format: 'csv' }, SPEC).format).toBe('csv');
  });

  it('refuses an unknown format with a suggestion, and contradictions, naming the option', () => {
    expect(refusal({ format: 'jsno' })).toEqual({ message: "'jsno' is not a format of this command", field: '--format', hint: "Did you mean 'json'? Use table, json, csv." });
    expect(refusal({ json: true, format: 'csv' }).field).toBe('--format');
    expect(refusal({ out: 'a.json', outDir: 'b' }).field).toBe('--out-dir');
    expect(refusal({ out: 'r.html' })).toMatchObject({ message: "'r.html' names the html format, which this command does not write", field: '--out' });
    expect(refusal({ outDir: ' ' }).field).toBe('--out-dir');
    const withoutDataFiles = { ...SPEC, outDir: undefined };
    expect(() => reportOutputPlan({ outDir: 'x' }, withoutDataFiles)).toThrow('this command writes no data files');
  });
});

describe('two outputs of one command on the same file', () => {
  it('are refused before anything is read, naming the second option', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'same-out-'));
    const file = path.join(dir, 'x.json');
    const fit = await runCliInProcess(['fit', 'scenarios/data/sample-retailer.csv', '-o', file, '--customers-out', path.join(dir, '.', 'x.json')]);
    expect(fit.status).toBe(2);
    expect(fit.stderr).toBe(`error: --customers-out: '${path.join(dir, '.', 'x.json')}' is also the file of --out: one would replace the other\n  Give each output a file of its own.\n`);
    const check = await runCliInProcess(['check', 'scenarios/default.yaml', '--require', 'roi.p5>=0', '-o', file, '--junit', file]);
    expect(check.status).toBe(2);
    expect(check.stderr).toContain("--junit: ");
    expect(readdirSync(dir)).toEqual([]);
    const devices = await runCliInProcess(['summarize', 'scenarios/data/sample-retailer.csv', '-o', '/dev/null', '--customers-out', '/dev/null']);
    expect(devices.status).toBe(0);
  });
});

describe('run --out-dir and -o', () => {
  const scenario = path.resolve('scenarios/population-only.yaml');
  const RUN = ['run', scenario, '-n', '4', '-w', '1', '--no-progress'];

  it('writes the HTML report with the JSON report and the CSV tables beside it, and says so on stderr', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'out-dir-'));
    const folder = path.join(dir, 'report');
    const result = await runCliInProcess([...RUN, '--out-dir', folder]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    const files = ['report.html', 'report.json', 'metrics.csv', 'monthly.csv', 'ifrs15-roll-forward.csv'];
    expect(readdirSync(folder).sort()).toEqual([...files].sort());
    expect(result.stderr).toBe(`wrote ${files.join(', ')} to ${folder}\n`);
    const json = await runCliInProcess([...RUN, '--json']);
    expect(readFileSync(path.join(folder, 'report.json'), 'utf8')).toBe(json.stdout);
    const csv = await runCliInProcess([...RUN, '--format', 'csv']);
    expect(readFileSync(path.join(folder, 'metrics.csv'), 'utf8')).toBe(csv.stdout);
  });

  it('writes the report in the format --format names into the folder, without a second copy of it', async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'out-dir-csv-')), 'r');
    const result = await runCliInProcess([...RUN, '--out-dir', folder, '--format', 'csv']);
    expect(result.status).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['ifrs15-roll-forward.csv', 'monthly.csv', 'report.csv', 'report.json']);
  });

  it('writes -o FILE in the format its extension names, the same bytes as on stdout', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'out-file-'));
    const result = await runCliInProcess([...RUN, '-o', path.join(dir, 'r.json')]);
    expect(result.status).toBe(0);
    const json = await runCliInProcess([...RUN, '--format', 'json']);
    expect(readFileSync(path.join(dir, 'r.json'), 'utf8')).toBe(json.stdout);
  });

  it('refuses --out-dir onto a file, before simulating, and leaves the file as it was', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'out-dir-file-'));
    const file = path.join(dir, 'taken');
    writeFileSync(file, 'keep');
    const result = await runCliInProcess([...RUN, '--out-dir', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--out-dir: '${file}' is a file, not a folder`);
    expect(readFileSync(file, 'utf8')).toBe('keep');
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});
