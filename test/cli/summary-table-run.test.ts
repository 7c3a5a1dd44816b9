/**
 * A scenario run on the summary table `summarize --customers-out` writes (data.summaries) equals
 * the run on the purchase history it was made from, byte for byte, in the JSON report and the
 * table, with any number of workers. The fields that differ, and why:
 * - `inputs.data` (the purchase history: its file, rows read, used and skipped, returns, customers
 *   not simulated, the ingest's warnings) is `inputs.summaries` (the table: its file, columns and
 *   warnings) instead; customers, purchases and calibration are in both and equal;
 * - without economics.returnRate, the warning `return-rate-unknown`: a table carries no returns.
 * Product categories and the return rate come with a category table (`summarize
 * --categories-out`, data.categories); without it, where the history has them, the runs differ.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const root = mkdtempSync(path.join(tmpdir(), 'loyalty-summary-table-'));

const PROGRAMS = `programs:
  - name: Points
    type: bonus
    enrolment: { share: 0.4 }
    effects: { frequencyUplift: 0.05, spendUplift: "pert(0, 0.02, 0.05)" }
    points: { earnRate: 1, faceValue: 0.01, minimumToRedeem: 100 }
    redemption: { form: till, probability: 0.6 }
  - name: Five off
    type: discount
    enrolment: { share: 0.3 }
    discount: { percent: 5% }
`;

interface Case {
  /** The folder holding history.csv, customers.csv and the two scenario folders. */
  folder: string;
  /** `summarize --json` of the history. */
  summary: { calibration: { end: string }; holdout: { end: string } | null; returnRate: { rate: number }; returns: { rows: number } };
}

/** Generate a history, summarize it (with `calibrationEnd`, or to its last date), and keep both files. */
function makeCase(name: string, generateOptions: string[], calibrationEnd?: string, rewrite?: (csv: string) => string): Case {
  const folder = path.join(root, name);
  mkdirSync(folder);
  const history = path.join(folder, 'history.csv');
  const generated = runCli(['generate', '--customers', '1500', '--start', '2024-01-01', '--end', '2025-06-30', '--seed', '3', ...generateOptions]);
  expect(generated.status, generated.stderr).toBe(0);
  writeFileSync(history, rewrite ? rewrite(generated.stdout) : generated.stdout);
  const summarized = runCli(['summarize', history, '--json', '--customers-out', path.join(folder, 'customers.csv'), ...(calibrationEnd ? ['--calibration-end', calibrationEnd] : [])]);
  expect(summarized.status, summarized.stderr).toBe(0);
  return { folder, summary: JSON.parse(summarized.stdout) };
}

/**
 * Write `<folder>/<kind>/scenario.yaml`, the data block last so that every other key is on the same
 * line in both scenarios, and run it from its folder (so messages name it `scenario.yaml` in both).
 */
function runScenario(folder: string, kind: string, economics: string, data: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const dir = path.join(folder, kind);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'scenario.yaml'), `name: Equality\neconomics:\n  currency: EUR\n${economics}horizon: 6 months\niterations: 8\nseed: 7\n${PROGRAMS}data:\n${data}`);
  return runCli(['run', 'scenario.yaml', ...args], { cwd: dir });
}

/** The pretty-printed report without the `inputs.<key>` block (lines from `    "key": {` to `    },`). */
function withoutInputs(json: string, key: 'data' | 'summaries'): string {
  const start = json.indexOf(`\n    "${key}": {\n`);
  expect(start, `inputs.${key}`).toBeGreaterThan(0);
  const end = json.indexOf('\n    },\n', start);
  return json.slice(0, start) + json.slice(end + '\n    },'.length);
}

interface Pair {
  history: { json: string; table: string };
  table: { json: string; table: string };
}

/** Run the same scenario on the history (`historyData`) and on the table (`tableData`): JSON and table, the workers swapped. */
function runBoth(c: Case, economics: string, historyData: string, tableData: string, kind = ''): Pair {
  const run = (which: string, data: string, workers: string, json: boolean) => {
    const result = runScenario(c.folder, `${which}${kind}`, economics, data, ['--workers', workers, ...(json ? ['--json'] : [])]);
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
  };
  return {
    history: { json: run('history', historyData, '1', true), table: run('history', historyData, '2', false) },
    table: { json: run('table', tableData, '2', true), table: run('table', tableData, '1', false) },
  };
}

/** The inputs both runs know: the same customers, purchases and calibration. */
function expectSameCustomers(pair: Pair): void {
  const history = JSON.parse(pair.history.json).inputs.data;
  const table = JSON.parse(pair.table.json).inputs.summaries;
  expect(history.file).toBe('../history.csv');
  expect(table.file).toBe('../customers.csv');
  expect({ customers: table.customers, purchases: table.purchases, calibration: table.calibration }).toEqual({
    customers: history.customers,
    purchases: history.purchases,
    calibration: history.calibration,
  });
}

