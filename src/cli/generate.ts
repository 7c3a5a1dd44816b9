/**
 * `loyalty-sim generate --customers N --start DATE --end DATE [...]`: write a synthetic purchase
 * history drawn from the BG/NBD and Gamma-Gamma models (src/data/generate.ts) as CSV, to stdout or
 * atomically to --out. Only argument parsing lives here.
 */
import type { Command } from 'commander';
import { UserInputError } from '../errors.js';
import { membersCsvText, transactionCsvChunks, type GeneratorCategory } from '../data/transaction-csv.js';
import { pointsLedgerCsvChunks, pointsTruthCsvText } from '../data/generated-points-csv.js';
import { loadProgram } from '../config/load.js';
import { SeededVariateSource } from '../model/seeded-variate-source.js';
import type { ResolvedProgram } from '../programs/registry.js';
import { drawAssumptions } from '../schema/draw-assumptions.js';
import { generatePointsLedger } from '../run/generate-points-ledger.js';
import { DEFAULT_GAMMA_GAMMA, defaultBgNbdParameters } from '../model/customer-draws.js';
import { generateTransactions, MAX_GENERATED_CUSTOMERS, type GeneratedProgram } from '../model/generate-transactions.js';
import { closestMatch } from '../schema/did-you-mean.js';
import { parsePeriodOption } from './ingest-options.js';
import type { CommandContext } from './command-context.js';
import { openOutputFile, writePieces } from './output.js';
import { checkDistinctOutputs } from './report-output.js';
import { parseIsoDateString } from '../data/calendar.js';

interface GenerateOptionValues {
  customers: string;
  start: string;
  end: string;
  period: string;
  bgnbd?: string;
  gammaGamma?: string;
  categories?: string;
  returnRate?: string;
  seed: string;
  out?: string;
  programMembers?: string;
  selfSelection: string;
  frequencyUplift: string;
  spendUplift: string;
  launch?: string;
  membersOut?: string;
  points?: string;
  pointsOut?: string;
  pointsTruth?: string;
}

/** A number option of the program (--program-members, --self-selection, ...); the generator checks its range. */
function parseProgramNumber(text: string, option: string, hint: string): number {
  const value = parseNumber(text);
  if (Number.isNaN(value)) throw new UserInputError(`'${text}' is not a number`, { field: option }, hint);
  return value;
}

/** The program options, or undefined without --program-members; --launch and --members-out go with it. */
function programFromOptions(values: GenerateOptionValues): GeneratedProgram | undefined {
  if (values.programMembers === undefined) {
    for (const [option, value] of [['--launch', values.launch], ['--members-out', values.membersOut]] as const) {
      if (value !== undefined) throw new UserInputError(`${option} is only used with --program-members`, { field: option }, 'Add --program-members SHARE, e.g. --program-members 0.3.');
    }
    return undefined;
  }
  if (values.launch === undefined) throw new UserInputError('--launch is needed with --program-members', { field: '--launch' }, 'Give the first day members can join, e.g. --launch 2025-01-01.');
  if (values.membersOut === undefined) throw new UserInputError('--members-out is needed with --program-members', { field: '--members-out' }, 'Give the file for the members list, e.g. --members-out members.csv.');
  return {
    memberShare: parseProgramNumber(values.programMembers, '--program-members', 'Give a fraction, e.g. --program-members 0.3 for 30% of customers.'),
    selfSelection: parseProgramNumber(values.selfSelection, '--self-selection', 'Give a weight of 0 or more, e.g. --self-selection 2.'),
    frequencyUplift: parseProgramNumber(values.frequencyUplift, '--frequency-uplift', 'Give a fraction, e.g. --frequency-uplift 0.15 for +15%.'),
    spendUplift: parseProgramNumber(values.spendUplift, '--spend-uplift', 'Give a fraction, e.g. --spend-uplift 0.05 for +5%.'),
    launch: values.launch,
  };
}

function parseCustomerCount(text: string): number {
  const count = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(count) && count >= 1)) {
    throw new UserInputError(`'${text}' is not a number of customers`, { field: '--customers' }, 'Give a whole number of at least 1, e.g. --customers 1000.');
  }
  if (count > MAX_GENERATED_CUSTOMERS) {
    throw new UserInputError(
      `${text.trim()} customers is more than one generated history can hold: at most ${MAX_GENERATED_CUSTOMERS.toLocaleString('en-US')}`,
      { field: '--customers' },
      'Every row is held in memory to be sorted by date: generate several files with different --seed values instead.',
    );
  }
  return count;
}

/** A finite number written plainly (no units, no percent sign). */
function parseNumber(text: string): number {
  const value = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text.trim()) ? Number(text) : NaN;
  return Number.isFinite(value) ? value : NaN;
}

