// What a fuzz case must end in: exit 0 with sane output, or exit 2 with a message that names where
// the problem is (a file, or the option at fault) and no stack trace, within the time and memory
// bounds. `judge(case, result, numericPaths)` returns null when the case passed, else a failure
// { kind, detail } of one of these kinds:
export const FAILURE_KINDS = {
  crash: 'main() threw: an error that is not a UserInputError',
  'stack-trace': 'a stack frame or an internal error name ("TypeError:", "Error:") in the output',
  hang: 'ran over the time bound, and again over three times the bound',
  'memory-blow-up': 'ran out of the heap limit, or grew the heap by more than the memory bound',
  'silent-acceptance': 'exit 0 on an input that must be refused (a NaN amount, an impossible date, a NUL byte...), or NaN/Infinity in the output',
  'null-figure': 'exit 0 with null where the JSON of a valid input has a number (summarize, fit, liability)',
  'unlocated-message': 'exit 2 with a message that names no file and no option',
  'bad-exit': 'an exit code other than 0 and 2 (130/143 after a signal), or exit 2 with nothing on stderr',
  'bad-output': 'exit 0 without the promised output (no stdout, an output file missing, JSON that does not parse)',
  'leftover-file': 'a file left in the working folder that the command was not asked to write',
};

const STACK_FRAME = /^\s+at (?:.+ \()?(?:file:|node:|\/|[A-Za-z]:\\).*:\d+(?::\d+)?\)?$|^\s+at [\w$.<>]+ \((?:native|<anonymous>)\)$/m;
const INTERNAL_ERROR = /(?:^|\s|:)(?:Type|Range|Reference|Syntax|Eval|URI|Aggregate|Internal)?Error: /;
const NON_FINITE = /(?<![\w.])(?:NaN|-?Infinity)(?![\w])/;

/** Paths into a JSON value, array indices as [], with the kind of value at each. */
export function jsonPaths(value, prefix = '', into = new Map()) {
  if (Array.isArray(value)) {
    for (const item of value) jsonPaths(item, `${prefix}[]`, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) jsonPaths(item, prefix ? `${prefix}.${key}` : key, into);
  } else {
    const kinds = into.get(prefix) ?? new Set();
    kinds.add(value === null ? 'null' : typeof value);
    into.set(prefix, kinds);
  }
  return into;
}

/** The paths that hold a number, and never null, in every valid input's JSON (per command). */
export function numericPathsOf(documents) {
  const all = new Map();
  for (const doc of documents) jsonPaths(doc, '', all);
  return new Set([...all].filter(([, kinds]) => kinds.has('number') && !kinds.has('null')).map(([p]) => p));
}

function inputText(c) {
  return c.files.map((f) => Buffer.from(f.base64, 'base64').toString('latin1')).join('\n') + '\n' + c.args.join(' ');
}

/** Words that can tell where a problem is: the case's file names, the files its scenarios name, its options. */
function locations(c) {
  const names = new Set();
  for (const f of [...c.files, ...(c.setupFiles ?? [])]) names.add(f.name.split('/').pop());
  for (const name of c.locations ?? []) names.add(name);
  for (const name of ['sample-retailer.csv', 'fuel-station.csv', 'discount-5.yaml', 'points-5.yaml', 'input.csv', 'out.csv', 'out.txt', 'missing.yaml']) names.add(name);
  return names;
}

