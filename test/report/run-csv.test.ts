/**
 * The CSV tables of `run`, read back with csv-parse and compared with the JSON report of the same
 * run, figure by figure: every figure of the JSON is in the CSV once, with the JSON's number.
 */
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderToString, type Reporter } from '../../src/report/reporter.js';
import { runReporter } from '../../src/report/reporters.js';
import type { SimulationReport } from '../../src/report/report-model.js';
import { runCsvReporter, runMonthlyCsvReporter, runRollForwardCsvReporter } from '../../src/report/run-csv.js';
import { sampleReports } from './sample-reports.js';


/** A JSON value as parsed, read by key. */
type Json = Record<string, any>;

/** A figure the CSV must hold: a number, null (an empty cell) or a text. */
type Expected = number | null | string;

/** Parsed rows as records of the header's columns, every field a string. */
async function csvRecords(reporter: Reporter<SimulationReport>, report: SimulationReport): Promise<Record<string, string>[]> {
  return parse(await renderToString(reporter, report), { columns: true }) as Record<string, string>[];
}

async function csvHeader(reporter: Reporter<SimulationReport>, report: SimulationReport): Promise<string[]> {
  return (parse(await renderToString(reporter, report)) as string[][])[0];
}

async function jsonOf(report: SimulationReport): Promise<Json> {
  return JSON.parse(await renderToString(runReporter('json'), report)) as Json;
}

/** A cell against the JSON's figure: empty for null, the same number, or the same text. */
function expectCell(cell: string, expected: Expected, where: string): void {
  if (expected === null) expect(cell, where).toBe('');
  else if (typeof expected === 'number') {
    // Machine numbers: plain or exponent notation, never grouped.
    expect(cell, where).toMatch(/^-?\d+(\.\d+)?(e[+-]\d+)?$/);
    expect(Number(cell), where).toBe(expected);
  } else expect(cell, where).toBe(expected);
}

const key = (...parts: (string | number)[]) => JSON.stringify(parts);

/** The metrics table's figures as the JSON has them: key [program, metric, statistic] -> value. */
function expectedMetrics(json: Json): Map<string, Expected> {
  const expected = new Map<string, Expected>();
  const summaries = (program: string, prefix: string, group: Json) => {
    for (const [metric, summary] of Object.entries(group)) {
      for (const [statistic, value] of Object.entries(summary as Json)) expected.set(key(program, `${prefix}${metric}`, statistic), value as Expected);
    }
  };
  for (const program of json.programs as Json[]) {
    summaries(program.name, '', program.metrics);
    summaries(program.name, 'world.', program.world);
    if (program.points !== undefined) summaries(program.name, 'points.runOff.', program.points.runOff);
    const { method: _method, covers: _covers, ...figures } = program.breakEven;
    for (const [figure, value] of Object.entries(figures)) expected.set(key(program.name, `breakEven.${figure}`, 'value'), value as Expected);
    if (program.keyAssumption !== undefined) {
      expected.set(key(program.name, 'keyAssumption', 'assumption'), program.keyAssumption.assumption);
      expected.set(key(program.name, 'keyAssumption', program.keyAssumption.measure), program.keyAssumption.value);
    }
  }
  summaries('baseline', 'world.', json.baseline);
  return expected;
}

/** Each row's key found in `expected` once, no key left over; returns the cells checked. */
function matchRows(rows: Record<string, string>[], keyOf: (row: Record<string, string>) => string, expected: Map<string, Record<string, Expected>>): number {
  const seen = new Set<string>();
  let cells = 0;
  for (const row of rows) {
    const rowKey = keyOf(row);
    expect(expected.has(rowKey), `unexpected row ${rowKey}`).toBe(true);
    expect(seen.has(rowKey), `repeated row ${rowKey}`).toBe(false);
    seen.add(rowKey);
    for (const [column, value] of Object.entries(expected.get(rowKey)!)) {
      expectCell(row[column], value, `${rowKey} ${column}`);
      cells++;
    }
  }
  expect([...expected.keys()].filter((k) => !seen.has(k)), 'figures missing from the CSV').toEqual([]);
  return cells;
}

async function checkMetricsTable(report: SimulationReport): Promise<Record<string, string>[]> {
  const json = await jsonOf(report);
  expect(await csvHeader(runCsvReporter, report)).toEqual(['program', 'metric', 'statistic', 'value']);
  const rows = await csvRecords(runCsvReporter, report);
  const expected = new Map([...expectedMetrics(json)].map(([k, value]) => [k, { value }]));
  matchRows(rows, (row) => key(row.program, row.metric, row.statistic), expected);
  return rows;
}

/** The monthly series of the JSON, and each points program's closing contract liability: key [program, month, series] -> statistics. */
function expectedMonthly(json: Json): Map<string, Record<string, Expected>> {
  const expected = new Map<string, Record<string, Expected>>();
  for (const program of json.programs as Json[]) {
    for (const [series, months] of Object.entries(program.monthly as Json)) {
      (months as Json[]).forEach((summary, index) => expected.set(key(program.name, index + 1, series), summary));
    }
    for (const month of (program.points?.contractLiability ?? []) as Json[]) expected.set(key(program.name, month.month, 'contractLiability'), month.closing);
  }
  return expected;
}

