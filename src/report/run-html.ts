/**
 * `run --format html`: the report as one self-contained HTML5 document to open in a browser, print
 * or send: the verdicts, the comparison table (the terminal table's rows), charts of the
 * distribution and of the months (inline SVG rendered by charts.ts), the assumptions as drawn, the
 * warnings and the method in plain words. Inline CSS and SVG only: no script, no font, no URL.
 */
import { precisionSentence } from './precision-text.js';
import type { ProgramReport, SimulationReport } from './report-model.js';
import type { Reporter } from './reporter.js';
import { programVerdicts } from './verdict.js';
import { formatSignificant, formatValue, NOT_APPLICABLE } from './format-number.js';
import { breakEvenCell, tableRowSources, type TableRowSource } from './table-reporter.js';
import {
  breakdownPrograms,
  cumulativeProfitSpec,
  evppiSpec,
  liabilitySpec,
  markedPaybackMonth,
  membersSpec,
  pointsOutstandingSpec,
  pointsPrograms,
  profitDistributionSpec,
  renderChartSvg,
  tierMembersSpec,
  tornadoSpec,
  type ChartSpec,
} from './charts.js';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in HTML content and in a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

const STYLE = `
:root { --ink: #1d2330; --muted: #5b6475; --rule: #d9dde5; --panel: #ffffff; --page: #f4f5f8; --accent: #0b4f8a; --loss: #b3261e; --gain: #1b6e3a; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--page); color: var(--ink); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 48px; }
header h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 6px; }
header .eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: .78rem; color: var(--accent); font-weight: 600; margin: 0 0 4px; }
.settings { color: var(--muted); margin: 0; }
section { background: var(--panel); border: 1px solid var(--rule); border-radius: 8px; padding: 18px 22px; margin: 18px 0; box-shadow: 0 1px 2px rgba(20, 30, 50, .06); }
h2 { font-size: 1.25rem; margin: 0 0 10px; }
h3 { font-size: 1.05rem; margin: 18px 0 6px; }
p { margin: 8px 0; }
.note { color: var(--muted); font-size: .92rem; }
ul.verdicts { list-style: none; padding: 0; margin: 0; }
ul.verdicts li { border-left: 5px solid var(--accent); padding: 8px 12px; margin: 10px 0; background: #f7f9fc; }
ul.verdicts li.loss { border-left-color: var(--loss); }
ul.verdicts li.gain { border-left-color: var(--gain); }
.table-box { overflow-x: auto; -webkit-overflow-scrolling: touch; border: 1px solid var(--rule); border-radius: 6px; margin: 10px 0; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--rule); text-align: right; vertical-align: top; white-space: nowrap; }
th.label, td.label { text-align: left; white-space: normal; min-width: 11em; position: sticky; left: 0; background: var(--panel); box-shadow: 1px 0 0 var(--rule); }
thead th.label { background: #eef1f6; }
td.label.sub { padding-left: 26px; color: var(--muted); }
thead th[colspan] { text-align: center; border-left: 1px solid var(--rule); }
thead th { background: #eef1f6; font-weight: 600; vertical-align: bottom; }
thead th .type { display: block; font-weight: normal; color: var(--muted); font-size: .85em; }
td.interval { color: var(--muted); }
td.text { text-align: left; white-space: normal; }
td.text code { white-space: nowrap; overflow-wrap: normal; }
td.loss { color: var(--loss); font-weight: 600; }
td.gain { color: var(--gain); font-weight: 600; }
tbody tr:last-child td { border-bottom: none; }
tr.key td, tr.key td.label { background: #fbfbf3; }
th.text { text-align: left; }
figure { margin: 14px 0 22px; }
figure .chart-box { overflow-x: auto; -webkit-overflow-scrolling: touch; }
figure svg { display: block; width: 100%; height: auto; max-width: 760px; min-width: 460px; }
figcaption { color: var(--muted); font-size: .92rem; margin-top: 4px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; overflow-wrap: anywhere; }
ul.warnings li { margin: 6px 0; }
footer { color: var(--muted); font-size: .85rem; text-align: center; }
@media (max-width: 600px) {
  main { padding: 14px 10px 32px; }
  section { padding: 14px 12px; border-radius: 6px; }
  header h1 { font-size: 1.35rem; }
  body { font-size: 15px; }
  th, td { padding: 5px 8px; }
}
/* Below about 505 px the charts (at least 460 px wide, inside 44 px of padding) scroll sideways: say so. */
@media screen and (max-width: 504px) {
  figure .chart-box + figcaption::before { content: 'Swipe the chart sideways to see all of it. '; font-style: italic; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { background: none; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  section { box-shadow: none; border: none; border-radius: 0; padding: 0; margin: 0 0 8mm; background: none; }
  ul.verdicts li, thead th, tr.key td { background: none; }
  .table-box { overflow: visible; border: none; }
  table { font-size: 8.5pt; }
  th, td { white-space: normal; padding: 3px 5px; }
  figure, table, tr, ul.verdicts li { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure svg { max-width: 170mm; min-width: 0; }
  figure .chart-box { overflow: visible; }
  th.label, td.label { position: static; box-shadow: none; }
  details { display: none; }
}
`;

