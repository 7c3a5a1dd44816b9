/**
 * Type `none`: membership without mechanics. Members get the program's behaviour effects and cost
 * its operating costs, and nothing else. (The baseline world is the no-program world; a `none`
 * program can price, say, an app or a newsletter whose only lever is behaviour.) With the defaults
 * it reproduces the baseline; given effects or costs, it shows what those alone would do.
 */
import { programSchema } from '../common.js';
import { programModule, type MemberEvent, type ProgramEventOutcome, type ProgramPolicy, type ResolvedParameters } from '../program.js';

const noneProgramSchema = programSchema('none', {}).describe('No mechanics: the baseline, or the effects and costs alone.');

export type ResolvedNoneProgram = ResolvedParameters<typeof noneProgramSchema>;

class NonePolicy implements ProgramPolicy<ResolvedNoneProgram> {
  configure(): void {}
  enrol(): void {}
  purchase(): void {}
  monthEnd(_event: MemberEvent, out: ProgramEventOutcome): void {
    out.member = true;
    out.quietUntilMonth = Infinity; // nothing happens at month ends
  }
  leave(): void {}
}

export const noneProgram = programModule({
  schema: noneProgramSchema,
  create: () => new NonePolicy(),
});
