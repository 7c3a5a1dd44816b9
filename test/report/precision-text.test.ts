import { describe, expect, it } from 'vitest';
import { precisionSentence, targetErrorText } from '../../src/report/precision-text.js';

const met = { targetError: 500, relative: false, minIterations: 100, maxIterations: 100_000, met: true };

describe('how the iterations were chosen, in words', () => {
  it('gives the target as money or as a share of the mean', () => {
    expect(targetErrorText(met, 'EUR')).toBe('500 EUR');
    expect(targetErrorText({ targetError: 2500, relative: false }, 'EUR')).toBe('2,500 EUR');
    expect(targetErrorText({ targetError: 0.015, relative: true }, 'EUR')).toBe('1.5% of its |mean|');
  });

  it('names the checkpoint reached, or says plainly that the target was not met', () => {
    expect(precisionSentence(met, 3200, 'EUR')).toBe(
      "Iterations chosen by precision: 3,200, the first checkpoint (100 doubling, at most 100,000) at which the standard error of every program's mean incremental profit is below 500 EUR",
    );
    expect(precisionSentence({ ...met, relative: true, targetError: 0.01, maxIterations: 800, met: false }, 800, 'EUR')).toBe(
      "Precision target NOT met: after the maximum of 800 iterations the standard error of some program's mean incremental profit is still 1% of its |mean| or more",
    );
  });
});
