import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { drawAssumptions, drawnValueAt, listDistributions, withDrawnValueAt } from '../../src/schema/draw-assumptions.js';
import { distributionQuantile } from '../../src/schema/distributions.js';
import { bonusProgram } from '../../src/programs/types/bonus.js';

const program = bonusProgram.schema.parse({
  name: 'Points',
  type: 'bonus',
  enrolment: { share: 'uniform(0.2, 0.4)' },
  effects: { frequencyUplift: 'pert(0, 0.03, 0.1)' },
  points: { earnRate: 5, faceValue: 0.01, costPerPoint: 0.007 },
  redemption: { probability: 0.6, form: 'reward' },
});

describe('drawAssumptions', () => {
  it('replaces each distribution by one draw, in key order, one uniform each, and keeps the rest', () => {
    // A stream of known uniforms: enrolment.share, selfSelection, three effects, three costs,
    // points.costPerPoint, redemption.probability, redemption.neverRedeemShare.
    const uniforms = [0.5, 0.9, 0.25, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];
    let next = 0;
    const drawn = drawAssumptions(program, () => uniforms[next++]);
    expect(next).toBe(11);
    expect(drawn.enrolment.share).toBeCloseTo(0.3, 15); // median of uniform(0.2, 0.4)
    expect(drawn.enrolment.selfSelection).toBe(1);
    expect(drawn.effects.frequencyUplift).toBe(distributionQuantile({ dist: 'pert', min: 0, mode: 0.03, max: 0.1 }, 0.25));
    expect(drawn.effects.spendUplift).toBe(0);
    expect(drawn.costs.setup).toBe(0);
    expect(drawn.redemption.probability).toBe(0.6);
    expect(drawn.points.costPerPoint).toBe(0.007);
    expect(drawn.points.earnRate).toBe(5);
    expect(drawn.points.rounding).toBe('floor');
    expect(drawn.name).toBe('Points');
  });

  it('gives the same numbers for the same stream and others for another', () => {
    const first = drawAssumptions(program, seedrandom('7:0'));
    expect(drawAssumptions(program, seedrandom('7:0'))).toEqual(first);
    expect(drawAssumptions(program, seedrandom('7:1')).enrolment.share).not.toBe(first.enrolment.share);
  });
});

describe('listDistributions', () => {
  it('lists every distribution with its key path in the order drawAssumptions draws them', () => {
    const listed = listDistributions(program);
    expect(listed.map((entry) => entry.path.join('.'))).toEqual([
      'enrolment.share',
      'enrolment.selfSelection',
      'effects.frequencyUplift',
      'effects.spendUplift',
      'effects.churnReduction',
      'costs.setup',
      'costs.perMemberPerYear',
      'costs.perTransaction',
      'points.costPerPoint',
      'redemption.probability',
      'redemption.neverRedeemShare',
    ]);
    // The k-th uniform makes the k-th listed value: its quantile at that uniform.
    const uniforms = listed.map((_, k) => (k + 0.5) / listed.length);
    let next = 0;
    const drawn = drawAssumptions(program, () => uniforms[next++]);
    listed.forEach(({ path, distribution }, k) => expect(drawnValueAt(drawn, path)).toBe(distributionQuantile(distribution, uniforms[k])));
  });

  it('replaces one drawn number in a copy, leaving the original as it was', () => {
    const drawn = drawAssumptions(program, () => 0.5);
    const changed = withDrawnValueAt(drawn, ['effects', 'frequencyUplift'], 0.07);
    expect(changed.effects.frequencyUplift).toBe(0.07);
    expect(changed.effects.spendUplift).toBe(drawn.effects.spendUplift);
    expect(drawn.effects.frequencyUplift).toBe(distributionQuantile({ dist: 'pert', min: 0, mode: 0.03, max: 0.1 }, 0.5));
    expect(changed.points).toBe(drawn.points);
    const tiers = withDrawnValueAt({ tiers: [{ cost: 1 }, { cost: 2 }] }, ['tiers', 1, 'cost'], 5);
    expect(tiers).toEqual({ tiers: [{ cost: 1 }, { cost: 5 }] });
    expect(Array.isArray(tiers.tiers)).toBe(true);
    expect(() => drawnValueAt(drawn, ['effects'])).toThrow();
  });
});