/**
 * `key=value,key=value` with the allowed keys (and aliases); every value a positive number. Keys
 * not given keep their default; a key given twice (also through its alias) or an unknown one is
 * refused, an unknown one with the closest key as a suggestion.
 */
function parseParameterList<K extends string>(
  text: string,
  option: string,
  keys: readonly K[],
  aliases: Record<string, K>,
  example: string,
): Partial<Record<K, number>> {
  const result: Partial<Record<K, number>> = {};
  for (const part of text.split(',')) {
    const match = /^\s*([A-Za-z_]+)\s*=\s*(.+?)\s*$/.exec(part);
    if (!match) {
      throw new UserInputError(`'${part}' is not key=value`, { field: option }, `Example: ${option} ${example}`);
    }
    const name = match[1];
    const key = (keys as readonly string[]).includes(name) ? (name as K) : Object.hasOwn(aliases, name) ? aliases[name] : undefined;
    if (key === undefined) {
      const suggestion = closestMatch(name, [...keys, ...Object.keys(aliases)]);
      throw new UserInputError(
        `unknown parameter '${name}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
        { field: option },
        `The parameters are ${keys.join(', ')}${Object.keys(aliases).length > 0 ? ` (${Object.entries(aliases).map(([alias, target]) => `${alias} for ${target}`).join(', ')})` : ''}; example: ${option} ${example}`,
      );
    }
    if (result[key] !== undefined) {
      throw new UserInputError(`${key} is given twice`, { field: option }, `Give each parameter once; example: ${option} ${example}`);
    }
    const value = parseNumber(match[2]);
    if (!(value > 0)) {
      throw new UserInputError(`${name} must be a positive number, got '${match[2]}'`, { field: option }, `Example: ${option} ${example}`);
    }
    result[key] = value;
  }
  return result;
}

/** `name:share:margin,...`, e.g. `fuel:0.6:0.08,shop:0.4:0.35`. */
function parseCategories(text: string): GeneratorCategory[] {
  const example = 'fuel:0.6:0.08,shop:0.4:0.35';
  return text.split(',').map((part) => {
    const pieces = part.split(':');
    if (pieces.length !== 3) {
      throw new UserInputError(`'${part}' is not name:share:margin`, { field: '--categories' }, `Example: --categories ${example} (margins as fractions of the amount).`);
    }
    const [name, shareText, marginText] = pieces.map((piece) => piece.trim());
    const share = parseNumber(shareText);
    const margin = parseNumber(marginText);
    if (Number.isNaN(share) || Number.isNaN(margin)) {
      throw new UserInputError(`'${part}': share and margin must be numbers`, { field: '--categories' }, `Example: --categories ${example} (margins as fractions of the amount).`);
    }
    return { name, share, margin };
  });
}

/** A number such as `0.05` (the generator checks its range). */
function parseShare(text: string): number {
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text.trim())) {
    throw new UserInputError(`'${text}' is not a number`, { field: '--return-rate' }, 'Give a fraction, e.g. --return-rate 0.05 for 5% of purchases returned.');
  }
  return Number(text);
}

/** The option behind a generator field (`categories[1]` -> `--categories`), for messages. */
function optionOfField(field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  if (field.startsWith('categories')) return '--categories';
  if (field.startsWith('bgnbd')) return '--bgnbd';
  if (field.startsWith('gammaGamma')) return '--gamma-gamma';
  if (field === 'returnRate') return '--return-rate';
  if (field === 'program-members' || field === 'self-selection' || field === 'frequency-uplift' || field === 'spend-uplift' || field === 'launch') return `--${field}`;
  return `--${field}`;
}

/**
 * The points program of --points, its uncertain values drawn once from the seed, or undefined
 * without --points; --points-out and --points-truth go with it, and it needs --program-members.
 */
async function pointsProgramFromOptions(values: GenerateOptionValues): Promise<ResolvedProgram | undefined> {
  if (values.points === undefined) {
    for (const [option, value] of [['--points-out', values.pointsOut], ['--points-truth', values.pointsTruth]] as const) {
      if (value !== undefined) throw new UserInputError(`${option} is only used with --points`, { field: option }, 'Add --points PROGRAM.yaml, a program that earns points.');
    }
    return undefined;
  }
  if (values.programMembers === undefined) {
    throw new UserInputError('--points needs --program-members', { field: '--points' }, 'The points are earned by the program\'s members: add --program-members SHARE and --launch DATE.');
  }
  if (values.pointsOut === undefined) throw new UserInputError('--points-out is needed with --points', { field: '--points-out' }, 'Give the file for the points ledger, e.g. --points-out points.csv.');
  const loaded = await loadProgram(values.points);
  const draws = new SeededVariateSource(`${values.seed}:points-program`);
  return drawAssumptions(loaded.program, () => draws.next()) as ResolvedProgram;
}

/** Generate, naming command-line options (not API fields) in input errors. */
function generateFromOptions(options: Parameters<typeof generateTransactions>[0]): ReturnType<typeof generateTransactions> {
  try {
    return generateTransactions(options);
  } catch (err) {
    if (err instanceof UserInputError) {
      throw new UserInputError(err.message, { ...err.location, field: optionOfField(err.location.field) }, err.hint);
    }
    throw err;
  }
}

export function registerGenerateCommand(program: Command, { io }: CommandContext): void {
  const defaults = defaultBgNbdParameters('week');
  program
    .command('generate')
    .description('write a synthetic purchase history (CSV) drawn from the BG/NBD and Gamma-Gamma customer models')
    .requiredOption('--customers <n>', 'number of customers')
    .requiredOption('--start <date>', 'first day customers join and buy, YYYY-MM-DD')
    .requiredOption('--end <date>', 'last day of the history, YYYY-MM-DD')
    .option('--period <unit>', 'time unit of the --bgnbd rates: day, week or month', 'week')
    .option(
      '--bgnbd <params>',
      `purchase and dropout model r=..,alpha=..,a=..,b=.. (rates per --period; default per week r=${defaults.r},alpha=${defaults.alpha},a=${defaults.a},b=${defaults.b})`,
    )
    .option(
      '--gamma-gamma <params>',
      `spend model p=..,q=..,v=.. (v is the scale often called gamma; default p=${DEFAULT_GAMMA_GAMMA.p},q=${DEFAULT_GAMMA_GAMMA.q},v=${DEFAULT_GAMMA_GAMMA.v}: mean ticket 40)`,
    )
    .option('--categories <list>', 'product categories name:share:margin,... e.g. fuel:0.6:0.08,shop:0.4:0.35 (margin as a fraction of the amount)')
    .option('--return-rate <share>', 'share of purchases returned whole (0 to 1), each as a row with the negated amount within 14 days (default 0)')
    .option('--seed <seed>', 'random seed: the same seed gives the same file, byte for byte', '1')
    .option('--out <file.csv>', 'write to this file (atomically) instead of stdout')
    .option('--program-members <share>', 'simulate a loyalty program that this share of customers (0 to 1) joins from --launch, and write its members to --members-out')
    .option('--self-selection <weight>', 'how much more likely heavy recent buyers are to join: weight W >= 0 (0 = at random)', '0')
    .option('--frequency-uplift <fraction>', "members' purchase rate after joining is multiplied by 1 + this (0.15 = +15%)", '0')
    .option('--spend-uplift <fraction>', "members' purchase values after joining are multiplied by 1 + this", '0')
    .option('--launch <date>', 'first day members can join, YYYY-MM-DD (with --program-members)')
    .option('--members-out <file.csv>', 'write the members as customer_id,joined (with --program-members)')
    .option('--points <program.yaml>', "run the members through this points program's rules (e.g. type: bonus) and write its ledger to --points-out")
    .option('--points-out <file.csv>', 'write the points ledger as customer_id,date,points,type (with --points)')
    .option('--points-truth <file.csv>', 'write what the points of each month of issue became, followed past the end (with --points)')
    .addHelpText(
      'after',
      `
Customers join on days drawn uniformly between --start and --end and make their first purchase
that day. While active they buy at a Poisson rate lambda ~ Gamma(r, alpha) and after each repeat
purchase drop out with probability p ~ Beta(a, b); each purchase is worth Gamma(p, nu) with
nu ~ Gamma(q, v) per customer. Parameters not given keep their defaults (converted to --period).
Columns: customer_id,date,amount, plus category,margin (margin in currency) with --categories.
Rows are in date order.

With --program-members, each customer gets a candidate join day drawn uniformly from --launch to
--end; a customer already buying then joins with probability proportional to (1 + k)^W, k their
purchases in the 183 days before (capped at 1, scaled so that about SHARE of all customers join).
From the join day on, a member buys at (1 + U) times their rate and spends (1 + S) times as much.

With --points, the members earn and redeem by the program's own rules (as the simulation runs
them; its uncertain values drawn once from the seed; its enrolment and effects are those above):
points expire at calendar month ends, rows up to --end go to --points-out. --points-truth follows
the members past --end for 60 months and writes, per month of issue, the points issued, redeemed
by --end, redeemed in the end, expired, and still held by customers who stopped or still buy.

Examples:
  loyalty-sim generate --customers 1000 --start 2024-01-01 --end 2025-12-31 --seed 1
  loyalty-sim generate --customers 3000 --start 2024-01-01 --end 2025-12-31 \\
    --categories grocery:0.7:0.25,household:0.3:0.4 --seed 7 --out history.csv
  loyalty-sim generate --customers 500 --start 2024-01-01 --end 2024-12-31 --period day \\
    --bgnbd r=0.5,alpha=40 --gamma-gamma p=4,q=3,v=50
  loyalty-sim generate --customers 10000 --start 2023-01-01 --end 2025-12-31 --out history.csv \\
    --program-members 0.3 --self-selection 2 --frequency-uplift 0.15 --launch 2024-07-01 \\
    --members-out members.csv
  loyalty-sim generate --customers 20000 --start 2024-01-01 --end 2025-06-30 --out history.csv \
    --program-members 0.5 --launch 2024-07-01 --members-out members.csv \
    --points scenarios/programs/points-5.yaml --points-out points.csv --points-truth truth.csv`,
    )
    .action(async (values: GenerateOptionValues) => {
      const period = parsePeriodOption(values.period);
      const bgnbd = {
        ...defaultBgNbdParameters(period),
        ...(values.bgnbd ? parseParameterList(values.bgnbd, '--bgnbd', ['r', 'alpha', 'a', 'b'] as const, {}, 'r=0.75,alpha=7.5,a=0.8,b=6') : {}),
      };
      const gammaGamma = {
        ...DEFAULT_GAMMA_GAMMA,
        ...(values.gammaGamma ? parseParameterList(values.gammaGamma, '--gamma-gamma', ['p', 'q', 'v'] as const, { gamma: 'v' }, 'p=6,q=4,v=20') : {}),
      };
      if (gammaGamma.q <= 1) {
        io.stderr.write(
          `warning: --gamma-gamma q=${gammaGamma.q}: with q <= 1 the mean purchase value p v / (q - 1) is infinite, and a few customers draw enormous amounts (q > 1 gives a finite mean, e.g. q=4)\n`,
        );
      }
      const customers = parseCustomerCount(values.customers);
      const categories = values.categories ? parseCategories(values.categories) : undefined;
      const returnRate = values.returnRate === undefined ? undefined : parseShare(values.returnRate);
      const program = programFromOptions(values);
      const pointsProgram = await pointsProgramFromOptions(values);
      const outputs = [
        { path: values.out, option: '--out' },
        { path: values.membersOut, option: '--members-out' },
        { path: values.pointsOut, option: '--points-out' },
        { path: values.pointsTruth, option: '--points-truth' },
      ];
      checkDistinctOutputs(outputs);
      const out = values.out === undefined ? undefined : await openOutputFile(values.out, '--out');
      const membersOut = values.membersOut === undefined ? undefined : await openOutputFile(values.membersOut, '--members-out');
      const pointsOut = values.pointsOut === undefined ? undefined : await openOutputFile(values.pointsOut, '--points-out');
      const truthOut = values.pointsTruth === undefined ? undefined : await openOutputFile(values.pointsTruth, '--points-truth');
      try {
        const generated = generateFromOptions({
          customers,
          start: values.start,
          end: values.end,
          period,
          bgnbd,
          gammaGamma,
          categories,
          returnRate,
          seed: values.seed,
          program,
          keepEndStates: pointsProgram !== undefined,
        });
        const points =
          pointsProgram === undefined
            ? undefined
            : generatePointsLedger(generated, generated.members!, generated.continueCustomer!, {
                program: pointsProgram,
                field: values.points!,
                seed: values.seed,
                startDay: parseIsoDateString(values.start),
                endDay: parseIsoDateString(values.end),
              });

        // Everything is drawn before the first file is put in place: a failure leaves no file half-written or changed.
        if (out !== undefined) {
          await out.commit(transactionCsvChunks(generated));
          io.stderr.write(`wrote ${generated.purchases} purchases by ${generated.customers} customers to ${out.path}\n`);
        } else {
          await writePieces(io.stdout, transactionCsvChunks(generated));
        }
        if (membersOut !== undefined && generated.members !== undefined) {
          await membersOut.commit([membersCsvText(generated, generated.members)]);
          io.stderr.write(`wrote ${generated.members.customer.length} members to ${membersOut.path}\n`);
        }
        if (points !== undefined && pointsOut !== undefined) {
          await pointsOut.commit(pointsLedgerCsvChunks(points.rows, (c) => generated.customerId(c)));
          io.stderr.write(`wrote ${points.rows.length} points transactions to ${pointsOut.path}\n`);
        }
        if (points !== undefined && truthOut !== undefined) {
          await truthOut.commit([pointsTruthCsvText(points.cohorts, points.overall)]);
          const rate = points.overall.ultimateRate;
          io.stderr.write(`wrote the points' truth to ${truthOut.path}: ${(rate * 100).toFixed(1)}% of the points issued up to --end are redeemed in the end\n`);
        }
      } finally {
        await truthOut?.discard();
        await pointsOut?.discard();
        await membersOut?.discard();
        await out?.discard();
      }
    });
}
