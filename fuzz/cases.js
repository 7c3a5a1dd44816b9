// The fuzz cases: `makeCase(seed, index)` draws case number `index` of a run from its own seeded
// stream, so a case is reproduced from (seed, index) alone. A case is plain data:
//   { id, category, command, args, files: [{ name, base64 }], outputs: [name], expectReject }
// Arguments name the case's files as '@name'; the runner replaces them by paths in its folder.
// `expectReject` (a reason) marks inputs no command may accept with exit 0 (a NaN amount, an
// impossible date, a NUL byte...): accepting one is a silent acceptance.
import seedrandom from 'seedrandom';
import { HISTORY_OPTIONS, HISTORY_TEMPLATES, LEDGER_TEMPLATES, PROGRAM_TEMPLATES, SCENARIO_TEMPLATES } from './inputs.js';

/** Categories of in-process cases and their share of a run. */
export const CATEGORIES = {
  'random-bytes': 8,
  'mutated-csv': 22,
  'mutated-ledger': 6,
  'mutated-yaml': 18,
  'extreme-numbers': 12,
  'impossible-dates': 6,
  'huge-fields': 2,
  'wide-files': 1,
  'deep-yaml': 2,
  'alias-bombs': 2,
  'wrong-encodings': 6,
  'cli-arguments': 15,
};

// The fuzzed histories are small: --accept-weak-fit lets their runs and fits go on to the simulation
// and the reports, instead of ending at the refusal of a customer model the data cannot identify.
const RUN_FLAGS = ['-n', '2', '-w', '1', '--break-even', 'first-order', '--no-progress', '--accept-weak-fit'];
const EXTREME_NUMBERS = ['NaN', 'nan', 'Infinity', '-Infinity', 'inf', '1e308', '1.8e308', '-1e308', '5e-324', '-0', '0', '1e15', '1e16', '9007199254740993', '-1', '1e-7', '0x10', '1_000', '1,5', '', ' ', '.', '-', '+5', '1e', '١٢'];
const IMPOSSIBLE_DATES = ['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '0000-01-01', '9999-12-31', '2024-1-5', '20240230', '2024-02-28T12:00:60', '2024-02-28T24:00:01', '2024-02-28T12:00:00+23:59', '2024-02-28T12:00:00+99:00', '2024-02-28 25:00', '1900-02-29', '2024-W09', '30.02.2024'];
const INTERESTING_BYTES = [0x22, 0x2c, 0x3b, 0x09, 0x0a, 0x0d, 0x00, 0xff, 0xc3, 0xe2, 0x20, 0x2d, 0x2e, 0x65, 0x30, 0x39, 0x3a, 0x23, 0x26, 0x2a, 0x5b, 0x7b, 0x7c, 0x3e, 0x21, 0x25, 0x27, 0x5c];

function pick(random, items) {
  return items[Math.floor(random() * items.length)];
}
function int(random, min, max) {
  return min + Math.floor(random() * (max - min + 1));
}
function weighted(random, table) {
  const total = Object.values(table).reduce((a, b) => a + b, 0);
  let u = random() * total;
  for (const [key, weight] of Object.entries(table)) {
    if ((u -= weight) < 0) return key;
  }
  return Object.keys(table)[0];
}

function file(name, content) {
  return { name, base64: Buffer.from(content).toString('base64') };
}

/** A few byte edits: delete, insert an interesting byte, replace, duplicate a slice. */
function mutateBytes(random, input, edits = int(random, 1, 6)) {
  let bytes = Buffer.from(input);
  for (let e = 0; e < edits; e++) {
    const at = int(random, 0, bytes.length);
    const kind = random();
    if (kind < 0.25 && bytes.length > 0) bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
    else if (kind < 0.6) bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([pick(random, INTERESTING_BYTES)]), bytes.subarray(at)]);
    else if (kind < 0.85 && bytes.length > 0) bytes[Math.min(at, bytes.length - 1)] = int(random, 0, 255);
    else {
      const length = int(random, 1, 40);
      bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at, at + length), bytes.subarray(at)]);
    }
  }
  return bytes;
}

