/**
 * The lines under the main table that say how the break-even figures were found and what each
 * program's cover (metrics/break-even.ts): the benefits and payments the program has, and its
 * operating costs with the scenario's values (their means when uncertain).
 */
import chalk from 'chalk';
import type { BreakEvenCoverage, BreakEvenFigures, ProgramReport } from './report-model.js';
import { formatAmount } from './format-number.js';

/** The covered items of one program, in the order of the break-even formula. */
export function breakEvenCoverageText(coverage: BreakEvenCoverage): string {
  const items: string[] = [];
  if (coverage.discounts) items.push('discounts');
  if (coverage.pointsPayments) items.push('points payments');
  if (coverage.rewardCost) items.push('rewards');
  if (coverage.benefitCost) items.push('benefit costs');
  if (coverage.partnerPayments) items.push('net partner payments');
  if (coverage.pointsLiability) items.push("the liability of points outstanding at the horizon's end");
  if (coverage.setup !== 0) items.push(`setup ${formatAmount(coverage.setup)}`);
  if (coverage.perMemberPerYear !== 0) items.push(`${formatAmount(coverage.perMemberPerYear)} per member per year`);
  if (coverage.perTransaction !== 0) items.push(`${formatAmount(coverage.perTransaction)} per transaction`);
  let text = items.length > 0 ? items.join(', ') : 'no costs';
  if (coverage.feeRevenue) text += ', less fee revenue';
  return text;
}

const METHOD_TEXT: Readonly<Record<BreakEvenFigures['method'], string>> = {
  're-simulated': 're-simulated, every other assumption as drawn',
  'first-order': 'first order (--break-even first-order), not re-simulated',
};

/** The note: a heading and one line per program. */
export function renderBreakEvenNote(programs: readonly ProgramReport[]): string[] {
  const methods = [...new Set(programs.map((program) => program.breakEven.method))];
  return [
    chalk.dim(`Break-even figures (${methods.map((method) => METHOD_TEXT[method]).join('; ')}) cover (scenario values, means when uncertain):`),
    ...programs.map((program) => chalk.dim(`  ${program.name}: ${breakEvenCoverageText(program.breakEven.covers)}`)),
  ];
}
