/** The uncertain assumptions of an iteration plan: names, which are left out, their drawn values and fixing them. */
import { describe, expect, it } from 'vitest';
import { programDefinitionSchema } from '../../src/config/program-schema.js';
import { drawIterations, type IterationPlan } from '../../src/run/draw-iterations.js';
import { uncertainAssumptions } from '../../src/run/uncertain-assumptions.js';
import type { Distribution } from '../../src/schema/distributions.js';

const points = programDefinitionSchema.parse({
  name: 'Points card',
  type: 'bonus',
  enrolment: { share: 'triangular(0.1, 0.5, 0.9)' },
  effects: { frequencyUplift: 'pert(0, 0.03, 0.1)', spendUplift: 0.01 },
  points: { earnRate: 1, faceValue: 0.01, costPerPoint: 0.007 },
  redemption: { probability: 0.6, form: 'reward' },
});
const margin: Distribution = { dist: 'uniform', min: 0.2, max: 0.4 };
const categories = { names: ['shop', 'fuel'], revenueShares: [0.25, 0.75] };

function plan(margins: IterationPlan['margins']): IterationPlan {
  return { seed: 3, iterations: 50, programs: [points], margins, arrivals: { dist: 'triangular', min: 1, mode: 2, max: 4 }, returnRate: 0.02 };
}

describe('uncertainAssumptions', () => {
  it('names each distribution that is not a fixed number by its key path, economics first', () => {
    const assumptions = uncertainAssumptions(plan({ kind: 'drawn', perCategory: [margin, margin], oneForAll: true }), categories);
    expect(assumptions.map((a) => a.name)).toEqual([
      'economics.grossMargin',
      'acquisition.perMonth',
      'programs["Points card"].enrolment.share',
      'programs["Points card"].effects.frequencyUplift',
    ]);
    expect(assumptions.map((a) => a.program)).toEqual([undefined, undefined, 0, 0]);
    expect(assumptions[3].description).toBe("the members' frequency uplift in 'Points card'");
  });

  it('reads the drawn values and fixes them in a copy of the iteration', () => {
    const shared = plan({ kind: 'drawn', perCategory: [margin, margin], oneForAll: true });
    const iterations = drawIterations(shared);
    const [grossMargin, arrivals, share, uplift] = uncertainAssumptions(shared, categories);
    const first = iterations[0];
    // One margin for all categories: each draws its own, the regressor is their revenue-weighted mean.
    expect(first.margins![0]).not.toBe(first.margins![1]);
    expect(grossMargin.drawn(first)).toBeCloseTo(0.25 * first.margins![0] + 0.75 * first.margins![1], 15);
    expect(grossMargin.fix(first, 0.33).margins).toEqual([0.33, 0.33]);
    expect(arrivals.drawn(first)).toBe(first.newCustomersPerMonth);
    expect(share.drawn(first)).toBe(first.programs[0].enrolment.share);
    const fixed = uplift.fix(first, 0.05);
    expect(fixed.programs[0].effects.frequencyUplift).toBe(0.05);
    expect(fixed.programs[0].enrolment.share).toBe(first.programs[0].enrolment.share);
    expect(first.programs[0].effects.frequencyUplift).not.toBe(0.05);
    expect(uplift.fixProgram!(first.programs[0], 0.02).effects.frequencyUplift).toBe(0.02);
  });

  it('gives one assumption per category when each has its own margin, and none for margins from the data', () => {
    const own = uncertainAssumptions(plan({ kind: 'drawn', perCategory: [margin, { dist: 'fixed', value: 0.3 }] }), categories);
    expect(own.map((a) => a.name).slice(0, 2)).toEqual(['economics.grossMargin["shop"]', 'acquisition.perMonth']);
    const iteration = drawIterations(plan({ kind: 'drawn', perCategory: [margin, { dist: 'fixed', value: 0.3 }] }))[0];
    expect(own[0].fix(iteration, 0.25).margins).toEqual([0.25, 0.3]);
    const fromData = uncertainAssumptions({ ...plan({ kind: 'data', margins: [0.3, 0.3] }), returnRate: { dist: 'uniform', min: 0, max: 0.1 } }, categories);
    expect(fromData.map((a) => a.name).slice(0, 2)).toEqual(['acquisition.perMonth', 'economics.returnRate']);
  });
});
