/**
 * `run` reports its inputs: the data-quality summary and the fitted customer model on stderr (the
 * summary with the progress output, the warnings always) and in the JSON report's `inputs`; and
 * it refuses a customer model the data cannot identify unless --accept-weak-fit.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { runCli } from '../helpers/run-cli.js';
import { ingestPurchaseHistory } from '../../src/data/ingest.js';
import { fitCustomerModel } from '../../src/model/customer-model.js';
import { fittedModelJson } from '../../src/report/fit-report.js';
import { REPORT_SCHEMA_VERSION } from '../../src/report/report-model.js';
import { jsonDocument } from '../../src/report/json-writer.js';

const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-run-inputs-'));
const sampleLines = readFileSync('scenarios/data/sample-retailer.csv', 'utf8').trimEnd().split('\n');

/** A scenario over `csv` (written beside it), with `dataExtra` lines under `data:`. */
function scenario(name: string, csv: string, dataExtra: string[] = []): { scenario: string; data: string } {
  const data = path.join(folder, `${name}.csv`);
  writeFileSync(data, csv);
  const file = path.join(folder, `${name}.yaml`);
  writeFileSync(
    file,
    [
      `name: ${name}`,
      'data:',
      `  file: ${name}.csv`,
      ...dataExtra.map((line) => `  ${line}`),
      'economics:',
      '  grossMargin: 0.3',
      'iterations: 2',
      'programs:',
      '  - { name: ten off, type: discount, discount: { percent: 0.1 } }',
    ].join('\n') + '\n',
  );
  return { scenario: file, data };
}

const run = (file: string, ...extra: string[]) => runCliInProcess(['run', file, '--workers', '1', '--break-even', 'first-order', ...extra]);

// Every other data row of the sample without its customer id.
const blanked = sampleLines.map((line, i) => (i > 0 && i % 2 === 0 ? line.replace(/^[^,]*/, '') : line)).join('\n') + '\n';
const blankedRows = Math.floor((sampleLines.length - 1) / 2);

