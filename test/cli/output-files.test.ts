/**
 * The files the commands write, through the built CLI (`npm run build` first) where the process
 * matters (signals, stdout) and through the CLI's entry in this process otherwise: an interrupted
 * command leaves no partial or temporary file and exits 130 (SIGINT) or 143 (SIGTERM); no command
 * writes over one of its inputs, however the path is spelled; every I/O fault is a message with
 * exit code 2 and no stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, cpSync, linkSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const LEDGER = fileURLToPath(new URL('fixtures/liability/example-52.csv', import.meta.url));

const folders: string[] = [];
function freshFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'loyalty-output-'));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/**
 * A character device of the kernel's memory driver, made in a fresh folder so the test does not
 * depend on the shared /dev node: 'full' (1:7, every write fails with ENOSPC) or 'null' (1:3).
 * /dev's own node where no device can be made (not root).
 */
function memoryDevice(name: 'full' | 'null'): string {
  const device = path.join(freshFolder(), name);
  const made = spawnSync('mknod', [device, 'c', '1', name === 'full' ? '7' : '3']);
  const chosen = made.status === 0 ? device : `/dev/${name}`;
  if (!statSync(chosen).isCharacterDevice()) throw new Error(`${chosen} is not a device: the test needs the ${name} device`);
  return chosen;
}

/** The temporary files (`.name.pid.n.tmp`) in `dir`. */
function temporaryFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.tmp'));
}

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Start the built CLI in `cwd`, wait until a temporary file appears in `watch` (the command has
 * started writing), send `signal`, and wait for the process to end.
 */
