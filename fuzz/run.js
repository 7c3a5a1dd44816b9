#!/usr/bin/env node
// `npm run fuzz`: generated hostile inputs for every command, judged by fuzz/oracle.js.
//
//   node fuzz/run.js [--cases 100000] [--from 0] [--spawned 300] [--seed 1] [--workers 2] [--timeout 10000]
//                    [--memory 1024] [--categories a,b] [--failures fuzz-failures] [--json]
//   node fuzz/run.js --replay fuzz-failures/<case>.json     (or --replay <seed>:<index>)
//
// In-process cases run in worker threads through the built CLI's main(args, io) (dist/: build
// first), each thread with a heap limit (--memory, MB) and each case with a time bound
// (--timeout, ms): a thread that runs over is terminated and the case counted as a hang. The
// spawned cases (FIFOs, folders, devices, pipes, signals) run bin/loyalty-sim.js as a process.
// The run is reproducible: case i of seed s is drawn from its own stream (--from: the first i, to
// split a run over processes). It prints the cases per
// category and the failures by kind, writes the first cases of each distinct failure to the
// failures folder for replay, and exits 1 when any case failed.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CATEGORIES, makeCase } from './cases.js';
import { HISTORY_OPTIONS, HISTORY_TEMPLATES, LEDGER_TEMPLATES, SCENARIO_TEMPLATES, prepareInputs } from './inputs.js';
import { FAILURE_KINDS, judge, numericPathsOf, signature } from './oracle.js';
import { judgeSpawned, makeSpawnedCase, runSpawned, SPAWNED_CATEGORIES } from './spawned.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const SAVED_PER_SIGNATURE = 3;

function parseArgs(argv) {
  const options = { cases: 100_000, from: 0, spawned: 300, seed: 1, workers: Math.min(2, os.availableParallelism()), timeout: 10_000, memory: 1024, categories: null, failures: 'fuzz-failures', json: false, replay: null, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => argv[++i];
    if (arg === '--cases') options.cases = Number(next());
    else if (arg === '--from') options.from = Number(next());
    else if (arg === '--spawned') options.spawned = Number(next());
    else if (arg === '--seed') options.seed = Number(next());
    else if (arg === '--workers') options.workers = Number(next());
    else if (arg === '--timeout') options.timeout = Number(next());
    else if (arg === '--memory') options.memory = Number(next());
    else if (arg === '--categories') options.categories = next().split(',');
    else if (arg === '--failures') options.failures = next();
    else if (arg === '--json') options.json = true;
    else if (arg === '--quiet') options.quiet = true;
    else if (arg === '--replay') options.replay = next();
    else throw new Error(`unknown option ${arg} (see the head of fuzz/run.js)`);
  }
  for (const key of ['cases', 'from', 'spawned', 'seed', 'workers', 'timeout', 'memory']) {
    if (!Number.isInteger(options[key]) || options[key] < 0) throw new Error(`--${key} needs a whole number, got ${options[key]}`);
  }
  return options;
}

function sink() {
  const chunks = [];
  return { stream: new Writable({ write: (chunk, _e, done) => (chunks.push(chunk.toString()), done()) }), text: () => chunks.join('') };
}

/** The JSON of every valid input, per command: which paths hold numbers (oracle: null-figure). */
async function baselineNumericPaths() {
  const { main } = await import(new URL('../dist/cli/main.js', import.meta.url).href);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-fuzz-baseline-'));
  prepareInputs(dir);
  const docs = new Map();
  const runJson = async (command, args) => {
    const out = sink();
    const err = sink();
    const status = await main(args, { stdout: out.stream, stderr: err.stream, env: { NO_COLOR: '1' } });
    if (status !== 0) throw new Error(`the valid input of ${args.join(' ')} failed: ${err.text()}`);
    docs.set(command, [...(docs.get(command) ?? []), JSON.parse(out.text())]);
  };
  try {
    for (const [name, text] of Object.entries(HISTORY_TEMPLATES)) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      await runJson('summarize', ['summarize', file, ...(HISTORY_OPTIONS[name] ?? []), '--json']);
      await runJson('fit', ['fit', file, '--accept-weak-fit', ...(HISTORY_OPTIONS[name] ?? []), '--json']);
    }
    for (const [name, text] of Object.entries(LEDGER_TEMPLATES)) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      await runJson('liability', ['liability', file, '--face-value', '0.01', '--json']);
    }
    for (const [name, text] of Object.entries(SCENARIO_TEMPLATES)) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      await runJson('run', ['run', file, '-n', '2', '-w', '1', '--break-even', 'first-order', '--no-progress', '--accept-weak-fit', '--json']);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return new Map([...docs].map(([command, list]) => [command, numericPathsOf(list)]));
}