describe('run reports its inputs', () => {
  it('warns about rows without a customer id even with --no-progress, and the JSON inputs give the counts', async () => {
    const { scenario: file, data } = scenario('blanked', blanked);
    const result = await run(file, '--no-progress', '--json');
    expect(result.status).toBe(0);
    const { quality } = await ingestPurchaseHistory(data);
    expect(quality.rowsSkipped.missingCustomerId).toBe(blankedRows);
    expect(result.stderr).toBe(
      `warning: ${data}: ${blankedRows.toLocaleString('en-US')} of ${(sampleLines.length - 1).toLocaleString('en-US')} rows skipped (${blankedRows.toLocaleString('en-US')} no customer id); the simulation uses the other rows\n`,
    );
    const report = JSON.parse(result.stdout) as { schemaVersion: number; customers: number; inputs: { data: Record<string, unknown> } };
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(REPORT_SCHEMA_VERSION).toBe(5);
    expect(report.inputs.data).toMatchObject({
      file: 'blanked.csv', // relative to the scenario's folder, as the scenario names it
      rowsRead: sampleLines.length - 1,
      rowsUsed: sampleLines.length - 1 - blankedRows,
      rowsSkippedTotal: blankedRows,
      customers: quality.customers,
      purchases: quality.purchases,
    });
    expect(report.customers).toBe(quality.customers);
  });

  it('counts the rows data.onBadRow: skip leaves out, by reason', async () => {
    const lines = [...sampleLines];
    lines[5] = lines[5].replace(/,[^,]*$/, ',twelve');
    lines[9] = lines[9].replace(/,[^,]*$/, ',abc');
    const { scenario: file, data } = scenario('bad-rows', lines.join('\n') + '\n', ['onBadRow: skip']);
    const result = await run(file, '--no-progress');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`warning: ${data}: 2 of 12,294 rows skipped (2 unreadable number); the simulation uses the other rows\n`);
  });

  it('prints the data summary and the fit with its standard errors and convergence with the progress output', async () => {
    const { scenario: file, data } = scenario('plain', sampleLines.join('\n') + '\n');
    const result = await run(file, '--json');
    expect(result.status).toBe(0);
    const { summaries, quality } = await ingestPurchaseHistory(data);
    const fit = fittedModelJson(fitCustomerModel(summaries));
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      `${data}: 12,294 rows read, 12,294 used; 3,000 customers, ${quality.purchases.toLocaleString('en-US')} purchases, 0 returns (calibration 2024-01-01 .. 2025-12-31, in weeks)`,
    );
    expect(lines[1]).toMatch(new RegExp(`^BG/NBD: r 0\\.7729 \\(SE 0\\.02874\\), alpha .*; converged in ${fit.bgnbd.iterations} iterations \\(gradient norm `));
    expect(lines[2]).toMatch(/^Gamma-Gamma: p \S+ \(SE \S+\), q .*; converged in \d+ iterations/);
    const report = JSON.parse(result.stdout) as { inputs: { fit: unknown } };
    expect(report.inputs.fit).toEqual(JSON.parse(jsonDocument({ ...fit, acceptedWeakFit: false })));
    // --no-progress: nothing on stderr for clean data and a good fit.
    expect((await run(file, '--no-progress')).stderr).toBe('');
  });

  it('names the data file in the JSON as the scenario does, from any working folder (the built CLI)', () => {
    const { scenario: file } = scenario('anywhere', sampleLines.join('\n') + '\n');
    const inputsFrom = (cwd: string) => {
      const result = runCli(['run', file, '-n', '1', '-w', '1', '--break-even', 'first-order', '--json', '--no-progress'], { cwd });
      expect(result.status).toBe(0);
      return (JSON.parse(result.stdout) as { inputs: unknown }).inputs;
    };
    const fromItsFolder = inputsFrom(folder);
    expect((fromItsFolder as { data: { file: string } }).data.file).toBe('anywhere.csv');
    expect(inputsFrom(tmpdir())).toEqual(fromItsFolder);
  });

  it('gives the population and its calibrated model for a scenario without data', async () => {
    const result = await runCliInProcess(['run', 'scenarios/population-only.yaml', '-n', '2', '-w', '1', '--break-even', 'first-order', '--json', '--no-progress']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { customers: number; inputs: { population: { customers: number; gammaGamma: { p: number; q: number } } } };
    expect(Object.keys(report.inputs)).toEqual(['population']);
    expect(report.inputs.population.customers).toBe(report.customers);
    expect(report.inputs.population.gammaGamma).toMatchObject({ p: 6, q: 4 });
  });
});

describe('run refuses a customer model the data cannot identify', () => {
  // 7 customers, 4 with repeat purchases: dropout a -> 0, b -> infinity, which would simulate "churn 0.0%".
  const seven =
    'customer_id,date,amount\nA,2024-01-01,10\nA,2024-02-01,12\nA,2024-03-01,11\nB,2024-01-05,20\nB,2024-03-05,25\nC,2024-01-10,5\n' +
    'D,2024-02-01,7\nD,2024-04-01,8\nE,2024-03-01,30\nF,2024-01-15,9\nF,2024-05-15,11\nG,2024-02-20,14\nA,2024-06-01,10\nB,2024-06-10,22\n';

  it('exit 2 at the scenario line of data.file, naming the history, the problems and what to do', async () => {
    const { scenario: file, data } = scenario('seven', seven);
    const result = await run(file, '--no-progress');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${file}:3:9: data.file: ${data}: the customer model cannot be identified from this purchase history`);
    expect(result.stderr).toMatch(/BG\/NBD: a = \S+ \(towards 0\), b = \S+ \(towards infinity\) ran off to a bound/);
    expect(result.stderr).toMatch(/longer calibration period \(a later data\.calibrationEnd\), or describe the customers with a population block instead of data; --accept-weak-fit uses this fit anyway/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('--accept-weak-fit: runs, warns with each problem, and marks the fit accepted in the JSON', async () => {
    const { scenario: file } = scenario('seven-accepted', seven);
    const result = await run(file, '--no-progress', '--accept-weak-fit', '--json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { inputs: { fit: { acceptedWeakFit: boolean; identification: { identified: boolean; problems: string[] } } } };
    expect(report.inputs.fit.acceptedWeakFit).toBe(true);
    expect(report.inputs.fit.identification.identified).toBe(false);
    expect(result.stderr).toBe(report.inputs.fit.identification.problems.map((problem) => `warning: weak fit accepted (--accept-weak-fit): ${problem}\n`).join(''));
  });
});
