// A worker thread that runs fuzz cases in-process through the built CLI's `main(args, io)` with
// in-memory output streams: it writes a case's files into its own folder, runs the command,
// collects the exit code, stdout, stderr, the output files and anything thrown, and removes the
// files again. The runner (run.js) terminates the thread when a case runs over its time bound and
// gives it a heap limit, so a hang or a memory blow-up ends the thread, not the run.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { prepareInputs } from './inputs.js';

const { main } = await import(new URL('../dist/cli/main.js', import.meta.url).href);
const dir = workerData.dir;
mkdirSync(dir, { recursive: true });
prepareInputs(dir);

/** Keep at most this much of a stream or output file: enough to judge, bounded in memory. */
const KEEP = 1 << 20;

function sink() {
  const chunks = [];
  let kept = 0;
  let total = 0;
  const stream = new Writable({
    write(chunk, _encoding, done) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      total += text.length;
      if (kept < KEEP) {
        chunks.push(text.slice(0, KEEP - kept));
        kept += Math.min(text.length, KEEP - kept);
      }
      done();
    },
  });
  return { stream, text: () => chunks.join(''), total: () => total };
}

export function resolveArgs(args, folder) {
  return args.map((arg) => (arg.startsWith('@') ? path.join(folder, arg.slice(1)) : arg));
}

async function runCase(c) {
  const written = [];
  for (const f of c.files) {
    const target = path.join(dir, f.name);
    writeFileSync(target, Buffer.from(f.base64, 'base64'));
    written.push(target);
  }
  const stdout = sink();
  const stderr = sink();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  let status = null;
  let thrown = null;
  try {
    status = await main(resolveArgs(c.args, dir), { stdout: stdout.stream, stderr: stderr.stream, env: { NO_COLOR: '1' } });
  } catch (err) {
    thrown = { name: err?.name ?? typeof err, message: String(err?.message ?? err), stack: String(err?.stack ?? '') };
  }
  const ms = performance.now() - started;
  const outputs = {};
  for (const name of c.outputs ?? []) {
    const target = path.join(dir, name);
    try {
      const size = statSync(target).size;
      outputs[name] = { size, text: readFileSync(target).subarray(0, KEEP).toString('utf8') };
    } catch {
      outputs[name] = null;
    }
    written.push(target);
  }
  for (const target of written) rmSync(target, { force: true, recursive: true });
  // Files the case did not say it writes (a temporary file left behind, say), removed for the next case.
  const leftovers = readdirSync(dir).filter((name) => name !== 'data' && name !== 'programs');
  for (const name of leftovers) rmSync(path.join(dir, name), { force: true, recursive: true });
  return {
    leftovers,
    status,
    thrown,
    stdout: stdout.text(),
    stdoutLength: stdout.total(),
    stderr: stderr.text(),
    outputs,
    ms,
    heapGrowthMb: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20,
  };
}

parentPort.on('message', async (c) => {
  parentPort.postMessage(await runCase(c));
});
parentPort.postMessage({ ready: true });
