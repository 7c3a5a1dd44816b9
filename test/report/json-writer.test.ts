import { describe, expect, it } from 'vitest';
import { jsonDocument } from '../../src/report/json-writer.js';

describe('jsonDocument', () => {
  it('indents by two spaces, keeps the key order and ends with a newline', () => {
    expect(jsonDocument({ b: 1, a: [2, 'x'] })).toBe('{\n  "b": 1,\n  "a": [\n    2,\n    "x"\n  ]\n}\n');
  });

  it('writes NaN and infinities as null, at any depth, and leaves finite numbers alone', () => {
    const value = { mean: NaN, spread: { high: Infinity, low: -Infinity }, list: [0.1, NaN], zero: -0, tiny: 5e-324 };
    expect(JSON.parse(jsonDocument(value))).toEqual({ mean: null, spread: { high: null, low: null }, list: [0.1, null], zero: 0, tiny: 5e-324 });
  });
});
