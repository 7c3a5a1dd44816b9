import { describe, expect, it } from 'vitest';
import { parseDistributionText, parsePercent } from '../../src/schema/distribution-text.js';

const shares = { percentAllowed: true };
const money = { percentAllowed: false };

describe('parsePercent', () => {
  it('reads percentages as fractions', () => {
    expect(parsePercent('5%')).toBe(0.05);
    expect(parsePercent(' 12.5 % ')).toBe(0.125);
    expect(parsePercent('-3%')).toBe(-0.03);
    expect(parsePercent('5')).toBeUndefined();
    expect(parsePercent('five%')).toBeUndefined();
  });
});

describe('parseDistributionText', () => {
  it('reads every short form', () => {
    expect(parseDistributionText('uniform(0, 0.1)', shares)).toEqual({ ok: true, value: { dist: 'uniform', min: 0, max: 0.1 } });
    expect(parseDistributionText('triangular(0.3, 0.5, 0.7)', shares)).toEqual({
      ok: true,
      value: { dist: 'triangular', min: 0.3, mode: 0.5, max: 0.7 },
    });
    expect(parseDistributionText(' pert( 0 , 3%, 1e-1 ) ', shares)).toEqual({ ok: true, value: { dist: 'pert', min: 0, mode: 0.03, max: 0.1 } });
    expect(parseDistributionText('normal(5000, 1000)', money)).toEqual({ ok: true, value: { dist: 'normal', mean: 5000, sd: 1000 } });
    expect(parseDistributionText('normal(5000, 1000, 0)', money)).toEqual({ ok: true, value: { dist: 'normal', mean: 5000, sd: 1000, min: 0 } });
    expect(parseDistributionText('normal(0.5, 0.1, 0, 1)', shares)).toEqual({
      ok: true,
      value: { dist: 'normal', mean: 0.5, sd: 0.1, min: 0, max: 1 },
    });
    expect(parseDistributionText('normal(0.5, 0.1, -inf, 1)', shares)).toEqual({ ok: true, value: { dist: 'normal', mean: 0.5, sd: 0.1, max: 1 } });
    expect(parseDistributionText('lognormal(50, 20)', money)).toEqual({ ok: true, value: { dist: 'lognormal', mean: 50, sd: 20 } });
    expect(parseDistributionText('beta(2, 5)', shares)).toEqual({ ok: true, value: { dist: 'beta', a: 2, b: 5 } });
    expect(parseDistributionText('5%', shares)).toEqual({ ok: true, value: { dist: 'fixed', value: 0.05 } });
  });

  it('refuses percentages where they make no sense', () => {
    expect(parseDistributionText('5%', money)).toEqual({ ok: false, message: "'5%': a percentage makes no sense here; write a plain number" });
    expect(parseDistributionText('uniform(1%, 2)', money)).toEqual({
      ok: false,
      message: "uniform(...), min: '1%': a percentage makes no sense here; write a plain number",
    });
  });

  it('suggests the nearest name for a misspelt distribution', () => {
    expect(parseDistributionText('pertt(0, 1, 2)', shares)).toEqual({
      ok: false,
      message: "unknown distribution 'pertt' (did you mean 'pert'?); use one of uniform, triangular, pert, normal, lognormal, beta, fixed",
    });
  });

  it('says how many numbers a form takes', () => {
    expect(parseDistributionText('pert(0, 1)', shares)).toEqual({ ok: false, message: 'pert takes 3 numbers, got 2: write pert(min, mode, max)' });
    expect(parseDistributionText('normal(1)', shares)).toEqual({
      ok: false,
      message: 'normal takes 2, 3 or 4 numbers, got 1: write normal(mean, sd) or normal(mean, sd, min, max)',
    });
  });

  it('explains a distribution cut apart by the commas of a { ... } mapping', () => {
    const result = parseDistributionText('triangular(0.3', shares);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^'triangular\(0\.3' is cut off at a comma: inside \{ \.\.\. \} YAML splits at commas/);
  });

  it('rejects numbers in quotes and other text', () => {
    expect(parseDistributionText('0.05', shares)).toEqual({ ok: false, message: "'0.05' is text; write the number without quotes" });
    expect(parseDistributionText('lots', shares)).toEqual({
      ok: false,
      message: "'lots' is neither a number, a percentage nor a distribution such as pert(0, 0.03, 0.1)",
    });
    expect(parseDistributionText('uniform(0, x)', shares)).toEqual({ ok: false, message: "uniform(...), max: 'x' is not a number" });
    expect(parseDistributionText('uniform(-inf, 1)', shares)).toEqual({ ok: false, message: "uniform(...), min: '-inf' is not a number" });
  });
});
