/**
 * The report of `loyalty-sim uplift` (metrics/uplift.ts): the causal estimates with their 90%
 * intervals, the naive difference beside them, the balance table, the event study and the
 * warnings, as text or JSON; and the `effects:` YAML block of --effects-out.
 */
import type { UpliftResult } from '../metrics/uplift.js';
import { jsonDocument } from './json-writer.js';

export interface UpliftReport {
  file: string;
  membersFile: string;
  preMonths: number;
  postMonths: number;
  /** Members in the members file. */
  membersListed: number;
  /** Members whose id is not in the history; members whose join date is outside it. */
  membersAbsent: number;
  joinsOutsideHistory: number;
  result: UpliftResult;
  /** The effects as normal distributions (metrics/uplift.ts normalOfInterval). */
  effects: { frequencyUplift: { mean: number; sd: number }; spendUplift: { mean: number; sd: number } };
}

function percent(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return 'n/a';
  const text = (value * 100).toFixed(digits);
  return `${value > 0 ? '+' : ''}${text}%`;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

export function renderUpliftText(report: UpliftReport): string {
  const r = report.result;
  const lines: string[] = [];
  lines.push(`Uplift of the program in ${report.file} (members: ${report.membersFile})`);
  lines.push(`matched difference-in-differences, ${report.preMonths} months before and ${report.postMonths} months after joining`);
  lines.push(
    `members analysed: ${r.membersAnalysed} of ${report.membersListed} (absent from the history ${report.membersAbsent}, join date outside it ${report.joinsOutsideHistory}, periods outside the history ${r.membersOutsideHistory}, no purchase before joining ${r.membersInactiveBefore}, no control ${r.membersWithoutControl}); distinct controls: ${r.distinctControls}, up to ${r.controlsPerMember} per member`,
  );
  lines.push('');
  const spendLabel = `spend per purchase (${r.spendMembers} members)`;
  const retentionLabel = `still buying after joining (${r.retentionMembers} members)`;
  // The labels' column as wide as the longest label, so the figures line up.
  const width = Math.max('effect'.length, 'purchase frequency'.length, spendLabel.length, retentionLabel.length);
  lines.push(`${'effect'.padEnd(width)}  ${'estimate'.padStart(8)}   90% interval`);
  const row = (name: string, i: { estimate: number; low: number; high: number }) =>
    `${name.padEnd(width)}  ${percent(i.estimate).padStart(8)}   ${percent(i.low)} to ${percent(i.high)}`;
  lines.push(row('purchase frequency', r.frequencyUplift));
  lines.push(row(spendLabel, r.spendUplift));
  const points = (value: number) => (Number.isFinite(value) ? `${value > 0 ? '+' : ''}${(value * 100).toFixed(1)} pts` : 'n/a');
  const e = r.retentionEffect;
  lines.push(`${retentionLabel.padEnd(width)}  ${points(e.estimate).padStart(8)}   ${points(e.low)} to ${points(e.high)}  (share of customers, percentage points)`);
  lines.push(`naive: members buy ${percent(r.naiveFrequencyDifference)} more often than non-members (self-selection included)`);
  lines.push('');
  lines.push('balance (standardised mean difference)  before  after matching');
  for (const b of r.balance) lines.push(`  ${b.covariate.padEnd(37)} ${b.before.toFixed(2).padStart(6)}  ${b.after.toFixed(2).padStart(6)}`);
  lines.push('');
  lines.push('event study: purchases per customer by month from joining');
  lines.push('  month  members  controls');
  for (const e of r.eventStudy) lines.push(`  ${String(e.month).padStart(5)}  ${e.members.toFixed(3).padStart(7)}  ${e.controls.toFixed(3).padStart(8)}`);
  for (const warning of r.warnings) lines.push(`warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

export function renderUpliftJson(report: UpliftReport): string {
  return jsonDocument({
    file: report.file,
    membersFile: report.membersFile,
    preMonths: report.preMonths,
    postMonths: report.postMonths,
    membersListed: report.membersListed,
    membersAbsent: report.membersAbsent,
    joinsOutsideHistory: report.joinsOutsideHistory,
    ...report.result,
  });
}

/** The `effects:` block to paste into a program: normal(mean, sd) truncated to the range of an uplift. */
export function renderEffectsYaml(report: UpliftReport): string {
  const normal = ({ mean, sd }: { mean: number; sd: number }) => `normal(${round(mean, 4)}, ${round(Math.max(sd, 1e-4), 4)}, -0.99, 10)`;
  return [
    `# from loyalty-sim uplift ${report.file} --members ${report.membersFile}: 90% intervals ${percent(report.result.frequencyUplift.low)} to ${percent(report.result.frequencyUplift.high)} (frequency), ${percent(report.result.spendUplift.low)} to ${percent(report.result.spendUplift.high)} (spend)`,
    'effects:',
    `  frequencyUplift: ${normal(report.effects.frequencyUplift)}`,
    `  spendUplift: ${normal(report.effects.spendUplift)}`,
    '',
  ].join('\n');
}