function money(value: number): string {
  return formatValue(value, 'money');
}

/** "4,000 customers, 2 years, 40 iterations, seed 7, money in EUR, loyalty-sim 0.1.0". */
function settingsLine(report: SimulationReport): string {
  return (
    `${report.customers.toLocaleString('en-US')} customers · ${report.horizon} · ${report.iterations.toLocaleString('en-US')} iterations · ` +
    `seed ${report.seed} · money in ${report.currency} · ${report.tool.name} ${report.tool.version}`
  );
}

function profitClass(value: number): string {
  return value < 0 ? 'loss' : value > 0 ? 'gain' : '';
}

function verdictsSection(report: SimulationReport): string {
  const verdicts = programVerdicts(report);
  const items = report.programs.map((program, k) => {
    // The verdict starts with the program's name: shown in bold.
    const lead = `${program.name}: `;
    const text = verdicts[k].startsWith(lead) ? `<strong>${escapeHtml(program.name)}</strong>: ${escapeHtml(verdicts[k].slice(lead.length))}` : escapeHtml(verdicts[k]);
    return `<li class="${profitClass(program.metrics.incrementalProfit.mean)}">${text}.</li>`;
  });
  return `<section id="verdicts"><h2>Verdict</h2><ul class="verdicts">${items.join('')}</ul>
<p class="note">Incremental profit: against the same customers without the program, over the horizon; P5 .. P95: the range that holds 90% of the simulated outcomes.</p></section>`;
}

/** The mean and the P5 .. P95 cells of one row for one program. */
function metricCells(source: TableRowSource, program: ProgramReport): string {
  if (source.kind === 'breakEven') return `<td>${escapeHtml(breakEvenCell(source.figure, program))}</td><td></td>`;
  const { info } = source;
  const metric = program.metrics[info.key];
  if (metric === undefined) return `<td>${NOT_APPLICABLE}</td><td></td>`;
  if (!Number.isFinite(metric.mean)) return `<td>${escapeHtml(info.noValue ?? NOT_APPLICABLE)}</td><td></td>`;
  const format = (value: number) => escapeHtml(formatValue(value, info.unit));
  const emphasis = info.key === 'incrementalProfit' ? ` class="${profitClass(metric.mean)}"` : '';
  // A probability is already a summary over the iterations: it has no interval of its own.
  const interval = info.unit === 'probability' ? '' : `${format(metric.p5)} .. ${format(metric.p95)}`;
  return `<td${emphasis}>${format(metric.mean)}</td><td class="interval">${interval}</td>`;
}

