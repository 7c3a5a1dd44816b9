import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROGRAM_STARTERS } from '../../src/config/program-starters.js';
import { BIN, runCli } from '../helpers/run-cli.js';
import { KEY, startInTerminal } from '../helpers/pseudo-terminal.js';

const SAMPLE = path.resolve('scenarios/data/sample-retailer.csv');
const QUICK_RUN = ['--iterations', '10', '--json', '--no-progress', '--break-even', 'first-order', '--workers', '1'];

/** A folder holding the sample history as sales.csv. */
function folderWithSales(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'init-'));
  writeFileSync(path.join(dir, 'sales.csv'), readFileSync(SAMPLE));
  return dir;
}

/** The sample history with its own column names and no margin column. */
function renamedWithoutMargin(dir: string): string {
  const lines = readFileSync(SAMPLE, 'utf8').split('\n');
  const text = lines.map((line, i) => (i === 0 ? 'Kunde,Datum,Betrag,Warengruppe' : line.split(',').slice(0, 4).join(','))).join('\n');
  writeFileSync(path.join(dir, 'sales.csv'), text);
  return dir;
}

function yamlOf(dir: string, file: string): Record<string, any> {
  return parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, any>;
}

interface ReportJson {
  horizon: string;
  currency: string;
  baseline: Record<string, { mean: number }>;
  programs: { name: string; type: string }[];
}

