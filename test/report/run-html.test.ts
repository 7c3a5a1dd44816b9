import { beforeAll, describe, expect, it } from 'vitest';
import { sampleReports } from './sample-reports.js';
import { renderToString } from '../../src/report/reporter.js';
import { runReporter } from '../../src/report/reporters.js';
import { escapeHtml } from '../../src/report/run-html.js';
import { programVerdicts } from '../../src/report/verdict.js';
import { formatValue } from '../../src/report/format-number.js';
import type { SimulationReport } from '../../src/report/report-model.js';

/** Each chart of the page by its id: the figure's inner HTML. */
function figures(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<figure id="chart-([^"]+)"[^>]*>(.*?)<\/figure>/gs)].map((match) => [match[1], match[2]]));
}

/** The drawn items (SVG paths) of the mark groups of one kind (rect, line, area, symbol, rule) in a chart's SVG. */
function markItems(svg: string, kind: string): number {
  let items = 0;
  for (const group of svg.matchAll(new RegExp(`<g class="mark-${kind} role-mark[^"]*"[^>]*>(.*?)</g>`, 'gs'))) items += (group[1].match(/<(path|line)\b/g) ?? []).length;
  return items;
}

/** The table row of a metric. */
function tableRow(html: string, key: string): string {
  const match = html.match(new RegExp(`<tr[^>]*data-row="${key}"[^>]*>(.*?)</tr>`, 's'));
  if (match === null) throw new Error(`no table row ${key}`);
  return match[1];
}

const render = (report: SimulationReport) => renderToString(runReporter('html'), report);

let airline: SimulationReport;
let airlineHtml: string;
let retail: SimulationReport;
let retailHtml: string;

beforeAll(async () => {
  ({ airline, retailer: retail } = await sampleReports());
  airlineHtml = await render(airline);
  retailHtml = await render(retail);
}, 300_000);

