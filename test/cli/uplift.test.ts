import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'loyalty-uplift-'));
const history = path.join(dir, 'history.csv');
const members = path.join(dir, 'members.csv');

async function generateHistory(): Promise<void> {
  const result = await runCliInProcess([
    'generate', '--customers', '3000', '--start', '2023-01-01', '--end', '2025-12-31', '--seed', '4', '--bgnbd', 'r=1.5,alpha=10,a=0.5,b=20',
    '--program-members', '0.3', '--self-selection', '2', '--frequency-uplift', '0.15', '--launch', '2024-01-01', '--out', history, '--members-out', members,
  ]);
  expect(result.status).toBe(0);
}

describe('loyalty-sim uplift', () => {
  it('reports the estimate with its interval, the naive difference, balance and event study; JSON has the same numbers', async () => {
    await generateHistory();
    const table = await runCliInProcess(['uplift', history, '--members', members]);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/purchase frequency\s+[+-]\d+\.\d%\s+[+-]\d+\.\d% to [+-]\d+\.\d%/);
    expect(table.stdout).toMatch(/naive: members buy \+\d+\.\d% more often than non-members/);
    expect(table.stdout).toContain('balance (standardised mean difference)');
    const json = await runCliInProcess(['uplift', history, '--members', members, '--format', 'json']);
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(table.stdout).toContain(`${(report.frequencyUplift.estimate * 100).toFixed(1)}%`);
    expect(report.frequencyUplift.low).toBeLessThan(report.frequencyUplift.estimate);
    expect(report.naiveFrequencyDifference).toBeGreaterThan(report.frequencyUplift.high);
    expect(report.eventStudy).toHaveLength(12);
    expect(report.membersListed).toBe(readFileSync(members, 'utf8').trimEnd().split('\n').length - 1);
  }, 60_000);

  it('--effects-out writes an effects block that validate accepts in a program', async () => {
    await generateHistory();
    const effects = path.join(dir, 'effects.yaml');
    const result = await runCliInProcess(['uplift', history, '--members', members, '--effects-out', effects]);
    expect(result.status).toBe(0);
    const block = readFileSync(effects, 'utf8');
    const report = JSON.parse((await runCliInProcess(['uplift', history, '--members', members, '--json'])).stdout);
    const sd = (report.frequencyUplift.high - report.frequencyUplift.low) / (2 * 1.6448536269514722);
    expect(block).toContain(`frequencyUplift: normal(${Number(report.frequencyUplift.estimate.toFixed(4))}, ${Number(sd.toFixed(4))}, -0.99, 10)`);
    const scenario = readFileSync('scenarios/coffee-shop.yaml', 'utf8');
    const indented = block.split('\n').filter((line) => line.startsWith('  ')).map((line) => `    ${line}`).join('\n');
    const pasted = scenario.replace('    effects:\n      frequencyUplift: pert(0, 0.03, 0.08)\n', `    effects:\n${indented}\n`);
    expect(pasted).not.toBe(scenario);
    const file = path.join(dir, 'with-effects.yaml');
    writeFileSync(file, pasted);
    const validated = await runCliInProcess(['validate', file]);
    expect(validated.stderr).toBe('');
    expect(validated.status).toBe(0);
  }, 60_000);

  it('bad members files: exit 2 with file:line', async () => {
    await generateHistory();
    const noColumn = path.join(dir, 'no-column.csv');
    writeFileSync(noColumn, 'customer_id,date\nC0001,2024-05-01\n');
    const missing = await runCliInProcess(['uplift', history, '--members', noColumn]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`${noColumn}:1: missing required column 'joined'`);
    const badDate = path.join(dir, 'bad-date.csv');
    writeFileSync(badDate, 'customer_id,joined\nC0001,2024-05-01\nC0002,May 5\n');
    const bad = await runCliInProcess(['uplift', history, '--members', badDate]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`${badDate}:3: column 'joined': 'May 5' is not a date`);
  }, 60_000);

  it('members absent from the history are counted and warned about, not fatal', async () => {
    await generateHistory();
    const extra = path.join(dir, 'extra-members.csv');
    writeFileSync(extra, `${readFileSync(members, 'utf8')}X1,2024-06-01\nX2,2024-06-02\n`);
    const result = await runCliInProcess(['uplift', history, '--members', extra, '--json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`warning: 2 of `);
    expect(result.stderr).toContain(`members in ${extra} are not in ${history}; they are left out`);
    expect(JSON.parse(result.stdout).membersAbsent).toBe(2);
  }, 60_000);
});
