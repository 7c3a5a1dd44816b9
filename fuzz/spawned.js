// Fuzz cases that need a real process: a FIFO (with and without a writer), a folder or a device
// as an input or an output, a pipe on stdin, and SIGINT / SIGTERM in the middle of a command that
// writes a file. Each runs bin/loyalty-sim.js in a child process, killed at the time bound.
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { HISTORY_TEMPLATES, LEDGER_TEMPLATES, prepareInputs } from './inputs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'loyalty-sim.js');
const SIGNAL_MARKER = path.join(ROOT, 'fuzz', 'signal-marker.mjs');

export const SPAWNED_CATEGORIES = ['fifo', 'directory', 'device', 'stdin-pipe', 'signal'];

const RUN_FLAGS = ['-n', '2', '-w', '1', '--break-even', 'first-order', '--no-progress', '--accept-weak-fit'];
const SCENARIO_WITH_DATA = (file) => `data:\n  file: ${file}\neconomics:\n  grossMargin: 0.3\nhorizon: 6 months\niterations: 2\nprograms:\n  - file: programs/discount-5.yaml\n`;

function pick(random, items) {
  return items[Math.floor(random() * items.length)];
}

/** Spawned case number `index`: the command, what to set up, and what must happen. */
export function makeSpawnedCase(seed, index) {
  const random = seedrandom.alea(`spawned:${seed}:${index}`);
  const category = SPAWNED_CATEGORIES[index % SPAWNED_CATEGORIES.length];
  const id = `spawned:${seed}:${index}`;
  const base = { id, seed, index, category, spawned: true, files: [], outputs: [], expectReject: null };
  if (category === 'fifo') {
    const writer = random() < 0.4;
    const command = pick(random, writer ? ['summarize', 'fit', 'liability'] : ['summarize', 'fit', 'liability', 'validate', 'run', 'run-data']);
    const content = command === 'liability' ? LEDGER_TEMPLATES['monthly.csv'] : HISTORY_TEMPLATES['sample-retailer.csv'];
    const args =
      command === 'run-data'
        ? ['run', '@scenario.yaml', ...RUN_FLAGS]
        : command === 'run'
          ? ['run', '@input.fifo', ...RUN_FLAGS]
          : command === 'liability'
            ? ['liability', '@input.fifo', '--face-value', '0.01']
            : [command, '@input.fifo', ...(command === 'fit' ? ['--accept-weak-fit'] : [])];
    const files = command === 'run-data' ? [{ name: 'scenario.yaml', text: SCENARIO_WITH_DATA('input.fifo') }] : [];
    return { ...base, command: command.replace('-data', ''), args, fifo: { name: 'input.fifo', content: writer ? content : null }, setupFiles: files, locations: ['input.fifo'] };
  }
  if (category === 'directory') {
    const variant = pick(random, ['summarize', 'fit', 'liability', 'validate', 'run', 'run-data', 'generate-out', 'run-out', 'summarize-out', 'liability-out']);
    const input = '@folder';
    const argsOf = {
      summarize: ['summarize', input],
      fit: ['fit', input, '--accept-weak-fit'],
      liability: ['liability', input, '--face-value', '1'],
      validate: ['validate', input],
      run: ['run', input, ...RUN_FLAGS],
      'run-data': ['run', '@scenario.yaml', ...RUN_FLAGS],
      'generate-out': ['generate', '--customers', '20', '--start', '2024-01-01', '--end', '2024-06-30', '--out', '@folder'],
      'run-out': ['run', '@scenario.yaml', ...RUN_FLAGS, '-o', '@folder'],
      'summarize-out': ['summarize', '@input.csv', '--customers-out', '@folder'],
      'liability-out': ['liability', '@ledger.csv', '--face-value', '1', '-o', '@folder'],
    };
    const setupFiles = [
      { name: 'scenario.yaml', text: variant === 'run-data' ? SCENARIO_WITH_DATA('folder') : SCENARIO_WITH_DATA('data/sample-retailer.csv') },
      { name: 'input.csv', text: HISTORY_TEMPLATES['small-shop.csv'] },
      { name: 'ledger.csv', text: LEDGER_TEMPLATES['monthly.csv'] },
    ];
    return { ...base, command: variant.split('-')[0], args: argsOf[variant], folder: 'folder', setupFiles, locations: ['folder'], expectReject: 'a folder given as a file' };
  }
  if (category === 'device') {
    const device = pick(random, ['/dev/null', '/dev/zero', '/dev/full']);
    const variant = pick(random, device === '/dev/full' ? ['generate-out', 'summarize-out', 'liability-out'] : ['summarize', 'fit', 'liability', 'validate', 'run']);
    const argsOf = {
      summarize: ['summarize', device],
      fit: ['fit', device, '--accept-weak-fit'],
      liability: ['liability', device, '--face-value', '1'],
      validate: ['validate', device],
      run: ['run', device, ...RUN_FLAGS],
      // Outputs go to a device node of the case's own folder (made like /dev/full): a command that
      // wrongly renames a file over its output must never replace a device of the machine.
      'generate-out': ['generate', '--customers', '50', '--start', '2024-01-01', '--end', '2024-06-30', '--out', '@full'],
      'summarize-out': ['summarize', '@input.csv', '--customers-out', '@full'],
      'liability-out': ['liability', '@ledger.csv', '--face-value', '1', '-o', '@full'],
    };
    const setupFiles = [
      { name: 'input.csv', text: HISTORY_TEMPLATES['small-shop.csv'] },
      { name: 'ledger.csv', text: LEDGER_TEMPLATES['monthly.csv'] },
    ];
    const output = variant.endsWith('out');
    return { ...base, command: variant.split('-')[0], args: argsOf[variant], setupFiles, fullDevice: output ? 'full' : undefined, locations: output ? ['full'] : [device, path.basename(device)], expectReject: `${device} as ${variant.endsWith('out') ? 'an output' : 'an input'}` };
  }
  if (category === 'stdin-pipe') {
    const command = pick(random, ['summarize', 'fit', 'liability']);
    const content = command === 'liability' ? LEDGER_TEMPLATES['monthly.csv'] : HISTORY_TEMPLATES['sample-retailer.csv'];
    const args = command === 'liability' ? ['liability', '/dev/stdin', '--face-value', '0.01'] : [command, '/dev/stdin', ...(command === 'fit' ? ['--accept-weak-fit'] : [])];
    // A shell pipe (cat file | loyalty-sim ... /dev/stdin), or the socket a parent process such as Node's spawn gives.
    return { ...base, command, args, stdin: content, stdinKind: random() < 0.67 ? 'pipe' : 'socket', locations: ['/dev/stdin', 'stdin'] };
  }
  // signal
  const signal = random() < 0.5 ? 'SIGINT' : 'SIGTERM';
  const variant = pick(random, ['generate', 'run', 'summarize', 'fit']);
  const argsOf = {
    generate: ['generate', '--customers', '400000', '--start', '2015-01-01', '--end', '2024-12-31', '--out', '@out.csv'],
    run: ['run', '@big-scenario.yaml', '-n', '400', '-w', '1', '--no-progress', '-o', '@out.json'],
    summarize: ['summarize', '@big.csv', '--customers-out', '@out.csv'],
    fit: ['fit', '@big.csv', '--customers-out', '@out.csv'],
  };
  const bigScenario = 'population:\n  customers: 20000\n  purchasesPerYear: 12\n  meanTicket: 30\neconomics:\n  grossMargin: 0.4\nhorizon: 2 years\niterations: 400\nprograms:\n  - file: programs/discount-5.yaml\n  - file: programs/points-5.yaml\n';
  return {
    ...base,
    command: variant,
    args: argsOf[variant],
    signal,
    signalAfterMs: 150 + Math.floor(random() * 900),
    setupFiles: [{ name: 'big-scenario.yaml', text: bigScenario }],
    needsBig: variant === 'summarize' || variant === 'fit',
    locations: [],
    outputs: [variant === 'run' ? 'out.json' : 'out.csv'],
  };
}

