/** The members' dropout under a program's effects (programs/common.ts; docs/methods.md section 6). */
import { describe, expect, it } from 'vitest';
import { memberDropout, memberDropoutFactor } from '../../src/programs/common.js';

describe('members\' dropout', () => {
  it('divides by 1 + frequencyUplift by default, keeping lambda p (1 - c); per purchase it does not', () => {
    expect(memberDropoutFactor({ frequencyUplift: 0.25, churnReduction: 0 })).toBe(0.8);
    expect(memberDropoutFactor({ frequencyUplift: 0.25, churnReduction: 0.5, dropoutKept: 'calendar' })).toBe(0.4);
    expect(memberDropoutFactor({ frequencyUplift: 0.25, churnReduction: 0.5, dropoutKept: 'perPurchase' })).toBe(0.5);
    // Rate x dropout: 1.25 x 0.8 = 1 (calendar time unchanged), 1.25 x 0.5 x 0.8 = half.
    expect(1.25 * memberDropoutFactor({ frequencyUplift: 0.25, churnReduction: 0.5 })).toBe(0.5);
    expect(memberDropoutFactor({ frequencyUplift: 0, churnReduction: 0 })).toBe(1);
  });

  it('stays a probability when a negative uplift raises it above 1', () => {
    // -50% frequency: twice the chance per purchase; 0.3 becomes 0.6, 0.7 would be 1.4 and is 1.
    const factor = memberDropoutFactor({ frequencyUplift: -0.5, churnReduction: 0 });
    expect(factor).toBe(2);
    expect(memberDropout(0.3, factor)).toBe(0.6);
    expect(memberDropout(0.7, factor)).toBe(1);
    expect(memberDropout(0.02, 1)).toBe(0.02);
  });
});
