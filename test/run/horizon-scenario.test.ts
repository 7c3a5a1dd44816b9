/**
 * A scenario's horizon as written, from the YAML file to the report (docs/methods.md section 7).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.js';
import { runScenario } from '../../src/run/run-scenario.js';

const folder = mkdtempSync(path.join(os.tmpdir(), 'loyalty-horizon-'));

async function reportFor(horizon: string) {
  const file = path.join(folder, `${horizon.replace(' ', '-')}.yaml`);
  writeFileSync(
    file,
    `population: { customers: 300, purchasesPerYear: 12, meanTicket: 40 }
economics: { grossMargin: 0.3 }
horizon: ${horizon}
iterations: 2
programs:
  - { name: Ten off, type: discount, discount: { percent: 0.1 }, costs: { setup: 1000 } }
`,
  );
  return runScenario(await loadScenario(file), { workers: 1 });
}

describe('a scenario horizon', () => {
  it('reports 1 week as 7 days in one partial month, and 18 months as 18 whole months', async () => {
    const week = await reportFor('1 week');
    expect([week.horizon, week.horizonDays, week.horizonMonths]).toEqual(['1 week', 7, 1]);
    const month = await reportFor('1 month');
    expect([month.horizon, month.horizonDays, month.horizonMonths]).toEqual(['1 month', 365.2425 / 12, 1]);
    // A week's purchases are the first 7 of the month's 30.4 days: about 7 / 30.4 of its revenue.
    const share = week.baseline.revenue.mean / month.baseline.revenue.mean;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.3);
    const months18 = await reportFor('18 months');
    expect([months18.horizon, months18.horizonDays, months18.horizonMonths]).toEqual(['18 months', 18 * (365.2425 / 12), 18]);
  });
});
