/**
 * `loyalty-sim init [scenario.yaml]`: write a first scenario and program file from a few questions
 * in plain words — the program type and its key numbers (config/program-starters.ts), the purchase
 * history and its columns (detected from the header and shown), the gross margin and the horizon.
 * Every question is also an option, so it runs without a terminal; the files are checked as
 * `validate` checks them (the data read and the model fitted) before either is written, written
 * atomically, and never over an existing file without --force.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadProgramText, loadScenario, loadScenarioText } from '../config/load.js';
import {
  allStarterQuestions,
  NAME_QUESTION_KEY,
  PROGRAM_STARTERS,
  starterProgramText,
  starterQuestions,
  type ProgramStarter,
  type StarterQuestion,
} from '../config/program-starters.js';
import { assembledScenarioText, assumptionText, type DataSettings } from '../config/scenario-assembly.js';
import { economicsSchema, horizonSchema } from '../config/scenario-schema.js';
import { ConfigError } from '../config/issues.js';
import { ALL_COLUMN_ROLES, COLUMN_ROLES, parseColumnMapping, resolveColumns, type ColumnIndexes, type ColumnRole } from '../data/column-mapping.js';
import { readCsvHeader } from '../data/csv-header.js';
import { CLI_WORDING } from '../data/setting-wording.js';
import { UserInputError, type SourceLocation } from '../errors.js';
import { prepareRun } from '../run/prepare-run.js';
import { formatWarning, type ScenarioWarning } from '../run/scenario-warnings.js';
import chalk from 'chalk';
import { describeIssue, formatKeyPath } from '../schema/issue-text.js';
import { relocatedError, scenarioKeyOption, type OptionAt } from './assembled-locations.js';
import type { CliIo, CommandContext } from './command-context.js';
import { addIngestOptions, ingestOptionsFrom, type IngestOptionValues } from './ingest-options.js';
import { openOutputFile } from './output.js';
import { isPromptCancelled, optionsOnlyPrompter, terminalPrompter, type Check, type Prompter } from './prompter.js';
import { simulateAndReport } from './run.js';

const DEFAULT_SCENARIO_FILE = 'scenario.yaml';
const DEFAULT_HORIZON = '12 months';
/** The exit code of a command interrupted by Ctrl-C (128 + SIGINT), as the launcher's. */
const INTERRUPTED_EXIT_CODE = 130;

interface InitOptionValues extends IngestOptionValues {
  type?: string;
  name?: string;
  data?: string;
  grossMargin?: string;
  horizon?: string;
  currency?: string;
  programFile?: string;
  yes?: boolean;
  force?: boolean;
  run?: boolean;
  acceptWeakFit?: boolean;
  [question: string]: string | boolean | undefined;
}

