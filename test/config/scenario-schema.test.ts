import { describe, expect, it } from 'vitest';
import { describeIssue } from '../../src/schema/issue-text.js';
import { scenarioSchema } from '../../src/config/scenario-schema.js';

const BASE = {
  population: { customers: 500, purchasesPerYear: 6, meanTicket: 40 },
  economics: { grossMargin: 0.3 },
  programs: [{ name: 'Ten off', type: 'discount', discount: { percent: 0.1 } }],
};

function parse(overrides: Record<string, unknown>) {
  return scenarioSchema.safeParse({ ...BASE, ...overrides }, { error: describeIssue, reportInput: true });
}

function problems(overrides: Record<string, unknown>): string[] {
  const result = parse(overrides);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('population', () => {
  it('maps heterogeneity words to the Gamma shape r of purchase rates (CV = 1 / √r)', () => {
    const shapeOf = (heterogeneity: unknown) => {
      const result = parse({ population: { ...BASE.population, heterogeneity } });
      if (!result.success) throw new Error(JSON.stringify(result.error.issues));
      return result.data.population!.heterogeneity;
    };
    expect(shapeOf('low')).toBe(4);
    expect(shapeOf('medium')).toBe(1);
    expect(shapeOf('high')).toBe(0.25);
    expect(shapeOf(2.5)).toBe(2.5);
    expect(problems({ population: { ...BASE.population, heterogeneity: 'huge' } })).toEqual([
      "population.heterogeneity: expected low, medium, high or a positive number, got 'huge'",
    ]);
  });

  it('refuses an annual dropout no customer base reaches, saying what to change', () => {
    expect(problems({ population: { ...BASE.population, purchasesPerYear: 0.5, annualDropout: 0.6 } })).toEqual([
      'population.annualDropout: 0.6 cannot be reached with purchasesPerYear 0.5: a customer leaves only after a purchase, so the share leaving within a year must be below the purchases a year (0.5); give a lower annualDropout or more purchasesPerYear',
    ]);
    expect(problems({ population: { ...BASE.population, annualDropout: 1 } })).toEqual([
      'population.annualDropout: 1 cannot be reached with purchasesPerYear 6: a customer leaves only after a purchase, so the share leaving within a year must be below 1 (100%); give a lower annualDropout or more purchasesPerYear',
    ]);
    expect(problems({ population: { ...BASE.population, annualDropout: 0.95 } })).toEqual([]);
  });

  it('needs whole, positive customer counts', () => {
    expect(problems({ population: { ...BASE.population, customers: 10.5 } })).toEqual(['population.customers: must be a whole number, got 10.5']);
    expect(problems({ population: { ...BASE.population, customers: 0 } })).toEqual(['population.customers: must be positive, got 0']);
  });
});

describe('horizon', () => {
  const horizonOf = (horizon: string) => {
    const result = parse({ horizon });
    if (!result.success) throw new Error(JSON.stringify(result.error.issues));
    return result.data.horizon;
  };

  it('reads days, weeks, months and years, singular or plural, in months of 365.2425 / 12 days', () => {
    expect(horizonOf('1 year')).toEqual({ count: 1, unit: 'year', months: 12, days: 365.2425 });
    expect(horizonOf('2 years')).toEqual({ count: 2, unit: 'year', months: 24, days: 24 * (365.2425 / 12) });
    expect(horizonOf('18 months')).toEqual({ count: 18, unit: 'month', months: 18, days: 18 * (365.2425 / 12) });
    expect(horizonOf('4 weeks').days).toBe(28);
    expect(horizonOf('1 week')).toEqual({ count: 1, unit: 'week', days: 7, months: 7 / (365.2425 / 12) });
    expect(horizonOf('10 days')).toEqual({ count: 10, unit: 'day', days: 10, months: 10 / (365.2425 / 12) });
    expect(horizonOf('1 day').days).toBe(1);
  });

  it('names the key and says what is wrong: zero, negative, fractional, unknown unit, too long, a bare number', () => {
    expect(problems({ horizon: '0 months' })).toEqual(["horizon: the horizon must be between 1 day and 30 years, got '0 months'"]);
    expect(problems({ horizon: '-2 weeks' })).toEqual(["horizon: the horizon must be at least 1 day, got '-2 weeks'"]);
    expect(problems({ horizon: '1.5 weeks' })).toEqual([
      "horizon: the horizon must be a whole number of days, weeks, months or years, got '1.5 weeks': give it in a smaller unit (e.g. days)",
    ]);
    expect(problems({ horizon: '10.5 days' })).toEqual([
      "horizon: the horizon must be a whole number of days, weeks, months or years, got '10.5 days': give it in a smaller unit (e.g. days)",
    ]);
    expect(problems({ horizon: '3 fortnights' })).toEqual([
      "horizon: unknown unit 'fortnights' in '3 fortnights': give the horizon in days, weeks, months or years, e.g. '10 days', '26 weeks', '18 months' or '2 years'",
    ]);
    expect(problems({ horizon: '12 Months' })).toEqual(["horizon: write the unit in lower case: '12 months'"]);
    expect(problems({ horizon: '31 years' })).toEqual(["horizon: the horizon must be between 1 day and 30 years, got '31 years'"]);
    expect(problems({ horizon: '10958 days' })).toEqual(["horizon: the horizon must be between 1 day and 30 years, got '10958 days'"]);
    expect(problems({ horizon: '10957 days' })).toEqual([]);
    expect(problems({ horizon: 12 })).toEqual(["horizon: expected a length such as '10 days', '26 weeks', '18 months' or '2 years', got 12"]);
    expect(problems({ horizon: 'a year' })).toEqual(["horizon: expected a length such as '10 days', '26 weeks', '18 months' or '2 years', got 'a year'"]);
  });
});

describe('acquisition', () => {
  it('takes a rate of new customers per month, possibly uncertain', () => {
    const result = parse({ acquisition: { perMonth: 'triangular(20, 40, 60)' } });
    expect(result.success && result.data.acquisition).toEqual({ kind: 'rate', perMonth: { dist: 'triangular', min: 20, mode: 40, max: 60 } });
    expect(problems({ acquisition: 'sometimes' })).toEqual(["acquisition: expected history, none or { perMonth: N }, got 'sometimes'"]);
  });
});

describe('shares, rates and uplifts', () => {
  const programWith = (program: Record<string, unknown>) => ({ programs: [{ name: 'P', type: 'discount', discount: { percent: 0.1 }, ...program }] });

  it('accept percentages anywhere a share is expected', () => {
    const result = parse({ ...programWith({ enrolment: { share: '12.5%' } }), economics: { grossMargin: '30%', discountRate: '8%' } });
    if (!result.success) throw new Error(JSON.stringify(result.error.issues));
    expect(result.data.programs[0].type === 'discount' && result.data.programs[0].enrolment.share).toEqual({ dist: 'fixed', value: 0.125 });
    expect(result.data.economics).toEqual({ grossMargin: { dist: 'fixed', value: 0.3 }, discountRate: 0.08 });
  });

  it('let uplifts be negative, but above -100%', () => {
    expect(problems(programWith({ effects: { frequencyUplift: -0.5 } }))).toEqual([]);
    expect(problems(programWith({ effects: { spendUplift: -1 } }))).toEqual(['programs.0.effects.spendUplift: must be above -1 (-100%), got -1']);
    expect(problems(programWith({ effects: { spendUplift: 'uniform(-1, 0)' } }))).toEqual([]);
    expect(problems(programWith({ effects: { frequencyUplift: '-150%' } }))).toEqual([
      'programs.0.effects.frequencyUplift: must be above -1 (-100%), got -150%',
    ]);
    expect(problems(programWith({ effects: { frequencyUplift: 'normal(0.05, 0.02)' } }))).toEqual([
      'programs.0.effects.frequencyUplift: normal(0.05, 0.02) can take values outside the allowed range: the value must not fall below -1 (-100%) nor exceed 10 (1000%); truncate it, e.g. normal(0.05, 0.02, -1, 10)',
    ]);
  });

  it('refuse distributions of shares that can exceed 100%', () => {
    expect(problems(programWith({ enrolment: { share: 'lognormal(0.5, 0.2)' } }))).toEqual([
      'programs.0.enrolment.share: lognormal(0.5, 0.2) can take values outside the allowed range: the value must not exceed 1 (100%)',
    ]);
    expect(problems(programWith({ enrolment: { share: 'beta(2, 5)' } }))).toEqual([]);
  });

  it('refuse booleans and lists where numbers belong', () => {
    expect(problems(programWith({ costs: { setup: true } }))).toEqual([
      'programs.0.costs.setup: expected a number, or a distribution such as pert(0, 0.03, 0.1), got true',
    ]);
    expect(problems({ economics: { grossMargin: [0.3] } })).toEqual([
      'economics.grossMargin: expected a share such as 0.3, a distribution, a mapping of categories to margins, or from-data, got a list',
    ]);
  });
});

describe('programs', () => {
  it('need at least one', () => {
    expect(problems({ programs: [] })).toEqual(['programs: must not be empty']);
  });

  it('points: redemption at the till by default, costPerPoint only with the reward form, and categories are not listed twice', () => {
    const bonus = { name: 'B', type: 'bonus', points: { earnRate: 1, faceValue: 0.02 }, redemption: { probability: 1 } };
    const result = parse({ programs: [bonus] });
    const program = result.success ? result.data.programs[0] : undefined;
    expect(program?.type === 'bonus' && program.redemption.form).toBe('till');
    expect(program?.type === 'bonus' && program.points.costPerPoint).toBeUndefined();
    const atCost = { ...bonus, points: { ...bonus.points, costPerPoint: 0.01 } };
    expect(problems({ programs: [atCost] })).toEqual([
      'programs.0.points.costPerPoint: applies to the reward form only: a point redeemed at the till costs its face value. ' +
        'Remove it, or set redemption.form: reward if points buy goods the business gives at their cost',
    ]);
    expect(problems({ programs: [{ ...atCost, redemption: { probability: 1, form: 'reward' } }] })).toEqual([]);
    const twice = { name: 'D', type: 'discount', discount: { percent: 0.1, scope: ['food', 'food'] } };
    expect(problems({ programs: [twice] })).toEqual(["programs.0.discount.scope.1: category 'food' is listed twice"]);
  });

  it('rounding and expiry are checked', () => {
    const bonus = { name: 'B', type: 'bonus', points: { earnRate: 1, faceValue: 0.02, rounding: 'flor', expiryMonths: 0 }, redemption: { probability: 1 } };
    expect(problems({ programs: [bonus] })).toEqual([
      'programs.0.points.rounding: expected one of "floor", "round", "none", got \'flor\' (did you mean \'floor\'?)',
      'programs.0.points.expiryMonths: must be positive, got 0',
    ]);
  });
});

describe('effects.dropoutKept', () => {
  it('is calendar when absent, perPurchase when asked, and names the key for another word', () => {
    const discount = { name: 'D', type: 'discount', discount: { percent: 0.1 } };
    const program = (effects: Record<string, unknown>) => {
      const result = parse({ programs: [{ ...discount, effects }] });
      return result.success ? result.data.programs[0] : undefined;
    };
    expect(program({ frequencyUplift: 0.1 })?.effects.dropoutKept).toBeUndefined();
    expect(program({ dropoutKept: 'perPurchase' })?.effects.dropoutKept).toBe('perPurchase');
    expect(problems({ programs: [{ ...discount, effects: { dropoutKept: 'calender' } }] })).toEqual([
      'programs.0.effects.dropoutKept: expected one of "calendar", "perPurchase", got \'calender\' (did you mean \'calendar\'?)',
    ]);
  });
});

describe('economics.returnRate', () => {
  const economicsWith = (returnRate: unknown) => ({ economics: { grossMargin: 0.3, returnRate } });

  it('is a share, possibly uncertain, and absent by default', () => {
    const rateOf = (returnRate: unknown) => {
      const result = parse(economicsWith(returnRate));
      if (!result.success) throw new Error(JSON.stringify(result.error.issues));
      return result.data.economics.returnRate;
    };
    expect(rateOf('8%')).toEqual({ dist: 'fixed', value: 0.08 });
    expect(rateOf('uniform(0.05, 0.15)')).toEqual({ dist: 'uniform', min: 0.05, max: 0.15 });
    const result = parse({});
    expect(result.success && result.data.economics.returnRate).toBeUndefined();
  });

  it('refuses a rate above 100% or below 0, naming the key', () => {
    expect(problems(economicsWith(1.2))).toEqual(['economics.returnRate: must be at most 1 (100%), got 1.2']);
    expect(problems(economicsWith(-0.1))).toEqual(['economics.returnRate: must not be negative, got -0.1']);
    expect(problems(economicsWith('normal(0.1, 0.05)'))).toEqual([
      'economics.returnRate: normal(0.1, 0.05) can take values outside the allowed range: the value must not fall below 0 nor exceed 1 (100%); truncate it, e.g. normal(0.1, 0.05, 0, 1)',
    ]);
  });
});

describe('simulation.customerSample', () => {
  it('defaults to auto and takes all or a whole number of customers', () => {
    const sampleOf = (simulation: unknown) => {
      const result = parse(simulation === undefined ? {} : { simulation });
      if (!result.success) throw new Error(JSON.stringify(result.error.issues));
      return result.data.simulation.customerSample;
    };
    expect(sampleOf(undefined)).toBe('auto');
    expect(sampleOf({ customerSample: 'all' })).toBe('all');
    expect(sampleOf({ customerSample: 20000 })).toBe(20000);
  });

  it('says what it expects, with a did-you-mean for a misspelt word', () => {
    expect(problems({ simulation: { customerSample: 'autto' } })).toEqual([
      "simulation.customerSample: expected auto, all or a whole number of customers, got 'autto' (did you mean 'auto'?)",
    ]);
    expect(problems({ simulation: { customerSample: 2.5 } })).toHaveLength(1);
    expect(problems({ simulation: { customerSampel: 10 } })[0]).toContain('customerSample');
  });
});
