/**
 * docs/ci.md cannot rot: the shell commands of its GitHub Actions workflow run against the built
 * CLI (`npm run build` first) in a temporary copy of the bundled scenarios, as the runner would run
 * them, and the JUnit files they write are the ones the publishing step reads.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, runCli } from '../helpers/run-cli.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const doc = readFileSync(path.join(ROOT, 'docs/ci.md'), 'utf8');
const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]);

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
const workflowText = yamlBlocks.find((block) => block.includes('jobs:'));
const workflow = parse(workflowText ?? '') as { on: unknown; jobs: Record<string, { steps: Step[] }> };
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

describe('docs/ci.md', () => {
  it('has a workflow on pull requests that validates, checks and publishes the JUnit files', () => {
    expect(workflow.on).toHaveProperty('pull_request');
    expect(steps.map((step) => step.name ?? step.uses)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'Install loyalty-sim',
      'Validate every scenario and program file',
      'Check the guardrails',
      'Publish the verdicts',
    ]);
  });

  it("runs the workflow's commands: exit 0, a JUnit file per scenario with guardrails, where the publishing step reads them", { timeout: 600_000 }, () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'loyalty-ci-'));
    cpSync(path.join(ROOT, 'scenarios'), path.join(folder, 'scenarios'), { recursive: true });
    // The install step (npm ci) gives the repository's loyalty-sim; here it is the built CLI.
    const commands = steps.filter((step) => step.run !== undefined && step.name !== 'Install loyalty-sim').map((step) => step.run!);
    expect(commands).toHaveLength(2);
    for (const command of commands) {
      expect(command).toContain('npx loyalty-sim ');
      // As GitHub's runner runs a `run:` step: bash -e -o pipefail.
      const script = command.replaceAll('npx loyalty-sim ', `node ${JSON.stringify(BIN)} `);
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
        cwd: folder,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
    const publish = steps.find((step) => step.name === 'Publish the verdicts')!;
    expect(publish.uses).toMatch(/^mikepenz\/action-junit-report@/);
    expect(publish.with?.report_paths).toBe('reports/*.xml');

    // Every bundled scenario with guardrails gave a report: today scenarios/default.yaml.
    const withGuardrails = readdirSync(path.join(ROOT, 'scenarios'))
      .filter((name) => name.endsWith('.yaml') && /^guardrails:/m.test(readFileSync(path.join(ROOT, 'scenarios', name), 'utf8')))
      .map((name) => name.replace(/\.yaml$/, '.xml'));
    expect(withGuardrails).toContain('default.xml');
    expect(readdirSync(path.join(folder, 'reports')).sort()).toEqual(withGuardrails.sort());
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: true }).parse(
      readFileSync(path.join(folder, 'reports', 'default.xml'), 'utf8'),
    );
    // scenarios/default.yaml: marginErosion.p95 for both programs, breakageRate.p50 for the points.
    expect(junit.testsuites).toMatchObject({ tests: 3, failures: 0, skipped: 0 });
    expect(junit.testsuites.testsuite.properties.property).toContainEqual({ name: 'iterations', value: 200 });
  });

  it('its guardrails example is valid in a scenario', () => {
    const example = yamlBlocks.find((block) => block.startsWith('guardrails:'));
    expect(example).toBeDefined();
    const folder = mkdtempSync(path.join(os.tmpdir(), 'loyalty-ci-'));
    cpSync(path.join(ROOT, 'scenarios'), path.join(folder, 'scenarios'), { recursive: true });
    const scenario = readFileSync(path.join(ROOT, 'scenarios/default.yaml'), 'utf8').replace(/^guardrails:[\s\S]*$/m, example!);
    const file = path.join(folder, 'scenarios', 'example.yaml');
    writeFileSync(file, scenario);
    const result = runCli(['validate', '--no-data', file]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
