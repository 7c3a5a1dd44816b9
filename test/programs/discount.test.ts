import { describe, expect, it } from 'vitest';
import { resolvedProgram } from '../../src/programs/registry.js';
import { discountProgram, type ResolvedDiscountProgram } from '../../src/programs/types/discount.js';
import { UserInputError } from '../../src/errors.js';
import { COMMON, PolicyDriver } from './helpers.js';

const CONTEXT = { horizonMonths: 12, categoryNames: ['food', 'fuel'] };

type DiscountMechanics = Partial<ResolvedDiscountProgram['discount']>;

function discount(mechanics: DiscountMechanics, field?: string, context?: typeof CONTEXT): ResolvedDiscountProgram {
  return resolvedProgram({ ...COMMON, name: 'discount', type: 'discount', discount: mechanics }, field, context);
}

function driver(program: ResolvedDiscountProgram): PolicyDriver<ResolvedDiscountProgram> {
  const policy = discountProgram.create(CONTEXT);
  policy.configure(program);
  const member = new PolicyDriver(policy);
  member.enrol(0);
  return member;
}

describe('discount program', () => {
  it('gives percent x amount: 5% off 9,000 is 450 (docs/methods.md section 3)', () => {
    const member = driver(discount({ percent: 0.05, scope: 'all' }));
    expect(member.purchase(0, 9000).discount).toBe(450);
  });

  it('applies the cumulative ladder by the spend so far, before the purchase', () => {
    const member = driver(
      discount({ percent: 0.02, scope: 'all', ladder: [{ spend: 10000, percent: 0.05 }, { spend: 20000, percent: 0.1 }] }),
    );
    expect(member.purchase(0, 6000).discount).toBe(120); // spend so far 0: 2%
    expect(member.purchase(1, 6000).discount).toBe(120); // 6,000: still 2%
    expect(member.purchase(2, 6000).discount).toBe(300); // 12,000: 5%
    expect(member.purchase(3, 2000).discount).toBe(100); // 18,000: 5%
    expect(member.purchase(4, 1000).discount).toBe(100); // 20,000: 10%
    member.enrol(10); // a new member starts from nothing
    expect(member.purchase(11, 1000).discount).toBe(20);
  });

  it('gives the discount only in scope and from the minimum purchase', () => {
    const member = driver(discount({ percent: 0.1, scope: ['fuel'], minimumPurchase: 50 }));
    expect(member.purchase(0, 100, { category: 0 }).discount).toBe(0);
    expect(member.purchase(0, 100, { category: 1 }).discount).toBe(10);
    expect(member.purchase(0, 49.99, { category: 1 }).discount).toBe(0);
    expect(member.purchase(0, 50, { category: 1 }).discount).toBe(5);
  });

  it('counts out-of-scope spend towards the ladder', () => {
    const member = driver(discount({ percent: 0, scope: ['fuel'], ladder: [{ spend: 100, percent: 0.1 }] }));
    expect(member.purchase(0, 100, { category: 0 }).discount).toBe(0);
    expect(member.purchase(1, 100, { category: 1 }).discount).toBe(10);
  });

  it('rejects a ladder that is not ascending, a percent over 100% and unknown categories', () => {
    const check = (mechanics: DiscountMechanics) => () => discount(mechanics, 'programs[1]', CONTEXT);
    const notAscending = check({ percent: 0, scope: 'all', ladder: [{ spend: 200, percent: 0.1 }, { spend: 100, percent: 0.2 }] });
    expect(notAscending).toThrow(UserInputError);
    try {
      notAscending();
    } catch (error) {
      expect((error as UserInputError).location.field).toBe('programs[1].discount.ladder[1].spend');
    }
    expect(check({ percent: 1.5, scope: 'all' })).toThrow(/must be at most 1/);
    expect(check({ percent: 0.1, scope: ['toys'] })).toThrow(/unknown category 'toys'/);
    expect(check({ percent: 0.1, scope: ['food'], minimumPurchase: 10 })).not.toThrow();
  });
});
