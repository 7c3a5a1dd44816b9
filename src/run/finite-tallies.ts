/**
 * Refuse a simulation whose figures overflowed (beyond a double, about 1.8e308): every value was
 * checked against its range, but extreme ones together (a cost of 1e308 twice, a huge face value
 * times many points) can still overflow. Located at the program (or the data, for the baseline).
 */
import type { LoadedScenario } from '../config/load.js';
import { UserInputError } from '../errors.js';
import type { SimulationResult } from '../sim/simulation-input.js';
import { firstNonFiniteTally } from '../sim/tally.js';
import { displayPath } from './prepare-run.js';

/**
 * Throw a located UserInputError when a tally of `result` is not finite. `programOfWorld` gives
 * the scenario's program index of a program world (w - 1 in a run; sweeps lay worlds out their
 * own way), `label` what else to name about that world (a sweep's setting).
 */
export function checkFiniteTallies(result: SimulationResult, loaded: LoadedScenario, programOfWorld: (world: number) => number, label?: (world: number) => string | undefined): void {
  const found = firstNonFiniteTally(result.tallies, { iterations: result.iterations, worldCount: result.worlds.length, horizonMonths: result.horizonMonths });
  if (found === undefined) return;
  const where = `iteration ${found.iteration + 1}, month ${found.month + 1}`;
  const hint = 'Check the values of the scenario and its programs (costs, rates, face values, amounts in the data) for a typo.';
  if (found.world === 0) {
    const location = loaded.scenario.data ? { file: displayPath(loaded.scenario.data.file) } : loaded.locate(['population']);
    throw new UserInputError(`the simulated ${found.field} of the world without a program overflowed (${where}): a value is beyond what a number holds (about 1.8e308)`, location, hint);
  }
  const program = programOfWorld(found.world);
  const extra = label?.(found.world);
  throw new UserInputError(
    `the simulated ${found.field} of program '${loaded.scenario.programs[program].name}'${extra ? ` (with ${extra})` : ''} overflowed (${where}): a value is beyond what a number holds (about 1.8e308)`,
    loaded.locate(['programs', program]),
    hint,
  );
}
