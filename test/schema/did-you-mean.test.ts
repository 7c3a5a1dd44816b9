import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from '../../src/schema/did-you-mean.js';

describe('editDistance (optimal string alignment)', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('iteratons', 'iterations')).toBe(1);
    expect(editDistance('seed', 'sede')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    // OSA does not edit a substring twice: 'ca' -> 'abc' takes 3, not the 2 of unrestricted Damerau-Levenshtein.
    expect(editDistance('ca', 'abc')).toBe(3);
  });
});

describe('closestMatch', () => {
  const keys = ['name', 'data', 'population', 'economics', 'horizon', 'iterations', 'seed', 'acquisition', 'programs'];

  it('finds plausible typos, case-insensitively', () => {
    expect(closestMatch('iteratons', keys)).toBe('iterations');
    expect(closestMatch('Seed', keys)).toBe('seed');
    expect(closestMatch('programms', keys)).toBe('programs');
    expect(closestMatch('horzion', keys)).toBe('horizon');
  });

  it('finds a unique key the word is a prefix of', () => {
    expect(closestMatch('neverRedeem', ['probability', 'neverRedeemShare'])).toBe('neverRedeemShare');
  });

  it('suggests nothing for words that are not close', () => {
    expect(closestMatch('budget', keys)).toBeUndefined();
    expect(closestMatch('x', keys)).toBeUndefined();
    expect(didYouMean('budget', keys)).toBe('');
    expect(didYouMean('sed', keys)).toBe(" (did you mean 'seed'?)");
  });
});
