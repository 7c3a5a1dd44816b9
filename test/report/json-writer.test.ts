import { describe, expect, it } from 'vitest';
import { jsonDocument } from '../../src/report/json-writer.js';

describe('jsonDocument', () => {
  it('indents by two spaces, keeps the key order and ends with a newline', () => {
    expect(jsonDocument({ b: 1, a: [2, 'x'] })).toBe('{\n  "b": 1,\n  "a": [\n    2,\n    "x"\n  ]\n}\n');
  });

  it('writes NaN and infinities as null, at any depth', () => {
    const value = { mean: NaN, spread: { high: Infinity, low: -Infinity }, list: [0.1, NaN], zero: -0, tiny: 5e-324 };
    expect(JSON.parse(jsonDocument(value))).toEqual({ mean: null, spread: { high: null, low: null }, list: [0.1, null], zero: 0, tiny: 5e-324 });
  });
});

describe('jsonDocument numbers', () => {
  it('writes fractions to 15 significant digits, so binary rounding noise does not show', () => {
    expect(jsonDocument([0.1 + 0.2, 3 * 6.9, 0.26837500000000003, 1 / 3])).toBe('[\n  0.3,\n  20.7,\n  0.268375,\n  0.333333333333333\n]\n');
  });

  it('writes whole numbers exactly, up to 2^53', () => {
    expect(jsonDocument([2 ** 53, 123456789012345678, -42])).toBe('[\n  9007199254740992,\n  123456789012345680,\n  -42\n]\n');
  });
});
