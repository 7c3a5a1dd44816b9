/**
 * Who joins each program in one iteration: by the program's share and self-selection
 * (enrolment.ts), or by the policy's own decision from each customer's traits
 * (`decidesEnrolment` / `joins`). The same enrolment uniform decides in every world; only active
 * customers join; existing customers join on day 0, new ones on arrival.
 */
import type { CustomerTraitModel } from '../model/customer-trait-model.js';
import { EnrolmentCandidate, type ProgramPolicy } from '../programs/program.js';
import type { ResolvedProgram } from '../programs/registry.js';
import type { CustomerTable } from './customer-table.js';
import { enrolmentProbability, enrolmentScale, enrolmentWeights } from './enrolment.js';

export class EnrolmentPass {
  /** Reused for every customer a policy decides about. */
  private readonly candidate = new EnrolmentCandidate();

  constructor(
    private readonly model: CustomerTraitModel,
    private readonly customers: CustomerTable,
  ) {}

  /** Set `customers.member` for every program world and every customer of the iteration. */
  solve(programs: readonly ResolvedProgram[], policies: readonly ProgramPolicy<ResolvedProgram>[]): void {
    const table = this.customers;
    const count = table.count;
    programs.forEach((program, i) => {
      const policy = policies[i];
      const offset = (i + 1) * table.capacity;
      if (policy.decidesEnrolment?.() === true) {
        for (let c = 0; c < count; c++) table.member[offset + c] = table.active[c] === 1 && this.policyAdmits(policy, c) ? 1 : 0;
        return;
      }
      const { share, selfSelection } = program.enrolment;
      enrolmentWeights(table.ratePerDay, count, selfSelection, table.weights);
      const scale = enrolmentScale(table.weights, table.active, count, share, selfSelection, table.capped);
      for (let c = 0; c < count; c++) {
        const joins = table.active[c] === 1 && table.enrolUniform[c] < enrolmentProbability(scale, table.weights[c]);
        table.member[offset + c] = joins ? 1 : 0;
      }
    });
  }

  /** Whether customer `c`, who exists in one program world only, joins on arrival: yes, unless the policy decides. */
  worldCustomerJoins(policy: ProgramPolicy<ResolvedProgram>, c: number): boolean {
    return policy.decidesEnrolment?.() !== true || this.policyAdmits(policy, c);
  }

  /** The policy's decision about customer `c` from their own traits. */
  private policyAdmits(policy: ProgramPolicy<ResolvedProgram>, c: number): boolean {
    const table = this.customers;
    const candidate = this.candidate;
    candidate.day = table.startDay[c];
    candidate.ratePerDay = table.ratePerDay[c];
    candidate.meanPurchaseValue = this.model.meanPurchaseValue(table.spendRate[c]);
    candidate.dropout = table.dropout[c];
    candidate.uniform = table.enrolUniform[c];
    return policy.joins!(candidate);
  }
}
