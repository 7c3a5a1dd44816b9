/**
 * Type `instant-win`: a share of member purchases wins a prize on the spot ("one order in four wins
 * a dessert"). Each member purchase of at least `minimumPurchase` wins with probability
 * `winProbability`, decided by the purchase's own uniform (the same in every world, so the baseline
 * and the program see the same luck). A prize costs the business `prizeCost` (its cost, not its
 * price: docs/methods.md section 3), booked as reward cost on the winning purchase:
 *
 *   reward cost = prizeCost x (number of winning purchases),   E[...] = winProbability x purchases x prizeCost
 *
 * Prizes are given on purchases the member would have made anyway as well as on the extra ones the
 * program's effects bring, so the subsidy share of the report splits them as for a discount.
 * Nothing is kept between purchases: no balance, no liability.
 */
import { numberIn, uncertainIn } from '../../schema/number-schemas.js';
import { strictObject } from '../../schema/strict-object.js';
import { NON_NEGATIVE, SHARE } from '../../schema/value-ranges.js';
import { programSchema } from '../common.js';
import { programModule, type MemberEvent, type ProgramEventOutcome, type ProgramPolicy, type ResolvedParameters } from '../program.js';

const instantWinSchema = strictObject({
  winProbability: numberIn(SHARE).describe('Chance that a member purchase wins a prize (0.25 or "25%": one order in four).'),
  prizeCost: uncertainIn(NON_NEGATIVE).describe('What one prize costs the business (its cost, not its price), in the currency.'),
  minimumPurchase: numberIn(NON_NEGATIVE).prefault(0).describe('Smallest purchase that takes part in the draw.'),
}).describe('The draw: how often a purchase wins and what a prize costs.');

const instantWinProgramSchema = programSchema('instant-win', {
  instantWin: instantWinSchema,
}).describe('A share of member purchases wins a prize on the spot.');

export type ResolvedInstantWinProgram = ResolvedParameters<typeof instantWinProgramSchema>;

class InstantWinPolicy implements ProgramPolicy<ResolvedInstantWinProgram> {
  private winProbability = 0;
  private prizeCost = 0;
  private minimumPurchase = 0;

  configure(parameters: ResolvedInstantWinProgram): void {
    this.winProbability = parameters.instantWin.winProbability;
    this.prizeCost = parameters.instantWin.prizeCost;
    this.minimumPurchase = parameters.instantWin.minimumPurchase;
  }

  enrol(): void {}

  purchase(event: MemberEvent, out: ProgramEventOutcome): void {
    if (event.amount >= this.minimumPurchase && event.uniform < this.winProbability) out.rewardCost = this.prizeCost;
  }

  monthEnd(_event: MemberEvent, out: ProgramEventOutcome): void {
    out.member = true;
    out.quietUntilMonth = Infinity; // nothing happens at month ends
  }

  leave(): void {}
}

export const instantWinProgram = programModule({
  schema: instantWinProgramSchema,
  create: () => new InstantWinPolicy(),
});