describe('run on a summary table equals the run on its purchase history', () => {
  let plain: Case;
  let toLastDate: Case;
  let withReturns: Case;
  beforeAll(() => {
    plain = makeCase('plain', [], '2025-03-31');
    toLastDate = makeCase('to-last-date', []);
    // Returns, and margins without categories (the category column dropped).
    withReturns = makeCase('returns', ['--return-rate', '0.1', '--categories', 'a:0.6:0.24,b:0.4:0.4'], '2025-03-31', (csv) =>
      csv
        .split('\n')
        .map((line) => line.split(',').filter((_, k) => k !== 3).join(','))
        .join('\n'),
    );
  }, 60_000);

  it('with a calibration end and a holdout: every byte but the inputs block, 1 and 2 workers', () => {
    const { summary } = plain;
    expect(summary.returns.rows).toBe(0);
    expect(summary.holdout).not.toBeNull();
    const pair = runBoth(
      plain,
      `  grossMargin: 0.3\n  returnRate: ${summary.returnRate.rate}\n`,
      '  file: ../history.csv\n  calibrationEnd: 2025-03-31\n',
      `  summaries: ../customers.csv\n  period: week\n  calibrationEnd: 2025-03-31\n  holdoutEnd: ${summary.holdout!.end}\n`,
    );
    expect(withoutInputs(pair.table.json, 'summaries')).toBe(withoutInputs(pair.history.json, 'data'));
    expect(pair.table.table).toBe(pair.history.table);
    expectSameCustomers(pair);
  }, 120_000);

  it('without a calibration end and without a return rate: equal but for the return-rate-unknown warning', () => {
    const { summary } = toLastDate;
    expect(summary.holdout).toBeNull();
    const pair = runBoth(toLastDate, '  grossMargin: 0.3\n', '  file: ../history.csv\n', `  summaries: ../customers.csv\n  period: week\n  calibrationEnd: ${summary.calibration.end}\n`);
    const history = JSON.parse(withoutInputs(pair.history.json, 'data'));
    const table = JSON.parse(withoutInputs(pair.table.json, 'summaries'));
    const [unknown, ...others] = table.warnings;
    expect(unknown).toMatchObject({ code: 'return-rate-unknown', file: 'scenario.yaml', field: 'data.summaries' });
    expect(others).toEqual(history.warnings ?? []);
    expect(JSON.stringify({ ...table, warnings: others })).toBe(JSON.stringify({ ...history, warnings: history.warnings ?? [] }));
    // The table prints the warning where the history's table has no warnings at all.
    expect(history.warnings).toBeUndefined();
    const warning = /\nWarnings about the scenario:\n {2}scenario\.yaml:\d+: data\.summaries: [^\n]*\[return-rate-unknown\]\n/;
    expect(pair.table.table).toMatch(warning);
    expect(pair.table.table.replace(warning, '\n')).toBe(pair.history.table);
    expectSameCustomers(pair);
  }, 120_000);

  it('returns and margins from the data: equal with the measured return rate given, not without it', () => {
    const { summary } = withReturns;
    expect(summary.returns.rows).toBeGreaterThan(0);
    expect(summary.returnRate.rate).toBeGreaterThan(0.05);
    const historyData = '  file: ../history.csv\n  calibrationEnd: 2025-03-31\n';
    const tableData = `  summaries: ../customers.csv\n  period: week\n  calibrationEnd: 2025-03-31\n  holdoutEnd: ${summary.holdout!.end}\n`;
    const given = runBoth(withReturns, `  grossMargin: from-data\n  returnRate: ${summary.returnRate.rate}\n`, historyData, tableData);
    expect(withoutInputs(given.table.json, 'summaries')).toBe(withoutInputs(given.history.json, 'data'));
    expect(given.table.table).toBe(given.history.table);
    expectSameCustomers(given);

    // Without economics.returnRate the history's run returns purchases at its measured rate, the table's returns none.
    const history = runScenario(withReturns.folder, 'history-measured', '  grossMargin: from-data\n', historyData, ['--json', '--workers', '2', '--break-even', 'first-order']);
    const table = runScenario(withReturns.folder, 'table-measured', '  grossMargin: from-data\n', tableData, ['--json', '--workers', '2', '--break-even', 'first-order']);
    const historyReport = JSON.parse(history.stdout);
    const tableReport = JSON.parse(table.stdout);
    expect(historyReport.inputs.data.returns.rows).toBe(summary.returns.rows);
    expect(tableReport.warnings[0].code).toBe('return-rate-unknown');
    // Net revenue is what is bought less what is returned: the table's run, without returns, books more.
    expect(tableReport.baseline.revenue.mean).toBeGreaterThan(historyReport.baseline.revenue.mean);
  }, 180_000);
});

