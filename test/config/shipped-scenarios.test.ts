import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultScenarioPath } from '../../src/config/default-scenario.js';
import { loadProgram, loadScenario } from '../../src/config/load.js';
import { ingestOptionsFor } from '../../src/config/scenario-schema.js';
import { ingestPurchaseHistory } from '../../src/data/ingest.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));

describe('scenarios/default.yaml', () => {
  it('is the file defaultScenarioPath() names', () => {
    expect(defaultScenarioPath()).toBe(path.join(SCENARIOS, 'default.yaml'));
  });

  it('compares 5% off for members with 5% back in points on the sample retailer, 1000 iterations, seed 42, 12 months', async () => {
    const file = path.join(SCENARIOS, 'default.yaml');
    const { scenario, name, programFiles } = await loadScenario(file);
    expect(name).toBe('Small retailer, 5% off vs 5% back in points');
    expect(scenario.data).toEqual({ kind: 'transactions', file: path.join(path.dirname(file), 'data', 'sample-retailer.csv'), period: 'week' });
    expect(scenario.economics).toEqual({ currency: 'EUR', grossMargin: 'from-data', discountRate: 0.08 });
    expect(scenario.horizon.months).toBe(12);
    expect(scenario.iterations).toBe(1000);
    expect(scenario.seed).toBe(42);
    expect(scenario.acquisition).toEqual({ kind: 'history' });
    expect(programFiles.map((f) => f && path.relative(path.dirname(file), f))).toEqual(['programs/discount-5.yaml', 'programs/points-5.yaml']);

    const [discount, points] = scenario.programs;
    if (discount.type !== 'discount' || points.type !== 'bonus') throw new Error('expected a discount and a bonus program');
    expect(discount.discount.percent).toBe(0.05);
    // "5% back": points per currency unit x the value of a point
    expect(points.points.earnRate * points.points.faceValue).toBeCloseTo(0.05, 15);
    // Both programs share enrolment, effects and costs, so the mechanics alone differ.
    expect(points.enrolment).toEqual(discount.enrolment);
    expect(points.effects).toEqual(discount.effects);
    expect(points.costs).toEqual(discount.costs);
  });
  it('its data block reads the sample data set, whose margin column gives every category a margin (grossMargin: from-data)', async () => {
    const { scenario } = await loadScenario(path.join(SCENARIOS, 'default.yaml'));
    const { summaries, categories } = await ingestPurchaseHistory(scenario.data!.file, ingestOptionsFor(scenario.data!));
    expect(summaries.period).toBe('week');
    expect(categories.map((c) => c.name).sort()).toEqual(['gifts', 'grocery', 'household']);
    for (const category of categories) {
      const marginRate = category.grossMargin / category.revenue;
      expect({ name: category.name, plausible: marginRate > 0 && marginRate < 1 }).toEqual({ name: category.name, plausible: true });
    }
  });
});

describe('scenarios/population-only.yaml', () => {
  it('builds the customers from a population block and compares two inline programs', async () => {
    const { scenario, programFiles } = await loadScenario(path.join(SCENARIOS, 'population-only.yaml'));
    expect(scenario.data).toBeUndefined();
    expect(scenario.population).toEqual({ customers: 2000, purchasesPerYear: 24, meanTicket: 6.5, heterogeneity: 0.25, annualDropout: 0.3 });
    expect(scenario.horizon.months).toBe(24);
    expect(scenario.acquisition).toEqual({ kind: 'rate', perMonth: { dist: 'triangular', min: 20, mode: 40, max: 60 } });
    expect(programFiles).toEqual([undefined, undefined]);
    expect(scenario.programs.map((p) => p.type)).toEqual(['discount', 'bonus']);
  });
});

describe('every shipped YAML file', () => {
  const files = [
    ...readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')),
    ...readdirSync(path.join(SCENARIOS, 'programs')).map((f) => `programs/${f}`),
  ];

  it('opens with a comment block saying what it shows', () => {
    for (const file of files) {
      const lines = readFileSync(path.join(SCENARIOS, file), 'utf8').split('\n');
      const comment = lines.slice(0, lines.findIndex((line) => !line.startsWith('#')));
      const prose = comment.filter((line) => line.length > 2 && !line.includes('yaml-language-server'));
      expect({ file, proseLines: prose.length >= 3 }).toEqual({ file, proseLines: true });
    }
  });

  it('program files load on their own', async () => {
    for (const file of files.filter((f) => f.startsWith('programs/'))) {
      await expect(loadProgram(path.join(SCENARIOS, file))).resolves.toBeDefined();
    }
  });
});