describe('init at a terminal', { timeout: 120_000 }, () => {
  it('asks in plain words, checks each answer, lets the columns be changed, and writes files that validate and run', async () => {
    const dir = renamedWithoutMargin(mkdtempSync(path.join(tmpdir(), 'init-')));
    const terminal = startInTerminal(['init', 'shop.yaml'], dir);
    await terminal.waitFor('What kind of program do you have in mind?');
    terminal.type(KEY.down + KEY.enter); // the second type: points
    await terminal.answer('How many points does a member earn per unit of currency spent?', 'seven');
    await terminal.waitFor(`expected a number or a percentage such as "5%", got 'seven'`);
    terminal.type(`${KEY.backspace.repeat(5)}7${KEY.enter}`);
    await terminal.answer('What is one point worth when paying with it', '0.02');
    await terminal.answer('From how many points can a member pay with them? (500)', '');
    await terminal.answer('After how many months do points expire?', '12');
    await terminal.answer('What share of the customers who shop do you expect to join?', '140%');
    await terminal.waitFor('140% is over 100%');
    terminal.type(`${KEY.backspace.repeat(4)}40%${KEY.enter}`);
    await terminal.answer('How much more often will members buy?', '');
    await terminal.answer('What does it cost once to set up', '1000');
    await terminal.answer('per member and year', '');
    await terminal.answer('What is the program called in the reports? (7 points per unit spent)', '');
    await terminal.answer('Which file holds the purchase history', 'missing.csv');
    await terminal.waitFor('missing.csv: no such file');
    terminal.type(`${KEY.backspace.repeat('missing.csv'.length)}sales.csv${KEY.enter}`);
    // The header has none of the names loyalty-sim expects: the columns are asked, one role at a time.
    await terminal.waitFor("are not the ones loyalty-sim expects: missing required column 'customer_id'");
    await terminal.answer('Which column holds the customer id?', ''); // the first column, Kunde
    await terminal.answer('Which column holds the purchase date?', KEY.down);
    await terminal.answer('Which column holds the amount paid', KEY.down + KEY.down);
    await terminal.answer('Which column holds the gross margin in money', ''); // (none)
    await terminal.answer('Which column holds the cost of goods in money', '');
    await terminal.answer('Which column holds the product category?', KEY.up); // from (none) up to Warengruppe
    await terminal.waitFor(/customer +<- Kunde\s+date +<- Datum\s+amount +<- Betrag\s+category +<- Warengruppe/);
    await terminal.answer('Are these the right columns?', '');
    // No margin column: the margin has no default and must be given.
    await terminal.answer('What share of the price is left after the cost of goods', '');
    await terminal.waitFor('An answer is needed here.');
    terminal.type(`30%${KEY.enter}`);
    await terminal.answer('How far ahead should it simulate? (12 months)', `${KEY.backspace}6 months`);
    await terminal.answer('In which currency are the amounts', 'EUR');
    await terminal.waitFor("Wrote shop.yaml (the scenario) and shop-program.yaml (the program '7 points per unit spent').");
    await terminal.answer('Run it now', 'n');
    expect(await terminal.exit).toBe(0);

    const scenario = yamlOf(dir, 'shop.yaml');
    expect(scenario.data).toEqual({ file: 'sales.csv', columns: { customer: 'Kunde', date: 'Datum', amount: 'Betrag', category: 'Warengruppe' }, period: 'week' });
    expect(scenario.economics).toEqual({ currency: 'EUR', grossMargin: '30%' });
    expect(scenario.horizon).toBe('6 months');
    expect(scenario.programs).toEqual([{ file: 'shop-program.yaml' }]);
    const program = yamlOf(dir, 'shop-program.yaml');
    expect(program.type).toBe('bonus');
    expect(program.name).toBe('7 points per unit spent');
    expect(program.points).toMatchObject({ earnRate: 7, faceValue: 0.02, minimumToRedeem: 500, expiryMonths: 12 });
    expect(program.enrolment.share).toBe('40%');
    expect(program.costs.setup).toBe(1000);

    const validate = runCli(['validate', 'shop.yaml'], { cwd: dir });
    expect(validate.stderr).toBe('');
    expect(validate.status).toBe(0);
    const run = runCli(['run', 'shop.yaml', ...QUICK_RUN], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as ReportJson;
    expect(report.programs.map((p) => [p.name, p.type])).toEqual([['7 points per unit spent', 'bonus']]);
    expect(report.horizon).toBe('6 months');
    expect(report.currency).toBe('EUR');
    // The margin answered applies: the baseline keeps 30% of its revenue as gross profit.
    expect(report.baseline.grossProfit.mean / report.baseline.revenue.mean).toBeCloseTo(0.3, 9);
  });

  it('shows the columns it detected and takes the data margin by default', async () => {
    const dir = folderWithSales();
    const terminal = startInTerminal(['init', '--type', 'discount', '--data', 'sales.csv'], dir);
    await terminal.answer('What discount do members get on each purchase? (e.g. 5%) (5%)', '8');
    for (const question of ['smallest purchase', 'expect to join', 'more often', 'set up', 'per member and year']) await terminal.answer(question, '');
    await terminal.answer('What is the program called in the reports? (8% off for members)', '');
    await terminal.waitFor(/Columns found in sales.csv:\s+customer +<- customer_id\s+date +<- date\s+amount +<- amount\s+margin +<- margin\s+category +<- category/);
    await terminal.answer('Are these the right columns?', 'y');
    await terminal.answer('the data has a margin column; keep from-data', '');
    await terminal.answer('How far ahead should it simulate?', '');
    await terminal.answer('In which currency', '');
    await terminal.answer('Run it now', 'n');
    expect(await terminal.exit).toBe(0);
    const scenario = yamlOf(dir, 'scenario.yaml');
    expect(scenario.data).toEqual({ file: 'sales.csv', period: 'week' });
    expect(scenario.economics).toEqual({ grossMargin: 'from-data' });
    expect(scenario.horizon).toBe('12 months');
    const program = yamlOf(dir, 'scenario-program.yaml');
    expect(program.discount).toEqual({ percent: '8%', scope: 'all', minimumPurchase: 0 });
  });

  it('refuses an existing file before asking anything', async () => {
    const dir = folderWithSales();
    writeFileSync(path.join(dir, 'shop-program.yaml'), 'mine\n');
    const terminal = startInTerminal(['init', 'shop.yaml'], dir);
    expect(await terminal.exit).toBe(2);
    expect(terminal.screen()).toContain("error: --program-file: 'shop-program.yaml' already exists");
    expect(terminal.screen()).toContain('add --force to write over it');
    expect(terminal.screen()).not.toContain('What kind of program');
    expect(readFileSync(path.join(dir, 'shop-program.yaml'), 'utf8')).toBe('mine\n');
    expect(existsSync(path.join(dir, 'shop.yaml'))).toBe(false);
  });

  it('writes nothing when interrupted at a question', async () => {
    const dir = folderWithSales();
    const terminal = startInTerminal(['init'], dir);
    await terminal.waitFor('What kind of program do you have in mind?');
    terminal.type(KEY.enter);
    await terminal.waitFor('What discount do members get');
    terminal.type(KEY.ctrlC);
    expect(await terminal.exit).toBe(130);
    expect(terminal.screen()).toContain('init cancelled: nothing was written.');
    expect(readdirSync(dir)).toEqual(['sales.csv']);
  });
});

describe('init with options only', { timeout: 120_000 }, () => {
  it('writes the example of the help without a terminal: init --type bonus --earn-rate 5 --data sales.csv --yes', () => {
    const dir = folderWithSales();
    const result = runCli(['init', '--type', 'bonus', '--earn-rate', '5', '--data', 'sales.csv', '--yes'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("Wrote scenario.yaml (the scenario) and scenario-program.yaml (the program '5 points per unit spent').");
    expect(yamlOf(dir, 'scenario-program.yaml').points.earnRate).toBe(5);
    // What was taken by default is the bundled points program's: 1 cent a point, from 500 points, 24 months.
    expect(yamlOf(dir, 'scenario-program.yaml').points).toMatchObject({ faceValue: 0.01, minimumToRedeem: 500, expiryMonths: 24 });
    const validate = runCli(['validate', 'scenario.yaml', 'scenario-program.yaml'], { cwd: dir });
    expect(validate.status).toBe(0);
    expect(validate.stdout).toContain("scenario-program.yaml: ok, program '5 points per unit spent' (bonus)");
  });

  it('writes a valid, runnable first program of every type', () => {
    const dir = folderWithSales();
    for (const { type } of PROGRAM_STARTERS) {
      const result = runCli(['init', `${type}.yaml`, '--type', type, '--data', 'sales.csv', '--yes'], { cwd: dir });
      expect(result.stderr).toContain(`Wrote ${type}.yaml`);
      expect(result.stderr.includes('[reward-out-of-reach]')).toBe(type === 'threshold-gift');
      expect(result.status).toBe(0);
    }
    const files = PROGRAM_STARTERS.flatMap(({ type }) => [`${type}.yaml`, `${type}-program.yaml`]);
    const validate = runCli(['validate', ...files], { cwd: dir });
    expect(validate.status).toBe(0);
    expect(validate.stdout.split('\n').filter((line) => line.includes(': ok, ')).length).toBe(files.length);
    // One warning on this history: a shop visited about 5 times a year gives few 10th-visit gifts (told by init as well).
    expect(validate.stderr.match(/^warning: .*$/gm)).toEqual([expect.stringMatching(/^warning: threshold-gift-program.yaml:\d+:\d+: programs\[0\]\.gift\.threshold: a gift needs 10 visits; .* \[reward-out-of-reach\]$/)]);
    for (const { type } of PROGRAM_STARTERS) {
      const run = runCli(['run', `${type}.yaml`, ...QUICK_RUN], { cwd: dir });
      expect(run.stderr.replace(/^warning: .*\[reward-out-of-reach\]\n {2}Check the threshold or the horizon.\n/m, '')).toBe('');
      expect(run.status).toBe(0);
      expect((JSON.parse(run.stdout) as ReportJson).programs.map((p) => p.type)).toEqual([type]);
    }
  }, 300_000);

  it('writes the columns given with --columns and the margin given, and the scenario reads the renamed history', () => {
    const dir = renamedWithoutMargin(mkdtempSync(path.join(tmpdir(), 'init-')));
    const args = ['init', 'shop.yaml', '--type', 'discount', '--data', 'sales.csv', '--columns', 'customer=Kunde,date=Datum,amount=Betrag,category=Warengruppe'];
    const result = runCli([...args, '--gross-margin', '0.25', '--horizon', '2 years', '--yes'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/Columns of sales.csv:\n {2}customer +<- Kunde\n {2}date +<- Datum\n {2}amount +<- Betrag\n {2}category +<- Warengruppe\n/);
    const scenario = yamlOf(dir, 'shop.yaml');
    expect(scenario.data.columns).toEqual({ customer: 'Kunde', date: 'Datum', amount: 'Betrag', category: 'Warengruppe' });
    expect(scenario.economics.grossMargin).toBe(0.25);
    expect(scenario.horizon).toBe('2 years');
    const run = runCli(['run', 'shop.yaml', ...QUICK_RUN], { cwd: dir });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as ReportJson & { customers: number };
    expect(report.customers).toBe(3000);
    expect(report.baseline.grossProfit.mean / report.baseline.revenue.mean).toBeCloseTo(0.25, 9);
  });

  it('says which option is missing without a terminal, instead of waiting for input that cannot come', async () => {
    const dir = folderWithSales();
    // stdin stays open and is no terminal: the command must not wait on it.
    const child = spawn(process.execPath, [BIN, 'init', '--data', 'sales.csv'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.end();
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: --type: no answer to 'What kind of program do you have in mind\?' and no terminal to ask it on/);
    expect(stderr).toContain('--yes takes the defaults');
    expect(readdirSync(dir)).toEqual(['sales.csv']);
  });

  it('reports a bad option value at the option, exit 2, and writes nothing', () => {
    const dir = folderWithSales();
    const noMargin = renamedWithoutMargin(mkdtempSync(path.join(tmpdir(), 'init-')));
    const columns = ['--columns', 'customer=Kunde,date=Datum,amount=Betrag'];
    const cases: [string[], string, string][] = [
      [['--type', 'bonus', '--earn-rate', 'abc'], dir, `error: --earn-rate: expected a number or a percentage such as "5%", got 'abc'`],
      [['--type', 'discount', '--discount', '150%'], dir, 'error: --discount: 150% is over 100%'],
      [['--type', 'bonus', '--point-value', '-1'], dir, 'error: --point-value: must be positive, got -1'],
      [['--type', 'coupon'], dir, "error: --type: 'coupon' is not one of the choices"],
      [['--type', 'bonus', '--fee', '30'], dir, 'error: --fee: a bonus program has no such question'],
      [['--horizon', '3 parsecs'], dir, "error: --horizon: unknown unit 'parsecs'"],
      [['--data', 'missing.csv'], dir, 'error: --data: missing.csv: no such file'],
      [['--columns', 'customer=Nope'], dir, "column 'Nope' (mapped to customer by --columns) is not in the header"],
      [[...columns], noMargin, "error: --gross-margin: no answer to 'What share of the price is left after the cost of goods"],
      [[...columns, '--gross-margin', 'from-data'], noMargin, 'error: --gross-margin: the data has no margin or cost column'],
      [['--gross-margin', '30'], dir, 'error: --gross-margin: 30 is more than the whole price: give a share such as 0.3 or a percentage such as 30%'],
    ];
    for (const [args, cwd, message] of cases) {
      const withData = args.includes('--data') ? args : [...args, '--data', 'sales.csv'];
      const result = runCli(['init', ...withData, '--yes'], { cwd });
      expect(result.stderr, args.join(' ')).toContain(message);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(cwd)).toEqual(['sales.csv']);
    }
  });

  it('writes over existing files only with --force', () => {
    const dir = folderWithSales();
    const first = runCli(['init', 'shop.yaml', '--type', 'discount', '--discount', '5%', '--data', 'sales.csv', '--yes'], { cwd: dir });
    expect(first.status).toBe(0);
    const again = runCli(['init', 'shop.yaml', '--type', 'discount', '--discount', '7%', '--data', 'sales.csv', '--yes'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("error: 'shop.yaml' already exists");
    expect(yamlOf(dir, 'shop-program.yaml').discount.percent).toBe('5%');
    const forced = runCli(['init', 'shop.yaml', '--type', 'discount', '--discount', '7%', '--data', 'sales.csv', '--yes', '--force'], { cwd: dir });
    expect(forced.status).toBe(0);
    expect(yamlOf(dir, 'shop-program.yaml').discount.percent).toBe('7%');
    expect(readdirSync(dir).sort()).toEqual(['sales.csv', 'shop-program.yaml', 'shop.yaml']);
  });
});
