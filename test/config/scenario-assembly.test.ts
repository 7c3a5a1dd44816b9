import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/config/load.js';
import { assembledScenarioText, assumptionText } from '../../src/config/scenario-assembly.js';

describe('assembledScenarioText', () => {
  it('writes names YAML would misread (a colon, a hash, a tab) so that they read back as given, and loads as a scenario', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assembly-'));
    const dataFile = 'sales: #1.csv';
    copyFileSync(path.resolve('scenarios/data/sample-retailer.csv'), path.join(dir, dataFile));
    const text = assembledScenarioText({
      name: 'Shop #1: points',
      comment: ['A comment', ''],
      programFiles: [path.resolve('scenarios/programs/points-5.yaml')],
      data: { file: dataFile, columns: { customer: 'customer_id', category: 'category' }, delimiter: ',', calibrationEnd: '2025-06-30', period: 'week' },
      grossMargin: '30%',
      horizon: '6 months',
      currency: 'EUR',
      seed: 7,
    });
    expect(text.startsWith('# A comment\n#\nname:')).toBe(true);
    const value = parse(text) as Record<string, any>;
    expect(value.name).toBe('Shop #1: points');
    expect(value.data).toEqual({ file: dataFile, columns: { customer: 'customer_id', category: 'category' }, delimiter: ',', calibrationEnd: '2025-06-30', period: 'week' });
    expect(value.economics).toEqual({ currency: 'EUR', grossMargin: '30%' });
    const loaded = await loadScenarioText(text, path.join(dir, 'assembled.yaml'));
    expect(loaded.scenario.economics.grossMargin).toEqual({ dist: 'fixed', value: 0.3 });
    expect(loaded.scenario.horizon.months).toBe(6);
    expect(loaded.scenario.seed).toBe(7);
    expect(loaded.scenario.iterations).toBe(1000);
    expect(loaded.scenario.data?.file).toBe(path.join(dir, dataFile));
  });

  it('reads a plain number as a number and anything else as text', () => {
    expect(assumptionText(' 0.3 ')).toBe(0.3);
    expect(assumptionText('1e-2')).toBe(0.01);
    expect(assumptionText('30%')).toBe('30%');
    expect(assumptionText('pert(0.2, 0.3, 0.4)')).toBe('pert(0.2, 0.3, 0.4)');
    expect(assumptionText('')).toBe('');
  });
});
