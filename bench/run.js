#!/usr/bin/env node
// Benchmark runner: `npm run bench [-- name ...]` runs every bench/*.bench.js (or the named ones),
// each in its own child process so that its peak memory (max RSS) is measured on its own.
// A bench module exports `async function run(log)` returning an object of figures to print.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

if (process.env.LOYALTY_SIM_BENCH_CHILD) {
  const mod = await import(path.join(here, process.env.LOYALTY_SIM_BENCH_CHILD));
  const figures = await mod.run((line) => process.stderr.write(`  ${line}\n`));
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ...figures, peakRssMiB: Math.round(peakRssMiB) }) + '\n');
} else {
  const benches = readdirSync(here)
    .filter((f) => f.endsWith('.bench.js'))
    .filter((f) => only.length === 0 || only.includes(f.replace(/\.bench\.js$/, '')))
    .sort();
  let failed = false;
  for (const file of benches) {
    process.stderr.write(`${file.replace(/\.bench\.js$/, '')}\n`);
    const child = spawnSync(process.execPath, ['--max-old-space-size=8192', fileURLToPath(import.meta.url)], {
      env: { ...process.env, LOYALTY_SIM_BENCH_CHILD: file },
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    if (child.status !== 0) {
      failed = true;
      process.stderr.write(`  failed with exit code ${child.status}\n`);
      continue;
    }
    const figures = JSON.parse(child.stdout.trim().split('\n').pop());
    process.stdout.write(`${file.replace(/\.bench\.js$/, '')}\n`);
    for (const [name, value] of Object.entries(figures)) process.stdout.write(`  ${name}: ${value}\n`);
  }
  process.exitCode = failed ? 1 : 0;
}
