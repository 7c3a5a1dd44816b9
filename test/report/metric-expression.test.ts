import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/errors.js';
import {
  conditionHolds,
  metricFigure,
  metricReferenceText,
  parseMetricCondition,
  parseMetricReference,
  selectPrograms,
} from '../../src/report/metric-expression.js';
import type { ProgramReport } from '../../src/report/report-model.js';

/** The formatted error `parse` throws (it must be a UserInputError). */
function failure(parse: () => unknown): string {
  try {
    parse();
  } catch (err) {
    expect(err).toBeInstanceOf(UserInputError);
    return (err as UserInputError).format();
  }
  throw new Error('expected a UserInputError');
}

describe('parseMetricReference', () => {
  it('a metric and a statistic apply to every program', () => {
    expect(parseMetricReference('incrementalProfit.p50', '--require')).toEqual({ metric: 'incrementalProfit', statistic: 'p50' });
  });

  it('a program by name (either quote) or by index', () => {
    expect(parseMetricReference('programs["5% back in points"].roi.p5', 'x')).toEqual({ metric: 'roi', statistic: 'p5', program: { name: '5% back in points' } });
    expect(parseMetricReference("programs['A.b'].roi.mean", 'x')).toEqual({ metric: 'roi', statistic: 'mean', program: { name: 'A.b' } });
    expect(parseMetricReference(' programs[ 1 ] . breakageRate.p95 ', 'x')).toEqual({ metric: 'breakageRate', statistic: 'p95', program: { index: 1 } });
  });

  it('writes a reference back as it parses', () => {
    for (const text of ['roi.p5', 'programs["Points"].npv.mean', 'programs[2].liability.p95']) {
      expect(metricReferenceText(parseMetricReference(text, 'x'))).toBe(text);
    }
  });

  it('an unknown metric or statistic names the field, with a did-you-mean', () => {
    expect(failure(() => parseMetricReference('incrementalProfti.p50', '--require'))).toMatch(/^--require: unknown metric 'incrementalProfti' \(did you mean 'incrementalProfit'\?\)\n  The metrics are those of the JSON report: incrementalRevenue, /);
    expect(failure(() => parseMetricReference('roi.p05', 'guardrails[0].stat'))).toMatch(/^guardrails\[0\]\.stat: unknown statistic 'p05' \(did you mean 'p5'\?\)/);
    expect(failure(() => parseMetricReference('roi.median', '--require'))).toMatch(/unknown statistic 'median' \(did you mean 'p50'\?\)/);
  });

  it('a malformed reference says how to write one', () => {
    expect(failure(() => parseMetricReference('roi', '--require'))).toMatch(/^--require: 'roi' is not a metric followed by a statistic\n  Write a metric and a statistic/);
    expect(failure(() => parseMetricReference('programs["Points.roi.p5', '--require'))).toMatch(/has no closing "/);
    expect(failure(() => parseMetricReference('programs[x].roi.p5', '--require'))).toMatch(/programs\[\.\.\.\] takes a program name in quotes or an index from 0/);
  });
});

describe('parseMetricCondition', () => {
  it('reference, operator and bound, with or without spaces', () => {
    expect(parseMetricCondition('roi.p5>=0', '--require')).toEqual({ metric: 'roi', statistic: 'p5', operator: '>=', bound: 0, text: 'roi.p5>=0' });
    expect(parseMetricCondition('programs["5% back in points"].roi.p5 >= -0.25', 'x')).toMatchObject({ program: { name: '5% back in points' }, operator: '>=', bound: -0.25 });
    expect(parseMetricCondition('programs[1].breakageRate.p50<=0.4', 'x')).toMatchObject({ program: { index: 1 }, metric: 'breakageRate', operator: '<=', bound: 0.4 });
    expect(parseMetricCondition('npv.mean > 1e4', 'x')).toMatchObject({ operator: '>', bound: 10000 });
    expect(parseMetricCondition('probabilityOfLoss.mean<20%', 'x')).toMatchObject({ operator: '<', bound: 0.2 });
  });

  it('an operator inside a quoted program name is part of the name', () => {
    expect(parseMetricCondition('programs["a>=b"].roi.p5 < 3', 'x')).toMatchObject({ program: { name: 'a>=b' }, operator: '<', bound: 3 });
  });

  it('a bad operator, a missing one, or a bound that is not a finite number', () => {
    expect(failure(() => parseMetricCondition('roi.p5=>0', '--require'))).toBe("--require: '=>' in 'roi.p5=>0' is not a comparison operator\n  Use >=, <=, >, <.");
    expect(failure(() => parseMetricCondition('roi.p5 == 0', '--require'))).toMatch(/'==' in 'roi.p5 == 0' is not a comparison operator/);
    expect(failure(() => parseMetricCondition('roi.p5 0', '--require'))).toMatch(/^--require: 'roi.p5 0' has no comparison/);
    expect(failure(() => parseMetricCondition('roi.p5 >= zero', '--require'))).toMatch(/^--require: 'zero' in 'roi.p5 >= zero' is not a finite number/);
    expect(failure(() => parseMetricCondition('roi.p5 >= 1e999', '--require'))).toMatch(/'1e999' .* is not a finite number/);
    expect(failure(() => parseMetricCondition('roi.p5 >=', '--require'))).toMatch(/'' in 'roi.p5 >=' is not a finite number/);
  });

  it('holds as its operator says, at the bound too for >= and <=', () => {
    const at = (operator: '>=' | '<=' | '>' | '<', value: number) => conditionHolds({ operator, bound: 1 }, value);
    expect([at('>=', 1), at('>', 1), at('<=', 1), at('<', 1)]).toEqual([true, false, true, false]);
    expect([at('>=', 0.9), at('<', 0.9), at('>', 1.1), at('<=', 1.1)]).toEqual([false, true, true, false]);
    expect(at('>=', NaN)).toBe(false);
  });
});

describe('selectPrograms and metricFigure', () => {
  const programs = [{ name: 'Discount' }, { name: 'Points' }];

  it('every program, one by name, one by index', () => {
    expect(selectPrograms(programs, undefined, 'x').map((p) => p.index)).toEqual([0, 1]);
    expect(selectPrograms(programs, { name: 'Points' }, 'x')).toEqual([{ program: programs[1], index: 1 }]);
    expect(selectPrograms(programs, { index: 0 }, 'x')).toEqual([{ program: programs[0], index: 0 }]);
  });

  it('an unknown name or an index out of range', () => {
    expect(failure(() => selectPrograms(programs, { name: 'Pionts' }, '--require'))).toBe(
      "--require: no program is named 'Pionts' (did you mean 'Points'?)\n  The scenario's programs are: 'Discount', 'Points'.",
    );
    expect(failure(() => selectPrograms(programs, { index: 2 }, '--require'))).toMatch(/^--require: programs\[2\] does not exist: the scenario has 2 programs/);
  });

  it("reads the figure from the program's metric summary; the MCSE of the mean is the report's", () => {
    const program = { metrics: { roi: { mean: 0.3, mcse: 0.02, p5: -0.1, p50: 0.28, p95: 0.7 } } } as unknown as ProgramReport;
    expect(metricFigure(program, { metric: 'roi', statistic: 'mean' })).toEqual({ value: 0.3, mcse: 0.02 });
    expect(metricFigure(program, { metric: 'roi', statistic: 'p5' }).value).toBe(-0.1);
    expect(metricFigure(program, { metric: 'roi', statistic: 'p95' }).value).toBe(0.7);
  });
});
