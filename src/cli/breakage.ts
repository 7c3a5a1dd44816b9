/**
 * `loyalty-sim breakage <points.csv> [--expiry-months N] [--seed N] [--format table|json|csv] [--json] [-o FILE] [--out-dir DIR]`:
 * read a program's points transactions, match redemptions to points first-in first-out, and
 * project each issuance month's ultimate redemption rate by the chain ladder
 * (src/metrics/chain-ladder.ts). Only argument parsing lives here.
 */
import type { Command } from 'commander';
import { UserInputError } from '../errors.js';
import { readPointsTransactionsCsv, type PointsTransactionsFile } from '../data/points-transactions-csv.js';
import { fifoDevelopment, type PointsDevelopment } from '../metrics/fifo-points.js';
import { chainLadderBreakage } from '../metrics/chain-ladder.js';
import { BREAKAGE_FORMATS, breakageDataFiles, breakageReporter, type BreakageFormat } from '../report/reporters.js';
import type { BreakageReport } from '../report/breakage-report.js';
import { addReportOutputOptions, openReportOutput, reportOutputPlan, type ReportOutputSpec, type ReportOutputValues } from './report-output.js';
import type { CommandContext } from './command-context.js';
import { waitingNotice } from './ingest-options.js';

interface BreakageOptionValues extends ReportOutputValues {
  expiryMonths?: string;
  seed?: string;
}

const BREAKAGE_OUTPUT: ReportOutputSpec<BreakageFormat, BreakageReport> = {
  formats: BREAKAGE_FORMATS,
  reporter: breakageReporter,
  defaultFormat: 'table',
  outDir: { defaultFormat: 'table', dataFiles: breakageDataFiles },
};

/** A whole number ≥ minimum given to an option, or a UserInputError naming it. */
function wholeNumberOption(text: string | undefined, option: string, minimum: number, hint: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < minimum) throw new UserInputError(`'${text}' is not a whole number of at least ${minimum}`, { field: option }, hint);
  return Number(text);
}

/** The FIFO development of the file's transactions; a customer's negative balance is located at its line. */
function developmentOfFile(ledger: PointsTransactionsFile): PointsDevelopment {
  try {
    return fifoDevelopment(ledger.transactions);
  } catch (err) {
    const match = err instanceof UserInputError ? /^transactions\[(\d+)\]$/.exec(err.location.field ?? '') : null;
    if (!(err instanceof UserInputError) || match === null) throw err;
    throw new UserInputError(err.message, { file: ledger.file, line: ledger.lines[Number(match[1])], field: "column 'points'" }, err.hint);
  }
}

export function registerBreakageCommand(program: Command, { io }: CommandContext): void {
  const command = program
    .command('breakage')
    .description("estimate a points program's breakage from its own points ledger by the chain-ladder method, with the expected redemptions liability needs")
    .argument('<points.csv>', 'one row per points transaction: customer_id,date,points (+ earned, - redeemed), optional type (earn, redeem, expire, adjust)')
    .option('--expiry-months <n>', 'points expire this many months after issue: no redemption is projected beyond that age')
    .option('--seed <n>', 'seed of the bootstrap of the intervals (default 1)');
  addReportOutputOptions(command, BREAKAGE_OUTPUT)
    .addHelpText(
      'after',
      `
Redemptions use each customer's oldest points first (FIFO). Per issuance month (cohort) c and
age a in months, C(c,a) = points of c redeemed by age a; then (docs/methods.md section 5)
  development factor   f_k = sum C(c,k+1) / sum C(c,k)   over cohorts observed at both ages
  projected ultimate   U_c = min(C(c, latest) x product of the remaining f_k, issued - expired)
  ultimate rate = sum U_c / sum issued;  breakage = 1 - ultimate rate
No tail beyond the oldest age observed (a warning says when the oldest ages were still
developing). 90% intervals: 1,000 bootstrap draws of the cohorts, each developed with the
redemptions' own chance variation (Mack 1993).

Examples:
  loyalty-sim breakage points.csv
  loyalty-sim breakage points.csv --expiry-months 24 --json
  loyalty-sim breakage points.csv --out-dir breakage   (writes expected-redemptions.csv for liability)`,
    )
    .action(async (file: string, values: BreakageOptionValues) => {
      const expiryMonths = wholeNumberOption(values.expiryMonths, '--expiry-months', 1, 'Give the months after issue when points expire, e.g. --expiry-months 24.');
      const seed = wholeNumberOption(values.seed, '--seed', 0, 'Give a whole number, e.g. --seed 7.');
      const output = await openReportOutput(reportOutputPlan(values, BREAKAGE_OUTPUT), BREAKAGE_OUTPUT, io, [file]);
      try {
        const ledger = await readPointsTransactionsCsv(file, { onWaiting: waitingNotice(io.stderr) });
        const estimate = chainLadderBreakage(developmentOfFile(ledger), { expiryMonths, seed });
        for (const warning of estimate.warnings) io.stderr.write(`warning: ${warning}\n`);
        await output.write({ file, estimate });
      } finally {
        await output.discard();
      }
    });
}
