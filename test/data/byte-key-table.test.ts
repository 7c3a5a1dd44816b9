import { describe, expect, it } from 'vitest';
import { ByteKeyTable } from '../../src/data/byte-key-table.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** Keys packed into one buffer, as indexMany takes them. */
function packed(keys: string[]) {
  const buffers = keys.map(bytes);
  const starts = new Int32Array(keys.length);
  const ends = new Int32Array(keys.length);
  let at = 0;
  buffers.forEach((buffer, k) => {
    starts[k] = at;
    at += buffer.length;
    ends[k] = at;
  });
  return { all: Buffer.concat(buffers), starts, ends };
}

describe('ByteKeyTable', () => {
  it('numbers keys densely in order of first appearance and gives their text back', () => {
    const table = new ByteKeyTable();
    const keys = ['C1', 'C2', 'C1', '', 'ab', 'abc', 'Müller', 'x'.repeat(28), 'y'.repeat(29), 'z'.repeat(500), 'ab'];
    const indexes = keys.map((key) => table.intern(bytes(key), 0, bytes(key).length));
    expect(indexes).toEqual([0, 1, 0, 2, 3, 4, 5, 6, 7, 8, 3]);
    expect(table.size).toBe(9);
    expect([...Array(table.size).keys()].map((k) => table.text(k))).toEqual(['C1', 'C2', '', 'ab', 'abc', 'Müller', 'x'.repeat(28), 'y'.repeat(29), 'z'.repeat(500)]);
  });

  it('looks keys up inside a larger buffer', () => {
    const table = new ByteKeyTable();
    const line = bytes('C7,2024-01-01,C7');
    expect(table.intern(line, 0, 2)).toBe(0);
    expect(table.intern(line, 14, 16)).toBe(0);
    expect(table.intern(line, 3, 7)).toBe(1);
  });

  it('keeps every key apart through many resizes (200,000 keys)', () => {
    const table = new ByteKeyTable();
    const n = 200_000;
    for (let k = 0; k < n; k++) {
      const key = bytes(`customer-${k}`);
      expect(table.intern(key, 0, key.length)).toBe(k);
    }
    for (let k = 0; k < n; k += 997) {
      const key = bytes(`customer-${k}`);
      expect(table.intern(key, 0, key.length)).toBe(k);
      expect(table.text(k)).toBe(`customer-${k}`);
    }
    expect(table.size).toBe(n);
  });

  it('indexMany gives the same indexes as intern one by one, and -1 for absent keys when not adding', () => {
    const keys = Array.from({ length: 3000 }, (_, k) => `id-${(k * 7919) % 1000}`);
    const oneByOne = new ByteKeyTable();
    const expected = keys.map((key) => oneByOne.intern(bytes(key), 0, bytes(key).length));
    const batched = new ByteKeyTable();
    const { all, starts, ends } = packed(keys);
    const out = new Int32Array(keys.length);
    for (let from = 0; from < keys.length; from += 256) {
      const count = Math.min(256, keys.length - from);
      const outPart = new Int32Array(count);
      batched.indexMany(all, starts.subarray(from, from + count), ends.subarray(from, from + count), count, outPart, true);
      out.set(outPart, from);
    }
    expect([...out]).toEqual(expected);
    const lookups = packed(['id-5', 'nobody', 'id-999']);
    const found = new Int32Array(3);
    batched.indexMany(lookups.all, lookups.starts, lookups.ends, 3, found, false);
    expect([...found]).toEqual([expected[keys.indexOf('id-5')], -1, expected[keys.indexOf('id-999')]]);
    expect(batched.size).toBe(1000);
  });
});

describe('long keys in the overflow pool', () => {
  it('keeps 70,000 keys of 256 bytes (17.9 MB, more than one 16 MiB chunk) exactly', () => {
    const table = new ByteKeyTable();
    const key = (k: number) => Buffer.from(`${String(k).padStart(8, '0')}:${'é'.repeat(123)}x`, 'utf8');
    expect(key(0).length).toBe(256);
    for (let k = 0; k < 70_000; k++) {
      const bytes = key(k);
      expect(table.intern(bytes, 0, bytes.length)).toBe(k);
    }
    expect(table.size).toBe(70_000);
    for (const k of [0, 1, 65_535, 65_536, 69_999]) {
      const bytes = key(k);
      expect(table.intern(bytes, 0, bytes.length)).toBe(k);
      expect(table.text(k)).toBe(bytes.toString('utf8'));
    }
  });
});

describe('takeTexts', () => {
  it('gives every key by index, short, long ASCII and long UTF-8, across pool chunks', () => {
    const table = new ByteKeyTable();
    const keys: string[] = [];
    for (let k = 0; k < 70_000; k++) {
      const key = k % 3 === 0 ? `s${k}` : k % 3 === 1 ? `${'a'.repeat(250)}${k}` : `${'ü'.repeat(100)}${k}`;
      keys.push(key);
      const bytes = Buffer.from(key, 'utf8');
      table.intern(bytes, 0, bytes.length);
    }
    const texts = table.takeTexts();
    expect(texts).toHaveLength(70_000);
    expect(texts.every((text, k) => text === keys[k])).toBe(true);
  });
});
