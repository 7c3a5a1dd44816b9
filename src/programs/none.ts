/**
 * Type `none`: membership without mechanics. Members get the program's behaviour effects and cost
 * its operating costs, and nothing else. (The baseline world is the no-program world; a `none`
 * program can price, say, an app or a newsletter whose only lever is behaviour.)
 */
import type { MemberEvent, ProgramCommon, ProgramEventOutcome, ProgramPolicy, ProgramPolicyType } from './program.js';

export interface ResolvedNoneProgram extends ProgramCommon {
  type: 'none';
}

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

export const noneProgram: ProgramPolicyType<ResolvedNoneProgram> = {
  type: 'none',
  validate() {},
  create: () => new NonePolicy(),
};
