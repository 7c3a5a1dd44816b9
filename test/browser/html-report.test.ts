/**
 * The HTML report of `run` in a real browser (Debian's chromium driven by playwright-core): it
 * loads from a file without any other request, without console or page errors, every chart draws
 * marks of non-zero size, and screenshots at laptop and phone size go to test-output/.
 * Chromium must be installed at /usr/bin/chromium (.ci/run installs it); without it the test fails.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { loadScenario } from '../../src/config/load.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { renderToString } from '../../src/report/reporter.js';
import { runReporter } from '../../src/report/reporters.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUTPUT = path.resolve('test-output');
const VIEWPORTS = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Each chart as the page lays it out: its SVG's size, and how many of its marks have a non-zero bounding box. */
interface ChartInPage {
  id: string | null;
  svgWidth: number;
  svgHeight: number;
  visibleMarks: number;
}
const CHARTS_IN_PAGE = `[...document.querySelectorAll('figure.chart')].map((figure) => {
  const box = figure.querySelector('svg')?.getBoundingClientRect();
  const marks = [...figure.querySelectorAll('svg [class^="mark-"] path, svg [class^="mark-"] line')].filter((mark) => {
    const rect = mark.getBoundingClientRect();
    return rect.width > 0 || rect.height > 0;
  });
  return { id: figure.getAttribute('data-chart'), svgWidth: box?.width ?? 0, svgHeight: box?.height ?? 0, visibleMarks: marks.length };
})`;

let browser: Browser;
let folder: string;
let reportFile: string;
let reportUrl: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`the browser test needs chromium at ${CHROMIUM} (Debian: apt-get install chromium); it is not installed`);
  const report = await runScenario(await loadScenario('scenarios/airline-tiers.yaml'), { iterations: 40, seed: 7, workers: 1, sensitivity: true });
  folder = await mkdtemp(path.join(os.tmpdir(), 'html-report-'));
  reportFile = path.join(folder, 'report.html');
  await writeFile(reportFile, await renderToString(runReporter('html'), report));
  reportUrl = pathToFileURL(reportFile).href;
  await mkdir(OUTPUT, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 120_000 });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

describe.each(VIEWPORTS)('the HTML report in chromium at $width x $height', (viewport) => {
  it('loads alone, without errors, and every chart draws visible marks', async () => {
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
    try {
      await page.goto(reportUrl, { waitUntil: 'load', timeout: 120_000 });
      expect(requests).toEqual([reportUrl]);
      expect(errors).toEqual([]);

      // Run in the page (a string, as the test is compiled without the DOM's types).
      const charts: ChartInPage[] = await page.evaluate(CHARTS_IN_PAGE);
      expect(charts.map((chart) => chart.id)).toEqual(['profit-distribution', 'cumulative-profit', 'members', 'points-outstanding', 'liability', 'tornado-1', 'tornado-2', 'evppi', 'tiers-1']);
      for (const chart of charts) {
        expect(chart.svgWidth, chart.id!).toBeGreaterThan(300);
        expect(chart.svgHeight, chart.id!).toBeGreaterThan(100);
        expect(chart.visibleMarks, chart.id!).toBeGreaterThan(0);
      }
      // Nothing widens the page itself: wide tables and charts scroll inside their own box.
      const pageWidth: number = await page.evaluate('document.documentElement.scrollWidth');
      expect(pageWidth).toBeLessThanOrEqual(viewport.width);

      await page.screenshot({ path: path.join(OUTPUT, `html-report-${viewport.name}.png`), fullPage: true, timeout: 120_000 });
      expect(requests).toEqual([reportUrl]);
    } finally {
      await context.close();
    }
  }, 300_000);
});