/** A purchase history of about 300,000 rows for the signal cases, written once per run. */
function writeBigHistory(target) {
  if (existsSync(target)) return;
  execFileSync(process.execPath, [BIN, 'generate', '--customers', '60000', '--start', '2018-01-01', '--end', '2024-12-31', '--seed', '3', '--out', target], { stdio: 'ignore' });
}

/** Run one spawned case in `dir` (its own folder); resolves to a result the oracle judges. */
export async function runSpawned(c, dir, { timeoutMs, bigHistory }) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  prepareInputs(dir);
  for (const f of c.setupFiles ?? []) writeFileSync(path.join(dir, f.name), f.text);
  if (c.folder) mkdirSync(path.join(dir, c.folder), { recursive: true });
  if (c.needsBig) {
    writeBigHistory(bigHistory);
    execFileSync('cp', [bigHistory, path.join(dir, 'big.csv')]);
  }
  if (c.fifo) execFileSync('mkfifo', [path.join(dir, c.fifo.name)]);
  // A device that refuses every write with ENOSPC, as /dev/full (character device 1, 7).
  if (c.fullDevice) execFileSync('mknod', ['-m', '666', path.join(dir, c.fullDevice), 'c', '1', '7']);
  const args = c.args.map((arg) => (arg.startsWith('@') ? path.join(dir, arg.slice(1)) : arg));
  const before = new Set([...readdirSync(dir), 'stdin.src']);
  const started = performance.now();
  const shellPipe = c.stdin !== undefined && c.stdinKind === 'pipe';
  if (shellPipe) writeFileSync(path.join(dir, 'stdin.src'), c.stdin);
  const [program, programArgs] = shellPipe
    ? ['sh', ['-c', 'src=$1; shift; cat "$src" | "$@"', 'sh', path.join(dir, 'stdin.src'), process.execPath, BIN, ...args]]
    : [process.execPath, [...(c.signal ? ['--import', SIGNAL_MARKER] : []), BIN, ...args]];
  const child = spawn(program, programArgs, { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe', ...(c.signal ? ['pipe'] : [])] });
  let handlersInstalled = false;
  if (c.signal) child.stdio[3].on('data', () => (handlersInstalled = true)).on('error', () => {});
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout.length < 1 << 20 ? (stdout += d) : null));
  child.stderr.on('data', (d) => (stderr.length < 1 << 20 ? (stderr += d) : null));
  child.stdin.on('error', () => {});
  if (c.stdin !== undefined && !shellPipe) child.stdin.end(c.stdin);
  else child.stdin.end();
  let writer;
  if (c.fifo?.content) {
    writer = createWriteStream(path.join(dir, c.fifo.name));
    writer.on('error', () => {});
    writer.end(c.fifo.content);
  }
  let hang = false;
  const timer = setTimeout(() => {
    hang = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  // Whether the launcher had installed its signal handlers when the signal was sent (signal-marker.mjs
  // says so on descriptor 3). Before, Node is still starting and its default action ends the
  // process without running any of its code: nothing can have been written.
  let handlerAtSignal = null;
  const signalTimer = c.signal
    ? setTimeout(() => {
        handlerAtSignal = handlersInstalled;
        child.kill(c.signal);
      }, c.signalAfterMs)
    : null;
  const { status, signal } = await new Promise((resolve) => child.on('close', (code, sig) => resolve({ status: code, signal: sig })));
  clearTimeout(timer);
  if (signalTimer) clearTimeout(signalTimer);
  // A FIFO that nobody read keeps its writer waiting: open it for reading to release it.
  if (writer && !writer.closed) {
    try {
      execFileSync('sh', ['-c', `cat "${path.join(dir, c.fifo.name)}" > /dev/null`], { timeout: 2000 });
    } catch {
      /* the writer gave up already */
    }
  }
  const ms = performance.now() - started;
  const after = readdirSync(dir).filter((name) => !before.has(name));
  const outputs = {};
  for (const name of c.outputs) outputs[name] = after.includes(name) ? { size: 0, text: '' } : null;
  const leftovers = after.filter((name) => !c.outputs.includes(name));
  const finishedFirst = c.signal && status === 0;
  return { status, signal, stdout, stdoutLength: stdout.length, stderr, ms, hang, outputs, leftovers, finishedFirst, handlerAtSignal, heapGrowthMb: 0 };
}

/** The verdict on a spawned case's result, with the signal rules: exit 130 / 143 and no file left behind. */
export function judgeSpawned(c, r, judge, options) {
  // A FIFO nobody writes to: waiting for it is right (cat waits too), as long as the command said what it waits for.
  if (c.fifo && !c.fifo.content && r.hang) {
    return /waiting for data on \S*input\.fifo/.test(r.stderr) ? null : { kind: 'hang', detail: `waited on a FIFO without a writer and said nothing (${Math.round(r.ms)} ms)` };
  }
  if (c.signal && !r.hang) {
    if (r.finishedFirst) return null; // the command finished before the signal arrived
    const expected = c.signal === 'SIGINT' ? 130 : 143;
    const outputLeft = Object.entries(r.outputs).filter(([, o]) => o !== null).map(([name]) => name);
    if (r.status === expected && outputLeft.length === 0 && r.leftovers.length === 0) return null;
    // Sent while Node was starting, before the launcher's first line: ended by the signal itself, nothing written.
    if (r.handlerAtSignal === false && r.signal === c.signal && outputLeft.length === 0 && r.leftovers.length === 0) return null;
    if (outputLeft.length > 0 || r.leftovers.length > 0) {
      return { kind: 'leftover-file', detail: `after ${c.signal}: ${[...outputLeft, ...r.leftovers].join(', ')} left (exit ${r.status ?? r.signal})` };
    }
    return judge(c, { ...r, outputs: {} }, null, { ...options, signalExit: expected });
  }
  return judge(c, r, null, options);
}
