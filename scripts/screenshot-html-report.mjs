#!/usr/bin/env node
/**
 * Makes docs/images/html-report.png, the README's picture of the HTML report: the top of the
 * report of the bundled default scenario (scenarios/default.yaml, 200 iterations, seed 1), 1200
 * px wide at a device scale factor of 1, taken with Debian's chromium (/usr/bin/chromium) through
 * playwright-core. Run it after `npm run build`:
 *
 *   node scripts/screenshot-html-report.mjs [output.png]
 *
 * The report is built with runScenario and rendered with runReporter('html'), as
 * `loyalty-sim run scenarios/default.yaml --format html -o report.html` writes it.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { loadScenario } from '../dist/config/load.js';
import { runScenario } from '../dist/run/run-scenario.js';
import { renderToString } from '../dist/report/reporter.js';
import { runReporter } from '../dist/report/reporters.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const output = path.resolve(process.argv[2] ?? path.join(root, 'docs/images/html-report.png'));
const WIDTH = 1200;
const HEIGHT = 1300;

const report = await runScenario(await loadScenario(path.join(root, 'scenarios/default.yaml')), { iterations: 200, seed: 1 });
const folder = await mkdtemp(path.join(os.tmpdir(), 'html-report-'));
const file = path.join(folder, 'report.html');
await writeFile(file, await renderToString(runReporter('html'), report));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(file).href);
  await mkdir(path.dirname(output), { recursive: true });
  await page.screenshot({ path: output, clip: { x: 0, y: 0, width: WIDTH, height: HEIGHT } });
  console.log(`wrote ${path.relative(process.cwd(), output)}`);
} finally {
  await browser.close();
  await rm(folder, { recursive: true, force: true });
}
