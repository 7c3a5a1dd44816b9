/**
 * `loyalty-sim liability <ledger.csv> --face-value V [--format table|json|csv] [--json] [-o FILE]`:
 * read a points ledger (one row per period), roll the points' contract liability forward under
 * IFRS 15 (src/metrics/ifrs15-roll-forward.ts) and print it. Only argument parsing lives here.
 */
import type { Command } from 'commander';
import { UserInputError } from '../errors.js';
import { readPointsLedgerCsv, type PointsLedgerFile } from '../data/points-ledger-csv.js';
import { ifrs15RollForward, type LiabilityRollForward } from '../metrics/ifrs15-roll-forward.js';
import { LIABILITY_FORMATS, liabilityReporter, type LiabilityFormat } from '../report/reporters.js';
import type { LiabilityReport } from '../report/liability-report.js';
import { addReportOutputOptions, openReportOutput, reportOutputPlan, type ReportOutputSpec, type ReportOutputValues } from './report-output.js';
import type { CommandContext } from './command-context.js';
import { waitingNotice } from './ingest-options.js';

interface LiabilityOptionValues extends ReportOutputValues {
  faceValue?: string;
}

/** liability's formats: the roll-forward as a table, JSON or CSV. */
const LIABILITY_OUTPUT: ReportOutputSpec<LiabilityFormat, LiabilityReport> = { formats: LIABILITY_FORMATS, reporter: liabilityReporter, defaultFormat: 'table' };

const FACE_VALUE_HINT = 'Give the value of one point to the customer in the sales currency, e.g. --face-value 0.01 for 100 points per 1.';

function parseFaceValue(text: string | undefined): number {
  if (text === undefined) throw new UserInputError('the face value of a point is missing', { field: '--face-value' }, FACE_VALUE_HINT);
  const value = /^\s*\+?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(text) ? Number(text) : NaN;
  if (!(Number.isFinite(value) && value > 0)) throw new UserInputError(`'${text}' is not a positive number`, { field: '--face-value' }, FACE_VALUE_HINT);
  return value;
}

/** The roll-forward of the ledger read from its file; a problem of a period is located at its line. */
function rollForwardOfLedger(ledger: PointsLedgerFile, faceValue: number): LiabilityRollForward {
  try {
    return ifrs15RollForward(ledger.periods, { faceValue });
  } catch (err) {
    const match = err instanceof UserInputError ? /^periods\[(\d+)\](?:\.(\w+))?$/.exec(err.location.field ?? '') : null;
    if (!(err instanceof UserInputError) || match === null) throw err;
    throw new UserInputError(err.message, { file: ledger.file, line: ledger.lines[Number(match[1])], field: match[2] }, err.hint);
  }
}

export function registerLiabilityCommand(program: Command, { io }: CommandContext): void {
  const command = program
    .command('liability')
    .description('roll the contract liability of a points program forward under IFRS 15, from a ledger of points issued, redeemed and expected to be redeemed')
    .argument('<ledger.csv>', 'one row per period: period,sales,points_issued,points_redeemed,expected_redemptions')
    .option('--face-value <value>', 'value of one point to the customer, in the sales currency (required)');
  addReportOutputOptions(command, LIABILITY_OUTPUT)
    .addHelpText(
      'after',
      `
expected_redemptions is, of all points issued so far, the points expected ever to be redeemed,
as estimated at the period's end. Per period t (IFRS 15 B39-B43, Illustrative Example 52):
  stand-alone price of t's points  SSP = points issued in t x face value x expected / issued so far
  allocated to the points          A   = sales x SSP / (sales + SSP)
  cumulative revenue for points    CR  = (sum of A so far) x redeemed so far / expected
                                   (all of it when no point is expected to be redeemed)
  recognised in t = CR - CR of t-1;  closing liability = opening + A - recognised

Examples:
  loyalty-sim liability ledger.csv --face-value 1
  loyalty-sim liability ledger.csv --face-value 0.01 --json
  loyalty-sim liability ledger.csv --face-value 0.01 --format csv -o liability.csv`,
    )
    .action(async (file: string, values: LiabilityOptionValues) => {
      const faceValue = parseFaceValue(values.faceValue);
      const output = await openReportOutput(reportOutputPlan(values, LIABILITY_OUTPUT), LIABILITY_OUTPUT, io, [file]);
      try {
        const ledger = await readPointsLedgerCsv(file, { onWaiting: waitingNotice(io.stderr) });
        await output.write({ file, rollForward: rollForwardOfLedger(ledger, faceValue) });
      } finally {
        await output.discard();
      }
    });
}