async function interrupt(args: string[], cwd: string, watch: string, signal: NodeJS.Signals): Promise<Ended & { sawTemporaryFile: boolean }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const ended = new Promise<Ended>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig, stderr })));
  let exited = false;
  void ended.then(() => (exited = true));
  let sawTemporaryFile = false;
  for (let waited = 0; waited < 20_000 && !exited; waited += 10) {
    if (temporaryFiles(watch).length > 0) {
      sawTemporaryFile = true;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill(signal);
  const result = await ended;
  return { ...result, stderr, sawTemporaryFile };
}

describe('an interrupted command leaves no partial or temporary file', () => {
  let dir: string;
  let history: string;

  beforeAll(() => {
    dir = freshFolder();
    history = path.join(dir, 'history.csv');
    const generated = runCli(['generate', '--customers', '100000', '--start', '2023-01-01', '--end', '2025-12-31', '--seed', '3', '--out', history]);
    expect(generated.status).toBe(0);
  });

  it('a signal while the CLI modules load also exits 130', () => {
    // The launcher installs its handlers before it loads the CLI; a static import would leave
    // the process to die by the signal itself (no exit code).
    const register = fileURLToPath(new URL('fixtures/signal-while-loading/register.mjs', import.meta.url));
    const ended = spawnSync(process.execPath, ['--import', register, BIN, '--version'], { encoding: 'utf8' });
    expect({ code: ended.status, signal: ended.signal, stdout: ended.stdout }).toEqual({ code: 130, signal: null, stdout: '' });
  });

  it('run -o out.json: SIGINT exits 130, no out.json, no temporary file', async () => {
    const cwd = freshFolder();
    const ended = await interrupt(['run', path.join(SCENARIOS, 'population-only.yaml'), '-n', '5000', '-w', '2', '--no-progress', '-o', 'out.json'], cwd, cwd, 'SIGINT');
    expect(ended.sawTemporaryFile).toBe(true);
    expect(ended).toMatchObject({ code: 130, signal: null });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('run -o out.json on one thread: SIGTERM exits 143, no out.json, no temporary file', async () => {
    const cwd = freshFolder();
    const ended = await interrupt(['run', path.join(SCENARIOS, 'population-only.yaml'), '-n', '5000', '-w', '1', '--no-progress', '-o', 'out.json'], cwd, cwd, 'SIGTERM');
    expect(ended.sawTemporaryFile).toBe(true);
    expect(ended).toMatchObject({ code: 143, signal: null });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('generate --out of a large file: SIGINT exits 130, no file, no temporary file', async () => {
    const cwd = freshFolder();
    const args = ['generate', '--customers', '1000000', '--start', '2023-01-01', '--end', '2025-12-31', '--out', 'big.csv'];
    const ended = await interrupt(args, cwd, cwd, 'SIGINT');
    expect(ended.sawTemporaryFile).toBe(true);
    expect(ended).toMatchObject({ code: 130, signal: null });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('summarize --customers-out: SIGTERM exits 143, no file, no temporary file', async () => {
    const out = freshFolder();
    const ended = await interrupt(['summarize', history, '--customers-out', path.join(out, 'customers.csv')], dir, out, 'SIGTERM');
    expect(ended.sawTemporaryFile).toBe(true);
    expect(ended).toMatchObject({ code: 143, signal: null });
    expect(readdirSync(out)).toEqual([]);
  });

  it('fit --customers-out: SIGINT exits 130, no file, no temporary file', async () => {
    const out = freshFolder();
    const ended = await interrupt(['fit', history, '--customers-out', path.join(out, 'predictions.csv')], dir, out, 'SIGINT');
    expect(ended.sawTemporaryFile).toBe(true);
    expect(ended).toMatchObject({ code: 130, signal: null });
    expect(readdirSync(out)).toEqual([]);
  });
});

/** A copy of the bundled sample scenario (its program files and data) in a fresh folder. */
function sampleScenarioCopy(): string {
  const dir = freshFolder();
  cpSync(SCENARIOS, dir, { recursive: true });
  return dir;
}

/** Through the CLI's entry in this process, from `cwd`: exit 2, the message, no stack trace, nothing written. */
async function expectRefused(cwd: string, args: string[], message: RegExp, unchanged: string[]): Promise<void> {
  const before = unchanged.map((file) => readFileSync(path.join(cwd, file), 'utf8'));
  const previous = process.cwd();
  process.chdir(cwd);
  let result;
  try {
    result = await runCliInProcess(args);
  } finally {
    process.chdir(previous);
  }
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.status).toBe(2);
  expect(unchanged.map((file) => readFileSync(path.join(cwd, file), 'utf8'))).toEqual(before);
  for (const folder of new Set(unchanged.map((file) => path.dirname(path.join(cwd, file))))) expect(temporaryFiles(folder)).toEqual([]);
}

describe('no command writes over one of its inputs', () => {
  const RUN = ['-n', '1', '-w', '1', '--no-progress'];

  it('run s.yaml -o s.yaml, however the path is spelled', async () => {
    const dir = sampleScenarioCopy();
    mkdirSync(path.join(dir, 'x'));
    linkSync(path.join(dir, 'population-only.yaml'), path.join(dir, 'hard-link.yaml'));
    symlinkSync('population-only.yaml', path.join(dir, 'soft-link.yaml'));
    for (const out of ['population-only.yaml', 'x/../population-only.yaml', path.join(dir, 'population-only.yaml'), './hard-link.yaml', 'soft-link.yaml']) {
      await expectRefused(
        dir,
        ['run', 'population-only.yaml', ...RUN, '-o', out],
        new RegExp(`--out: '${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}' is the input file 'population-only.yaml': writing there would overwrite it\\n  Give another file name`),
        ['population-only.yaml'],
      );
    }
    expect(lstatSync(path.join(dir, 'soft-link.yaml')).isSymbolicLink()).toBe(true);
  });

  it("run -o onto the scenario's data file or one of its program files", async () => {
    const dir = sampleScenarioCopy();
    await expectRefused(dir, ['run', 'default.yaml', ...RUN, '-o', 'data/sample-retailer.csv'], /'data\/sample-retailer.csv' is the input file 'data\/sample-retailer.csv'/, ['data/sample-retailer.csv']);
    await expectRefused(dir, ['run', 'default.yaml', ...RUN, '-o', 'programs/points-5.yaml'], /'programs\/points-5.yaml' is the input file 'programs\/points-5.yaml'/, ['programs/points-5.yaml']);
  });

  it('summarize and fit --customers-out onto the history, and liability -o onto the ledger', async () => {
    const dir = freshFolder();
    copyFileSync(path.join(SCENARIOS, 'data/sample-retailer.csv'), path.join(dir, 'in.csv'));
    copyFileSync(LEDGER, path.join(dir, 'ledger.csv'));
    await expectRefused(dir, ['summarize', 'in.csv', '--customers-out', 'in.csv'], /--customers-out: 'in.csv' is the input file 'in.csv'/, ['in.csv']);
    await expectRefused(dir, ['fit', 'in.csv', '--customers-out', './in.csv'], /--customers-out: '.\/in.csv' is the input file 'in.csv'/, ['in.csv']);
    await expectRefused(dir, ['liability', 'ledger.csv', '--face-value', '1', '-o', 'ledger.csv'], /--out: 'ledger.csv' is the input file 'ledger.csv'/, ['ledger.csv']);
  });
});

describe('an output path that cannot be written is a message with exit code 2', () => {
  const RUN = ['run', path.join(SCENARIOS, 'population-only.yaml'), '-n', '1', '-w', '1', '--no-progress'];

  async function expectFault(args: string[], message: RegExp, dir: string): Promise<void> {
    const result = await runCliInProcess(args);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.status).toBe(2);
    expect(temporaryFiles(dir)).toEqual([]);
  }

  it('a folder (EISDIR), a path through a file (ENOTDIR), an empty path, a missing folder', async () => {
    const dir = freshFolder();
    mkdirSync(path.join(dir, 'reports'));
    writeFileSync(path.join(dir, 'plain.txt'), 'x');
    await expectFault([...RUN, '-o', path.join(dir, 'reports')], /--out: '.*reports' is a folder\n  Give the path of a file, e\.g\. .*reports\/report\.json\./, dir);
    await expectFault([...RUN, '-o', path.join(dir, 'plain.txt', 'out.json')], /plain\.txt\/out\.json: --out: cannot write: a part of the path is a file, not a folder \(ENOTDIR\)/, dir);
    await expectFault([...RUN, '-o', ''], /error: --out: the file name is empty\n  Give the name of the file to write, e\.g\. --out report\.json\./, dir);
    await expectFault(['generate', '--customers', '10', '--start', '2024-01-01', '--end', '2024-12-31', '--out', ''], /--out: the file name is empty/, dir);
    await expectFault(['summarize', path.join(SCENARIOS, 'data/sample-retailer.csv'), '--customers-out', ''], /--customers-out: the file name is empty/, dir);
    await expectFault([...RUN, '-o', path.join(dir, 'missing', 'out.json')], /--out: the folder '.*missing' does not exist/, dir);
    expect(readFileSync(path.join(dir, 'plain.txt'), 'utf8')).toBe('x');
  });

  it('a folder no one may write to (EACCES, or EROFS on a read-only system folder)', async () => {
    // /sys refuses new files even to root, where a chmod would not.
    await expectFault([...RUN, '-o', '/sys/loyalty-report.json'], /\/sys\/loyalty-report\.json: --out: cannot write: (permission denied \(EACCES\)|the file system is read-only \(EROFS\))/, freshFolder());
  });

  it('a full disk (ENOSPC), a symbolic link loop (ELOOP), a 300-character name (ENAMETOOLONG)', async () => {
    const dir = freshFolder();
    symlinkSync(memoryDevice('full'), path.join(dir, 'full.json'));
    symlinkSync('loop-b', path.join(dir, 'loop-a'));
    symlinkSync('loop-a', path.join(dir, 'loop-b'));
    await expectFault([...RUN, '-o', path.join(dir, 'full.json')], /full\.json: --out: cannot write: no space left on the device \(ENOSPC\)\n  Free some space/, dir);
    await expectFault([...RUN, '-o', path.join(dir, 'loop-a')], /loop-a: --out: cannot write: too many symbolic links \(a link loop\?\) \(ELOOP\)/, dir);
    await expectFault([...RUN, '-o', path.join(dir, 'a'.repeat(300))], /a{300}: --out: cannot write: the file name is too long \(ENAMETOOLONG\)/, dir);
    expect(lstatSync(path.join(dir, 'full.json')).isSymbolicLink()).toBe(true);
    expect(statSync(path.join(dir, 'full.json')).isCharacterDevice()).toBe(true);
  });

  it('a device is written directly, not replaced: -o a link to /dev/null', async () => {
    const dir = freshFolder();
    const device = memoryDevice('null');
    symlinkSync(device, path.join(dir, 'null.json'));
    const result = await runCliInProcess([...RUN, '-o', path.join(dir, 'null.json')]);
    expect(result.status).toBe(0);
    expect(lstatSync(path.join(dir, 'null.json')).isSymbolicLink()).toBe(true);
    expect(statSync(device).isCharacterDevice()).toBe(true);
  });

  it('-o /dev/stdout writes to the pipe or file stdout is, appending as `>>` asks (the built CLI)', () => {
    const piped = spawnSync(process.execPath, [BIN, ...RUN, '-o', '/dev/stdout'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
    expect(piped.stdout).toMatch(/^Café without purchase data, 10% off vs a points card\n2,000 customers, 2 years, 1 iterations, seed 7;/);
    const log = path.join(freshFolder(), 'log.txt');
    writeFileSync(log, 'earlier line\n');
    const appended = openSync(log, 'a');
    try {
      const result = spawnSync(process.execPath, [BIN, ...RUN, '-o', '/dev/stdout'], { stdio: ['ignore', appended, 'pipe'], encoding: 'utf8' });
      expect(result.status).toBe(0);
    } finally {
      closeSync(appended);
    }
    expect(readFileSync(log, 'utf8')).toBe('earlier line\n' + piped.stdout);
  });

  it('stdout on a full disk (`loyalty-sim run > /dev/full`): exit 2 and a message (the built CLI)', () => {
    const full = openSync(memoryDevice('full'), 'w');
    try {
      const result = spawnSync(process.execPath, [BIN, ...RUN], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(result.stderr).toBe('error: stdout: cannot write: no space left on the device (ENOSPC)\n  Free some space or choose another disk.\n');
      expect(result.status).toBe(2);
    } finally {
      closeSync(full);
    }
  });
});

describe('the JSON report names its scenario file the same from any folder', () => {
  it('scenarioFile is the file name, not a path relative to the current folder', () => {
    const args = (file: string) => ['run', file, '-n', '1', '-w', '1', '--json', '--no-progress'];
    const fromRoot = runCli(args('scenarios/population-only.yaml'), { cwd: path.join(SCENARIOS, '..') });
    const fromScenarios = runCli(args('population-only.yaml'), { cwd: SCENARIOS });
    const fromElsewhere = runCli(args(path.join(SCENARIOS, 'population-only.yaml')), { cwd: tmpdir() });
    for (const result of [fromRoot, fromScenarios, fromElsewhere]) {
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout).scenarioFile).toBe('population-only.yaml');
    }
    expect(fromScenarios.stdout).toBe(fromRoot.stdout);
    expect(fromElsewhere.stdout).toBe(fromRoot.stdout);
  });
});
