/**
 * docs/scaling.md cannot rot: its Kubernetes manifests and GitHub Actions workflow parse as YAML,
 * name the right commands and agree with each other (n shards, where the parts go and are read),
 * and their shell commands run against the built CLI (`npm run build` first), with fewer
 * iterations, in a temporary copy of the bundled scenarios.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { BIN, runCli } from '../helpers/run-cli.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const doc = readFileSync(path.join(ROOT, 'docs/scaling.md'), 'utf8');
const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]);

interface Container {
  command: string[];
  args: string[];
  workingDir: string;
  volumeMounts: { name: string; mountPath: string }[];
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  spec: {
    accessModes?: string[];
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    template?: { spec: { containers: Container[]; volumes: { name: string; persistentVolumeClaim: { claimName: string } }[] } };
  };
}
const manifests = yamlBlocks
  .filter((block) => /^kind: /m.test(block))
  .flatMap((block) => parseAllDocuments(block).map((document) => document.toJS() as Manifest));
const claim = manifests.find((manifest) => manifest.kind === 'PersistentVolumeClaim')!;
const jobs = manifests.filter((manifest) => manifest.kind === 'Job');
const shardJob = jobs.find((job) => job.spec.completionMode === 'Indexed')!;
const mergeJob = jobs.find((job) => job !== shardJob)!;
const script = (job: Manifest) => job.spec.template!.spec.containers[0].args.join(' ');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
const workflow = parse(yamlBlocks.find((block) => block.includes('jobs:')) ?? '') as {
  jobs: { shard: { strategy: { matrix: { shard: number[] } }; steps: Step[] }; merge: { needs: string; steps: Step[] } };
};

/** Run a shell command as a container or runner would (sh -c), with loyalty-sim the built CLI and 6 iterations. */
function shell(command: string, cwd: string, env: Record<string, string> = {}): string {
  const script = command.replaceAll('npx loyalty-sim ', 'loyalty-sim ').replaceAll('loyalty-sim ', `node ${JSON.stringify(BIN)} `).replace(/--iterations \d+/, '--iterations 6');
  const result = spawnSync('sh', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  expect(result.stderr).not.toMatch(/error|warning/i);
  expect(result.status).toBe(0);
  return result.stderr;
}

/** A temporary working folder with the bundled scenarios, and scenarios/my.yaml the default one. */
function workFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'loyalty-scaling-'));
  cpSync(path.join(ROOT, 'scenarios'), path.join(folder, 'scenarios'), { recursive: true });
  cpSync(path.join(ROOT, 'scenarios/default.yaml'), path.join(folder, 'scenarios/my.yaml'));
  return folder;
}

describe('docs/scaling.md, Kubernetes', () => {
  it('has a shared claim, an Indexed Job of n shards writing to it, and a merge Job reading it', () => {
    expect(claim.spec.accessModes).toEqual(['ReadWriteMany']);
    expect(shardJob.spec.completions).toBe(3);
    expect(shardJob.spec.parallelism).toBe(3);
    expect(script(shardJob)).toContain('loyalty-sim run ');
    expect(script(shardJob)).toContain(`--shard $((JOB_COMPLETION_INDEX + 1))/${shardJob.spec.completions}`);
    expect(script(shardJob)).toContain('-o parts/part-$((JOB_COMPLETION_INDEX + 1)).json');
    expect(script(mergeJob)).toMatch(/^loyalty-sim merge parts\/part-\*\.json /);
    for (const job of [shardJob, mergeJob]) {
      const { containers, volumes } = job.spec.template!.spec;
      expect(volumes[0].persistentVolumeClaim.claimName).toBe(claim.metadata.name);
      expect(containers[0].volumeMounts[0]).toEqual({ name: volumes[0].name, mountPath: containers[0].workingDir });
      expect(containers[0].command).toEqual(['sh', '-c']);
    }
    expect(doc).toContain(`kubectl wait --for=condition=complete --timeout=12h job/${shardJob.metadata.name}`);
  });

  it("runs the pods' commands: the merged report is the single run's", { timeout: 600_000 }, () => {
    const folder = workFolder();
    for (let index = 0; index < shardJob.spec.completions!; index++) shell(script(shardJob), folder, { JOB_COMPLETION_INDEX: String(index) });
    expect(shell(script(mergeJob), folder)).toBe('wrote report.html, report.json, metrics.csv, monthly.csv, ifrs15-roll-forward.csv to report\n');
    expect(readdirSync(path.join(folder, 'report')).sort()).toEqual(['ifrs15-roll-forward.csv', 'metrics.csv', 'monthly.csv', 'report.html', 'report.json']);
    const single = runCli(['run', 'scenarios/my.yaml', '--iterations', '6', '--break-even', 'first-order', '--json', '--no-progress'], { cwd: folder });
    expect(readFileSync(path.join(folder, 'report', 'report.json'), 'utf8')).toBe(single.stdout);
  });
});

describe('docs/scaling.md, GitHub Actions', () => {
  const shardSteps = workflow.jobs.shard.steps;
  const mergeSteps = workflow.jobs.merge.steps;
  const shardRun = shardSteps.find((step) => step.name === 'Simulate the shard')!.run!;
  const mergeRun = mergeSteps.find((step) => step.name === 'Merge the shards')!.run!;

  it('has a matrix over the shards uploading each part, and a merge job downloading them all', () => {
    const shards = workflow.jobs.shard.strategy.matrix.shard;
    expect(shards).toEqual([1, 2, 3]);
    expect(shardRun).toContain(`--shard \${{ matrix.shard }}/${shards.length} -o part-\${{ matrix.shard }}.json`);
    const upload = shardSteps.find((step) => step.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with).toMatchObject({ name: 'part-${{ matrix.shard }}', path: 'part-${{ matrix.shard }}.json' });
    expect(workflow.jobs.merge.needs).toBe('shard');
    const download = mergeSteps.find((step) => step.uses?.startsWith('actions/download-artifact@'))!;
    expect(download.with).toEqual({ pattern: 'part-*', path: 'parts', 'merge-multiple': true });
    expect(mergeRun).toMatch(/^npx loyalty-sim merge parts\/part-\*\.json /);
  });

  it("runs the jobs' commands, the parts where the download puts them", { timeout: 600_000 }, () => {
    const folder = workFolder();
    for (const shard of workflow.jobs.shard.strategy.matrix.shard) shell(shardRun.replaceAll('${{ matrix.shard }}', String(shard)), folder);
    // download-artifact with merge-multiple: every artifact's files in one folder.
    mkdirSync(path.join(folder, 'parts'));
    for (const file of readdirSync(folder).filter((name) => /^part-\d+\.json$/.test(name))) renameSync(path.join(folder, file), path.join(folder, 'parts', file));
    shell(mergeRun, folder);
    expect(readdirSync(path.join(folder, 'report'))).toContain('report.html');
  });
});
