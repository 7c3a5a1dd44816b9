/**
 * `run --format md`: a short memo of a run for a pull-request comment or an email, in
 * GitHub-flavoured Markdown: the scenario, the question, each program's verdict (verdict.ts), the
 * key figures side by side, the key assumptions, the method in three sentences and the run's
 * settings. Names and descriptions from the scenario are escaped so they show as written.
 */
import { precisionSentence } from './precision-text.js';
import { BREAK_EVEN_FIGURES } from '../metrics/break-even.js';
import type { MetricName } from '../metrics/metric-definitions.js';
import { displayName } from './display-text.js';
import { formatSignificant, formatValue } from './format-number.js';
import { METRIC_CATALOGUE, type MetricInfo } from './metric-catalogue.js';
import type { ProgramReport, SimulationReport } from './report-model.js';
import { breakEvenCell, metricApplies, metricFigures } from './table-reporter.js';
import { programVerdicts, roundedMoney } from './verdict.js';

/** The memo's rows, in order; the break-even figures follow `subsidyShare`, the points rows only when a program has points. */
const MEMO_ROWS: readonly MetricName[] = ['incrementalProfit', 'incrementalRevenue', 'programCost', 'roi', 'probabilityOfLoss', 'paybackMonth', 'marginErosion', 'subsidyShare'];
const MEMO_BREAK_EVEN_AFTER: MetricName = 'subsidyShare';
const MEMO_POINTS_ROWS: readonly MetricName[] = ['breakageRate', 'liability', 'contractLiability'];

/** Tornado bars shown per program: the assumptions that move its mean incremental profit most. */
const TORNADO_BARS_SHOWN = 3;

/** Characters with a meaning in (GitHub-flavoured) Markdown inline text and tables. */
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~]/g;

/**
 * `text` as Markdown that shows it as written: control characters escaped as in the text tables
 * (a line break is `\n`, so a name keeps to one table cell), then each Markdown-significant
 * character backslash-escaped.
 */
export function markdownText(text: string): string {
  return displayName(text, Infinity).replace(MARKDOWN_SPECIAL, (char) => `\\${char}`);
}

/** "X", "X or Y", "X, Y or Z". */
function alternatives(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** The question the run answers, in one sentence. */
export function memoQuestion(report: SimulationReport): string {
  const names = report.programs.map((program) => `**${markdownText(program.name)}**`);
  return `Should we launch ${alternatives(names)}, against no program?`;
}

const catalogueEntry = (name: MetricName): MetricInfo => METRIC_CATALOGUE.find((info) => info.key === name)!;

/** A metric's cell: the mean, then (P5 .. P95) for a distribution. */
function metricMarkdownCell(info: MetricInfo, program: ProgramReport): string {
  const { mean, interval } = metricFigures(info, program.metrics[info.key]);
  return interval === undefined ? mean : `${mean} (${interval})`;
}

/** The table's rows as [label, cell per program]. */
function tableRows(report: SimulationReport): string[][] {
  const withPoints = report.programs.some((program) => program.points !== undefined);
  const rows: string[][] = [];
  for (const name of [...MEMO_ROWS, ...(withPoints ? MEMO_POINTS_ROWS : [])]) {
    const info = catalogueEntry(name);
    if (metricApplies(report, info)) rows.push([info.label.trim(), ...report.programs.map((program) => metricMarkdownCell(info, program))]);
    if (name === MEMO_BREAK_EVEN_AFTER) {
      for (const figure of BREAK_EVEN_FIGURES) {
        if (report.programs.some((program) => program.breakEven[figure.field] !== undefined)) {
          rows.push([figure.label, ...report.programs.map((program) => breakEvenCell(figure, program))]);
        }
      }
    }
  }
  return rows;
}

/** The GitHub-flavoured table: a column of labels, one right-aligned column per program. */
function markdownTable(report: SimulationReport): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(['', ...report.programs.map((program) => markdownText(program.name))]),
    line(['---', ...report.programs.map(() => '---:')]),
    ...tableRows(report).map(line),
  ];
}