function metricsSection(report: SimulationReport): string {
  const sources = tableRowSources(report);
  const head =
    `<tr><th rowspan="2" class="label">Metric</th>${report.programs.map((program) => `<th colspan="2">${escapeHtml(program.name)}<span class="type">${escapeHtml(program.type)}</span></th>`).join('')}</tr>` +
    `<tr>${report.programs.map(() => '<th>Mean</th><th>P5 .. P95</th>').join('')}</tr>`;
  const rows = sources.map((source) => {
    const label = source.kind === 'metric' ? source.info.label : source.figure.label;
    const definition = source.kind === 'metric' ? source.info.definition : source.figure.definition;
    const key = source.kind === 'metric' && source.info.key === 'incrementalProfit' ? ' class="key"' : '';
    return `<tr${key} data-row="${escapeHtml(source.kind === 'metric' ? source.info.key : source.figure.field)}"><td class="label${label === label.trimStart() ? '' : ' sub'}" title="${escapeHtml(definition)}">${escapeHtml(label.trim())}</td>${report.programs.map((program) => metricCells(source, program)).join('')}</tr>`;
  });
  const definitions = sources.map((source) => {
    const label = source.kind === 'metric' ? source.info.label : source.figure.label;
    const definition = source.kind === 'metric' ? source.info.definition : source.figure.definition;
    return `<dt>${escapeHtml(label.trim())}</dt><dd>${escapeHtml(definition)}</dd>`;
  });
  return `<section id="metrics"><h2>The programs side by side</h2>
<p class="note">Each figure: the mean over the iterations, then the range P5 .. P95; money in ${escapeHtml(report.currency)}, against the no-program baseline with the same random numbers.</p>
<div class="table-box"><table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>
<details><summary class="note">Definitions</summary><dl class="note">${definitions.join('')}</dl></details></section>`;
}

interface Chart {
  id: string;
  title: string;
  caption: string;
  spec: ChartSpec;
}

async function figure(chart: Chart): Promise<string> {
  const svg = await renderChartSvg(chart.spec);
  return `<figure id="chart-${chart.id}" class="chart" data-chart="${chart.id}"><h3>${escapeHtml(chart.title)}</h3><div class="chart-box">${svg}</div><figcaption>${chart.caption}</figcaption></figure>`;
}

function paybackCaption(report: SimulationReport): string {
  const parts = report.programs.map((program) => {
    const month = markedPaybackMonth(program);
    const chance = program.metrics.probabilityOfPayback?.mean ?? 0;
    const name = `<strong>${escapeHtml(program.name)}</strong>`;
    if (month === undefined) {
      return chance > 0
        ? `${name}: pays back within the horizon in only ${escapeHtml(formatValue(chance, 'probability'))} of the iterations (not marked)`
        : `${name}: no payback within the horizon`;
    }
    return `${name}: pays back in ${escapeHtml(formatValue(chance, 'probability'))} of the iterations, at month ${escapeHtml(formatValue(month, 'months'))} in the median of those (marked ◆)`;
  });
  return `The line is the mean, the band P5 .. P95; it starts at minus the setup cost. ${parts.join('; ')}.`;
}

