/**
 * Results of consecutive blocks of one run's iterations joined into the result of the whole run.
 * Every array of a SimulationResult has the iteration as its outermost index (sim/tally.ts), and
 * an iteration's tallies depend only on (seed, iteration index) and its drawn assumptions
 * (SimulationInput.firstIteration), so the blocks' arrays one after the other are the whole run's
 * arrays, bit for bit.
 */
import type { SimulationResult } from './simulation-input.js';

/** Concatenate typed arrays in order. */
function concatenated(arrays: readonly Float64Array[]): Float64Array {
  const joined = new Float64Array(arrays.reduce((sum, array) => sum + array.length, 0));
  let offset = 0;
  for (const array of arrays) {
    joined.set(array, offset);
    offset += array.length;
  }
  return joined;
}

/**
 * The result of iterations [first of parts[0], end of the last part) from the results of its
 * consecutive blocks, in iteration order. Throws (a bug) when the blocks are not of one run's shape.
 */
export function joinResults(parts: readonly SimulationResult[]): SimulationResult {
  if (parts.length === 0) throw new Error('joinResults needs at least one result');
  const [head] = parts;
  for (const part of parts) {
    const sameShape =
      part.horizonMonths === head.horizonMonths &&
      part.horizonDays === head.horizonDays &&
      part.seed === head.seed &&
      JSON.stringify(part.worlds) === JSON.stringify(head.worlds) &&
      JSON.stringify(part.programs) === JSON.stringify(head.programs) &&
      JSON.stringify(part.breakdownGroups) === JSON.stringify(head.breakdownGroups);
    if (!sameShape) throw new Error('joinResults: the results are not blocks of one run');
  }
  if (parts.length === 1) return head;
  return {
    ...head,
    iterations: parts.reduce((sum, part) => sum + part.iterations, 0),
    tallies: concatenated(parts.map((part) => part.tallies)),
    breakdown: concatenated(parts.map((part) => part.breakdown)),
    frequencyUplift: concatenated(parts.map((part) => part.frequencyUplift)),
    setupCost: concatenated(parts.map((part) => part.setupCost)),
    pointFaceValue: concatenated(parts.map((part) => part.pointFaceValue)),
    workersUsed: Math.max(...parts.map((part) => part.workersUsed)),
    ...(head.customerSample !== undefined
      ? {
          customerSample: {
            ...head.customerSample,
            halfDifference: concatenated(
              parts.map((part) => {
                if (part.customerSample === undefined) throw new Error('joinResults: the results are not blocks of one run');
                return part.customerSample.halfDifference;
              }),
            ),
          },
        }
      : {}),
  };
}
