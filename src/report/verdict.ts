/**
 * A program's verdict in one line of plain words, as the terminal, the Markdown memo and the HTML
 * report head their tables with it:
 *
 *   5% back in points: -11,300 a year (P5 -13,600 .. P95 -9,060), 100% chance of loss; needs
 *   members to buy 21% more often to break even; the members' frequency uplift matters most
 *   (44% of the spread).
 */
import type { ProgramReport, SimulationReport } from './report-model.js';
import { VARIANCE_SHARE_MIN_VALUES } from '../metrics/variance-share.js';

/** Below this share of the profit's variance no single assumption is named as the one that matters most. */
export const KEY_ASSUMPTION_MIN_SHARE = 0.1;

/** A money amount rounded to three significant figures, grouped: -11,300, 842, -9.06. */
export function roundedMoney(value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (value === 0) return '0';
  const digits = Math.floor(Math.log10(Math.abs(value))) + 1;
  const rounded = Number(value.toPrecision(3));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: Math.max(0, 3 - digits) });
}

/** A share as a whole percentage, with <1% and >99% for what rounds to the ends but is not all or nothing: 0.996 -> >99%. */
export function roundedPercent(share: number): string {
  if (!Number.isFinite(share)) return '-';
  if (share > 0 && share < 0.005) return '<1%';
  if (share < 1 && share > 0.995) return '>99%';
  return `${Math.round(100 * share)}%`;
}

/** "a year" for a 12-month horizon, else "over <horizon>". */
function perHorizon(report: Pick<SimulationReport, 'horizon'>): string {
  return report.horizon === '12 months' ? 'a year' : `over ${report.horizon}`;
}

/** The frequency uplift needed to break even, in words, or undefined when it was not found. */
function breakEvenWords(program: ProgramReport, losing: boolean): string | undefined {
  const uplift = program.breakEven.frequencyUplift;
  if (uplift === undefined) return undefined;
  if (uplift === null) return 'no frequency uplift up to +500% breaks even';
  const percent = `${Math.round(100 * Math.abs(uplift))}%`;
  if (losing) return uplift >= 0 ? `needs members to buy ${percent} more often to break even` : `breaks even only if members buy ${percent} less often`;
  return uplift >= 0 ? `stays profitable while members buy at least ${percent} more often` : `stays profitable even if members buy up to ${percent} less often`;
}

/** The assumption that matters most, in words. */
function keyAssumptionWords(program: ProgramReport, report: SimulationReport): string {
  const key = program.keyAssumption;
  const uncertain = report.assumptions.some((assumption) => assumption.uncertain && (assumption.program === undefined || assumption.program === program.name));
  if (key === undefined) {
    if (!uncertain) return "no assumption is uncertain, the spread is the customers' own randomness";
    if (!report.settings.sensitivity && report.iterations < VARIANCE_SHARE_MIN_VALUES) {
      return `too few iterations to tell which assumption matters most (${VARIANCE_SHARE_MIN_VALUES} needed, or --sensitivity)`;
    }
    return 'no uncertain assumption moves it measurably';
  }
  if (key.measure === 'tornadoSwing') return `${key.description} matters most (its P10 to P90 moves the mean by ${roundedMoney(key.value)})`;
  if (key.value < KEY_ASSUMPTION_MIN_SHARE) return `no single assumption explains a tenth of the spread (${key.description} explains most, ${roundedPercent(key.value)})`;
  return `${key.description} matters most (${roundedPercent(key.value)} of the spread)`;
}

const NO_FIGURE = { mean: NaN, mcse: NaN, p5: NaN, p50: NaN, p95: NaN };

/**
 * The verdict of one program of the report, one line without a full stop at the end; `name` is the
 * program's name as the reader sees it (the terminal cuts a long one).
 */
export function programVerdict(report: SimulationReport, program: ProgramReport, name = program.name): string {
  const profit = program.metrics.incrementalProfit ?? NO_FIGURE;
  const loss = program.metrics.probabilityOfLoss?.mean ?? NaN;
  const parts = [
    `${name}: ${roundedMoney(profit.mean)} ${perHorizon(report)} (P5 ${roundedMoney(profit.p5)} .. P95 ${roundedMoney(profit.p95)}), ${roundedPercent(loss)} chance of loss`,
  ];
  const breakEven = breakEvenWords(program, profit.mean < 0);
  if (breakEven !== undefined) parts.push(breakEven);
  parts.push(keyAssumptionWords(program, report));
  return parts.join('; ');
}

/** Every program's verdict, in the report's order. */
export function programVerdicts(report: SimulationReport): string[] {
  return report.programs.map((program) => programVerdict(report, program));
}