/** `earn-rate` -> `earnRate`, as commander names the option's value. */
function camel(key: string): string {
  return key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** The program file beside the scenario: `shop.yaml` -> `shop-program.yaml`. */
function defaultProgramFile(scenarioFile: string): string {
  const extension = path.extname(scenarioFile);
  return path.join(path.dirname(scenarioFile), `${path.basename(scenarioFile, extension)}-program${extension || '.yaml'}`);
}

/** A path from the scenario's folder, written with forward slashes. */
function fromScenarioFolder(scenarioFile: string, file: string): string {
  return path.relative(path.dirname(path.resolve(scenarioFile)), path.resolve(file)).split(path.sep).join('/');
}

/** Refuse, before anything is asked, to write over an existing file (unless --force). */
async function assertNew(file: string, option: string | undefined, force: boolean): Promise<void> {
  if (force) return;
  const exists = await fs.lstat(file).then(
    () => true,
    () => false,
  );
  if (exists) {
    throw new UserInputError(`'${file}' already exists`, option === undefined ? {} : { field: option }, 'Choose another file name, or add --force to write over it.');
  }
}

/** The program file's problems at the question's option that wrote the value, when one did. */
function questionAt(questions: readonly StarterQuestion[], field: string | undefined): StarterQuestion | undefined {
  return questions.find((question) => formatKeyPath(question.path) === field);
}

/** The first problem the program text has at `question`'s key, if any. */
function programProblemAt(text: string, file: string, question: StarterQuestion): string | undefined {
  try {
    loadProgramText(text, file);
    return undefined;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.issues.find((issue) => issue.field === formatKeyPath(question.path))?.message;
  }
}

/** A schema's verdict on one answer, as a prompt's check. */
function schemaCheck(schema: { safeParse(value: unknown, params: object): { success: boolean; error?: { issues: { message: string }[] } } }, read: (text: string) => unknown = (text) => text): Check {
  return (text) => {
    const result = schema.safeParse(read(text), { error: describeIssue, reportInput: true });
    return result.success ? true : (result.error?.issues[0]?.message ?? 'not a valid answer');
  };
}

/** Roles shown, in this order, when the columns are detected. */
const SHOWN_ROLES: readonly ColumnRole[] = ['customer', 'date', 'amount', 'order', 'quantity', 'unit_price', 'margin', 'cost', 'category', 'status'];

function detectedText(header: readonly string[], indexes: ColumnIndexes): string {
  return SHOWN_ROLES.filter((role) => indexes[role] >= 0)
    .map((role) => `  ${role.padEnd(10)} <- ${header[indexes[role]]}`)
    .join('\n');
}

/** The mapping as `data.columns` needs it: only the roles whose column is not named as loyalty-sim expects. */
function columnsToWrite(mapping: Partial<Record<ColumnRole, string>>): Partial<Record<ColumnRole, string>> | undefined {
  const entries = Object.entries(mapping).filter(([role, name]) => name !== COLUMN_ROLES[role as ColumnRole].defaultName);
  return entries.length > 0 ? (Object.fromEntries(entries) as Partial<Record<ColumnRole, string>>) : undefined;
}

/** The roles asked when the user changes the columns, in plain words. */
const ROLE_WORDS = {
  customer: 'the customer id',
  date: 'the purchase date',
  amount: 'the amount paid (negative for a return)',
  margin: 'the gross margin in money (not a percentage)',
  cost: 'the cost of goods in money',
  category: 'the product category',
} as const;

/** Ask which column plays each role the user wants to change (the required ones, then margin and category). */
async function askColumns(prompter: Prompter, header: readonly string[], current: Partial<Record<ColumnRole, string>>): Promise<Partial<Record<ColumnRole, string>>> {
  const mapping: Partial<Record<ColumnRole, string>> = {};
  const none = '(none)';
  for (const role of Object.keys(ROLE_WORDS) as (keyof typeof ROLE_WORDS)[]) {
    const optional = role !== 'customer' && role !== 'date' && role !== 'amount';
    const choices = [...header.map((name) => ({ value: name, name })), ...(optional ? [{ value: none, name: none }] : [])];
    const answer = await prompter.choose({
      option: '--columns',
      message: `Which column holds ${ROLE_WORDS[role]}?`,
      choices,
      default: current[role] ?? (optional ? none : undefined),
    });
    if (answer !== none) mapping[role] = answer;
  }
  return mapping;
}

/** The columns of the data: detected from its header, shown, and confirmed or changed at the terminal. */
async function settleColumns(
  prompter: Prompter,
  dataFile: string,
  ingest: IngestOptionValues,
): Promise<{ columns?: Partial<Record<ColumnRole, string>>; indexes: ColumnIndexes }> {
  const header = await readCsvHeader(dataFile, { delimiter: ingestOptionsFrom({ delimiter: ingest.delimiter }).delimiter });
  let mapping = ingest.columns !== undefined ? parseColumnMapping(ingest.columns, '--columns') : {};
  let indexes: ColumnIndexes | undefined;
  let problem: UserInputError | undefined;
  const resolve = () => {
    try {
      indexes = resolveColumns(header.names, mapping, dataFile, CLI_WORDING);
      problem = undefined;
    } catch (err) {
      if (!(err instanceof UserInputError)) throw err;
      indexes = undefined;
      problem = err;
    }
  };
  resolve();
  if (!prompter.interactive || ingest.columns !== undefined) {
    if (problem !== undefined) throw problem;
    prompter.say(`Columns of ${dataFile}:\n${detectedText(header.names, indexes!)}`);
    return { columns: columnsToWrite(mapping), indexes: indexes! };
  }
  for (;;) {
    if (indexes !== undefined) {
      prompter.say(`Columns found in ${dataFile}:\n${detectedText(header.names, indexes)}`);
      if (await prompter.confirm('Are these the right columns?', true, true)) return { columns: columnsToWrite(mapping), indexes };
    } else {
      prompter.say(`The columns of ${dataFile} are not the ones loyalty-sim expects: ${problem!.message}.`);
    }
    const current = Object.fromEntries(ALL_COLUMN_ROLES.filter((role) => indexes !== undefined && indexes[role] >= 0).map((role) => [role, header.names[indexes![role]]]));
    mapping = await askColumns(prompter, header.names, { ...current, ...mapping });
    resolve();
  }
}

/** Check the files as `validate` does (the data read, the model fitted) before writing them; problems at the options that gave them. */
async function checkFiles(
  scenarioFile: string,
  scenarioText: string,
  programFile: string,
  programText: string,
  optionAt: OptionAt,
  acceptWeakFit: boolean,
): Promise<ScenarioWarning[]> {
  try {
    const loaded = await loadScenarioText(scenarioText, scenarioFile, { pendingFiles: new Map([[path.resolve(programFile), programText]]) });
    return (await prepareRun(loaded, { wording: CLI_WORDING, acceptWeakFit })).warnings;
  } catch (err) {
    throw err instanceof UserInputError ? relocatedError(err, optionAt) : err;
  }
}

/** Every question's option, each once (the types share some, e.g. --earn-rate). */
function addQuestionOptions(command: Command): Command {
  for (const question of allStarterQuestions()) {
    const askedBy = PROGRAM_STARTERS.filter((starter) => starter.questions.some((q) => q.key === question.key)).map((starter) => starter.type);
    const types = askedBy.length > 0 ? `${askedBy.join(', ')}: ` : '';
    command.option(`--${question.key} <value>`, `${types}${question.message} Default ${question.default}.`);
  }
  return command;
}

/** An option given for another program type than the one chosen is a mistake, not something to ignore. */
function assertOptionsApply(starter: ProgramStarter, options: InitOptionValues): void {
  const own = new Set(starterQuestions(starter).map((q) => q.key));
  for (const question of allStarterQuestions()) {
    if (options[camel(question.key)] !== undefined && !own.has(question.key)) {
      const types = PROGRAM_STARTERS.filter((s) => s.questions.some((q) => q.key === question.key)).map((s) => s.type);
      throw new UserInputError(`a ${starter.type} program has no such question`, { field: `--${question.key}` }, `--${question.key} is for ${types.join(', ')} programs; leave it out, or choose that --type.`);
    }
  }
}

async function init(scenarioArgument: string | undefined, options: InitOptionValues, io: CliIo): Promise<void> {
  const scenarioFile = scenarioArgument ?? DEFAULT_SCENARIO_FILE;
  const programFile = options.programFile ?? defaultProgramFile(scenarioFile);
  if (path.resolve(programFile) === path.resolve(scenarioFile)) {
    throw new UserInputError('the program file is the scenario file', { field: '--program-file' }, 'Give the program its own file name.');
  }
  await assertNew(scenarioFile, undefined, options.force === true);
  await assertNew(programFile, '--program-file', options.force === true);
  const ingest = ingestOptionsFrom(options);

  const stdin = io.stdin;
  const interactive = stdin?.isTTY === true && io.stdout.isTTY === true;
  const prompter = interactive ? terminalPrompter(stdin!, io.stdout, options.yes === true) : optionsOnlyPrompter(options.yes === true, io);
  if (interactive) prompter.say(`Let's set up a scenario: ${scenarioFile} and its program ${programFile}. Enter takes the answer shown in parentheses.\n`);

  const type = await prompter.choose({
    option: '--type',
    message: 'What kind of program do you have in mind?',
    choices: PROGRAM_STARTERS.map((s) => ({ value: s.type, name: s.label })),
    default: 'discount',
    given: options.type,
  });
  const starter = PROGRAM_STARTERS.find((s) => s.type === type)!;
  assertOptionsApply(starter, options);

  // The type's questions, each checked against the program schema with the answers so far.
  const questions = starterQuestions(starter);
  const answers: Record<string, string> = {};
  const draft = (extra: Record<string, string>) => starterProgramText(starter, starter.defaultName({ ...defaults(questions), ...answers, ...extra }), { ...answers, ...extra });
  for (const question of questions) {
    answers[question.key] = await prompter.text({
      option: `--${question.key}`,
      message: question.message,
      default: question.default,
      given: options[camel(question.key)] as string | undefined,
      check: (text) => programProblemAt(draft({ [question.key]: text }), programFile, question) ?? true,
    });
  }
  const name = await prompter.text({
    option: `--${NAME_QUESTION_KEY}`,
    message: 'What is the program called in the reports?',
    default: starter.defaultName({ ...defaults(questions), ...answers }),
    given: options.name,
  });
  const programText = starterProgramText(starter, name, answers);

  const dataFile = await prompter.text({
    option: '--data',
    message: 'Which file holds the purchase history (a CSV: one row per purchase)?',
    given: options.data,
    check: async (text) => {
      try {
        await readCsvHeader(text.trim());
        return true;
      } catch (err) {
        if (!(err instanceof UserInputError)) throw err;
        return `${text.trim()}: ${err.message}`;
      }
    },
  });
  const { columns, indexes } = await settleColumns(prompter, dataFile.trim(), options);
  const dataHasMargins = indexes.margin >= 0 || indexes.cost >= 0;
  const marginCheck = schemaCheck(economicsSchema.shape.grossMargin, assumptionText);
  const grossMargin = await prompter.text({
    option: '--gross-margin',
    message: dataHasMargins
      ? 'Gross margin: the data has a margin column; keep from-data, or give one share of the price (e.g. 30%)'
      : 'What share of the price is left after the cost of goods (the gross margin, e.g. 30%)?',
    default: dataHasMargins ? 'from-data' : undefined,
    given: options.grossMargin,
    check: (text) => {
      if (!dataHasMargins && text.trim() === 'from-data') return 'the data has no margin or cost column: give the margin as a share of the price, e.g. 30%';
      const value = assumptionText(text);
      if (typeof value === 'number' && value > 1) return `${value} is more than the whole price: give a share such as 0.3 or a percentage such as 30%`;
      return marginCheck(text);
    },
  });
  const horizon = await prompter.text({
    option: '--horizon',
    message: 'How far ahead should it simulate?',
    default: DEFAULT_HORIZON,
    given: options.horizon,
    check: schemaCheck(horizonSchema),
  });
  const currency = await prompter.text({ option: '--currency', message: 'In which currency are the amounts (shown in the reports, e.g. EUR)?', default: '', given: options.currency });

  const data: { file: string } & Partial<DataSettings> = { file: fromScenarioFolder(scenarioFile, dataFile.trim()) };
  if (columns !== undefined) data.columns = columns;
  for (const setting of ['delimiter', 'decimal', 'dateFormat', 'onBadRow', 'zeroAmount', 'calibrationEnd'] as const) {
    if (ingest[setting] !== undefined && options[setting] !== undefined && !isDefault(setting, ingest[setting])) Object.assign(data, { [setting]: ingest[setting] });
  }
  data.period = ingest.period ?? 'week';
  const scenarioText = assembledScenarioText({
    name: `${name} vs no program`,
    comment: [
      `${name} against no program, on the purchase history in ${data.file}.`,
      `Written by loyalty-sim init. Check it with: loyalty-sim validate ${scenarioFile}`,
      `Run it with: loyalty-sim run ${scenarioFile}`,
      'The program and its assumptions are in the program file listed under programs.',
    ],
    programFiles: [fromScenarioFolder(scenarioFile, programFile)],
    data,
    grossMargin: grossMargin.trim(),
    horizon: horizon.trim(),
    currency: currency.trim() === '' ? undefined : currency.trim(),
    iterations: 1000,
    seed: 42,
  });

  // Problems in the files about to be written are reported at the options that gave the settings.
  const optionAt: OptionAt = (location: SourceLocation) => {
    const file = location.file === undefined ? undefined : path.resolve(location.file);
    if (file === path.resolve(programFile)) {
      const question = questionAt(questions, location.field);
      return question !== undefined ? { field: `--${question.key}` } : location.field === 'name' ? { field: '--name' } : {};
    }
    if (file === path.resolve(scenarioFile)) return scenarioKeyOption(location.field);
    return undefined;
  };
  if (interactive) prompter.say('\nChecking the files as loyalty-sim validate would (reading the data, fitting the customer model)...');
  const warnings = await checkFiles(scenarioFile, scenarioText, programFile, programText, optionAt, options.acceptWeakFit === true);

  const inputs = [path.resolve(dataFile.trim())];
  const programOut = await openOutputFile(programFile, '--program-file', inputs);
  try {
    const scenarioOut = await openOutputFile(scenarioFile, 'scenario file', inputs);
    try {
      await programOut.commit([programText]);
      await scenarioOut.commit([scenarioText]);
    } finally {
      await scenarioOut.discard();
    }
  } finally {
    await programOut.discard();
  }
  const written = [
    `Wrote ${scenarioFile} (the scenario) and ${programFile} (the program '${name}').`,
    `  check it:  loyalty-sim validate ${scenarioFile}`,
    `  run it:    loyalty-sim run ${scenarioFile}`,
    'Every assumption is in the files with a comment saying what it means; edit them to refine it.',
  ];
  prompter.say(written.join('\n'));
  // Legal but unwise settings, located in the files now written (as validate shows them).
  for (const warning of warnings) io.stderr.write(`${chalk.yellow('warning:')} ${formatWarning(warning)}\n`);
  const runNow = await prompter.confirm('Run it now (1,000 simulated futures, about a minute)?', true, options.run === true);
  if (!runNow) return;
  const loaded = await loadScenario(scenarioFile);
  await simulateAndReport(loaded, { progress: true, acceptWeakFit: options.acceptWeakFit }, io);
}

/** The defaults of the questions, by key. */
function defaults(questions: readonly StarterQuestion[]): Record<string, string> {
  return Object.fromEntries(questions.map((q) => [q.key, q.default]));
}

/** Whether an ingest setting has the value the data block takes when it is absent (not worth writing). */
function isDefault(setting: string, value: unknown): boolean {
  return (setting === 'decimal' && value === '.') || (setting === 'onBadRow' && value === 'fail') || (setting === 'zeroAmount' && value === 'purchase');
}

export function registerInitCommand(program: Command, { io, setExitCode }: CommandContext): void {
  const command = program
    .command('init')
    .description('write a first scenario and program file by answering a few questions (or by options, without a terminal)')
    .argument('[scenario]', `the scenario file to write (default: ${DEFAULT_SCENARIO_FILE}); the program is written beside it`)
    .option('--type <type>', `the program type: ${PROGRAM_STARTERS.map((s) => s.type).join(', ')} (default discount)`)
    .option('--name <name>', 'the program\'s name in the reports (default: from its numbers, e.g. "5% off for members")')
    .option('--data <file>', 'the purchase-history CSV (one row per purchase line)')
    .option('--gross-margin <margin>', "gross margin as a share of the price (30%, 0.3 or 'pert(0.25, 0.3, 0.35)'), or from-data for the data's margin or cost column")
    .option('--horizon <length>', `how far ahead to simulate (default ${DEFAULT_HORIZON})`)
    .option('--currency <code>', 'currency of the amounts, shown in the reports (e.g. EUR)')
    .option('--program-file <file>', 'the program file to write (default: the scenario\'s name with -program, beside it)');
  addQuestionOptions(command);
  addIngestOptions(command)
    .option('-y, --yes', 'take the default of every question no option answers, without asking')
    .option('--force', 'write over existing files')
    .option('--run', 'run the scenario once written (at a terminal, init asks)')
    .option('--accept-weak-fit', 'write the files although the data cannot identify the customer model (run and validate then need --accept-weak-fit too)')
    .addHelpText(
      'after',
      `
At a terminal, init asks each question no option answers, shows the columns it found in the
data's header for you to confirm or change, and offers to run the scenario. Without a terminal
(or with --yes) it asks nothing: the options answer, the defaults fill in the rest, and a
question without an answer and without a default (the data file; the margin when the data has
none) is an error naming its option. The files are checked as validate checks them before they
are written, and an existing file is never written over without --force.

Examples:
  loyalty-sim init                                    ask everything, write scenario.yaml
  loyalty-sim init shop.yaml --data sales.csv         ask the rest
  loyalty-sim init --type bonus --earn-rate 5 --data sales.csv --yes
  loyalty-sim init cafe.yaml --type threshold-gift --visits 10 --gift-cost 1.2 \\
      --data sales.csv --gross-margin 65% --yes --run`,
    )
    .action(async (scenario: string | undefined, options: InitOptionValues) => {
      try {
        await init(scenario, options, io);
      } catch (err) {
        if (!isPromptCancelled(err)) throw err;
        io.stderr.write('init cancelled: nothing was written.\n');
        setExitCode(INTERRUPTED_EXIT_CODE);
      }
    });
}
