/**
 * The HTML report's charts: each a vega-lite spec built from the report's figures (pure data to
 * spec, no computation beyond arranging the figures into rows), and `renderChartSvg`, which
 * compiles a spec with vega-lite and renders it to an SVG string with vega in Node (no browser,
 * nothing fetched). Every chart has a fixed size and a viewBox, so the page can scale it.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MetricSummary, ProgramReport, SensitivityAssumption, SimulationReport } from './report-model.js';

export type ChartSpec = TopLevelSpec;

/** The width of every chart, axes and legend included, in SVG units (the page scales the SVG to its column). */
export const CHART_WIDTH = 640;

/** Colour-blind-safe categorical colours (Okabe-Ito), one per program in the report's order. */
export const PROGRAM_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

/** The look every chart shares: readable type once the SVG is scaled down to a phone's width. */
const CHART_CONFIG = {
  font: FONT,
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 15, titleFontSize: 15, titleFontWeight: 'normal', titleColor: '#333', labelColor: '#333', gridColor: '#e6e6e6', domainColor: '#888', tickColor: '#888' },
  legend: { labelFontSize: 15, titleFontSize: 15, titleFontWeight: 'normal', orient: 'top', direction: 'horizontal', labelLimit: 300, symbolSize: 120 },
  header: { labelFontSize: 16, labelFontWeight: 'bold', labelColor: '#222', titleFontSize: 13 },
  title: { fontSize: 15, anchor: 'start' },
  text: { fontSize: 15 },
} as const;

/** The colour scale of the programs: the same colour for a program in every chart. */
function programColour(report: SimulationReport, title = 'Program') {
  const names = report.programs.map((program) => program.name);
  return {
    field: 'program',
    type: 'nominal' as const,
    title,
    scale: { domain: names, range: names.map((_, k) => PROGRAM_COLOURS[k % PROGRAM_COLOURS.length]) },
    legend: report.programs.length > 1 ? { columns: Math.min(2, report.programs.length), symbolOpacity: 1, symbolType: 'circle' } : null,
  };
}

/** A month axis over the horizon, whole months only. */
function monthAxis(report: SimulationReport) {
  return {
    field: 'month',
    type: 'quantitative' as const,
    title: 'Month',
    scale: { domain: [1, Math.max(2, report.horizonMonths)], nice: false },
    axis: { tickMinStep: 1, format: 'd' },
  };
}

function moneyAxis(title: string) {
  return { title, axis: { format: '~s' } };
}

/** What every chart spec starts with; `fitted`: its width is the whole chart's (a faceted chart cannot fit, its panels get a width). */
function base(description: string, fitted = true): Pick<TopLevelSpec, 'description' | 'config' | 'padding' | 'autosize'> {
  return { description, config: CHART_CONFIG as TopLevelSpec['config'], padding: 8, ...(fitted ? { autosize: { type: 'fit-x', contains: 'padding' } } : {}) };
}

/** One row per program and month of a monthly figure: its mean, P5 and P95. */
function monthlyRows(report: SimulationReport, pick: (program: ProgramReport) => readonly MetricSummary[] | undefined, extra: Record<string, string> = {}) {
  return report.programs.flatMap((program) =>
    (pick(program) ?? []).map((summary, index) => ({ program: program.name, month: index + 1, mean: summary.mean, p5: summary.p5, p95: summary.p95, ...extra })),
  );
}

/** (a) The distribution of each program's incremental profit over the iterations (its histogram), one panel per program, with the zero line. */
export function profitDistributionSpec(report: SimulationReport): ChartSpec {
  const values = report.programs.flatMap((program) =>
    program.profitHistogram.counts.map((count, k) => ({
      program: program.name,
      from: program.profitHistogram.edges[k],
      to: program.profitHistogram.edges[k + 1],
      count,
    })),
  );
  return {
    ...base('Distribution of the incremental profit over the iterations, per program', false),
    data: { values },
    facet: { row: { field: 'program', type: 'nominal', title: null, sort: report.programs.map((program) => program.name), header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelLimit: CHART_WIDTH } } },
    spec: {
      width: CHART_WIDTH - 80,
      height: 120,
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
          encoding: {
            x: { field: 'from', type: 'quantitative', title: `Incremental profit over the horizon (${report.currency})`, axis: { format: '~s' }, scale: { zero: true } },
            x2: { field: 'to' },
            y: { field: 'count', type: 'quantitative', title: 'Iterations', axis: { tickMinStep: 1, format: 'd' } },
            color: { ...programColour(report), legend: null },
          },
        },
        { mark: { type: 'rule', color: '#222', strokeWidth: 1.5, strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
      ],
    },
    resolve: { scale: { x: 'shared', y: 'independent' } },
  } as ChartSpec;
}