/** Line edits: delete, duplicate, swap or truncate lines, or cut the file short. */
function mutateLines(random, text, edits = int(random, 1, 4)) {
  const lines = text.split('\n');
  for (let e = 0; e < edits; e++) {
    if (lines.length === 0) lines.push('');
    const i = int(random, 0, lines.length - 1);
    const kind = random();
    if (kind < 0.3) lines.splice(i, 1);
    else if (kind < 0.55) lines.splice(i, 0, lines[i]);
    else if (kind < 0.75) {
      const j = int(random, 0, lines.length - 1);
      [lines[i], lines[j]] = [lines[j], lines[i]];
    } else if (kind < 0.9) lines[i] = lines[i].slice(0, int(random, 0, lines[i].length));
    else lines.length = Math.max(1, i);
  }
  return lines.join('\n');
}

/** Columns that hold numbers, in the templates' headers. */
const NUMBER_COLUMNS = new Set(['amount', 'margin', 'quantity', 'unit_price', 'betrag', 'sales', 'points_issued', 'points_redeemed', 'expected_redemptions']);

/** Replace some CSV fields (not the header) by `values`: in number columns only when `numbersOnly`. */
function replaceCsvFields(random, text, values, count = int(random, 1, 4), numbersOnly = false) {
  const lines = text.split('\n');
  const delimiter = lines[0].includes(';') ? ';' : ',';
  const header = lines[0].split(delimiter);
  const columns = header.map((name, i) => i).filter((i) => !numbersOnly || NUMBER_COLUMNS.has(header[i]));
  for (let k = 0; k < count && lines.length > 1 && columns.length > 0; k++) {
    const i = int(random, 1, Math.max(1, lines.length - 2));
    const fields = lines[i].split(delimiter);
    fields[Math.min(pick(random, columns), fields.length - 1)] = pick(random, values);
    lines[i] = fields.join(delimiter);
  }
  return lines.join('\n');
}

/** Replace the value of some `key: value` lines of a YAML text by `values`. */
function replaceYamlValues(random, text, values, count = int(random, 1, 3)) {
  const lines = text.split('\n');
  const candidates = lines.map((line, i) => [line, i]).filter(([line]) => /^\s*-?\s*[A-Za-z][\w-]*:\s*\S/.test(line) && !line.trim().startsWith('#'));
  for (let k = 0; k < count && candidates.length > 0; k++) {
    const [, i] = pick(random, candidates);
    lines[i] = lines[i].replace(/^(\s*-?\s*[A-Za-z][\w-]*:\s*)(.*)$/, (_, key) => `${key}${pick(random, values)}`);
  }
  return lines.join('\n');
}

function historyCase(random) {
  const name = pick(random, Object.keys(HISTORY_TEMPLATES));
  return { name, text: HISTORY_TEMPLATES[name], options: HISTORY_OPTIONS[name] ?? [] };
}

/** A command reading a history: summarize, fit, or run on a scenario whose data file it is. */
function historyCommand(random, files, options, extra = {}) {
  const drawn = pick(random, ['summarize', 'summarize', 'summarize', 'summarize', 'summarize', 'fit', 'fit', 'run']);
  // A scenario names plain files only (no column mapping): histories that need options are summarized.
  const command = drawn === 'run' && options.length > 0 ? 'summarize' : drawn;
  const onBadRow = random() < 0.3 ? ['--on-bad-row', 'skip'] : [];
  const json = random() < 0.5 ? ['--json'] : [];
  if (command === 'run') {
    // A scenario on the history: its options as data keys are not needed for the plain files.
    const scenario = `name: fuzz\ndata:\n  file: input.csv\n  period: week\n${onBadRow.length ? '  onBadRow: skip\n' : ''}economics:\n  grossMargin: 0.3\nhorizon: 6 months\niterations: 2\nseed: 1\nprograms:\n  - file: programs/discount-5.yaml\n`;
    return { command, args: ['run', '@scenario.yaml', ...RUN_FLAGS, ...json], files: [...files, file('scenario.yaml', scenario)], outputs: [], ...extra };
  }
  const out = random() < 0.2 ? ['--customers-out', '@out.csv'] : [];
  const fitFlags = command === 'fit' && random() < 0.3 ? ['--horizon', pick(random, ['1', '12', '36'])] : [];
  return { command, args: [command, '@input.csv', ...(command === 'fit' ? ['--accept-weak-fit'] : []), ...options, ...onBadRow, ...json, ...out, ...fitFlags], files, outputs: out.length ? ['out.csv'] : [], ...extra };
}

