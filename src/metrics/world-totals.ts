/**
 * One world's tallies of one iteration, added up over the horizon by each field's declared kind
 * (programs/flows.ts): flows are summed over the months; stocks (points outstanding and
 * redeemable, liability, members, active customers) are their values at the end of the last
 * month; the churn cohort is read from month 0, where the engine records it.
 */
import type { SimulationResult } from '../sim/simulation-input.js';
import { Tally, TALLY_FIELD_KINDS, TALLY_FIELDS, tallyOffset, type TallyField } from '../sim/tally.js';

export type WorldTotals = Record<TallyField, number>;

function shapeOf(result: SimulationResult) {
  return { iterations: result.iterations, worldCount: result.worlds.length, horizonMonths: result.horizonMonths };
}

export function worldTotals(result: SimulationResult, iteration: number, world: number): WorldTotals {
  const shape = shapeOf(result);
  const lastMonth = result.horizonMonths - 1;
  const totals = {} as WorldTotals;
  for (const field of TALLY_FIELDS) {
    const index = Tally[field];
    const kind = TALLY_FIELD_KINDS[index];
    if (kind === 'stock') {
      totals[field] = result.tallies[tallyOffset(shape, iteration, world, lastMonth) + index];
    } else if (kind === 'cohort') {
      totals[field] = result.tallies[tallyOffset(shape, iteration, world, 0) + index];
    } else {
      let sum = 0;
      for (let month = 0; month <= lastMonth; month++) sum += result.tallies[tallyOffset(shape, iteration, world, month) + index];
      totals[field] = sum;
    }
  }
  return totals;
}

/** The tallies of one world and month, by field name. */
export function monthTallies(result: SimulationResult, iteration: number, world: number, month: number): WorldTotals {
  const offset = tallyOffset(shapeOf(result), iteration, world, month);
  const values = {} as WorldTotals;
  for (const field of TALLY_FIELDS) values[field] = result.tallies[offset + Tally[field]];
  return values;
}