/**
 * Below this chance of payback the chart marks no payback month: a marker on the zero line at the
 * median month of a few iterations that pay back would read as the program's payback while its
 * mean line stays far below zero.
 */
export const MARKED_PAYBACK_MIN_CHANCE = 0.5;

/**
 * The month a program pays back at, as the chart marks it: the median payback month over the
 * iterations that pay back, when at least half of them do; undefined otherwise.
 */
export function markedPaybackMonth(program: ProgramReport): number | undefined {
  const chance = program.metrics.probabilityOfPayback?.mean ?? 0;
  const month = program.metrics.paybackMonth?.p50;
  return chance >= MARKED_PAYBACK_MIN_CHANCE && month !== undefined && Number.isFinite(month) ? month : undefined;
}

/**
 * A layered line chart of a monthly figure, one colour per program: the mean as a line, the P5 to
 * P95 band shaded, an optional zero rule and optional extra layers.
 */
function bandChart(report: SimulationReport, rows: object[], yTitle: string, description: string, options: { zero?: boolean; money?: boolean; extra?: object[] } = {}): ChartSpec {
  const y = options.money ? moneyAxis(yTitle) : { title: yTitle, axis: { format: '~s' } };
  const layers: object[] = [
    {
      mark: { type: 'area', opacity: 0.18 },
      encoding: { x: monthAxis(report), y: { field: 'p5', type: 'quantitative', ...y }, y2: { field: 'p95' }, color: programColour(report) },
    },
    {
      mark: { type: 'line', strokeWidth: 2.5, point: { size: 30, filled: true } },
      encoding: { x: monthAxis(report), y: { field: 'mean', type: 'quantitative', ...y }, color: programColour(report) },
    },
  ];
  if (options.zero) layers.unshift({ mark: { type: 'rule', color: '#444', strokeWidth: 1 }, encoding: { y: { datum: 0, type: 'quantitative' } } });
  layers.push(...(options.extra ?? []));
  return { ...base(description), width: CHART_WIDTH, height: 300, data: { values: rows }, layer: layers } as ChartSpec;
}

/** (b) The cumulative incremental profit by month (from -setup at time zero), its P5-P95 band, and each program's median payback month marked on the zero line. */
export function cumulativeProfitSpec(report: SimulationReport): ChartSpec {
  const rows = monthlyRows(report, (program) => program.monthly.cumulativeIncrementalProfit);
  const payback = report.programs.flatMap((program) => {
    const month = markedPaybackMonth(program);
    return month === undefined ? [] : [{ program: program.name, month, label: `median payback: month ${Math.round(month)}` }];
  });
  const extra =
    payback.length === 0
      ? []
      : [
          {
            data: { values: payback },
            mark: { type: 'point', shape: 'diamond', size: 220, filled: true, stroke: 'white', strokeWidth: 1.5 },
            encoding: { x: { field: 'month', type: 'quantitative' }, y: { datum: 0, type: 'quantitative' }, color: programColour(report) },
          },
          // One label per program, stacked above the zero line so that two never overlap; late ones end at their point.
          ...payback.map((point, k) => {
            const align = point.month > report.horizonMonths / 2 ? 'right' : 'left';
            return {
              data: { values: [point] },
              mark: { type: 'text', align, dx: align === 'left' ? -6 : 6, dy: -18 - 20 * k, fontWeight: 'bold' },
              encoding: { x: { field: 'month', type: 'quantitative' }, y: { datum: 0, type: 'quantitative' }, text: { field: 'label' }, color: programColour(report) },
            };
          }),
        ];
  return bandChart(report, rows, `Cumulative incremental profit (${report.currency})`, 'Cumulative incremental profit by month, mean with its P5 to P95 band', { zero: true, money: true, extra });
}

/** (c) Members by month at the month end, mean with its P5-P95 band. */
export function membersSpec(report: SimulationReport): ChartSpec {
  return bandChart(report, monthlyRows(report, (program) => program.monthly.members), 'Members at the month end', 'Members by month, mean with its P5 to P95 band');
}

/** The programs whose members hold points. */
export function pointsPrograms(report: SimulationReport): ProgramReport[] {
  return report.programs.filter((program) => program.points !== undefined);
}

/** (d1) Points outstanding at each month end, programs with points only. */
export function pointsOutstandingSpec(report: SimulationReport): ChartSpec {
  const withPoints = new Set(pointsPrograms(report));
  const rows = monthlyRows(report, (program) => (withPoints.has(program) ? program.monthly.pointsOutstanding : undefined));
  return bandChart(report, rows, 'Points outstanding at the month end', 'Points outstanding by month, mean with its P5 to P95 band');
}

const LIABILITY_ECONOMIC = 'Economic liability';
const LIABILITY_IFRS15 = 'IFRS 15 contract liability';

