/**
 * The per-group tables of the human-readable report: for each program with breakdown groups
 * (tiers, ...), one row per group with its members at the horizon end and its sales, benefits,
 * profit and incremental profit over the horizon (means, and P5 .. P95 of the incremental profit).
 */
import Table from 'cli-table3';
import chalk from 'chalk';
import type { SimulationReport } from './report-model.js';
import { formatValue } from './format-number.js';
import { displayName } from './display-text.js';

export function renderBreakdownTables(report: SimulationReport): string[] {
  const lines: string[] = [];
  for (const program of report.programs) {
    if (program.breakdown === undefined || program.breakdown.length === 0) continue;
    const table = new Table({
      head: ['group', 'members', 'revenue', 'benefits', 'profit', 'incremental profit'],
      style: { head: [], border: [] },
      colAligns: ['left', 'right', 'right', 'right', 'right', 'right'],
    });
    for (const group of program.breakdown) {
      const t = group.total;
      const incremental = formatValue(t.incrementalProfit.mean, 'money');
      const highlighted = t.incrementalProfit.mean < 0 ? chalk.red(incremental) : incremental;
      table.push([
        displayName(group.group),
        formatValue(t.members.mean, 'count'),
        formatValue(t.revenue.mean, 'money'),
        formatValue(t.benefits.mean, 'money'),
        formatValue(t.profit.mean, 'money'),
        `${highlighted}\n${chalk.dim(`${formatValue(t.incrementalProfit.p5, 'money')} .. ${formatValue(t.incrementalProfit.p95, 'money')}`)}`,
      ]);
    }
    lines.push('');
    lines.push(chalk.bold(`${displayName(program.name)}: by group`) + chalk.dim(' (members at the horizon end; money over the horizon, means)'));
    lines.push(table.toString());
    lines.push(
      chalk.dim(
        '  benefits: discounts, rewards and benefit costs given to the group; profit: its gross profit after benefits, ' +
          'member costs, fees and partner payments; incremental: profit minus what the same customers brought in the baseline',
      ),
    );
  }
  return lines;
}
