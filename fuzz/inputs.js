// The valid inputs the fuzz cases start from, made small so that even `run` and `fit` take
// milliseconds: the shipped scenarios and program files (populations cut to 60 customers, data files
// cut to their first 150 rows), the bundled data files, a few hand-written histories and the IFRS 15
// ledger of the liability tests. `prepareInputs(dir)` writes the folder every case's files live in:
//   dir/data/*.csv        the small data files the scenarios name
//   dir/programs/*.yaml   the program files the scenarios name
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCENARIOS = path.join(ROOT, 'scenarios');

const DATA_ROWS = 150;

function firstLines(text, lines) {
  return text.split('\n').slice(0, lines + 1).join('\n') + '\n';
}

/** A scenario file made quick to run: small populations, few iterations. */
function smallScenario(text) {
  return text.replace(/^(\s*customers:\s*)\d+/m, '$160').replace(/^iterations:\s*\d+/m, 'iterations: 2');
}

export const HISTORY_TEMPLATES = {
  'sample-retailer.csv': firstLines(readFileSync(path.join(SCENARIOS, 'data', 'sample-retailer.csv'), 'utf8'), DATA_ROWS),
  'fuel-station.csv': firstLines(readFileSync(path.join(SCENARIOS, 'data', 'fuel-station.csv'), 'utf8'), DATA_ROWS),
  'small-shop.csv': readFileSync(path.join(ROOT, 'test', 'data', 'fixtures', 'small-shop.csv'), 'utf8'),
  'orders.csv':
    'order_id,customer,date,quantity,unit_price,category\n' +
    'o1,a,2024-01-02,2,9.99,shop\no1,a,2024-01-02,1,4.50,shop\no2,b,2024-01-05,1,120,fuel\n' +
    'o3,a,2024-02-11,3,2.25,shop\no4,c,2024-03-01,1,50,fuel\no5,b,2024-03-20,-1,120,fuel\no6,c,2024-04-02,2,10,shop\n',
  'semicolon.csv': 'kunde;datum;betrag\nk1;01.02.2024;12,50\nk2;03.02.2024;7,00\nk1;15.03.2024;30,10\nk3;20.03.2024;5,95\nk2;01.04.2024;18,00\n',
};

/** Options a history needs to be read (its columns, delimiter, date format). */
export const HISTORY_OPTIONS = {
  'orders.csv': ['--columns', 'order=order_id,customer=customer,date=date,quantity=quantity,unit_price=unit_price,category=category'],
  'semicolon.csv': ['--delimiter', ';', '--decimal', ',', '--date-format', 'DD.MM.YYYY', '--columns', 'customer=kunde,date=datum,amount=betrag'],
};

export const LEDGER_TEMPLATES = {
  'example-52.csv': readFileSync(path.join(ROOT, 'test', 'cli', 'fixtures', 'liability', 'example-52.csv'), 'utf8'),
  'monthly.csv':
    'period,sales,points_issued,points_redeemed,expected_redemptions\n' +
    '2025-01,5000,5000,0,3500\n2025-02,6200,6100,1200,7800\n2025-03,4800,4700,2500,11000\n2025-04,5100,5300,3100,14500\n',
};

export const SCENARIO_TEMPLATES = Object.fromEntries(
  readdirSync(SCENARIOS)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => [name, smallScenario(readFileSync(path.join(SCENARIOS, name), 'utf8'))]),
);

export const PROGRAM_TEMPLATES = Object.fromEntries(
  readdirSync(path.join(SCENARIOS, 'programs'))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => [name, readFileSync(path.join(SCENARIOS, 'programs', name), 'utf8')]),
);

/** Write the data and program files the scenarios refer to into `dir`. */
export function prepareInputs(dir) {
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  mkdirSync(path.join(dir, 'programs'), { recursive: true });
  for (const name of ['sample-retailer.csv', 'fuel-station.csv']) writeFileSync(path.join(dir, 'data', name), HISTORY_TEMPLATES[name]);
  for (const [name, text] of Object.entries(PROGRAM_TEMPLATES)) writeFileSync(path.join(dir, 'programs', name), text);
}
