/**
 * `loyalty-sim uplift <history.csv> --members FILE [...]`: the causal frequency and spend uplift of
 * a program that already runs, by matched difference-in-differences (metrics/uplift.ts), with the
 * naive member vs non-member difference, balance, event study and warnings; optionally the
 * estimates as an `effects:` YAML block for a program (--effects-out).
 */
import type { Command } from 'commander';
import { UserInputError } from '../errors.js';
import { isoDate, parseIsoDateString } from '../data/calendar.js';
import { compileDateFormat } from '../data/date-format.js';
import { ingestPurchaseHistory } from '../data/ingest.js';
import { readMembersCsv } from '../data/members-csv.js';
import { estimateUplift, MATCHED_CONTROLS, normalOfInterval } from '../metrics/uplift.js';
import { UPLIFT_FORMATS, upliftReporter, type UpliftFormat } from '../report/reporters.js';
import { renderEffectsYaml, type UpliftReport } from '../report/uplift-report.js';
import { addIngestOptions, ingestOptionsFrom, waitingNotice, type IngestOptionValues } from './ingest-options.js';
import type { CommandContext } from './command-context.js';
import { openOutputFile } from './output.js';
import { addReportOutputOptions, openReportOutput, reportOutputPlan, type ReportOutputSpec, type ReportOutputValues } from './report-output.js';

const UPLIFT_OUTPUT: ReportOutputSpec<UpliftFormat, UpliftReport> = { formats: UPLIFT_FORMATS, reporter: upliftReporter, defaultFormat: 'table' };

interface UpliftOptionValues extends IngestOptionValues, ReportOutputValues {
  members: string;
  launch?: string;
  pre: string;
  post: string;
  seed: string;
  effectsOut?: string;
}

function parseMonths(text: string, option: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(Number.isInteger(value) && value >= 1 && value <= 60)) {
    throw new UserInputError(`'${text}' is not a number of months`, { field: option }, `Give a whole number of months from 1 to 60, e.g. ${option} 6.`);
  }
  return value;
}

export function registerUpliftCommand(program: Command, { io }: CommandContext): void {
  const command = program
    .command('uplift')
    .description("the causal uplift of a running program on members' purchase frequency and spend, by matched difference-in-differences")
    .argument('<history.csv>', 'purchase history: one row per purchase line (customer_id,date,amount[,...])')
    .requiredOption('--members <file.csv>', 'the members: customer_id,joined (the day each member enrolled; other columns ignored)')
    .option('--launch <date>', 'the day the program started, YYYY-MM-DD (default: the first join date)')
    .option('--pre <months>', 'months before joining that members and controls are compared on', '6')
    .option('--post <months>', 'months after joining that the effect is measured over', '6')
    .option('--seed <seed>', 'random seed of the bootstrap intervals', '1')
    .option('--effects-out <file.yaml>', 'write the estimates as an effects: block (normal distributions matching the 90% intervals) for a program');
  addReportOutputOptions(addIngestOptions(command), UPLIFT_OUTPUT).addHelpText(
    'after',
    `
Each member is compared with the ${MATCHED_CONTROLS} customers not yet members on its join day who bought most
like them in the --pre months before (same number of purchases, nearest spend, recency, tenure);
the uplift is the factor by which the member's purchase rate after joining exceeds its rate
before plus the change its controls went through (a control who joins later counts its purchases
from then on divided by 1 + the uplift). Matching removes only the differences the history shows:
read the balance table and the event study (a gap before month 0 makes the estimate doubtful).

Examples:
  loyalty-sim uplift history.csv --members members.csv
  loyalty-sim uplift history.csv --members members.csv --pre 12 --post 6 --effects-out effects.yaml`,
  );
  command.action(async (file: string, values: UpliftOptionValues) => {
    const ingestOptions = ingestOptionsFrom(values);
    const preMonths = parseMonths(values.pre, '--pre');
    const postMonths = parseMonths(values.post, '--post');
    let launchDay: number | undefined;
    if (values.launch !== undefined) {
      launchDay = parseIsoDateString(values.launch);
      if (Number.isNaN(launchDay)) throw new UserInputError(`'${values.launch}' is not a date`, { field: '--launch' }, 'Give the day the program started as YYYY-MM-DD, e.g. --launch 2024-07-01.');
    }
    const output = await openReportOutput(reportOutputPlan(values, UPLIFT_OUTPUT), UPLIFT_OUTPUT, io, [file, values.members]);
    const effectsOut = values.effectsOut === undefined ? undefined : await openOutputFile(values.effectsOut, '--effects-out', [file, values.members]);
    try {
      const members = await readMembersCsv(values.members, {
        delimiter: ingestOptions.delimiter,
        dateFormat: ingestOptions.dateFormat === undefined ? undefined : compileDateFormat(ingestOptions.dateFormat),
        onWaiting: waitingNotice(io.stderr),
      });
      const { summaries, quality, purchaseDays } = await ingestPurchaseHistory(file, { ...ingestOptions, keepPurchaseDays: true, onWaiting: waitingNotice(io.stderr) });
      const firstDay = parseIsoDateString(quality.firstDate);
      const lastDay = parseIsoDateString(quality.lastDate);
      const index = new Map(summaries.ids.map((id, k) => [id, k]));
      const joinDay = new Float64Array(summaries.ids.length).fill(NaN);
      let absent = 0;
      let outside = 0;
      for (const [id, day] of members.joinDay) {
        const k = index.get(id);
        if (k === undefined) absent++;
        else if (day < firstDay || day > lastDay) outside++;
        else joinDay[k] = day;
      }
      if (absent > 0) io.stderr.write(`warning: ${absent} of ${members.joinDay.size} members in ${values.members} are not in ${file}; they are left out\n`);
      if (outside > 0) io.stderr.write(`warning: ${outside} members joined outside the history (${isoDate(firstDay)} to ${isoDate(lastDay)}); they are left out\n`);
      const result = estimateUplift({ customers: purchaseDays!, joinDay, firstDay, lastDay, launchDay, preMonths, postMonths, seed: values.seed });
      if (result.membersAnalysed === 0) {
        throw new UserInputError(
          'no member could be analysed: none joined with both periods inside the history, a purchase before joining and a comparable non-member',
          { file: values.members },
          `Check that the members' ids match the history's customer_id, or shorten --pre / --post (now ${preMonths} and ${postMonths} months).`,
        );
      }
      for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
      const report: UpliftReport = {
        file,
        membersFile: values.members,
        preMonths,
        postMonths,
        membersListed: members.joinDay.size,
        membersAbsent: absent,
        joinsOutsideHistory: outside,
        result,
        effects: { frequencyUplift: normalOfInterval(result.frequencyUplift), spendUplift: normalOfInterval(result.spendUplift) },
      };
      await output.write(report);
      if (effectsOut !== undefined) {
        await effectsOut.commit([renderEffectsYaml(report)]);
        io.stderr.write(`wrote the effects block to ${effectsOut.path}\n`);
      }
    } finally {
      await effectsOut?.discard();
      await output.discard();
    }
  });
}