describe('categories: a category table beside the summary table (data.categories)', () => {
  let categorised: Case;
  beforeAll(() => {
    categorised = makeCase('categories', ['--categories', 'grocery:0.6:0.24,gifts:0.4:0.45', '--return-rate', '0.1'], '2025-03-31');
    const summarized = runCli(['summarize', path.join(categorised.folder, 'history.csv'), '--calibration-end', '2025-03-31', '--categories-out', path.join(categorised.folder, 'categories.csv')]);
    expect(summarized.status, summarized.stderr).toBe(0);
  }, 60_000);
  const historyData = '  file: ../history.csv\n  calibrationEnd: 2025-03-31\n';
  const tableData = (holdoutEnd: string) => `  summaries: ../customers.csv\n  categories: ../categories.csv\n  period: week\n  calibrationEnd: 2025-03-31\n  holdoutEnd: ${holdoutEnd}\n`;

  it('margins from the data and the measured return rate: every byte but the inputs block, 1 and 2 workers', () => {
    const { summary } = categorised;
    expect(summary.returns.rows).toBeGreaterThan(0);
    const pair = runBoth(categorised, '  grossMargin: from-data\n', historyData, tableData(summary.holdout!.end), '-from-data');
    expect(withoutInputs(pair.table.json, 'summaries')).toBe(withoutInputs(pair.history.json, 'data'));
    expect(pair.table.table).toBe(pair.history.table);
    expectSameCustomers(pair);
    // No return-rate-unknown warning: the category table gives the history's rate.
    expect(JSON.parse(pair.table.json).warnings).toBeUndefined();
    expect(JSON.parse(pair.table.json).inputs.summaries.categories).toEqual({ file: '../categories.csv', count: 2 });
    // The history's returns are in its run: net revenue below what a run without returns books.
    expect(JSON.parse(pair.history.json).inputs.data.returns.rows).toBe(summary.returns.rows);
  }, 180_000);

  it('margins per category: equal too', () => {
    const pair = runBoth(categorised, '  grossMargin: { grocery: 0.24, gifts: "pert(0.4, 0.45, 0.5)" }\n', historyData, tableData(categorised.summary.holdout!.end), '-per-category');
    expect(withoutInputs(pair.table.json, 'summaries')).toBe(withoutInputs(pair.history.json, 'data'));
    expect(pair.table.table).toBe(pair.history.table);
  }, 180_000);

  it('without the category table: margins per category are refused at the margin key; one margin runs, on one category, and differs', () => {
    const plainTable = '  summaries: ../customers.csv\n  period: week\n  calibrationEnd: 2025-03-31\n';
    const perCategory = runScenario(categorised.folder, 'table-per-category', '  grossMargin: { grocery: 0.24, gifts: 0.45 }\n  returnRate: 0\n', plainTable, ['--json', '--break-even', 'first-order']);
    expect(perCategory.status).toBe(2);
    expect(perCategory.stderr).toContain('scenario.yaml:4:3: economics.grossMargin: a summary table has no product categories, so margins cannot be given per category');
    expect(perCategory.stderr).toContain('data.categories (summarize --categories-out)');

    const history = runScenario(categorised.folder, 'history-one-margin', '  grossMargin: 0.3\n  returnRate: 0\n', historyData, ['--json', '--break-even', 'first-order']);
    const table = runScenario(categorised.folder, 'table-one-margin', '  grossMargin: 0.3\n  returnRate: 0\n', plainTable, ['--json', '--break-even', 'first-order']);
    expect(table.status, table.stderr).toBe(0);
    // The same fit (the summaries are the same), but the history's purchases fall in two
    // categories, drawn from the same random streams: a different simulation.
    const historyReport = JSON.parse(history.stdout);
    const tableReport = JSON.parse(table.stdout);
    expect(tableReport.inputs.fit).toEqual(historyReport.inputs.fit);
    expect(tableReport.baseline).not.toEqual(historyReport.baseline);
  }, 120_000);

  it('refuses data.categories beside a purchase history, and a missing category table, at the key', () => {
    const beside = runScenario(categorised.folder, 'history-with-categories', '  grossMargin: 0.3\n', `${historyData}  categories: ../categories.csv\n`, []);
    expect(beside.status).toBe(2);
    expect(beside.stderr).toMatch(/scenario\.yaml:\d+:\d+: data\.categories: categories goes with 'summaries'/);
    const missing = runScenario(categorised.folder, 'table-missing-categories', '  grossMargin: 0.3\n', tableData(categorised.summary.holdout!.end).replace('../categories.csv', '../nowhere.csv'), []);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/scenario\.yaml:\d+:\d+: data\.categories: category table '\.\.\/nowhere\.csv' not found/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});

it('reads the customers-out file of the sample retailer back into the same summaries (a smoke test of the shipped data)', () => {
  const out = path.join(root, 'sample-customers.csv');
  const result = runCli(['summarize', 'scenarios/data/sample-retailer.csv', '--customers-out', out]);
  expect(result.status, result.stderr).toBe(0);
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
  expect(lines[0]).toBe('customer_id,x,t_x,T,monetary_value,holdout_purchases,holdout_value,total_spend,gross_margin,repeat_value,valued_repeats');
  // monetary_value = repeat_value / valued_repeats on every row, to the 6 decimals written.
  for (const line of lines.slice(1)) {
    const [, x, , , mean, , , , , repeatValue, valued] = line.split(',').map(Number);
    expect(valued).toBeLessThanOrEqual(x);
    expect(Math.abs(mean - (valued > 0 ? repeatValue / valued : 0))).toBeLessThanOrEqual(5e-7 + 1e-12);
  }
});
