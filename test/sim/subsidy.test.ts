/**
 * The subsidy tally: benefits given on purchases a member would have made anyway never exceed the
 * benefits given.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/simulate.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { subsidyShare } from '../../src/metrics/margin-erosion.js';
import { discount, input, variedCustomers } from './fixtures.js';

describe('subsidy', () => {
  it('is every benefit when members buy as often but spend less (spendUplift < 0)', async () => {
    // Same rate and dropout as in the baseline: each member purchase pairs with a baseline purchase,
    // whose value (1 / 0.8 of the member's) covers the whole smaller purchase. Subsidy share = 1,
    // not 1 / (1 - 0.2) = 1.25.
    const program = discount(0.1, { effects: { frequencyUplift: 0, spendUplift: -0.2, churnReduction: 0 } });
    const result = await simulate(input(variedCustomers(300), [program], { iterations: 2 }));
    for (let iteration = 0; iteration < 2; iteration++) {
      const totals = worldTotals(result, iteration, 1);
      expect(totals.discounts).toBeGreaterThan(0);
      expect(subsidyShare(totals)).toBeCloseTo(1, 12);
    }
  });

  it('is the share 1 / (1 + spendUplift) of the benefits when members spend more', async () => {
    const program = discount(0.1, { effects: { frequencyUplift: 0, spendUplift: 0.25, churnReduction: 0 } });
    const result = await simulate(input(variedCustomers(300), [program], { iterations: 2 }));
    for (let iteration = 0; iteration < 2; iteration++) {
      expect(subsidyShare(worldTotals(result, iteration, 1))).toBeCloseTo(0.8, 12);
    }
  });
});
