import { describe, expect, it } from 'vitest';
import { guardrailVerdict } from '../../src/run/guardrails.js';

describe('guardrailVerdict: pass, fail or too close to call (within 2 MCSE of a bound)', () => {
  it('by the distance to the bound in MCSE', () => {
    // value 1, MCSE 0.1: 3 MCSE above 0.7, 1.5 MCSE above 0.85, 2.5 MCSE below 1.25.
    expect(guardrailVerdict(1, 0.1, [{ operator: '>=', bound: 0.7 }])).toEqual({ verdict: 'pass', marginInMcse: expect.closeTo(3, 12) });
    expect(guardrailVerdict(1, 0.1, [{ operator: '>=', bound: 0.85 }])).toEqual({ verdict: 'too-close', marginInMcse: expect.closeTo(1.5, 12) });
    expect(guardrailVerdict(1, 0.1, [{ operator: '>=', bound: 1.25 }])).toEqual({ verdict: 'fail', marginInMcse: expect.closeTo(2.5, 12) });
    expect(guardrailVerdict(1, 0.1, [{ operator: '<', bound: 1.1 }]).verdict).toBe('too-close');
  });

  it('the worst of two bounds, the nearest among equals', () => {
    expect(guardrailVerdict(1, 0.1, [{ operator: '>=', bound: 0 }, { operator: '<=', bound: 1.05 }]).verdict).toBe('too-close');
    expect(guardrailVerdict(1, 0.1, [{ operator: '>=', bound: 1.5 }, { operator: '<=', bound: 1.05 }]).verdict).toBe('fail');
    expect(guardrailVerdict(1, 0.1, [{ operator: '>=', bound: 0 }, { operator: '<=', bound: 1.5 }])).toEqual({ verdict: 'pass', marginInMcse: expect.closeTo(5, 12) });
  });

  it('without an MCSE (one iteration) or with MCSE 0 the comparison alone decides; no value fails', () => {
    expect(guardrailVerdict(1, NaN, [{ operator: '>=', bound: 1 }]).verdict).toBe('pass');
    expect(guardrailVerdict(1, 0, [{ operator: '>', bound: 1 }]).verdict).toBe('fail');
    expect(guardrailVerdict(NaN, 0.1, [{ operator: '>=', bound: 0 }]).verdict).toBe('fail');
  });
});