/** Every chart the report has, in the order of the page. */
function charts(report: SimulationReport): { main: Chart[]; sensitivity: Chart[]; tiers: Chart[] } {
  const main: Chart[] = [
    {
      id: 'profit-distribution',
      title: 'Incremental profit over the horizon: how it is distributed',
      caption: `Iterations per profit range, one panel per program; the dashed line is zero (left of it the program loses money).`,
      spec: profitDistributionSpec(report),
    },
    { id: 'cumulative-profit', title: 'Cumulative incremental profit by month', caption: paybackCaption(report), spec: cumulativeProfitSpec(report) },
    { id: 'members', title: 'Members by month', caption: 'Members at each month end: the mean, and the band P5 .. P95.', spec: membersSpec(report) },
  ];
  if (pointsPrograms(report).length > 0) {
    main.push(
      { id: 'points-outstanding', title: 'Points outstanding by month', caption: 'Points held by members at each month end: the mean, and the band P5 .. P95.', spec: pointsOutstandingSpec(report) },
      {
        id: 'liability',
        title: 'Points liability by month',
        caption:
          'Means at each month end. Solid line, economic liability: the expected cost of redeeming the points outstanding, discounted. Dashed line, IFRS 15 contract liability: the revenue deferred for the points not yet recognised (closing balance of the roll-forward).',
        spec: liabilitySpec(report),
      },
    );
  }
  const sensitivity: Chart[] =
    report.sensitivity === undefined
      ? []
      : [
          ...report.sensitivity.tornado.map((tornado, k) => ({
            id: `tornado-${k + 1}`,
            title: `What moves the profit of ${tornado.program}`,
            caption: `Mean incremental profit with one assumption fixed at its P${Math.round(100 * report.sensitivity!.quantiles.low)} (light) or P${Math.round(100 * report.sensitivity!.quantiles.high)} (dark) in every iteration, the others as drawn; the vertical line is the mean as run, ${escapeHtml(money(tornado.meanProfit))}. Largest swing first.`,
            spec: tornadoSpec(report, k),
          })),
          {
            id: 'evppi',
            title: 'What knowing an assumption for sure is worth',
            caption: `Expected value of partial perfect information for the choice between ${report.sensitivity.decision.options.map((option) => escapeHtml(option)).join(', ')}: how much better the choice gets, on average, if the assumption were known before choosing; the line is its 95% interval. Knowing everything (EVPI) is worth ${escapeHtml(money(report.sensitivity.decision.evpi.value))}.`,
            spec: evppiSpec(report),
          },
        ];
  const tiers: Chart[] = breakdownPrograms(report).map((program, k) => ({
    id: `tiers-${k + 1}`,
    title: `Members per tier: ${program.name}`,
    caption: 'Members in each tier at each month end, means stacked.',
    spec: tierMembersSpec(report, program),
  }));
  return { main, sensitivity, tiers };
}

async function chartsSections(report: SimulationReport): Promise<string> {
  const { main, sensitivity, tiers } = charts(report);
  const parts: string[] = [];
  parts.push(`<section id="charts"><h2>Charts</h2>${(await Promise.all(main.map(figure))).join('')}</section>`);
  if (sensitivity.length > 0) {
    const decision = report.sensitivity!.decision;
    parts.push(
      `<section id="sensitivity"><h2>Sensitivity</h2><p>Best on average: <strong>${escapeHtml(decision.bestOnAverage)}</strong>.</p>${(await Promise.all(sensitivity.map(figure))).join('')}</section>`,
    );
  } else {
    parts.push(
      '<section id="sensitivity"><h2>Sensitivity</h2><p>Which assumptions move the profit most (a tornado per program) and what knowing each of them would be worth (EVPPI) are computed when the scenario is run with <code>--sensitivity</code>.</p></section>',
    );
  }
  if (tiers.length > 0) parts.push(`<section id="tiers"><h2>Tiers</h2>${(await Promise.all(tiers.map(figure))).join('')}</section>`);
  return parts.join('\n');
}

