/**
 * Small drivers for program policies in tests: one reused event and outcome, as the engine does
 * (which also resets an outcome's fee period once it has booked the fees).
 */
import { MemberEvent, ProgramEventOutcome, type ProgramCommon, type ProgramPolicy } from '../../src/programs/program.js';

export const COMMON: Omit<ProgramCommon, 'name' | 'type'> = {
  enrolment: { share: 1, selfSelection: 0, at: 'start' as const },
  effects: { frequencyUplift: 0, spendUplift: 0, churnReduction: 0 },
  costs: { setup: 0, perMemberPerYear: 0, perTransaction: 0 },
};

export class PolicyDriver<P extends ProgramCommon> {
  readonly event = new MemberEvent();
  readonly out = new ProgramEventOutcome();

  constructor(readonly policy: ProgramPolicy<P>) {}

  enrol(day: number, uniform = 0.5): ProgramEventOutcome {
    Object.assign(this.event, { day, month: Math.floor(day / (365.2425 / 12)), uniform });
    this.out.clear();
    this.out.clearFeePeriod();
    this.policy.enrol(this.event, this.out);
    return this.out;
  }

  purchase(day: number, amount: number, options: { category?: number; uniform?: number } = {}): ProgramEventOutcome {
    Object.assign(this.event, { day, month: Math.floor(day / (365.2425 / 12)), amount, category: options.category ?? 0, uniform: options.uniform ?? 0.5 });
    this.out.clear();
    this.out.clearFeePeriod();
    this.policy.purchase(this.event, this.out);
    return this.out;
  }

  monthEnd(month: number, uniform = 0.5): ProgramEventOutcome {
    this.event.month = month;
    // The engine's month end: the month's last instant (sim/membership.ts).
    this.event.day = (month + 1) * (365.2425 / 12);
    this.event.uniform = uniform;
    this.out.clear();
    this.out.clearFeePeriod();
    this.policy.monthEnd(this.event, this.out);
    return this.out;
  }

  leave(day: number): ProgramEventOutcome {
    this.event.day = day;
    this.out.clear();
    this.out.clearFeePeriod();
    this.policy.leave(this.event, this.out);
    return this.out;
  }
}
