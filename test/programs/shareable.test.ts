/**
 * Shareable discount codes (`discount.leakShare`), worked by hand: a share of non-members gets the
 * member discount on their purchases, without joining; their behaviour is the baseline's.
 */
import { describe, expect, it } from 'vitest';
import { discountProgram, type ResolvedDiscountProgram } from '../../src/programs/types/discount.js';
import { programDefinitionSchema } from '../../src/config/program-schema.js';
import { drawAssumptions } from '../../src/schema/draw-assumptions.js';
import { simulate } from '../../src/sim/simulate.js';
import { worldTotals } from '../../src/metrics/world-totals.js';
import { incrementalProfit } from '../../src/metrics/profit.js';
import { COMMON, PolicyDriver } from './helpers.js';
import { discount, input, variedCustomers } from '../sim/fixtures.js';

const context = { horizonMonths: 12, categoryNames: ['shop', 'fuel'] };

function leaky(leakShare: number, share: number): ResolvedDiscountProgram {
  const program = discount(0.3, { enrolment: { share, selfSelection: 0 } }, 'codes');
  program.discount = { ...program.discount, leakShare };
  return program;
}

describe('shared codes', () => {
  it('give a code holder the base percent on purchases in scope from the minimum on, never the ladder', () => {
    const driver = new PolicyDriver(discountProgram.create(context));
    driver.policy.configure({
      ...COMMON,
      name: 'codes',
      type: 'discount',
      discount: { percent: 0.3, scope: ['shop'], minimumPurchase: 10, ladder: [{ spend: 0, percent: 0.5 }], leakShare: 0.4 },
    });
    expect(driver.policy.nonMemberShare!()).toBe(0.4);
    const codePurchase = (amount: number, category: number) => {
      driver.out.clear();
      driver.policy.nonMemberPurchase!(Object.assign(new (class { day = 0; month = 0; amount = amount; category = category; uniform = 0.5 })()), driver.out);
      return driver.out.discount;
    };
    expect(codePurchase(100, 0)).toBe(30); // shop, 30%
    expect(codePurchase(100, 1)).toBe(0); // fuel is out of scope
    expect(codePurchase(5, 0)).toBe(0); // below the minimum purchase
    // A member on the same terms gets the ladder's 50%.
    driver.enrol(0);
    expect(driver.purchase(1, 100).discount).toBe(50);
  });

  it('with no members and every non-member holding a code: 30% of all revenue, all of it on purchases made anyway', async () => {
    const result = await simulate(input(variedCustomers(1500), [leaky(1, 0)], { iterations: 3, newCustomersPerMonth: 20 }), { workers: 1 });
    for (let i = 0; i < 3; i++) {
      const program = worldTotals(result, i, 1);
      const baseline = worldTotals(result, i, 0);
      expect(program.members).toBe(0);
      expect(program.revenue).toBe(baseline.revenue);
      expect(program.nonMemberBenefitPurchases).toBe(baseline.purchases);
      expect(program.discounts).toBeCloseTo(0.3 * baseline.revenue, 6);
      expect(program.subsidy).toBeCloseTo(program.discounts, 6);
      // No membership costs: the loss is exactly the discount.
      expect(incrementalProfit(program, baseline)).toBeCloseTo(-program.discounts, 6);
    }
  });

  it('reach the given share of non-members, and members keep their own discount', async () => {
    const result = await simulate(input(variedCustomers(6000), [leaky(0.25, 0.4)], { iterations: 3 }), { workers: 1 });
    for (let i = 0; i < 3; i++) {
      const program = worldTotals(result, i, 1);
      const baseline = worldTotals(result, i, 0);
      const nonMemberPurchases = baseline.purchases - program.memberPurchases;
      // Code holders are a random quarter of the non-members, so about a quarter of their purchases.
      const share = program.nonMemberBenefitPurchases / nonMemberPurchases;
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThan(0.3);
    }
    // Without leaking, the same program gives discounts to members only: less in total.
    const sealed = await simulate(input(variedCustomers(6000), [leaky(0, 0.4)], { iterations: 3 }), { workers: 1 });
    expect(worldTotals(sealed, 0, 1).discounts).toBeLessThan(worldTotals(result, 0, 1).discounts);
    expect(worldTotals(sealed, 0, 1).nonMemberBenefitPurchases).toBe(0);
  });

  it('is `discount.leakShare` in YAML, an uncertain share', () => {
    const definition = programDefinitionSchema.parse({ name: 'Codes', type: 'discount', discount: { percent: '30%', leakShare: 'uniform(0.1, 0.3)' } });
    const drawn = drawAssumptions(definition, () => 0.5);
    if (drawn.type !== 'discount') throw new Error('expected a discount');
    expect(drawn.discount.leakShare).toBeCloseTo(0.2, 12);
    expect(() => programDefinitionSchema.parse({ name: 'Codes', type: 'discount', discount: { percent: 0.3, leakShare: 1.5 } })).toThrow();
  });
});