function assumptionsSection(report: SimulationReport): string {
  if (report.assumptions.length === 0) return '<section id="assumptions"><h2>Assumptions</h2><p>The scenario gives no assumption as a distribution.</p></section>';
  const number = (value: number) => escapeHtml(formatSignificant(value));
  const rows = report.assumptions.map(
    (assumption) =>
      `<tr><td class="label">${escapeHtml(assumption.description)}<br><code>${escapeHtml(assumption.name)}</code></td><td class="text"><code>${escapeHtml(assumption.distribution)}</code></td>` +
      `<td>${number(assumption.drawn.mean)}</td><td class="interval">${assumption.uncertain ? `${number(assumption.drawn.p5)} .. ${number(assumption.drawn.p95)}` : 'fixed'}</td></tr>`,
  );
  return `<section id="assumptions"><h2>Assumptions</h2><p class="note">Every assumption the scenario gives as a distribution, as the run drew it over the iterations.</p>
<div class="table-box"><table><thead><tr><th class="label">Assumption</th><th class="text">Distribution</th><th>Mean drawn</th><th>P5 .. P95 drawn</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

function warningsSection(report: SimulationReport): string {
  const warnings = report.warnings ?? [];
  if (warnings.length === 0) return '<section id="warnings"><h2>Warnings</h2><p>None: no setting of the scenario looks unwise.</p></section>';
  const items = warnings.map((warning) => {
    const where = [warning.file, warning.line].filter((part) => part !== undefined).join(':');
    const located = [where, warning.field].filter((part) => part !== undefined && part !== '').map((part) => `<code>${escapeHtml(String(part))}</code>`);
    return `<li>${located.length > 0 ? `${located.join(' ')}: ` : ''}${escapeHtml(warning.message)} <span class="note">[${escapeHtml(warning.code)}]</span></li>`;
  });
  return `<section id="warnings"><h2>Warnings</h2><ul class="warnings">${items.join('')}</ul></section>`;
}

function methodSection(report: SimulationReport): string {
  return `<section id="method"><h2>Method</h2>
<p><strong>Customers.</strong> Each customer's purchases follow a BG/NBD model (how often they buy while active, and the chance they drop out after each purchase) and their spend per purchase a Gamma-Gamma model, fitted to the purchase history or calibrated to the scenario's population.</p>
<p><strong>Simulation.</strong> Each of the ${escapeHtml(report.iterations.toLocaleString('en-US'))} iterations draws the uncertain assumptions once, then simulates the same customers twice or more: without any program (the baseline) and with each program, from the same random numbers (common random numbers). The difference between a program world and the baseline is the program's effect, free of the noise the two worlds share. The horizon is ${escapeHtml(report.horizon)}; the net present value discounts at ${escapeHtml(formatValue(report.settings.annualDiscountRate, 'share'))} a year.</p>
<p><strong>Reading the ranges.</strong> P5 .. P95 is the range that holds the middle 90% of the iterations: one outcome in twenty falls below P5 and one in twenty above P95. The chance of loss is the share of iterations in which the program's incremental profit is below zero. The spread comes from the uncertain assumptions and from the customers' own randomness.</p>
<p><strong>Points liability.</strong> The economic liability is what the points outstanding will cost when they are redeemed, following them to their end after the horizon and discounting that cost; it is the figure for decisions. The IFRS 15 contract liability is the accounting figure: the part of the sales allocated to the points, deferred until the points are redeemed or expected to lapse.</p>
<p class="note">Break-even figures: ${escapeHtml(report.settings.breakEvenMethod)}. The details are in the tool's docs/methods.md.</p>${
    report.settings.precision !== undefined ? `<p class="note">${escapeHtml(precisionSentence(report.settings.precision, report.iterations, report.currency))}.</p>` : ''
  }</section>`;
}

/** The whole document. */
export async function renderRunHtml(report: SimulationReport): Promise<string> {
  const title = escapeHtml(report.scenario);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(`${report.tool.name} ${report.tool.version}`)}">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><p class="eyebrow">Loyalty program simulation</p><h1>${title}</h1><p class="settings">${escapeHtml(settingsLine(report))}</p></header>
${verdictsSection(report)}
${metricsSection(report)}
${await chartsSections(report)}
${assumptionsSection(report)}
${warningsSection(report)}
${methodSection(report)}
<footer>Scenario file ${escapeHtml(report.scenarioFile)} · report schema ${report.schemaVersion}</footer>
</main>
</body>
</html>
`;
}

export const runHtmlReporter: Reporter<SimulationReport> = {
  render: async (report) => [await renderRunHtml(report)],
};
