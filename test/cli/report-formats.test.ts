/**
 * Golden files of every report format at a fixed seed, on a small scenario with tiers, points and
 * the sensitivity section (scenarios/airline-tiers.yaml, 24 iterations, seed 7): run's table, JSON,
 * CSV, Markdown and HTML, its --out-dir data files, and check's table, JSON and JUnit. A change
 * that moves a figure or a character shows here; regenerate with `npx vitest run
 * test/cli/report-formats.test.ts -u` only in a change meant to move them, and say so in its commit.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const SCENARIO = 'scenarios/airline-tiers.yaml';
const RUN = ['run', SCENARIO, '-n', '24', '-s', '7', '-w', '1', '--no-progress', '--sensitivity'];
const CHECK = ['check', SCENARIO, '-n', '24', '-s', '7', '-w', '1', '--no-progress', '--require', 'roi.p5>=-0.5', '--require', 'programs["Flat miles, no tiers"].breakageRate.p50<=0.4'];
const golden = (name: string) => path.join('fixtures', 'report-formats', name);

describe('report formats of run (golden files)', { timeout: 600_000 }, async () => {
  const folder = path.join(mkdtempSync(path.join(tmpdir(), 'formats-')), 'report');
  const outDir = await runCliInProcess([...RUN, '--out-dir', folder]);

  it('writes every file of --out-dir, and names them on stderr', () => {
    const files = ['report.html', 'report.json', 'metrics.csv', 'monthly.csv', 'ifrs15-roll-forward.csv'];
    expect(outDir.stderr).toBe(`wrote ${files.join(', ')} to ${folder}\n`);
    expect(outDir.status).toBe(0);
    expect(readdirSync(folder).sort()).toEqual([...files].sort());
  });

  it.each(['table', 'md'])('prints the %s report on stdout', async (format) => {
    const result = await runCliInProcess([...RUN, '--format', format]);
    expect(result.status).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot(golden(`run.${format === 'table' ? 'txt' : format}`));
  });

  it('writes the out-dir files as recorded', async () => {
    for (const file of readdirSync(folder)) await expect(readFileSync(path.join(folder, file), 'utf8')).toMatchFileSnapshot(golden(`run-out-dir/${file}`));
  });
});

describe('report formats of check (golden files)', { timeout: 600_000 }, () => {
  it.each(['table', 'json', 'junit'])('prints the %s verdicts', async (format) => {
    const result = await runCliInProcess([...CHECK, '--format', format]);
    expect(result.status).toBe(1);
    await expect(result.stdout).toMatchFileSnapshot(golden(`check.${{ table: 'txt', json: 'json', junit: 'xml' }[format]}`));
  });
});

describe("the README's Markdown memo", { timeout: 600_000 }, () => {
  it('is what `run --format md -n 200` prints for the bundled scenario', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const memo = /loyalty-sim run --format md -n 200`[^]*?```markdown\n([^]*?)```\n/.exec(readme);
    expect(memo, 'the memo block after its command in the README').not.toBeNull();
    const result = await runCliInProcess(['run', '--format', 'md', '-n', '200', '--no-progress']);
    expect(result.status).toBe(0);
    expect(memo![1]).toBe(result.stdout);
  });
});
