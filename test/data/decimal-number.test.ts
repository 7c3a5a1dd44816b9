import { describe, expect, it } from 'vitest';
import { parseDecimalNumber } from '../../src/data/decimal-number.js';

const parse = (text: string, decimal = '.') => parseDecimalNumber(Buffer.from(text, 'latin1'), 0, text.length, decimal.charCodeAt(0));

describe('numbers', () => {
  it.each(['0', '12', '-12', '+12', '12.5', '-0.07', '.5', '5.', '1234567.891', '0.1', '0.3', '19.99', '1e3', '-2.5E-2', '123456789012345678', '0.12345678901234567890'])(
    'reads %j exactly as Number() does',
    (text) => {
      expect(parse(text)).toBe(Number(text));
    },
  );

  it('reads every cent amount from 0.00 to 99.99 exactly as Number() does', () => {
    for (let cents = 0; cents < 10_000; cents++) {
      const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      expect(parse(text)).toBe(Number(text));
    }
  });

  it('reads decimal commas with --decimal ,', () => {
    expect(parse('12,5', ',')).toBe(12.5);
    expect(parse('-0,07', ',')).toBe(-0.07);
    expect(parse('1,5e2', ',')).toBe(150);
    expect(parse('12.5', ',')).toBeNaN();
  });

  it('trims spaces', () => {
    expect(parse('  42.5 ')).toBe(42.5);
  });

  it.each(['', ' ', 'abc', '12,5', '1,234.50', '$12', '12 EUR', '1.2.3', '--1', '-', '.', '1e', 'NaN', 'Infinity', '1e999'])('rejects %j', (text) => {
    expect(parse(text)).toBeNaN();
  });
});
