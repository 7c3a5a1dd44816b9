/**
 * The result object of `loyalty-sim breakage` (a chain-ladder estimate of a points program's
 * breakage, src/metrics/chain-ladder.ts) and its formats: the table, one JSON document, the
 * per-cohort CSV table, and the expected-redemptions CSV in the column names `liability` reads.
 */
import type { BreakageEstimate } from '../metrics/chain-ladder.js';
import { compactTable } from './compact-table.js';
import { csvDecimals, csvField, csvTable } from './csv-table.js';
import { formatCount, formatDecimal, formatPercent } from './format-number.js';
import { jsonDocument } from './json-writer.js';
import type { Reporter } from './reporter.js';

/** Version of the `breakage --json` object; raised when a key changes meaning or goes away. */
export const BREAKAGE_SCHEMA_VERSION = 2;

export interface BreakageReport {
  file: string;
  estimate: BreakageEstimate;
}

export function breakageJson({ file, estimate }: BreakageReport): Record<string, unknown> {
  return {
    schemaVersion: BREAKAGE_SCHEMA_VERSION,
    method: 'chain ladder on the FIFO development of redemptions by issuance month; no tail beyond the oldest age',
    file,
    cutoff: estimate.cutoff,
    expiryMonths: estimate.expiryMonths,
    bootstrap: { draws: estimate.draws, seed: estimate.seed, coverage: estimate.coverage },
    overall: { ...estimate.overall },
    cohorts: estimate.cohorts.map((row) => ({ ...row })),
    developmentFactors: estimate.factors.map((row) => ({ ...row })),
    expectedRedemptions: estimate.expectedRedemptions.map((row) => ({ ...row })),
    warnings: [...estimate.warnings],
  };
}

export function renderBreakageJson(report: BreakageReport): string {
  return jsonDocument(breakageJson(report));
}

function points(value: number): string {
  return Number.isInteger(value) ? formatCount(value) : formatDecimal(value);
}

function rateWithInterval(rate: number, [low, high]: [number, number]): string {
  return `${formatPercent(rate)} (${formatPercent(low)} to ${formatPercent(high)})`;
}

export function renderBreakageTable({ file, estimate }: BreakageReport): string {
  const coverage = `${Math.round(estimate.coverage * 100)}%`;
  const { overall } = estimate;
  const cohortRows = estimate.cohorts.map((row) => [
    row.cohort,
    points(row.issued),
    points(row.redeemed),
    points(row.expired),
    String(row.age),
    rateWithInterval(row.ultimateRate, row.rateInterval) + (row.capped ? ' *' : ''),
    formatPercent(row.breakage),
  ]);
  cohortRows.push(['overall', points(overall.issued), points(overall.redeemed), points(overall.expired), '', rateWithInterval(overall.ultimateRate, overall.rateInterval), formatPercent(overall.breakage)]);
  const factorRows = estimate.factors.map((row) => [`${row.fromAge} → ${row.toAge}`, row.factor.toFixed(4), String(row.cohorts)]);
  const ledgerRows = estimate.expectedRedemptions.map((row) => [row.period, points(row.pointsIssued), points(row.pointsRedeemed), points(row.expectedRedemptions)]);
  const expiry = estimate.expiryMonths === null ? 'no expiry given' : `points expire ${estimate.expiryMonths} months after issue (no development beyond that age)`;
  return (
    `Breakage by chain ladder, ${file}\n` +
    `cut-off ${estimate.cutoff}; ${expiry}; no tail beyond the oldest age observed; ${coverage} intervals from ${formatCount(estimate.draws)} bootstrap draws of the factors with the redemptions' own randomness (seed ${estimate.seed})\n` +
    compactTable(['cohort', 'issued', 'redeemed', 'expired', 'age (months)', `ultimate redemption rate (${coverage})`, 'breakage'], cohortRows) +
    '\n' +
    (overall.cappedCohorts > 0 ? `* projection cut to the points still redeemable (issued − expired): ${overall.cappedCohorts} cohort(s)\n` : '') +
    `Development factors (cumulative redeemed at the later age / at the earlier age)\n` +
    compactTable(['ages', 'factor', 'cohorts'], factorRows) +
    '\n' +
    `Expected redemptions for liability (of all points issued so far, those expected ever to be redeemed)\n` +
    compactTable(['period', 'points issued', 'points redeemed', 'expected redemptions'], ledgerRows) +
    '\n' +
    estimate.warnings.map((warning) => `warning: ${warning}\n`).join('')
  );
}

const COHORT_CSV_HEADER = ['cohort', 'issued', 'redeemed', 'expired', 'age_months', 'ultimate_redeemed', 'ultimate_rate', 'rate_low', 'rate_high', 'breakage', 'capped'] as const;

const six = (value: number) => csvDecimals(value, 6);

/** `breakage --format csv`: one row per cohort (no overall row, so every row is a cohort). */
export const breakageCohortsCsvReporter: Reporter<BreakageReport> = {
  render({ estimate }) {
    const rows = estimate.cohorts;
    return csvTable(COHORT_CSV_HEADER, rows.length, (i) => {
      const row = rows[i];
      return [csvField(row.cohort), six(row.issued), six(row.redeemed), six(row.expired), row.age, six(row.ultimateRedeemed), six(row.ultimateRate), six(row.rateInterval[0]), six(row.rateInterval[1]), six(row.breakage), row.capped ? 'true' : 'false'];
    });
  },
};

/** expected-redemptions.csv: the ledger columns of `liability` but sales, which the points ledger does not hold. */
export const breakageLedgerCsvReporter: Reporter<BreakageReport> = {
  render({ estimate }) {
    const rows = estimate.expectedRedemptions;
    return csvTable(['period', 'points_issued', 'points_redeemed', 'expected_redemptions'], rows.length, (i) => {
      const row = rows[i];
      return [csvField(row.period), six(row.pointsIssued), six(row.pointsRedeemed), six(row.expectedRedemptions)];
    });
  },
};
