import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.js';
import { located, problemsOf } from './config-problems.js';

const REST = `economics:
  grossMargin: 0.3
programs:
  - name: Ten off
    type: discount
    discount:
      percent: 10%
`;
const TABLE = 'customer_id,x,t_x,T,monetary_value\nC1,0,0,1,0\n';

/** Write scenario.yaml (data block first, then REST) and the files beside it; the folder. */
function scenarioFolder(data: string, files: Record<string, string> = { 'customers.csv': TABLE, 'orders.csv': 'customer_id,date,amount\n' }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-summaries-'));
  writeFileSync(path.join(dir, 'scenario.yaml'), `data:\n${data}${REST}`);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function problemsIn(data: string, files?: Record<string, string>): Promise<string[]> {
  const dir = scenarioFolder(data, files);
  return (await problemsOf(loadScenario(path.join(dir, 'scenario.yaml')))).map((p) => located(p).slice(dir.length + 1));
}

describe('data.summaries in a scenario', () => {
  it('loads as a summary table: the path resolved, its period, calibration and holdout end kept', async () => {
    const dir = scenarioFolder('  summaries: customers.csv\n  period: week\n  calibrationEnd: 2025-06-30\n  holdoutEnd: 2025-12-31\n');
    const { scenario } = await loadScenario(path.join(dir, 'scenario.yaml'));
    expect(scenario.data).toEqual({ kind: 'summaries', file: path.join(dir, 'customers.csv'), period: 'week', calibrationEnd: '2025-06-30', holdoutEnd: '2025-12-31' });
  });

  it('needs period and calibrationEnd, located at the data key', async () => {
    expect(await problemsIn('  summaries: customers.csv\n')).toEqual([
      "scenario.yaml:1:1: data: a summary table needs 'period': the time unit of its t_x and T (day, week or month), as it was made with",
      "scenario.yaml:1:1: data: a summary table needs 'calibrationEnd': the last day of its calibration period (YYYY-MM-DD), as it was made with",
    ]);
  });

  it('refuses the keys that say how to read a purchase history, at their line', async () => {
    expect(await problemsIn('  summaries: customers.csv\n  period: week\n  calibrationEnd: 2025-06-30\n  onBadRow: skip\n  delimiter: ";"\n')).toEqual([
      "scenario.yaml:5:13: data.onBadRow: 'onBadRow' says how to read a purchase history; a summary table has none (it is read as summarize --customers-out writes it)",
      "scenario.yaml:6:14: data.delimiter: 'delimiter' says how to read a purchase history; a summary table has none (it is read as summarize --customers-out writes it)",
    ]);
  });

  it('file or summaries, not both and not neither; holdoutEnd only with summaries and after the calibration end', async () => {
    expect(await problemsIn('  summaries: customers.csv\n  file: orders.csv\n  period: week\n  calibrationEnd: 2025-06-30\n')).toEqual([
      "scenario.yaml:2:14: data.summaries: give either 'file' or 'summaries', not both",
    ]);
    expect(await problemsIn('  period: week\n')).toEqual(["scenario.yaml:1:1: data: give 'file' (a purchase-history CSV) or 'summaries' (a per-customer summary table)"]);
    expect(await problemsIn('  file: orders.csv\n  holdoutEnd: 2025-12-31\n')).toEqual([
      "scenario.yaml:3:15: data.holdoutEnd: holdoutEnd goes with 'summaries': a purchase history's holdout ends at its last date",
    ]);
    expect(await problemsIn('  summaries: customers.csv\n  period: week\n  calibrationEnd: 2025-06-30\n  holdoutEnd: 2025-06-30\n')).toEqual([
      'scenario.yaml:5:15: data.holdoutEnd: the holdout ends after the calibration end (2025-06-30), got 2025-06-30',
    ]);
  });

  it('a misspelt key gets a suggestion; a missing table is named at its key', async () => {
    expect(await problemsIn('  sumaries: customers.csv\n  period: week\n  calibrationEnd: 2025-06-30\n')).toContain(
      "scenario.yaml:2:3: data: unknown key 'sumaries' (did you mean 'summaries'?)",
    );
    const missing = await problemsIn('  summaries: nowhere.csv\n  period: week\n  calibrationEnd: 2025-06-30\n');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatch(/^scenario\.yaml:2:14: data\.summaries: summary table '.*nowhere\.csv' not found$/);
  });
});
