/**
 * Checks of the engine's input. Impossible numbers a user can cause (through a scenario whose
 * distributions reach outside a parameter's range) are UserInputErrors naming the field; a
 * malformed input from a programmatic caller is a plain Error. Programs are checked by their
 * type's schema, the same rules as a YAML file (programs/registry.ts).
 */
import { UserInputError } from '../errors.js';
import { checkNumber } from '../programs/parameter-checks.js';
import type { ProgramContext } from '../programs/program.js';
import { checkResolvedProgram } from '../programs/registry.js';
import { DAYS_PER_MONTH, monthsOfHorizon } from './calendar.js';
import type { SimulationInput } from './simulation-input.js';

/** A checked input: the horizon in days and in months (see SimulationInput.horizonDays). */
export type CheckedSimulationInput = SimulationInput & { horizonDays: number; horizonMonths: number };

/**
 * The horizon of an input in days and months. A horizon within 1e-9 month of whole months is taken
 * as exactly months x DAYS_PER_MONTH days, so that it ends at the end of its last month.
 */
function checkHorizon(input: SimulationInput): { horizonDays: number; horizonMonths: number } {
  if (input.horizonDays === undefined) {
    if (input.horizonMonths === undefined) throw new Error('give horizonDays or horizonMonths');
    checkNumber(input.horizonMonths, 'horizonMonths', { min: 1, integer: true });
    return { horizonDays: input.horizonMonths * DAYS_PER_MONTH, horizonMonths: input.horizonMonths };
  }
  checkNumber(input.horizonDays, 'horizonDays', { min: 0, exclusive: true });
  const months = monthsOfHorizon(input.horizonDays);
  const wholeMonths = Math.abs(input.horizonDays / DAYS_PER_MONTH - months) < 1e-9;
  if (!wholeMonths && !Number.isInteger(input.horizonDays)) {
    throw new UserInputError(`must be a whole number of days or of months (of ${DAYS_PER_MONTH} days), got ${input.horizonDays}`, { field: 'horizonDays' });
  }
  if (input.horizonMonths !== undefined && input.horizonMonths !== months) {
    throw new Error(`horizonMonths (${input.horizonMonths}) does not match horizonDays (${input.horizonDays}: ${months} months)`);
  }
  return { horizonDays: wholeMonths ? months * DAYS_PER_MONTH : input.horizonDays, horizonMonths: months };
}

/**
 * The inputs this function returned: checking one of them again returns it as it is, so a run that
 * checks its input before simulating (run/prepare-run.ts) does not pay for the check twice (it
 * parses every iteration's programs). A returned input is not to be changed.
 */
const checkedInputs = new WeakSet<SimulationInput>();

/** The input, checked, with each program's schema defaults applied (see checkResolvedProgram). */
export function checkSimulationInput(input: SimulationInput): CheckedSimulationInput {
  if (checkedInputs.has(input)) return input as CheckedSimulationInput;
  const checked = checkInput(input);
  checkedInputs.add(checked);
  return checked;
}

function checkInput(input: SimulationInput): CheckedSimulationInput {
  const { customers, model, categories } = input;
  const count = customers.count;
  if (!Number.isInteger(count) || count < 0) throw new Error(`customers.count must be a whole number, got ${count}`);
  for (const key of ['x', 'tx', 'T', 'monetaryValue'] as const) {
    if (!(customers[key] instanceof Float64Array) || customers[key].length < count) {
      throw new Error(`customers.${key} must be a Float64Array of at least ${count} values`);
    }
  }
  for (const [key, value] of Object.entries(model.bgnbd)) checkNumber(value, `model.bgnbd.${key}`, { min: 0, exclusive: true });
  for (const [key, value] of Object.entries(model.gammaGamma)) checkNumber(value, `model.gammaGamma.${key}`, { min: 0, exclusive: true });
  checkNumber(model.daysPerPeriod, 'model.daysPerPeriod', { min: 0, exclusive: true });

  if (categories.names.length === 0) throw new Error('categories.names must not be empty');
  if (categories.revenueShares.length !== categories.names.length || categories.margins.length !== categories.names.length) {
    throw new Error('categories.names, revenueShares and margins must have the same length');
  }
  categories.revenueShares.forEach((share, i) => checkNumber(share, `categories.revenueShares[${i}]`, { min: 0, max: 1 }));
  const shareSum = categories.revenueShares.reduce((a, b) => a + b, 0);
  if (Math.abs(shareSum - 1) > 1e-9) {
    throw new UserInputError(`category revenue shares must sum to 1, they sum to ${shareSum}`, { field: 'categories.revenueShares' });
  }
  categories.margins.forEach((margin, i) => checkNumber(margin, `categories.margins[${i}]`, { max: 1 }));

  checkNumber(input.newCustomersPerMonth, 'newCustomersPerMonth', { min: 0 });
  if (input.returnRate !== undefined) checkNumber(input.returnRate, 'returnRate', { min: 0, max: 1 });
  const { horizonDays, horizonMonths } = checkHorizon(input);
  if (input.annualDiscountRate !== undefined) checkNumber(input.annualDiscountRate, 'annualDiscountRate', { min: 0 });
  if (!Number.isSafeInteger(input.seed)) throw new UserInputError(`must be a whole number, got ${input.seed}`, { field: 'seed' });
  if (input.iterations.length === 0) throw new UserInputError('at least one iteration is needed', { field: 'iterations' });
  if (input.customerSample !== undefined) checkNumber(input.customerSample, 'customerSample', { min: 1 });

  if (input.streamWorlds !== undefined) {
    if (input.streamWorlds.length !== input.iterations[0].programs.length) throw new Error('streamWorlds must have one world number per program');
    input.streamWorlds.forEach((world, p) => checkNumber(world, `streamWorlds[${p}]`, { min: 1, integer: true }));
  }
  const context: ProgramContext = { horizonMonths, categoryNames: categories.names };
  const first = input.iterations[0].programs;
  input.iterations.forEach((iteration, i) => {
    const where = `iteration ${i + 1}`;
    if (iteration.programs.length !== first.length) throw new Error(`${where}: expected ${first.length} programs, got ${iteration.programs.length}`);
    if (iteration.margins !== undefined) {
      if (iteration.margins.length !== categories.names.length) throw new Error(`${where}: margins must have one value per category`);
      iteration.margins.forEach((margin, k) => checkNumber(margin, `${where}: margins[${k}]`, { max: 1 }));
    }
    if (iteration.newCustomersPerMonth !== undefined) checkNumber(iteration.newCustomersPerMonth, `${where}: newCustomersPerMonth`, { min: 0 });
    if (iteration.returnRate !== undefined) checkNumber(iteration.returnRate, `${where}: returnRate`, { min: 0, max: 1 });
    iteration.programs.forEach((program, p) => {
      if (program.name !== first[p].name || program.type !== first[p].type) {
        throw new Error(`${where}: program ${p} is '${program.name}' (${program.type}), expected '${first[p].name}' (${first[p].type})`);
      }
    });
  });
  return {
    ...input,
    horizonDays,
    horizonMonths,
    iterations: input.iterations.map((iteration, i) => ({
      ...iteration,
      programs: iteration.programs.map((program, p) => checkResolvedProgram(program, `iteration ${i + 1}: programs[${p}] (${program.name})`, context)),
    })),
  };
}
