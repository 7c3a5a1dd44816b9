/**
 * Who joins each program in one iteration, and from when (docs/methods.md section 6).
 *
 * Who: among the customers who shop in the horizon (customer-table.ts `shops`: existing customers
 * with a purchase in it in the baseline, and new arrivals), by the program's share and
 * self-selection weights (enrolment.ts), or by the policy's own decision from each customer's
 * traits (`decidesEnrolment` / `joins`). The same enrolment uniform decides in every world.
 *
 * When (`joinFrom`, customer-table.ts): with `at: purchase` (the default) a chosen customer joins
 * at their first purchase on or after the day the program opens to them: day 0, or with
 * `rampMonths` R > 0 the day u R DAYS_PER_MONTH of their opening uniform u (a new customer not
 * before arrival). Without a ramp that is their first purchase in the horizon, known beforehand
 * (`firstPurchaseDay`). A chosen customer who buys nothing from the opening day to the horizon's
 * end never joins. With `at: start` they join at the start: day 0, new customers on arrival; then
 * they are chosen among the customers active at the start (in the model's latent state) and new
 * arrivals, whether they shop or not: choosing among those who shop in the baseline would exclude
 * the customers the program itself makes buy.
 */
import type { CustomerTraitModel } from '../model/customer-trait-model.js';
import { EnrolmentCandidate, type ProgramPolicy } from '../programs/program.js';
import type { ResolvedProgram } from '../programs/registry.js';
import { DAYS_PER_MONTH } from './calendar.js';
import { JOINS_AT_START, NEVER_JOINS, type CustomerTable } from './customer-table.js';
import { enrolmentProbability, enrolmentScale, enrolmentWeights, selectsNobody, type SelectionWeights } from './enrolment.js';

export class EnrolmentPass {
  /** Reused for every customer a policy decides about. */
  private readonly candidate = new EnrolmentCandidate();
  private readonly selection: SelectionWeights = { rate: 0, spend: 0, loyalty: 0 };
  /** Mean purchase values, filled when a program weighs spend. */
  private meanValues = new Float64Array(0);

  constructor(
    private readonly model: CustomerTraitModel,
    private readonly customers: CustomerTable,
  ) {}

  /** Set `customers.joinFrom` for every program world and every customer of the iteration. */
  solve(programs: readonly ResolvedProgram[], policies: readonly ProgramPolicy<ResolvedProgram>[]): void {
    const table = this.customers;
    const count = table.count;
    programs.forEach((program, i) => {
      const policy = policies[i];
      const offset = (i + 1) * table.capacity;
      const enrolment = program.enrolment;
      const atStart = enrolment.at === 'start';
      const rampDays = (enrolment.rampMonths ?? 0) * DAYS_PER_MONTH;
      const decides = policy.decidesEnrolment?.() === true;
      // Joining at the start does not wait for a purchase, so it must not depend on one either:
      // a member from day 0 may buy in the horizon only because of the program.
      const eligible = atStart ? table.active : table.shops;
      let scale = 0;
      if (!decides) {
        const selection = this.selection;
        selection.rate = enrolment.selfSelection;
        selection.spend = enrolment.spendSelection ?? 0;
        selection.loyalty = enrolment.loyaltySelection ?? 0;
        if (selection.spend !== 0) this.fillMeanValues(count);
        enrolmentWeights(table.ratePerDay, this.meanValues, table.dropout, count, selection, table.weights);
        scale = enrolmentScale(table.weights, eligible, count, enrolment.share, selectsNobody(selection), table.capped, table.sampled ? table.standsFor : undefined);
      }
      for (let c = 0; c < count; c++) {
        let from = NEVER_JOINS;
        if (eligible[c] === 1) {
          const opening = rampDays > 0 ? Math.max(table.startDay[c], table.openingUniform[c] * rampDays) : table.startDay[c];
          const joins = decides
            ? this.policyAdmits(policy, c, atStart ? table.startDay[c] : Math.max(opening, table.firstPurchaseDay[c]))
            : table.enrolUniform[c] < enrolmentProbability(scale, table.weights[c]);
          if (joins) from = atStart ? JOINS_AT_START : opening;
        }
        table.joinFrom[offset + c] = from;
      }
    });
  }

  /**
   * When customer `c`, who exists in one program world only, joins: on arrival (their first
   * purchase), unless the policy decides and says no.
   */
  worldCustomerJoinFrom(policy: ProgramPolicy<ResolvedProgram>, c: number): number {
    const joins = policy.decidesEnrolment?.() !== true || this.policyAdmits(policy, c, this.customers.startDay[c]);
    return joins ? JOINS_AT_START : NEVER_JOINS;
  }

  private fillMeanValues(count: number): void {
    if (this.meanValues.length < count) this.meanValues = new Float64Array(this.customers.capacity);
    for (let c = 0; c < count; c++) this.meanValues[c] = this.model.meanPurchaseValue(this.customers.spendRate[c]);
  }

  /**
   * The policy's decision about customer `c` from their own traits, joining on `day` (their first
   * purchase in the horizon, or after a gradual launch opens the program to them: the earliest
   * day they can join; the start with `at: start`).
   */
  private policyAdmits(policy: ProgramPolicy<ResolvedProgram>, c: number, day: number): boolean {
    const table = this.customers;
    const candidate = this.candidate;
    candidate.day = day;
    candidate.ratePerDay = table.ratePerDay[c];
    candidate.meanPurchaseValue = this.model.meanPurchaseValue(table.spendRate[c]);
    candidate.dropout = table.dropout[c];
    candidate.uniform = table.enrolUniform[c];
    return policy.joins!(candidate);
  }
}