/** A pool of case workers; `run(case)` resolves to the result, with hangs and heap exhaustion as results. */
function workerPool(size, options, scratch) {
  let serial = 0;
  const idle = [];
  const start = () =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./case-worker.js', import.meta.url), {
        workerData: { dir: path.join(scratch, `worker-${serial++}`) },
        resourceLimits: { maxOldGenerationSizeMb: options.memory },
        stdout: true,
        stderr: true,
      });
      worker.stdout.resume();
      worker.stderr.resume();
      worker.once('message', (m) => (m.ready ? resolve(worker) : reject(new Error('worker did not start'))));
      worker.once('error', reject);
    });
  const acquire = async () => idle.pop() ?? start();
  const run = async (c, timeoutMs = options.timeout) => {
    const worker = await acquire();
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result, keep) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.removeAllListeners('message');
        worker.removeAllListeners('error');
        worker.removeAllListeners('exit');
        if (keep) idle.push(worker);
        else worker.terminate().catch(() => {});
        resolve(result);
      };
      const timer = setTimeout(() => finish({ hang: true }, false), timeoutMs);
      worker.on('message', (result) => finish(result, true));
      worker.on('error', (err) => {
        if (err?.code === 'ERR_WORKER_OUT_OF_MEMORY') finish({ memory: `heap limit of ${options.memory} MB reached` }, false);
        else finish({ thrown: { name: err?.name ?? 'Error', message: `uncaught in the command: ${err?.message ?? err}`, stack: String(err?.stack ?? '') } }, false);
      });
      worker.on('exit', (code) => finish({ status: code, stdout: '', stdoutLength: 0, stderr: `the command ended the thread (process.exit(${code}))`, thrown: { name: 'Exit', message: `process.exit(${code}) inside the command`, stack: '' } }, false));
      worker.postMessage(c);
    });
  };
  const close = async () => Promise.all(idle.splice(0).map((w) => w.terminate()));
  return { run, close };
}