/** (d2) The economic points liability (solid) and the IFRS 15 contract liability (closing, dashed) at each month end: means, programs with points only; the caption names the dashes. */
export function liabilitySpec(report: SimulationReport): ChartSpec {
  const programs = pointsPrograms(report);
  const rows = programs.flatMap((program) => [
    ...program.monthly.liability.map((summary, index) => ({ program: program.name, month: index + 1, measure: LIABILITY_ECONOMIC, mean: summary.mean })),
    ...(program.points?.contractLiability ?? []).map((month) => ({ program: program.name, month: month.month, measure: LIABILITY_IFRS15, mean: month.closing.mean })),
  ]);
  return {
    ...base('Points liability by month: economic and IFRS 15 contract liability (closing), means'),
    width: CHART_WIDTH,
    height: 300,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 2.5, point: { size: 30, filled: true } },
    encoding: {
      x: monthAxis(report),
      y: { field: 'mean', type: 'quantitative', ...moneyAxis(`Liability at the month end (${report.currency})`) },
      color: programColour(report),
      strokeDash: { field: 'measure', type: 'nominal', title: 'Liability', legend: null, scale: { domain: [LIABILITY_ECONOMIC, LIABILITY_IFRS15], range: [[1, 0], [6, 4]] } },
      detail: { field: 'program' },
    },
  } as ChartSpec;
}

/** An assumption in plain words, without the program's name when the chart is the program's own. */
export function assumptionWords(assumption: Pick<SensitivityAssumption, 'description' | 'program'>, ofProgram?: string): string {
  const suffix = ofProgram !== undefined ? ` in '${ofProgram}'` : undefined;
  return suffix !== undefined && assumption.description.endsWith(suffix) ? assumption.description.slice(0, -suffix.length) : assumption.description;
}

/** `text` broken into lines of at most `width` characters at spaces (a longer word keeps its own line), joined by line breaks. */
export function wrapLabel(text: string, width = 30): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** An axis of category labels written on several lines (wrapLabel): vega draws an array of strings as lines. */
const WRAPPED_LABEL_AXIS = { labelExpr: "split(datum.label, '\\n')", labelLimit: 0, labelLineHeight: 17 };

/** The most bars a tornado or the EVPPI chart shows (the largest). */
export const MAX_BARS = 10;

/**
 * (e1) A program's tornado: for each assumption (largest swing first) the mean incremental profit
 * with the assumption fixed at its P10 and at its P90, as bars from the mean as run.
 */
export function tornadoSpec(report: SimulationReport, programIndex: number): ChartSpec {
  const section = report.sensitivity!;
  const tornado = section.tornado[programIndex];
  const byName = new Map(section.assumptions.map((assumption) => [assumption.name, assumption]));
  const bars = tornado.bars.slice(0, MAX_BARS);
  const label = (name: string) => {
    const assumption = byName.get(name);
    return wrapLabel(assumption === undefined ? name : assumptionWords(assumption, tornado.program));
  };
  const order = bars.map((bar) => label(bar.assumption));
  const low = `at its P${Math.round(100 * section.quantiles.low)}`;
  const high = `at its P${Math.round(100 * section.quantiles.high)}`;
  const rows = bars.flatMap((bar) => [
    { assumption: label(bar.assumption), end: low, from: tornado.meanProfit, to: bar.profitAtP10 },
    { assumption: label(bar.assumption), end: high, from: tornado.meanProfit, to: bar.profitAtP90 },
  ]);
  return {
    ...base(`Tornado of ${tornado.program}: mean incremental profit with one assumption fixed at a time`),
    width: CHART_WIDTH,
    height: 44 * bars.length,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.9 } },
        encoding: {
          y: { field: 'assumption', type: 'nominal', sort: order, title: null, axis: WRAPPED_LABEL_AXIS },
          yOffset: { field: 'end', sort: [low, high] },
          x: { field: 'from', type: 'quantitative', ...moneyAxis(`Mean incremental profit (${report.currency})`) },
          x2: { field: 'to' },
          color: { field: 'end', type: 'nominal', title: 'Assumption', scale: { domain: [low, high], range: ['#9ecae1', '#08519c'] } },
        },
      },
      { data: { values: [{ mean: tornado.meanProfit }] }, mark: { type: 'rule', color: '#222', strokeWidth: 1.5 }, encoding: { x: { field: 'mean', type: 'quantitative' } } },
    ],
  } as ChartSpec;
}