function scenarioCase(random) {
  const name = pick(random, Object.keys(SCENARIO_TEMPLATES));
  return SCENARIO_TEMPLATES[name];
}

/** A command reading a YAML file: validate it, or run it. */
function yamlCommand(random, text, extra = {}) {
  if (random() < 0.2) {
    // A program file, checked alone or run from a scenario that names it.
    const program = extra.programText ?? text;
    if (random() < 0.5) return { command: 'validate', args: ['validate', '@programs/fuzz.yaml'], files: [file('programs/fuzz.yaml', program)], outputs: [], ...extra.case };
    const scenario = 'population:\n  customers: 40\n  purchasesPerYear: 6\n  meanTicket: 30\neconomics:\n  grossMargin: 0.4\nhorizon: 6 months\niterations: 2\nprograms:\n  - file: programs/fuzz.yaml\n';
    return { command: 'run', args: ['run', '@scenario.yaml', ...RUN_FLAGS], files: [file('scenario.yaml', scenario), file('programs/fuzz.yaml', program)], outputs: [], ...extra.case };
  }
  const command = random() < 0.75 ? 'validate' : 'run';
  const args = command === 'validate' ? ['validate', '@scenario.yaml'] : ['run', '@scenario.yaml', ...RUN_FLAGS, ...(random() < 0.5 ? ['--json'] : [])];
  return { command, args, files: [file('scenario.yaml', text)], outputs: [], ...extra.case };
}

function ledgerCommand(random, text, extra = {}) {
  const format = pick(random, [[], ['--json'], ['--format', 'csv'], ['--format', 'table']]);
  const out = random() < 0.15 ? ['-o', '@out.txt'] : [];
  return {
    command: 'liability',
    args: ['liability', '@ledger.csv', '--face-value', pick(random, ['0.01', '1', '0.5']), ...format, ...out],
    files: [file('ledger.csv', text)],
    outputs: out.length ? ['out.txt'] : [],
    ...extra,
  };
}