describe('the HTML report of run', () => {
  it('has every chart as an SVG with marks: with sensitivity, points and tiers', () => {
    const charts = figures(airlineHtml);
    expect([...charts.keys()]).toEqual(['profit-distribution', 'cumulative-profit', 'members', 'points-outstanding', 'liability', 'tornado-1', 'tornado-2', 'evppi', 'tiers-1']);
    for (const [id, figure] of charts) {
      expect(figure, id).toMatch(/<svg [^>]*viewBox="0 0 \d+ \d+"/);
      expect(markItems(figure, 'rect') + markItems(figure, 'line') + markItems(figure, 'area') + markItems(figure, 'symbol'), id).toBeGreaterThan(0);
    }
    // One bar per histogram bin of every program.
    const bins = airline.programs.reduce((sum, program) => sum + program.profitHistogram.counts.length, 0);
    expect(markItems(charts.get('profit-distribution')!, 'rect')).toBe(bins);
    // A tornado has two bars (P10 and P90) per assumption it shows.
    expect(markItems(charts.get('tornado-1')!, 'rect')).toBe(2 * Math.min(10, airline.sensitivity!.tornado[0].bars.length));
    // The tiers chart has one area per tier.
    expect(markItems(charts.get('tiers-1')!, 'area')).toBe(airline.programs[0].breakdown!.length);
  });

  it('without sensitivity says how to get it, and draws the points charts for the points program only', () => {
    const charts = figures(retailHtml);
    expect([...charts.keys()]).toEqual(['profit-distribution', 'cumulative-profit', 'members', 'points-outstanding', 'liability']);
    expect(retailHtml).toContain('<code>--sensitivity</code>');
    expect(retailHtml).not.toContain('id="chart-tornado');
    // Points outstanding: one line, of the one program with points.
    expect(retail.programs.filter((program) => program.points !== undefined)).toHaveLength(1);
    expect(markItems(charts.get('points-outstanding')!, 'line')).toBe(1);
  });

  it('marks the payback month when at least half the iterations pay back, else says how few do, or that none does', async () => {
    const program = airline.programs[0];
    const chance = program.metrics.probabilityOfPayback.mean;
    expect(chance).toBeGreaterThan(0);
    expect(chance).toBeLessThan(0.5);
    const few = figures(airlineHtml).get('cumulative-profit')!;
    expect(few).toContain(`pays back within the horizon in only ${formatValue(chance, 'probability')} of the iterations (not marked)`);
    expect(few).not.toContain('median payback: month');
    // The same report with most iterations paying back at month 10 (median): marked.
    const paying = { ...program, metrics: { ...program.metrics, probabilityOfPayback: { ...program.metrics.probabilityOfPayback, mean: 0.8 }, paybackMonth: { ...program.metrics.paybackMonth, p50: 10 } } };
    const most = figures(await render({ ...airline, programs: [paying, ...airline.programs.slice(1)] })).get('cumulative-profit')!;
    expect(most).toContain('pays back in 80.0% of the iterations, at month 10.0 in the median of those (marked ◆)');
    expect(most).toContain('median payback: month 10');
    expect(markItems(most, 'symbol')).toBeGreaterThan(markItems(few, 'symbol'));
    for (const retailProgram of retail.programs) expect(retailProgram.metrics.probabilityOfPayback.mean).toBe(0);
    expect(figures(retailHtml).get('cumulative-profit')).toContain(`<strong>${escapeHtml(retail.programs[0].name)}</strong>: no payback within the horizon`);
  });

  it('states each program\'s verdict', () => {
    for (const [k, verdict] of programVerdicts(airline).entries()) {
      const name = airline.programs[k].name;
      expect(verdict.startsWith(`${name}: `)).toBe(true);
      expect(airlineHtml).toContain(`<strong>${escapeHtml(name)}</strong>: ${escapeHtml(verdict.slice(name.length + 2))}.</li>`);
    }
  });

  it('shows the table figures as the report has them', () => {
    const profit = airline.programs[1].metrics.incrementalProfit;
    const row = tableRow(airlineHtml, 'incrementalProfit');
    const cells = [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1]);
    expect(cells[0]).toBe('Incremental profit');
    expect(cells[3]).toBe(formatValue(profit.mean, 'money'));
    expect(cells[4]).toBe(`${formatValue(profit.p5, 'money')} .. ${formatValue(profit.p95, 'money')}`);
    const breakEven = tableRow(airlineHtml, 'frequencyUplift');
    expect(breakEven).toContain(`<td>${formatValue(airline.programs[0].breakEven.frequencyUplift!, 'share')}</td>`);
    // The settings line.
    expect(airlineHtml).toContain(`4,000 customers · 2 years · 40 iterations · seed 7 · money in EUR · loyalty-sim ${airline.tool.version}`);
  });

  it('lists every assumption as drawn', () => {
    const rows = airlineHtml.slice(airlineHtml.indexOf('id="assumptions"'), airlineHtml.indexOf('id="warnings"')).match(/<tr><td class="label">/g) ?? [];
    expect(rows).toHaveLength(airline.assumptions.length);
    const margin = airline.assumptions.find((assumption) => assumption.name === 'economics.grossMargin')!;
    expect(airlineHtml).toContain(`<code>${margin.distribution}</code></td><td>${margin.drawn.mean.toPrecision(4)}</td>`);
  });

  it('refers to nothing outside the file: no URL but the SVG namespaces, no script, no stylesheet link', () => {
    for (const html of [airlineHtml, retailHtml]) {
      const urls = new Set(html.match(/https?:\/\/[^\s"'<>)]*/g) ?? []);
      expect([...urls].sort()).toEqual(['http://www.w3.org/1999/xlink', 'http://www.w3.org/2000/svg']);
      expect(html).not.toMatch(/<script|<link|@import|url\(/i);
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    }
  });

  it('escapes the names the user gives, in the page and in the charts', async () => {
    const name = '<b>&"x"';
    const report: SimulationReport = {
      ...retail,
      scenario: '<i>Shop</i> & co',
      programs: retail.programs.map((program, k) => (k === 0 ? { ...program, name } : program)),
      assumptions: retail.assumptions.map((assumption) => ({ ...assumption, description: `${assumption.description} <u>'` })),
    };
    const html = await render(report);
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<i>');
    expect(html).not.toContain('<u>');
    expect(html).toContain('<title>&lt;i&gt;Shop&lt;/i&gt; &amp; co</title>');
    expect(html).toContain('<strong>&lt;b&gt;&amp;&quot;x&quot;</strong>:');
    // The chart legends have the name as SVG text, escaped by the SVG renderer.
    expect(figures(html).get('members')).toContain('&lt;b&gt;&amp;');
  });
});