function namesALocation(c, stderr) {
  for (const name of locations(c)) if (stderr.includes(name)) return true;
  // Where the arguments are what was fuzzed, the option or argument at fault, as the CLI and its
  // argument parser name them; elsewhere the arguments are valid and the message must name a file.
  if (c.category !== 'cli-arguments') return false;
  return /(?:^|[\s'"(])--?[a-z][\w-]*/m.test(stderr) || /\bargument\b/.test(stderr);
}

export function isJsonOutput(c) {
  return c.args.includes('--json') || c.args.join(' ').includes('--format json');
}

/** The verdict on one case's result (see FAILURE_KINDS); null when it passed. */
export function judge(c, r, numericPaths, options = {}) {
  const firstLine = (text) => text.split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 200) ?? '';
  if (r.hang) return { kind: 'hang', detail: `over ${options.timeoutMs} ms, then over ${3 * options.timeoutMs} ms` };
  if (r.memory) return { kind: 'memory-blow-up', detail: r.memory };
  if (r.thrown) {
    const frame = r.thrown.stack.split('\n').find((line) => /^\s+at /.test(line))?.trim() ?? '';
    return { kind: 'crash', detail: `${r.thrown.name}: ${firstLine(r.thrown.message)}`, frame };
  }
  if (options.memoryBoundMb !== undefined && r.heapGrowthMb > options.memoryBoundMb) return { kind: 'memory-blow-up', detail: `heap grew ${Math.round(r.heapGrowthMb)} MB` };
  const output = r.stdout + r.stderr;
  const frame = output.split('\n').find((line) => STACK_FRAME.test(line));
  if (frame) {
    const message = output.split('\n').find((line) => /^\s*(?:\w+:\s*)?[A-Z]\w*(?:Error|Exception)\b|^\s*Error \[|\bE[A-Z]{3,}\b/.test(line)) ?? firstLine(r.stderr);
    return { kind: 'stack-trace', detail: `${message.trim().slice(0, 160)} | ${frame.trim()}` };
  }
  const internal = r.stderr.split('\n').find((line) => INTERNAL_ERROR.test(line));
  if (internal) return { kind: 'stack-trace', detail: internal.trim().slice(0, 200) };
  if (r.leftovers?.length > 0) return { kind: 'leftover-file', detail: r.leftovers.join(', ') };

  const expectedSignal = options.signalExit;
  if (expectedSignal !== undefined) {
    if (r.status !== expectedSignal) return { kind: 'bad-exit', detail: `exit ${r.status ?? r.signal} after the signal, not ${expectedSignal}` };
    return null;
  }
  if (r.status === 2) {
    if (r.stderr.trim() === '') return { kind: 'bad-exit', detail: 'exit 2 with an empty stderr' };
    if (!namesALocation(c, r.stderr)) return { kind: 'unlocated-message', detail: firstLine(r.stderr) };
    return null;
  }
  if (r.status !== 0) return { kind: 'bad-exit', detail: `exit ${r.status ?? r.signal}: ${firstLine(r.stderr)}` };

  // Exit 0.
  if (c.expectReject) return { kind: 'silent-acceptance', detail: `accepted ${c.expectReject}` };
  for (const [name, out] of Object.entries(r.outputs ?? {})) {
    if (out === null) return { kind: 'bad-output', detail: `exit 0 but no ${name}` };
  }
  const produced = [r.stdout, ...Object.values(r.outputs ?? {}).map((o) => o?.text ?? '')].join('\n');
  const writesToFile = Object.keys(r.outputs ?? {}).length > 0 && (c.args.includes('-o') || c.args.includes('--out'));
  if (!writesToFile && r.stdoutLength === 0 && !c.args.includes('--customers-out')) return { kind: 'bad-output', detail: 'exit 0 with nothing on stdout' };
  const nonFinite = produced.match(NON_FINITE);
  if (nonFinite && !NON_FINITE.test(inputText(c))) {
    const line = produced.split('\n').find((l) => NON_FINITE.test(l)) ?? '';
    return { kind: 'silent-acceptance', detail: `${nonFinite[0]} in the output: ${line.trim().slice(0, 160)}` };
  }
  if (isJsonOutput(c) && !writesToFile && r.stdoutLength === r.stdout.length) {
    let doc;
    try {
      doc = JSON.parse(r.stdout);
    } catch (err) {
      return { kind: 'bad-output', detail: `stdout is not JSON: ${err.message}` };
    }
    // Figures of a history or a ledger; a simulation's metrics are NaN (null) by definition in some
    // worlds (a retention without members, a break-even that does not exist), so not `run`'s.
    const numeric = c.command === 'run' ? undefined : numericPaths?.get(c.command);
    // A figure that does not apply to this input, and a warning on stderr that says so, is honest.
    const saidNotApplicable = /^warning: .*do not apply/m.test(r.stderr ?? '');
    if (numeric && !saidNotApplicable) {
      for (const [p, kinds] of jsonPaths(doc)) {
        if (kinds.has('null') && numeric.has(p)) return { kind: 'null-figure', detail: `${p} is null` };
      }
    }
  }
  return null;
}

/** A short, stable name for a failure: kind, command, category and the message with numbers and paths masked. */
export function signature(c, failure) {
  const detail = failure.detail
    .replace(/\/[^\s:'"]+\//g, '…/')
    .replace(/\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/gi, 'N')
    .replace(/'[^']{40,}'/g, "'…'")
    .slice(0, 140);
  return `${failure.kind} | ${c.command} | ${c.category} | ${detail}`;
}