const GENERATORS = {
  'random-bytes'(random) {
    const length = pick(random, [0, 1, 2, 10, 100, 1000, 20000]);
    const bytes = Buffer.alloc(length);
    const printable = random() < 0.5;
    for (let i = 0; i < length; i++) bytes[i] = printable ? pick(random, [...INTERESTING_BYTES, 0x61, 0x62, 0x31, 0x32]) : int(random, 0, 255);
    const target = pick(random, ['csv', 'csv', 'ledger', 'yaml', 'program']);
    if (target === 'csv') return historyCommand(random, [file('input.csv', bytes)], []);
    if (target === 'ledger') return ledgerCommand(random, bytes);
    return yamlCommand(random, bytes, { programText: bytes });
  },

  'mutated-csv'(random) {
    const { text, options } = historyCase(random);
    const mutated = random() < 0.5 ? mutateBytes(random, text) : Buffer.from(mutateLines(random, text));
    return historyCommand(random, [file('input.csv', mutated)], options) ?? historyCommand(random, [file('input.csv', mutated)], options);
  },

  'mutated-ledger'(random) {
    const text = pick(random, Object.values(LEDGER_TEMPLATES));
    const mutated = random() < 0.4 ? mutateBytes(random, text) : random() < 0.5 ? Buffer.from(mutateLines(random, text)) : Buffer.from(replaceCsvFields(random, text, EXTREME_NUMBERS));
    return ledgerCommand(random, mutated);
  },

  'mutated-yaml'(random) {
    const program = random() < 0.2;
    const text = program ? pick(random, Object.values(PROGRAM_TEMPLATES)) : scenarioCase(random);
    const kind = random();
    const values = ['', '~', 'null', '[]', '{}', 'yes', '"x"', '-1', '0', '1', '2', '100%', '150%', 'uniform(1, 0)', 'pert(0, 1)', 'triangular(0.1, 0.05, 0.2)', 'normal(0, 1)', '1e9', '12 months', '0 months', '-3 months', 'from-data', 'history', '{ perMonth: -5 }'];
    const mutated = kind < 0.35 ? mutateBytes(random, text) : kind < 0.65 ? Buffer.from(mutateLines(random, text)) : Buffer.from(replaceYamlValues(random, text, values));
    return yamlCommand(random, mutated, { programText: program ? mutated : undefined });
  },

  'extreme-numbers'(random) {
    const target = random();
    if (target < 0.45) {
      const { text, options } = historyCase(random);
      const value = pick(random, EXTREME_NUMBERS);
      const replaced = replaceCsvFields(random, text, [value], int(random, 1, 4), true);
      // NaN, Infinity and numbers that overflow are bad numbers: with on-bad-row fail they must be refused.
      const nonFinite = /^(NaN|nan|-?Infinity|inf|1\.8e308)$/.test(value);
      const c = historyCommand(random, [file('input.csv', replaced)], options);
      if (c === null) return historyCommand(random, [file('input.csv', replaced)], options);
      // A scenario with data.onBadRow: skip skips and counts them (run says so on stderr).
      const skips = c.args.includes('--on-bad-row') || c.files.some((f) => f.name === 'scenario.yaml' && Buffer.from(f.base64, 'base64').toString().includes('onBadRow: skip'));
      return nonFinite && !skips ? { ...c, expectReject: `a ${value} in a number column` } : c;
    }
    if (target < 0.65) return ledgerCommand(random, Buffer.from(replaceCsvFields(random, pick(random, Object.values(LEDGER_TEMPLATES)), EXTREME_NUMBERS)));
    const text = random() < 0.8 ? scenarioCase(random) : pick(random, Object.values(PROGRAM_TEMPLATES));
    const value = pick(random, ['.nan', '.NaN', '.inf', '-.inf', '1e308', '5e-324', '-0', '1e400', '1e15', '9007199254740993', '0x7fffffff', '1_000_000_000', 'NaN', 'Infinity']);
    const mutated = replaceYamlValues(random, text, [value], int(random, 1, 2));
    return yamlCommand(random, Buffer.from(mutated));
  },

  'impossible-dates'(random) {
    const { text, options } = historyCase(random);
    if (options.includes('--date-format')) return GENERATORS['impossible-dates'](random);
    const lines = text.split('\n');
    const header = lines[0].split(',');
    const dateColumn = header.indexOf('date');
    const i = int(random, 1, Math.max(1, lines.length - 2));
    const fields = lines[i].split(',');
    const date = pick(random, IMPOSSIBLE_DATES);
    fields[dateColumn] = date;
    lines[i] = fields.join(',');
    const c = historyCommand(random, [file('input.csv', lines.join('\n'))], options) ?? historyCommand(random, [file('input.csv', lines.join('\n'))], options);
    const valid = /^(9999-12-31|0000-01-01)$/.test(date); // real days (ISO 8601 has a year 0), far away
    return !valid && !c.args.includes('--on-bad-row') && !c.files.some((f) => f.name === 'scenario.yaml' && Buffer.from(f.base64, 'base64').toString().includes('onBadRow')) ? { ...c, expectReject: `the date ${date}` } : c;
  },

  'huge-fields'(random) {
    const size = pick(random, [100_000, 1_000_000, 4_000_000]);
    const kind = random();
    if (kind < 0.5) {
      const { text, options } = historyCase(random);
      const filler = random() < 0.5 ? 'x'.repeat(size) : '"' + 'a\n'.repeat(size / 2) + '"';
      return historyCommand(random, [file('input.csv', replaceCsvFields(random, text, [filler], 1))], options) ?? historyCommand(random, [file('input.csv', text)], options);
    }
    if (kind < 0.8) return yamlCommand(random, Buffer.from(scenarioCase(random).replace(/^name: .*$/m, `name: ${'N'.repeat(size)}`)));
    return ledgerCommand(random, Buffer.from(LEDGER_TEMPLATES['monthly.csv'].replace('2025-02', 'p'.repeat(size))));
  },

  'wide-files'(random) {
    const columns = pick(random, [1000, 10_000]);
    const extra = Array.from({ length: columns }, (_, i) => `c${i}`).join(',');
    const values = Array.from({ length: columns }, (_, i) => String(i)).join(',');
    const rows = ['a,2024-01-01,10', 'b,2024-01-02,20', 'a,2024-02-01,15'].map((row) => `${row},${values}`);
    const text = `customer_id,date,amount,${extra}\n${rows.join('\n')}\n`;
    if (random() < 0.2) return ledgerCommand(random, Buffer.from(`period,sales,points_issued,points_redeemed,expected_redemptions,${extra}\n1,100,10,0,8,${values}\n`));
    return historyCommand(random, [file('input.csv', text)], []) ?? historyCommand(random, [file('input.csv', text)], []);
  },

  'deep-yaml'(random) {
    const depth = pick(random, [100, 1000, 10_000, 50_000]);
    const style = random();
    let nested;
    if (style < 0.33) nested = '['.repeat(depth) + ']'.repeat(depth);
    else if (style < 0.66) nested = '{a: '.repeat(depth) + '1' + '}'.repeat(depth);
    else nested = Array.from({ length: Math.min(depth, 2000) }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1';
    const base = scenarioCase(random);
    const text = random() < 0.5 ? `${base}\nextra: ${nested}\n` : style < 0.66 ? nested : nested;
    return yamlCommand(random, Buffer.from(text), { case: { expectReject: `YAML nested ${depth} deep` } });
  },

  'alias-bombs'(random) {
    const levels = pick(random, [5, 9, 12]);
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const base = random() < 0.5 ? scenarioCase(random) + '\n' : '';
    return yamlCommand(random, Buffer.from(`${base}${lines.join('\n')}\n`), { case: { expectReject: 'an alias bomb' } });
  },

  'wrong-encodings'(random) {
    const kind = pick(random, ['utf16le', 'utf16be', 'latin1', 'nul', 'nul-late', 'nul-yaml', 'latin1-yaml', 'utf16-yaml']);
    const { text, options } = historyCase(random);
    const withName = text.replace(/\n([^,;\n]+)([,;])/, '\nMüller$2');
    let bytes;
    let target = 'csv';
    if (kind === 'utf16le') bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(withName, 'utf16le')]);
    else if (kind === 'utf16be') bytes = Buffer.from(Buffer.from(withName, 'utf16le')).swap16();
    else if (kind === 'latin1') bytes = Buffer.from(withName, 'latin1');
    else if (kind === 'nul') {
      bytes = Buffer.from(withName);
      bytes[Math.min(bytes.length - 1, 40)] = 0;
    }
    else if (kind === 'nul-late') {
      // A NUL byte after the first 64 KiB.
      const big = withName + Array.from({ length: 3000 }, (_, i) => `late${i % 40}${withName.includes(';') ? ';01.05.2024;1,00' : ',2024-05-01,1.00'}`).join('\n') + '\n';
      bytes = Buffer.from(big);
      bytes[Math.min(bytes.length - 5, 70_000)] = 0;
    } else {
      target = 'yaml';
      const yaml = scenarioCase(random);
      if (kind === 'nul-yaml') bytes = Buffer.from(yaml.replace(/^name: (.*)$/m, 'name: $1\u0000x'));
      else if (kind === 'latin1-yaml') bytes = Buffer.from(yaml.replace(/^name: (.*)$/m, 'name: Café $1'), 'latin1');
      else bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml, 'utf16le')]);
    }
    // UTF-16 with its byte order mark may be read as what it is; every other case must be refused.
    const reason = kind === 'utf16le' ? null : `${kind} text`;
    if (target === 'yaml') return yamlCommand(random, bytes, { case: { expectReject: reason } });
    const c = historyCommand(random, [file('input.csv', bytes)], options) ?? historyCommand(random, [file('input.csv', bytes)], options);
    return { ...c, expectReject: reason };
  },

  'cli-arguments'(random) {
    const value = () => (random() < 0.6 ? pick(random, EXTREME_NUMBERS) : pick(random, ['1', '2', '10', 'abc', '-1', '1.5', '10000000000', '1e9', '64', '256']));
    const command = pick(random, ['generate', 'generate', 'generate', 'fit', 'run', 'summarize', 'liability', 'validate']);
    if (command === 'generate') {
      const args = ['generate', '--customers', random() < 0.5 ? value() : String(int(random, 1, 150)), '--start', random() < 0.2 ? pick(random, IMPOSSIBLE_DATES) : '2024-01-01', '--end', random() < 0.2 ? pick(random, IMPOSSIBLE_DATES) : '2024-12-31'];
      if (random() < 0.4) args.push('--bgnbd', pick(random, ['r=1,r=2', 'r=0', `r=${value()}`, `alpha=${value()}`, `a=${value()},b=${value()}`, 'x=1', 'r', '=1', 'r=1,,alpha=2']));
      if (random() < 0.4) args.push('--gamma-gamma', pick(random, ['q=0.5', 'q=1', 'p=1e308', 'gamma=30', `p=${value()}`, `v=${value()}`, 'p=6,q=4,v=20']));
      if (random() < 0.3) args.push('--categories', pick(random, ['a:0.5:0.1,b:0.5:0.2', 'a:1:2', 'a:NaN:0.1', 'a:0.5', ':1:0', 'a:1:0.1,a:0:0.1', 'a:-1:0.1,b:2:0.1']));
      if (random() < 0.3) args.push('--return-rate', value());
      if (random() < 0.3) args.push('--period', pick(random, ['day', 'week', 'month', 'year', '']));
      if (random() < 0.3) args.push('--seed', value());
      const out = random() < 0.3;
      if (out) args.push('--out', '@out.csv');
      return { command, args, files: [], outputs: out ? ['out.csv'] : [] };
    }
    if (command === 'fit' || command === 'summarize') {
      const { text, options } = historyCase(random);
      const args = [command, '@input.csv', ...(command === 'fit' ? ['--accept-weak-fit'] : []), ...options];
      const flags = command === 'fit' ? ['--horizon', '--discount-rate', '--margin', '--period', '--calibration-end'] : ['--period', '--calibration-end', '--decimal', '--delimiter', '--columns', '--date-format', '--on-bad-row'];
      for (let k = int(random, 1, 3); k > 0; k--) {
        const flag = pick(random, flags);
        args.push(flag, flag === '--calibration-end' ? pick(random, [...IMPOSSIBLE_DATES, '2024-03-01', '1990-01-01']) : flag === '--columns' ? pick(random, ['customer=x', 'date=date', 'amount=amount,amount=date', 'bogus=1', '', 'customer=']) : value());
      }
      return { command, args, files: [file('input.csv', text)], outputs: [] };
    }
    if (command === 'run') {
      const args = ['run', '@scenario.yaml', '--no-progress', '--accept-weak-fit', '--break-even', 'first-order', '-n', random() < 0.7 ? value() : '2', '-w', random() < 0.5 ? value() : '1'];
      if (random() < 0.5) args.push('--seed', value());
      if (random() < 0.2) args.push('--break-even', value());
      return { command, args, files: [file('scenario.yaml', scenarioCase(random))], outputs: [] };
    }
    if (command === 'liability') {
      const args = ['liability', '@ledger.csv', '--face-value', value()];
      if (random() < 0.3) args.push('--format', pick(random, ['json', 'csv', 'table', 'xml', '']));
      return { command, args, files: [file('ledger.csv', LEDGER_TEMPLATES['monthly.csv'])], outputs: [] };
    }
    const args = ['validate', random() < 0.5 ? '@scenario.yaml' : '@missing.yaml'];
    if (random() < 0.3) args.push('--print-schema', pick(random, ['scenario', 'program', 'other', '']));
    return { command, args, files: [file('scenario.yaml', scenarioCase(random))], outputs: [] };
  },
};

/** Case number `index` of the run with `seed`, in `category` (drawn by weight when not given). */
export function makeCase(seed, index, categories = CATEGORIES) {
  const random = seedrandom.alea(`${seed}:${index}`);
  const category = weighted(random, categories);
  const c = GENERATORS[category](random);
  return { id: `${seed}:${index}`, seed, index, category, expectReject: null, ...c };
}
