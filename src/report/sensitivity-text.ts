/**
 * The sensitivity section of the human-readable report (`run --sensitivity`): per program a
 * tornado (its mean incremental profit with each assumption at its P10 and at its P90, largest
 * swing first, with a text bar), then the value of information in plain words (docs/methods.md
 * section 8).
 */
import chalk from 'chalk';
import type { SensitivityAssumption, SensitivitySection, SimulationReport } from './report-model.js';
import { compactTable } from './compact-table.js';
import { displayName } from './display-text.js';
import { formatSignificant, formatValue } from './format-number.js';

/** Columns of the widest bar. */
const BAR_COLUMNS = 24;

/** The key path of an assumption within its program (`effects.frequencyUplift`), or the scenario's for the economics. */
function shortName(assumption: SensitivityAssumption): string {
  if (assumption.program === undefined) return assumption.name;
  const prefix = `programs[${JSON.stringify(assumption.program)}]`;
  const rest = assumption.name.startsWith(prefix) ? assumption.name.slice(prefix.length) : assumption.name;
  return displayName(rest.startsWith('.') ? rest.slice(1) : rest);
}

/**
 * A bar from the lower to the higher of the two profits on a scale from `low` to `high` (the
 * program's smallest and largest profit over its bars), `|` at the mean profit as run.
 */
function bar(from: number, to: number, centre: number, low: number, high: number): string {
  if (!(high > low)) return '';
  const column = (value: number) => Math.round(((value - low) / (high - low)) * BAR_COLUMNS);
  const start = column(Math.min(from, to));
  const end = Math.max(column(Math.max(from, to)), start + 1);
  const middle = column(centre);
  let text = '';
  for (let c = 0; c <= BAR_COLUMNS; c++) text += c === middle ? '|' : c >= start && c < end ? '█' : ' ';
  return text.trimEnd();
}

function money(value: number): string {
  return formatValue(value, 'money');
}

function tornadoTable(section: SensitivitySection, k: number): string[] {
  const tornado = section.tornado[k];
  const byName = new Map(section.assumptions.map((assumption) => [assumption.name, assumption]));
  const values = tornado.bars.flatMap((b) => [b.profitAtP10, b.profitAtP90]).concat(tornado.meanProfit);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const rows = tornado.bars.map((b) => {
    const assumption = byName.get(b.assumption)!;
    return [
      shortName(assumption),
      `${formatSignificant(assumption.p10)} .. ${formatSignificant(assumption.p90)}`,
      money(b.profitAtP10),
      money(b.profitAtP90),
      money(b.swing),
      bar(b.profitAtP10, b.profitAtP90, tornado.meanProfit, low, high),
    ];
  });
  const lines = ['', `${chalk.bold(displayName(tornado.program))} ${chalk.dim(`(mean incremental profit ${money(tornado.meanProfit)})`)}`];
  if (rows.length === 0) return [...lines, chalk.dim('  no uncertain assumption moves this program')];
  lines.push(compactTable(['assumption', 'P10 .. P90', 'profit at P10', 'profit at P90', 'swing', ''], rows));
  return lines;
}

/** "worth up to 4,300" or, within two standard errors of 0, "worth about nothing (0 ± 120)". */
function worth(value: number, standardError: number): string {
  if (!Number.isFinite(value)) return 'not estimated (too few iterations)';
  if (value <= 2 * standardError) return `worth little or nothing (${money(value)} ± ${money(standardError)})`;
  return `worth up to ${money(value)} (± ${money(standardError)})`;
}

function valueOfInformationLines(report: SimulationReport, section: SensitivitySection): string[] {
  const { decision } = section;
  const byName = new Map(section.assumptions.map((assumption) => [assumption.name, assumption]));
  const best = decision.bestOnAverage === 'none' ? 'launching none of the programs' : `launching '${displayName(decision.bestOnAverage)}'`;
  const lines = [
    '',
    chalk.bold('Value of information') + chalk.dim(` (money in ${report.currency}; decision: launch none or one of the programs)`),
    `  On what is known now the best choice is ${best}.`,
  ];
  if (decision.evpi.value === 0) {
    // EVPI bounds every EVPPI: nothing learnt could change the choice.
    return [...lines, '  It is the best choice in every iteration: knowing more before deciding would not change it.'];
  }
  lines.push(
    `  Knowing every assumption and every customer's response before deciding is worth up to ${money(decision.evpi.value)} (± ${money(decision.evpi.standardError)}).`,
  );
  const [first, ...rest] = decision.evppi;
  if (first === undefined) return [...lines, '  The scenario has no uncertain assumption.'];
  const describe = (name: string) => byName.get(name)?.description ?? name;
  lines.push(`  A pilot or study that pins down ${describe(first.assumption)} is ${worth(first.value, first.standardError)} to this decision.`);
  for (const entry of rest) lines.push(`  Pinning down ${describe(entry.assumption)}: ${worth(entry.value, entry.standardError)}.`);
  lines.push(
    chalk.dim(
      '  Each figure is the expected value of partial perfect information (EVPPI), estimated by regressing each program’s profit on the ' +
        'assumption over the iterations; ± one standard error; regression noise biases small values upwards.',
    ),
  );
  return lines;
}

/** The section's lines, or none when the report has no sensitivity section. */
export function renderSensitivityText(report: SimulationReport): string[] {
  const section = report.sensitivity;
  if (section === undefined) return [];
  const unfixed = section.assumptions.filter((assumption) => assumption.notVaried !== undefined);
  const lines = [
    '',
    chalk.bold('Sensitivity') +
      chalk.dim(
        ` (mean incremental profit with one assumption at its P${100 * section.quantiles.low} and at its P${100 * section.quantiles.high} ` +
          'in every iteration, every other draw as drawn, same random numbers; | marks the mean as run)',
      ),
    ...section.tornado.flatMap((_, k) => tornadoTable(section, k)),
  ];
  for (const assumption of unfixed) lines.push(chalk.yellow(`  ${assumption.name} not varied: ${assumption.notVaried}`));
  lines.push(...valueOfInformationLines(report, section));
  return lines;
}