/** (e2) The value of information of each assumption (EVPPI) with its 95% interval (± 1.96 standard errors), largest first. */
export function evppiSpec(report: SimulationReport): ChartSpec {
  const section = report.sensitivity!;
  const byName = new Map(section.assumptions.map((assumption) => [assumption.name, assumption]));
  const rows = section.decision.evppi.slice(0, MAX_BARS).map((entry) => ({
    assumption: wrapLabel(byName.get(entry.assumption)?.description ?? entry.assumption, 40),
    value: entry.value,
    low: Math.max(0, entry.value - 1.96 * entry.standardError),
    high: entry.value + 1.96 * entry.standardError,
  }));
  const order = rows.map((row) => row.assumption);
  return {
    ...base('Expected value of partial perfect information of each assumption'),
    width: CHART_WIDTH,
    height: 54 * rows.length,
    data: { values: rows },
    encoding: { y: { field: 'assumption', type: 'nominal', sort: order, title: null, axis: WRAPPED_LABEL_AXIS } },
    layer: [
      { mark: { type: 'bar', color: '#0072B2', height: { band: 0.6 } }, encoding: { x: { field: 'value', type: 'quantitative', ...moneyAxis(`Value of knowing it (${report.currency})`) } } },
      { mark: { type: 'rule', color: '#222', strokeWidth: 1.5 }, encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
    ],
  } as ChartSpec;
}

/** The programs with a breakdown into groups (tiers). */
export function breakdownPrograms(report: SimulationReport): ProgramReport[] {
  return report.programs.filter((program) => program.breakdown !== undefined && program.breakdown.length > 0);
}

/** (f) A program's members per group (tier) at each month end, means stacked. */
export function tierMembersSpec(report: SimulationReport, program: ProgramReport): ChartSpec {
  const groups = program.breakdown ?? [];
  const rows = groups.flatMap((group, g) => group.months.map((month, index) => ({ group: group.group, order: g, month: index + 1, members: month.members.mean })));
  return {
    ...base(`Members per tier by month in ${program.name}, means`),
    width: CHART_WIDTH,
    height: 260,
    data: { values: rows },
    mark: { type: 'area', line: { strokeWidth: 1, stroke: 'white' } },
    encoding: {
      x: monthAxis(report),
      y: { field: 'members', type: 'quantitative', stack: 'zero', title: 'Members at the month end (mean)', axis: { format: '~s' } },
      color: { field: 'group', type: 'nominal', title: 'Tier', legend: { columns: Math.min(4, groups.length) }, sort: groups.map((group) => group.group), scale: { scheme: 'tableau10' } },
      order: { field: 'order', type: 'quantitative' },
    },
  } as ChartSpec;
}

/** Widths of characters in a Helvetica-like sans-serif font, in ems (the SVG's text is drawn in the reader's sans-serif). */
const NARROW = /[ijl.,:;'|!()[\]\s]/;
const SEMI_NARROW = /[frt\-/1]/;
const WIDE = /[mwMW%@]/;
const CAPITAL = /[A-Z]/;

/** Room for wider fallback fonts (DejaVu Sans, where Helvetica and Arial are missing). */
const WIDTH_MARGIN = 1.15;

/** The width of `text` in pixels at `fontSize`, from the character classes above, with WIDTH_MARGIN. */
export function estimatedTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) ems += NARROW.test(char) ? 0.28 : SEMI_NARROW.test(char) ? 0.36 : WIDE.test(char) ? 0.86 : CAPITAL.test(char) ? 0.68 : 0.56;
  return WIDTH_MARGIN * ems * fontSize;
}

interface TextItem {
  fontSize?: number;
  text?: unknown;
}

type Vega = typeof import('vega');

/**
 * Without a canvas in Node, vega estimates every character at 0.8 em, which lays out wide labels
 * (axes, legends) as if they were half as wide again as they are: charts then squeeze their plots
 * or cut labels short. A per-character estimate makes the layout fit the text as drawn.
 */
function useTextWidths(vega: Vega): void {
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
  metrics.width = (item, text) => {
    const value = text ?? item.text;
    const line = Array.isArray(value) ? value.join(' ') : value == null ? '' : String(value);
    return estimatedTextWidth(line, item.fontSize ?? 11);
  };
}

let chartLibraries: Promise<{ vega: Vega; compile: typeof import('vega-lite').compile }> | undefined;

/**
 * vega and vega-lite, loaded on the first chart only: loading them takes about 0.2 s, which every
 * other command would otherwise pay at start-up.
 */
function loadChartLibraries(): NonNullable<typeof chartLibraries> {
  chartLibraries ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => {
    useTextWidths(vega);
    return { vega, compile: vegaLite.compile };
  });
  return chartLibraries;
}

/** The SVG of a chart: the spec compiled with vega-lite and rendered headless with vega. */
export async function renderChartSvg(spec: ChartSpec): Promise<string> {
  const { vega, compile } = await loadChartLibraries();
  const vegaSpec = compile(spec).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
