/**
 * What-if settings (`sweep --set`, `optimise --vary`, `--tie`): ranges expanded exactly in
 * decimals, lists split outside brackets, values read as YAML reads them, linear formulas, and
 * paths resolved against the program schema (by name, by position, into a list).
 */
import { describe, expect, it } from 'vitest';
import { editedScenario, loadScenario } from '../../src/config/load.js';
import { parseSettingRange, parseTiedSetting, resolveSettingPath, sweepValueTexts, yamlValue } from '../../src/config/scenario-settings.js';
import { UserInputError } from '../../src/errors.js';

const loaded = await loadScenario('scenarios/default.yaml');

describe('ranges and lists', () => {
  it('expands a range by its step in decimals, without binary rounding', () => {
    expect(sweepValueTexts('0.1..0.3 by 0.1', '--set')).toEqual(['0.1', '0.2', '0.3']);
    expect(sweepValueTexts('1%..15% by 7%', '--set')).toEqual(['1%', '8%', '15%']);
    // The last value is the last step within the range.
    expect(sweepValueTexts('3..8 by 2', '--set')).toEqual(['3', '5', '7']);
    expect(sweepValueTexts('-0.05..0.05 by 0.025', '--set')).toEqual(['-0.05', '-0.025', '0', '0.025', '0.05']);
  });

  it('reads a range without a step as its bounds, percentages as shares', () => {
    expect(parseSettingRange('1%..15%', '--vary')).toEqual({ from: 0.01, to: 0.15, percent: true });
    expect(parseSettingRange('3,5', '--vary')).toBeUndefined();
  });

  it('splits a list at commas outside brackets, and reads each value as YAML does', () => {
    const values = sweepValueTexts('3, pert(0, 0.03, 0.1), { dist: uniform, min: 0, max: 0.1 }, 5%', '--set');
    expect(values).toEqual(['3', 'pert(0, 0.03, 0.1)', '{ dist: uniform, min: 0, max: 0.1 }', '5%']);
    expect(values.map((value) => yamlValue(value, '--set'))).toEqual([3, 'pert(0, 0.03, 0.1)', { dist: 'uniform', min: 0, max: 0.1 }, '5%']);
  });
});

describe('linear formulas', () => {
  const cases: [string, number, number][] = [
    ['0.04*x', 0.04, 0],
    ['x', 1, 0],
    ['-x + 1', -1, 1],
    ['2 * x - 0.5', 2, -0.5],
    ['2% + 3*x', 3, 0.02],
    ['0.5 - 2*x + x', -1, 0.5],
  ];
  for (const [formula, slope, intercept] of cases) {
    it(`reads ${formula} as ${slope} x + ${intercept}`, () => {
      const tie = parseTiedSetting(`programs[0].effects.frequencyUplift=${formula}`, loaded, '--tie');
      expect(tie.slope).toBeCloseTo(slope, 12);
      expect(tie.intercept).toBeCloseTo(intercept, 12);
    });
  }

  it('refuses what is not linear in x', () => {
    for (const formula of ['x*x', '2x', 'x/2', 'y']) {
      expect(() => parseTiedSetting(`programs[0].effects.frequencyUplift=${formula}`, loaded, '--tie')).toThrow(UserInputError);
    }
  });
});

describe('paths', () => {
  it('resolves a program by name or position to the same key path', () => {
    const byName = resolveSettingPath('programs["5% back in points"].points.earnRate', loaded, '--set');
    const byIndex = resolveSettingPath('programs[1].points.earnRate', loaded, '--set');
    expect(byName.keyPath).toEqual(['programs', 1, 'points', 'earnRate']);
    expect(byIndex.keyPath).toEqual(byName.keyPath);
  });

  it('goes into lists by index and takes a key the file leaves out', () => {
    expect(resolveSettingPath('programs[0].discount.ladder[1].percent', loaded, '--set').keyPath).toEqual(['programs', 0, 'discount', 'ladder', 1, 'percent']);
    expect(resolveSettingPath('programs[1].points.cardFee', loaded, '--set').keyPath).toEqual(['programs', 1, 'points', 'cardFee']);
  });

  it('writes a value into a program read from its own file, as the file with it typed in would read', () => {
    const edited = editedScenario(loaded, [
      { keyPath: ['programs', 1, 'points', 'earnRate'], value: 7 },
      { keyPath: ['programs', 0, 'discount', 'percent'], value: '12%' },
    ]);
    const points = edited.scenario.programs[1] as { points: { earnRate: number } };
    const discount = edited.scenario.programs[0] as { discount: { percent: number } };
    expect(points.points.earnRate).toBe(7);
    expect(discount.discount.percent).toBe(0.12);
    // The scenario read from the file is left as it was.
    expect((loaded.scenario.programs[1] as { points: { earnRate: number } }).points.earnRate).toBe(5);
    expect(edited.programFiles).toEqual(loaded.programFiles);
  });
});