/** The roll-forward of every points program: key [program, month, line] -> statistics. */
function expectedRollForward(json: Json): Map<string, Record<string, Expected>> {
  const expected = new Map<string, Record<string, Expected>>();
  for (const program of json.programs as Json[]) {
    for (const { month, ...lines } of (program.points?.contractLiability ?? []) as Json[]) {
      for (const [line, summary] of Object.entries(lines)) expected.set(key(program.name, month, line), summary as Record<string, Expected>);
    }
  }
  return expected;
}

async function checkMonthTables(report: SimulationReport): Promise<void> {
  const json = await jsonOf(report);
  const statistics = ['mean', 'mcse', 'p5', 'p50', 'p95'];
  expect(await csvHeader(runMonthlyCsvReporter, report)).toEqual(['program', 'month', 'series', ...statistics]);
  expect(await csvHeader(runRollForwardCsvReporter, report)).toEqual(['program', 'month', 'line', ...statistics]);
  const monthly = await csvRecords(runMonthlyCsvReporter, report);
  expect(matchRows(monthly, (row) => key(row.program, Number(row.month), row.series), expectedMonthly(json))).toBe(5 * monthly.length);
  const rollForward = await csvRecords(runRollForwardCsvReporter, report);
  expect(matchRows(rollForward, (row) => key(row.program, Number(row.month), row.line), expectedRollForward(json))).toBe(5 * rollForward.length);
}

describe('the CSV tables of run, read back against the JSON report', () => {
  let airline: SimulationReport;
  let retailer: SimulationReport;
  beforeAll(async () => {
    ({ airline, retailer } = await sampleReports());
  }, 120_000);

  it('metrics.csv holds every figure of the airline scenario once, with the JSON number; null is an empty cell', async () => {
    const rows = await checkMetricsTable(airline);
    // Two programs with points and a key assumption each: the run-off's and the key assumption's rows are there.
    expect(rows.filter((row) => row.metric === 'points.runOff.liability' && row.statistic === 'mean')).toHaveLength(2);
    expect(rows.filter((row) => row.metric === 'keyAssumption' && row.statistic === 'tornadoSwing')).toHaveLength(2);
    // A break-even share no enrolment reaches is null in the JSON: an empty cell.
    expect(rows.some((row) => row.metric === 'breakEven.enrolmentShare' && row.value === '')).toBe(true);
    // The baseline's four figures, five statistics each.
    expect(rows.filter((row) => row.program === 'baseline')).toHaveLength(20);
  });

  it('metrics.csv of the bundled default scenario (a discount without points and a points program)', async () => {
    const rows = await checkMetricsTable(retailer);
    expect(rows.filter((row) => row.metric.startsWith('points.runOff.')).map((row) => row.program)).toEqual(Array(7 * 5).fill('5% back in points'));
  });

  it('monthly.csv and ifrs15-roll-forward.csv hold every month of every series and line, with the JSON numbers', async () => {
    await checkMonthTables(airline);
    await checkMonthTables(retailer);
    const monthly = await csvRecords(runMonthlyCsvReporter, airline);
    // 24 months x (5 series + the closing contract liability) per points program.
    expect(airline.horizonMonths).toBe(24);
    expect(monthly).toHaveLength(2 * 24 * 6);
    const rollForward = await csvRecords(runRollForwardCsvReporter, retailer);
    expect(new Set(rollForward.map((row) => row.program))).toEqual(new Set(['5% back in points']));
  });

  it('the roll-forward is only its header when no program has points', async () => {
    const withoutPoints: SimulationReport = { ...retailer, programs: retailer.programs.map(({ points: _points, ...program }) => program) };
    expect(await renderToString(runRollForwardCsvReporter, withoutPoints)).toBe('program,month,line,mean,mcse,p5,p50,p95\n');
    await checkMonthTables(withoutPoints);
  });

  it('a program name with a comma, quotes and a line break survives the round trip', async () => {
    const name = 'a, "b"\nc';
    const renamed: SimulationReport = { ...retailer, programs: retailer.programs.map((program, k) => (k === 0 ? { ...program, name } : program)) };
    const rows = await checkMetricsTable(renamed);
    const original = await csvRecords(runCsvReporter, retailer);
    const before = original.filter((row) => row.program === retailer.programs[0].name);
    expect(before.length).toBeGreaterThan(100);
    expect(rows.filter((row) => row.program === name)).toEqual(before.map((row) => ({ ...row, program: name })));
    await checkMonthTables(renamed);
    const monthly = await csvRecords(runMonthlyCsvReporter, renamed);
    expect(monthly.filter((row) => row.program === name)).toHaveLength(retailer.horizonMonths * 5);
  });
});
