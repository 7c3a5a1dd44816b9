/**
 * `run --shard k/n` and `merge`: the shards of a run merged give the report of the run simulated
 * at once, byte for byte, in JSON and as the table (break-even to first order, the design of
 * run/shards.ts); shards of different runs, duplicated or missing ones are refused with exit 2.
 * Runs the built CLI (`npm run build` first).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-shards-'));
const part = (name: string) => path.join(folder, name);

/** Write shard k/n of the scenario's run with `iterations`, with k workers (the output does not depend on them). */
function writeShard(scenario: string, iterations: number, k: number, n: number, prefix: string, extra: string[] = []): string {
  const file = part(`${prefix}-${k}.json`);
  const result = runCli(['run', scenario, '--iterations', String(iterations), '--shard', `${k}/${n}`, '-o', file, '--workers', String(k), '--no-progress', ...extra]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return file;
}

/** Write shards 1..n. */
function writeShards(scenario: string, iterations: number, n: number, prefix: string): string[] {
  return Array.from({ length: n }, (_, k) => writeShard(scenario, iterations, k + 1, n, prefix));
}

describe('3 shards of the default scenario merged', () => {
  let parts: string[];
  beforeAll(() => {
    parts = writeShards('scenarios/default.yaml', 14, 3, 'default');
  }, 300_000);

  it('give the JSON report of the single run, byte for byte', { timeout: 300_000 }, () => {
    const single = runCli(['run', 'scenarios/default.yaml', '--iterations', '14', '--break-even', 'first-order', '--json', '--no-progress', '--workers', '2']);
    // In another order than k: merge orders them.
    const merged = runCli(['merge', parts[2], parts[0], parts[1], '--json']);
    expect(merged.stderr).toBe('');
    expect(merged.status).toBe(0);
    expect(merged.stdout).toBe(single.stdout);
    const report = JSON.parse(merged.stdout) as { iterations: number; settings: { breakEvenMethod: string } };
    expect(report.iterations).toBe(14);
    expect(report.settings.breakEvenMethod).toBe('first-order');
  });

  it('give the table and the Markdown memo of the single run, byte for byte', { timeout: 300_000 }, () => {
    const single = runCli(['run', 'scenarios/default.yaml', '--iterations', '14', '--break-even', 'first-order', '--no-progress', '-o', part('single.md')]);
    expect(single.status).toBe(0);
    const singleTable = runCli(['run', 'scenarios/default.yaml', '--iterations', '14', '--break-even', 'first-order', '--no-progress']);
    const table = runCli(['merge', ...parts]);
    expect(table.status).toBe(0);
    expect(table.stdout).toBe(singleTable.stdout);
    expect(runCli(['merge', ...parts, '-o', part('merged.md')]).status).toBe(0);
    expect(readFileSync(part('merged.md'), 'utf8')).toBe(readFileSync(part('single.md'), 'utf8'));
  });

  it('each shard holds its contiguous block of the iterations: 0..4, 4..9, 9..14', () => {
    const blocks = parts.map((file) => (JSON.parse(readFileSync(file, 'utf8')) as { block: unknown }).block);
    expect(blocks).toEqual([
      { first: 0, end: 4 },
      { first: 4, end: 9 },
      { first: 9, end: 14 },
    ]);
  });

  it('refuses a missing shard, naming it and the files given', () => {
    const result = runCli(['merge', parts[0], parts[2]]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`shard 2/3 missing (given: 1/3 in ${parts[0]}, 3/3 in ${parts[2]})`);
  });

  it('refuses a shard given twice', () => {
    const copy = part('default-1-copy.json');
    writeFileSync(copy, readFileSync(parts[0]));
    const result = runCli(['merge', ...parts, copy]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${parts[0]} and ${copy} are both shard 1/3`);
  });

  it('refuses shards of another seed, another scenario, another tool version or another n', { timeout: 300_000 }, () => {
    const otherSeed = writeShard('scenarios/default.yaml', 14, 2, 3, 'seed7', ['--seed', '7']);
    const seed = runCli(['merge', parts[0], otherSeed, parts[2]]);
    expect(seed.status).toBe(2);
    expect(seed.stderr).toContain(`${parts[0]} and ${otherSeed} are not shards of one run: their seed differs (42 vs 7)`);

    const otherScenario = writeShard('scenarios/population-only.yaml', 14, 2, 3, 'cafe', ['--seed', '42']);
    const scenario = runCli(['merge', parts[0], otherScenario, parts[2]]);
    expect(scenario.status).toBe(2);
    expect(scenario.stderr).toMatch(/are not shards of one run: their (data file \(SHA-256\)|scenario \(content hash\)) differs/);

    const shard = JSON.parse(readFileSync(parts[1], 'utf8')) as { identity: { tool: { version: string } } };
    shard.identity.tool.version = '0.0.1';
    const older = part('older-2.json');
    writeFileSync(older, JSON.stringify(shard));
    const version = runCli(['merge', parts[0], older, parts[2]]);
    expect(version.status).toBe(2);
    expect(version.stderr).toMatch(/their tool version differs \(loyalty-sim \S+ vs loyalty-sim 0\.0\.1\)/);

    const half = writeShard('scenarios/default.yaml', 14, 1, 2, 'half');
    const count = runCli(['merge', parts[0], half]);
    expect(count.status).toBe(2);
    expect(count.stderr).toContain('their number of shards differs (3 vs 2)');
  });

  it('refuses a file that is not a shard', () => {
    const report = part('report.json');
    writeFileSync(report, '{"schemaVersion": 5}');
    const result = runCli(['merge', report]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${report}: not a shard file`);
  });
});

describe('shards of a points program with tiers (airline-tiers: tiered and bonus, breakdown by tier)', () => {
  it('merged give the JSON report of the single run, byte for byte', { timeout: 300_000 }, () => {
    const parts = writeShards('scenarios/airline-tiers.yaml', 7, 3, 'tiers');
    const merged = runCli(['merge', ...parts, '--json']);
    expect(merged.status).toBe(0);
    const single = runCli(['run', 'scenarios/airline-tiers.yaml', '--iterations', '7', '--break-even', 'first-order', '--json', '--no-progress']);
    expect(merged.stdout).toBe(single.stdout);
    const report = JSON.parse(merged.stdout) as { programs: { type: string; breakdown?: unknown[]; points?: unknown }[] };
    expect(report.programs.map((program) => program.type)).toEqual(['tiered', 'bonus']);
    expect(report.programs[0].breakdown?.length).toBeGreaterThan(0);
    expect(report.programs[0].points).toBeDefined();
  });
});

describe('run --shard refuses what needs the whole run', () => {
  it.each([
    [['--sensitivity'], '--sensitivity cannot be split into shards'],
    [['--break-even', 're-simulated'], 'the re-simulated break-even cannot be split into shards'],
    [['--target-error', '500'], '--target-error cannot be split into shards'],
    [['--format', 'table'], '--shard writes a shard file, not a report, so --format does not apply'],
  ])('%j', (extra, message) => {
    const iterations = extra[0] === '--target-error' ? [] : ['--iterations', '6'];
    const result = runCli(['run', ...iterations, '--shard', '1/2', '-o', part('refused.json'), '--no-progress', ...extra]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('more shards than iterations, and a shard that is not k/n', () => {
    const many = runCli(['run', '--iterations', '2', '--shard', '1/3', '-o', part('refused.json'), '--no-progress']);
    expect(many.status).toBe(2);
    expect(many.stderr).toContain('3 shards are more than the run\'s 2 iterations');
    for (const text of ['0/3', '4/3', '1', 'a/b']) {
      const bad = runCli(['run', '--shard', text, '--no-progress']);
      expect(bad.status, text).toBe(2);
      expect(bad.stderr).toContain(`'${text}' is not a shard k/n`);
    }
  });
});