/** The uncertain assumptions with their distribution and the range drawn, then each program's largest tornado bars. */
function assumptionLines(report: SimulationReport): string[] {
  const uncertain = report.assumptions.filter((assumption) => assumption.uncertain);
  const lines: string[] = [];
  if (uncertain.length === 0) lines.push('- None: every assumption is a fixed number; the spread is the customers\' own randomness.');
  for (const assumption of uncertain) {
    lines.push(
      `- ${markdownText(assumption.description)}: \`${assumption.distribution.replaceAll('`', "'")}\`, ` +
        `drawn ${formatSignificant(assumption.drawn.p5)} .. ${formatSignificant(assumption.drawn.p95)} (P5 .. P95)`,
    );
  }
  const section = report.sensitivity;
  if (section === undefined) return lines;
  const descriptions = new Map(section.assumptions.map((assumption) => [assumption.name, assumption.description]));
  lines.push('', `What moves the mean incremental profit most (each assumption at its P${Math.round(100 * section.quantiles.low)} and P${Math.round(100 * section.quantiles.high)}, the others as drawn):`);
  for (const tornado of section.tornado) {
    const bars = tornado.bars.slice(0, TORNADO_BARS_SHOWN).map((bar) => {
      const description = markdownText(descriptions.get(bar.assumption) ?? bar.assumption);
      return `${description} (${roundedMoney(bar.profitAtP10)} to ${roundedMoney(bar.profitAtP90)})`;
    });
    lines.push(`- ${markdownText(tornado.program)}: ${bars.length > 0 ? bars.join('; ') : 'no uncertain assumption moves it'}`);
  }
  return lines;
}

/** Where the customer model comes from, in words. */
function customerModelWords(report: SimulationReport): string {
  const data = report.inputs.data;
  if (data !== undefined) return `fitted to the purchase history in ${markdownText(data.file)} (${formatValue(data.customers, 'count')} customers)`;
  const table = report.inputs.summaries;
  if (table !== undefined) return `fitted to the per-customer summary table ${markdownText(table.file)} (${formatValue(table.customers, 'count')} customers)`;
  return `calibrated to the scenario's population of ${formatValue(report.customers, 'count')} customers`;
}

/** The method in three sentences. */
function methodLines(report: SimulationReport): string[] {
  return [
    `Each of ${formatValue(report.iterations, 'count')} iterations draws every uncertain assumption once and simulates the customers over ${markdownText(report.horizon)} ` +
      'in a world without a program and in one world per program, all on the same random numbers, so each difference is the program\'s own effect.',
    `Customers buy and lapse by a BG/NBD model and spend by a Gamma-Gamma model, ${customerModelWords(report)}.`,
    'Incremental profit is the program world\'s profit after the program\'s costs and the points liability left at the horizon\'s end, less the gross profit of the world without a program; ' +
      `the break-even figures are ${report.settings.breakEvenMethod} (docs/methods.md sections 5 to 7).`,
    ...(report.settings.precision !== undefined ? [`${markdownText(precisionSentence(report.settings.precision, report.iterations, report.currency))}.`] : []),
    ...customerSampleLines(report),
  ];
}

/** With a customer sample: its size and the share of the profit's spread that is its noise. */
function customerSampleLines(report: SimulationReport): string[] {
  const sample = report.settings.customerSample;
  if (sample === undefined) return [];
  const shares = report.programs.map((program, i) => `${markdownText(program.name)} ${formatValue(sample.profitVarianceShare[i], 'share')}`).join(', ');
  return [
    `Each iteration simulated a new stratified sample of ${formatValue(sample.customers, 'count')} of the ${formatValue(sample.of, 'count')} existing customers, weighted to the whole base; ` +
      `the sample's noise is in the MCSE and makes up this share of the incremental profit's variance over the iterations: ${shares} (docs/methods.md section 7, "Customer sample").`,
  ];
}

/** The memo as Markdown text, ending in a line break. */
export function renderRunMarkdown(report: SimulationReport): string {
  const lines = [
    `# ${markdownText(report.scenario)}`,
    '',
    memoQuestion(report),
    '',
    ...programVerdicts(report).map((verdict) => `- ${markdownText(verdict)}.`),
    '',
    ...markdownTable(report),
    '',
    `Money in ${markdownText(report.currency)} over ${markdownText(report.horizon)}, against no program; each cell: the mean over the iterations (P5 .. P95).`,
    '',
    '## Key assumptions',
    '',
    ...assumptionLines(report),
    '',
    '## Method',
    '',
    methodLines(report).join(' '),
    '',
    '---',
    '',
    `Seed ${report.seed}, ${formatValue(report.iterations, 'count')} iterations, ${markdownText(report.tool.name)} ${markdownText(report.tool.version)}, scenario file ${markdownText(report.scenarioFile)}.`,
  ];
  return lines.join('\n') + '\n';
}
