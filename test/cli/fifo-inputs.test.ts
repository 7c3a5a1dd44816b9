/**
 * A FIFO that nobody writes to yet, given as the scenario or as its data file: the command says on
 * stderr what it waits for (after 2 s), then reads what arrives, instead of hanging in silence.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = path.join(ROOT, 'bin/loyalty-sim.js');
const POPULATION_SCENARIO = path.join(ROOT, 'scenarios/population-only.yaml');

/** Start the CLI on `args` in the background, write `content` into `fifo` once its notice is on stderr (at most 10 s), and return what it printed. */
function feedFifoWhenWaited(folder: string, fifo: string, content: string, args: string[]) {
  const [out, err] = ['out.txt', 'err.txt'].map((name) => JSON.stringify(path.join(folder, name)));
  const source = path.join(folder, 'content.txt');
  writeFileSync(source, content);
  const command = [process.execPath, BIN, ...args].map((a) => JSON.stringify(a)).join(' ');
  const script =
    `mkfifo ${JSON.stringify(fifo)}; ${command} > ${out} 2> ${err} & pid=$!; ` +
    `for i in $(seq 100); do grep -qs waiting ${err} && break; sleep 0.1; done; timeout 20 cp ${JSON.stringify(source)} ${JSON.stringify(fifo)}; ` +
    `wait $pid; status=$?; cat ${err} >&2; cat ${out}; exit $status`;
  return spawnSync('bash', ['-c', script], { cwd: folder, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8', timeout: 120_000 });
}

describe('a FIFO without a writer as an input', () => {
  it('validate names the scenario it waits for, then checks what arrives', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-fifo-scenario-'));
    const fifo = path.join(folder, 'scenario.yaml');
    const scenario = `name: from a pipe\npopulation: { customers: 200, purchasesPerYear: 6, meanTicket: 20 }\neconomics: { grossMargin: 0.3 }\nprograms:\n  - { name: '5% off', type: discount, discount: { percent: 0.05 } }\n`;
    const result = feedFifoWhenWaited(folder, fifo, scenario, ['validate', 'scenario.yaml']);
    expect(result.stderr).toBe('waiting for data on scenario.yaml...\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^scenario\.yaml: ok, scenario 'from a pipe'/);
  });

  it('run names the data file it waits for, relative to the working folder, then simulates', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-fifo-data-'));
    writeFileSync(
      path.join(folder, 'scenario.yaml'),
      `name: data from a pipe\ndata: { file: history.csv }\neconomics: { grossMargin: 0.3 }\niterations: 2\nprograms:\n  - { name: '5% off', type: discount, discount: { percent: 0.05 } }\n`,
    );
    const history = readSample();
    const result = feedFifoWhenWaited(folder, path.join(folder, 'history.csv'), history, ['run', 'scenario.yaml', '--json', '--no-progress', '--workers', '1', '--break-even', 'first-order']);
    expect(result.stderr).toBe('waiting for data on history.csv...\n');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ scenario: 'data from a pipe', inputs: { data: { file: 'history.csv' } } });
  });

  it('liability names the points ledger it waits for, then books it', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-fifo-ledger-'));
    const ledger = spawnSync('cat', [path.join(ROOT, 'test/cli/fixtures/liability/example-52.csv')], { encoding: 'utf8' }).stdout;
    const result = feedFifoWhenWaited(folder, path.join(folder, 'ledger.csv'), ledger, ['liability', 'ledger.csv', '--face-value', '1', '--format', 'csv']);
    expect(result.stderr).toBe('waiting for data on ledger.csv...\n');
    expect(result.status).toBe(0);
    const expected = spawnSync(process.execPath, [BIN, 'liability', path.join(ROOT, 'test/cli/fixtures/liability/example-52.csv'), '--face-value', '1', '--format', 'csv'], { encoding: 'utf8' });
    expect(result.stdout).toBe(expected.stdout);
  });

  it('a regular file is read without a notice', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-no-fifo-'));
    copyFileSync(POPULATION_SCENARIO, path.join(folder, 'scenario.yaml'));
    const result = spawnSync(process.execPath, [BIN, 'validate', 'scenario.yaml'], { cwd: folder, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });
});

function readSample(): string {
  return spawnSync('cat', [path.join(ROOT, 'scenarios/data/sample-retailer.csv')], { encoding: 'utf8' }).stdout;
}