function report(stats, failures, options, elapsedMs) {
  const lines = [];
  const kinds = Object.keys(FAILURE_KINDS);
  lines.push(`loyalty-sim fuzz: seed ${options.seed}, ${stats.total} cases in ${(elapsedMs / 1000).toFixed(1)} s (time bound ${options.timeout} ms, heap limit ${options.memory} MB)`);
  lines.push('');
  const header = ['category', 'cases', 'exit 0', 'exit 2', 'failed', 'mean ms'];
  const rows = Object.entries(stats.byCategory).sort(([a], [b]) => a.localeCompare(b)).map(([name, s]) => [name, s.cases, s.ok, s.rejected, s.failed, (s.ms / s.cases).toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (row) => row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
  lines.push(fmt(header));
  for (const row of rows) lines.push(fmt(row));
  lines.push(`by command: ${Object.entries(stats.byCommand).sort(([a], [b]) => a.localeCompare(b)).map(([name, t]) => `${name} ${t.cases} (mean ${(t.ms / t.cases).toFixed(1)} ms)`).join(', ')}`);
  lines.push('');
  lines.push('failures by kind:');
  for (const kind of kinds) lines.push(`  ${kind.padEnd(18)} ${String(stats.byKind[kind] ?? 0).padStart(7)}   ${FAILURE_KINDS[kind]}`);
  lines.push(`  slowest case ${Math.round(stats.slowestMs)} ms (${stats.slowestId}); largest heap growth ${Math.round(stats.maxHeapGrowthMb)} MB`);
  if (failures.size > 0) {
    lines.push('');
    lines.push(`distinct failures (${failures.size}), most frequent first; replay with the command shown:`);
    for (const [sig, f] of [...failures].sort((a, b) => b[1].count - a[1].count)) {
      lines.push(`  ${String(f.count).padStart(6)} x ${sig}`);
      lines.push(`           node fuzz/run.js --replay ${f.replay}`);
    }
  }
  return lines.join('\n');
}

async function replay(options) {
  let c;
  if (existsSync(options.replay)) c = JSON.parse(readFileSync(options.replay, 'utf8')).case;
  else {
    const [seed, index] = options.replay.split(':').map(Number);
    c = makeCase(seed, index);
  }
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-fuzz-replay-'));
  try {
    if (c.spawned) {
      const r = await runSpawned(c, path.join(scratch, 'case'), { timeoutMs: options.timeout, bigHistory: path.join(scratch, 'big.csv') });
      process.stdout.write(`${JSON.stringify({ args: c.args, status: r.status, signal: r.signal, stderr: r.stderr.slice(0, 4000) }, null, 2)}\n`);
      process.stdout.write(`verdict: ${JSON.stringify(judgeSpawned(c, r, judge, { timeoutMs: options.timeout }))}\n`);
      return;
    }
    // In this thread, so that a crash shows its whole stack.
    const { main } = await import(new URL('../dist/cli/main.js', import.meta.url).href);
    const dir = path.join(scratch, 'case');
    mkdirSync(dir, { recursive: true });
    prepareInputs(dir);
    for (const f of c.files) writeFileSync(path.join(dir, f.name), Buffer.from(f.base64, 'base64'));
    const args = c.args.map((arg) => (arg.startsWith('@') ? path.join(dir, arg.slice(1)) : arg));
    process.stdout.write(`case ${c.id} (${c.category}): loyalty-sim ${args.join(' ')}\nfiles kept in ${dir}\n`);
    const out = sink();
    const err = sink();
    const status = await main(args, { stdout: out.stream, stderr: err.stream, env: { NO_COLOR: '1' } });
    process.stdout.write(`exit ${status}\n--- stderr\n${err.text().slice(0, 4000)}\n--- stdout (first 2000 characters)\n${out.text().slice(0, 2000)}\n`);
    return;
  } finally {
    if (c.spawned) rmSync(scratch, { recursive: true, force: true });
  }
}

export async function runFuzz(options) {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const started = performance.now();
  const log = (text) => (options.quiet ? undefined : process.stderr.write(text));
  const categories = options.categories ? Object.fromEntries(Object.entries(CATEGORIES).filter(([name]) => options.categories.includes(name))) : CATEGORIES;
  const spawnedCategories = options.categories ? SPAWNED_CATEGORIES.filter((name) => options.categories.includes(name)) : SPAWNED_CATEGORIES;
  const numericPaths = await baselineNumericPaths();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-fuzz-'));
  const stats = { total: 0, byCategory: {}, byCommand: {}, byKind: {}, slowestMs: 0, slowestId: '', maxHeapGrowthMb: 0 };
  const failures = new Map();
  const failureDir = path.resolve(options.failures);
  let savedAny = false;

  const record = (c, r, failure) => {
    stats.total++;
    const s = (stats.byCategory[c.category] ??= { cases: 0, ok: 0, rejected: 0, failed: 0, ms: 0 });
    s.cases++;
    s.ms += r.ms ?? options.timeout;
    const t = (stats.byCommand[c.command] ??= { cases: 0, ms: 0 });
    t.cases++;
    t.ms += r.ms ?? options.timeout;
    if (r.ms > stats.slowestMs) [stats.slowestMs, stats.slowestId] = [r.ms, c.id];
    if (r.heapGrowthMb > stats.maxHeapGrowthMb) stats.maxHeapGrowthMb = r.heapGrowthMb;
    if (!failure) {
      if (r.status === 0) s.ok++;
      else s.rejected++;
      return;
    }
    s.failed++;
    stats.byKind[failure.kind] = (stats.byKind[failure.kind] ?? 0) + 1;
    const sig = signature(c, failure);
    const entry = failures.get(sig) ?? { count: 0, saved: 0, replay: c.id, kind: failure.kind, command: c.command, category: c.category, detail: failure.detail, frame: failure.frame };
    entry.count++;
    if (entry.saved < SAVED_PER_SIGNATURE) {
      if (!savedAny) mkdirSync(failureDir, { recursive: true });
      savedAny = true;
      const name = `${failure.kind}-${c.command}-${c.id.replaceAll(':', '-')}.json`;
      const result = { ...r, stdout: r.stdout?.slice(0, 4000), stderr: r.stderr?.slice(0, 4000), outputs: undefined };
      writeFileSync(path.join(failureDir, name), JSON.stringify({ failure, signature: sig, case: c, result }, null, 2));
      if (entry.saved === 0) entry.replay = path.relative(process.cwd(), path.join(failureDir, name));
      entry.saved++;
    }
    failures.set(sig, entry);
  };

  try {
    // In-process cases.
    if (options.cases > 0 && Object.keys(categories).length > 0) {
      const pool = workerPool(options.workers, options, scratch);
      let next = 0;
      let lastLog = performance.now();
      const lane = async () => {
        while (next < options.cases) {
          const index = (options.from ?? 0) + next++;
          const c = makeCase(options.seed, index, categories);
          let r = await pool.run(c);
          // On a busy machine a slow case may run over once: a hang is a case that runs over the
          // bound twice, the second time with three times as long.
          if (r.hang) r = await pool.run(c, options.timeout * 3);
          record(c, r, judge(c, r, numericPaths, { timeoutMs: options.timeout, memoryBoundMb: options.memory }));
          if (performance.now() - lastLog > 5000) {
            lastLog = performance.now();
            log(`  ${stats.total} / ${options.cases + options.spawned} cases, ${[...failures.values()].reduce((a, f) => a + f.count, 0)} failed\n`);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, options.workers) }, lane));
      await pool.close();
    }
    // Spawned cases, two at a time.
    if (options.spawned > 0 && spawnedCategories.length > 0) {
      const bigHistory = path.join(scratch, 'big.csv');
      let next = 0;
      let index = 0;
      const lane = async (slot) => {
        while (next < options.spawned) {
          next++;
          let c;
          do c = makeSpawnedCase(options.seed, index++);
          while (!spawnedCategories.includes(c.category));
          let r = await runSpawned(c, path.join(scratch, `spawned-${slot}`), { timeoutMs: options.timeout, bigHistory });
          if (r.hang) r = await runSpawned(c, path.join(scratch, `spawned-${slot}`), { timeoutMs: options.timeout * 3, bigHistory });
          record(c, r, judgeSpawned(c, r, judge, { timeoutMs: options.timeout }));
        }
      };
      await Promise.all([lane(0), lane(1)]);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const elapsedMs = performance.now() - started;
  const summary = {
    seed: options.seed,
    cases: stats.total,
    byCategory: stats.byCategory,
    byCommand: stats.byCommand,
    byKind: stats.byKind,
    failed: Object.values(stats.byKind).reduce((a, b) => a + b, 0),
    distinct: [...failures].map(([sig, f]) => ({ signature: sig, ...f })),
    elapsedMs,
  };
  return { summary, text: report(stats, failures, options, elapsedMs) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  if (options.replay) {
    await replay(options);
  } else {
    const { summary, text } = await runFuzz(options);
    process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${text}\n`);
    process.exitCode = summary.failed > 0 ? 1 : 0;
  }
}
