/**
 * Every quantity the engine tallies per world and month, declared once. The tally layout
 * (sim/tally.ts), the fields a policy writes on ProgramEventOutcome, the engine's accumulation of
 * an outcome into the tallies and the world totals over the horizon (metrics/world-totals.ts) are
 * all derived from this list, so a new flow or stock is one entry here (plus whatever uses it).
 *
 * Kinds:
 *   flow   a sum over the month; its horizon total is the sum over the months
 *   stock  a value at the month end; its horizon total is the value at the end of the last month
 *   cohort recorded in month 0 only; its horizon total is the month-0 value
 *
 * An entry with `outcome` is written by program policies: `outcome` names the ProgramEventOutcome
 * field (programs/program.ts) the engine adds into the tally after every event (flows) or reports
 * at every month end (stocks). Entries without it are written by the engine itself.
 *
 * Money is in the data's currency, points in points. Profit, from these tallies
 * (docs/methods.md section 5):
 *   baseline profit = revenue - costOfGoods
 *   program profit  = revenue - costOfGoods - discounts - pointsPayments - rewardCost - benefitCost
 *                     - operatingCost + feeRevenue + partnerPaymentsIn - partnerPaymentsOut
 *   cash profit     = the same with feesCollected (fees as charged) in place of feeRevenue (as earned)
 * Points sums are exact (see points-ledger.ts), so for every month
 *   cumulative pointsIssued = cumulative pointsRedeemed + cumulative pointsExpired
 *                             + cumulative pointsForfeited + pointsOutstanding,
 * and the run-off after the horizon (programs/run-off.ts) accounts for every point outstanding at
 * the horizon's end:
 *   pointsOutstanding (last month) = runOffRedeemed + runOffExpired + runOffStranded + runOffHeldAtCap.
 */

export type FlowKind = 'flow' | 'stock' | 'cohort';

export interface FlowDeclaration {
  /** Name of the tally (and of the world total). */
  readonly name: string;
  readonly kind: FlowKind;
  /** The ProgramEventOutcome field a policy writes it through; absent: the engine writes it. */
  readonly outcome?: string;
  readonly doc: string;
}

export const FLOWS = [
  { name: 'revenue', kind: 'flow', doc: 'Sales at list price (after the members\' spend effect, before any discount or points payment), returned purchases excluded.' },
  { name: 'costOfGoods', kind: 'flow', doc: 'Cost of the goods sold: list price x (1 - gross margin of the category).' },
  { name: 'discounts', kind: 'flow', outcome: 'discount', doc: 'Price reductions given to members (currency).' },
  {
    name: 'pointsPayments',
    kind: 'flow',
    outcome: 'pointsPayments',
    doc:
      'Currency the business does not take for goods it sells anyway: the face value of points and vouchers paying part ' +
      'of a price, plus the price of the paid purchases that rewards replaced (their displaced share). Net revenue is ' +
      'revenue - discounts - pointsPayments.',
  },
  { name: 'pointsIssued', kind: 'flow', outcome: 'pointsIssued', doc: 'Points credited to members.' },
  { name: 'pointsRedeemed', kind: 'flow', outcome: 'pointsRedeemed', doc: 'Points spent by members.' },
  { name: 'pointsExpired', kind: 'flow', outcome: 'pointsExpired', doc: 'Points lost to expiry.' },
  { name: 'pointsForfeited', kind: 'flow', outcome: 'pointsForfeited', doc: 'Points members lost when their membership ended (a paid membership not renewed).' },
  { name: 'pointsOutstanding', kind: 'stock', outcome: 'pointsOutstanding', doc: 'Points held by members at the month end.' },
  {
    name: 'pointsRedeemable',
    kind: 'stock',
    outcome: 'pointsRedeemable',
    doc: 'Points held at the month end by members expected to redeem them (still buying, redeemers).',
  },
  {
    name: 'rewardCost',
    kind: 'flow',
    outcome: 'rewardCost',
    doc:
      'Cost of reward goods that replace no purchase (the non-displaced share of rewards: points x costPerPoint, a catalogue ' +
      'item\'s or a gift\'s cost), prizes, and referral bonuses.',
  },
  {
    name: 'redemptionCost',
    kind: 'flow',
    outcome: 'redemptionCost',
    doc:
      'What the redemptions cost the business, net of what partners reimburse: already part of rewardCost and ' +
      'partner payments, not a cost of its own. The run-off values the points outstanding at the horizon\'s end by it.',
  },
  { name: 'benefitCost', kind: 'flow', outcome: 'benefitCost', doc: 'Cost of non-monetary member benefits (free delivery, lounge access, ...).' },
  {
    name: 'feesCollected',
    kind: 'flow',
    outcome: 'feesCollected',
    doc:
      'Membership and card fees charged (cash), booked in the month their service period starts; a fee whose ' +
      'period starts at or after the horizon\'s end is not charged within it.',
  },
  {
    name: 'feeRevenue',
    kind: 'flow',
    doc:
      'Fees earned: each fee spread over the months of the period it pays for, pro rata by day (a fee earned at ' +
      'once in the month it is charged). The part for service after the horizon is in `feesDeferred`.',
  },
  {
    name: 'feesDeferred',
    kind: 'flow',
    doc:
      'Of the fees charged in the month, the part for service after the horizon\'s end (a contract liability ' +
      'at the end); over the horizon feesCollected = feeRevenue + feesDeferred.',
  },
  { name: 'partnerPaymentsIn', kind: 'flow', outcome: 'partnerPaymentsIn', doc: 'Money received from a coalition operator or partners.' },
  { name: 'partnerPaymentsOut', kind: 'flow', outcome: 'partnerPaymentsOut', doc: 'Money paid to a coalition operator or partners.' },
  { name: 'operatingCost', kind: 'flow', doc: 'Setup (tallied in month 1; a time-zero cash flow in the NPV) + per member per year pro rata by days of membership + per transaction.' },
  { name: 'transactionCost', kind: 'flow', doc: 'The per-transaction part of operatingCost.' },
  { name: 'members', kind: 'stock', doc: 'Customers who are members at the month end.' },
  { name: 'enrolments', kind: 'flow', doc: 'Customers who joined the program in the month (each member once, in the month they joined).' },
  {
    name: 'memberMonths',
    kind: 'flow',
    doc: 'Months of membership in the month: days from joining (or the month\'s start) to the month\'s end, over DAYS_PER_MONTH, summed over members.',
  },
  {
    name: 'shoppers',
    kind: 'cohort',
    doc: 'Customers who make a purchase in the horizon (returned or not); in the baseline, those among whom members are chosen.',
  },
  { name: 'activeCustomers', kind: 'stock', doc: 'Customers who were active (had not dropped out) at some time in the month.' },
  { name: 'purchases', kind: 'flow', doc: 'Purchases (not returned).' },
  { name: 'returnedPurchases', kind: 'flow', doc: 'Purchases returned (at the return rate): no revenue, cost of goods or program benefit.' },
  { name: 'returnedRevenue', kind: 'flow', doc: 'List price of the returned purchases (revenue + returnedRevenue = revenue without returns).' },
  { name: 'memberPurchases', kind: 'flow', doc: 'Purchases by members.' },
  {
    name: 'subsidy',
    kind: 'flow',
    doc:
      'Benefits (discount + points payments + reward cost + benefit cost) given on purchases the member would have made anyway. ' +
      'With common random numbers a member\'s k-th purchase is the counterpart of the same customer\'s k-th ' +
      'baseline purchase; benefits on the first n purchases, where n is the customer\'s baseline purchase count, ' +
      'count as subsidy, scaled by min(1, 1 / (1 + spendUplift)): the share of the purchase\'s value that would ' +
      'have been spent anyway (all of it when members spend less).',
  },
  { name: 'memberRevenue', kind: 'flow', doc: 'Members\' sales at list price, in this world.' },
  { name: 'memberGrossProfit', kind: 'flow', doc: 'Members\' sales at list price minus their cost of goods, in this world.' },
  { name: 'memberBaselineGrossProfit', kind: 'flow', doc: 'The same customers\' gross profit in the baseline world (0 in the baseline\'s own rows).' },
  { name: 'cohortActiveAtStart', kind: 'cohort', doc: 'Existing customers active at the start of the horizon (the churn cohort; new customers are not in it).' },
  {
    name: 'cohortLapsed',
    kind: 'cohort',
    doc: 'Of the churn cohort, those who make no purchase in the first 12 months (or the whole horizon if shorter): the observable lapse.',
  },
  { name: 'cohortDroppedOut', kind: 'cohort', doc: 'Of the churn cohort, those who drop out (the simulated BG/NBD dropout) within the horizon.' },
  { name: 'cohortMembers', kind: 'cohort', doc: 'Of the churn cohort, those enrolled in the program of this world (0 in the baseline).' },
  { name: 'cohortMembersDroppedOut', kind: 'cohort', doc: 'Of those members, the ones who drop out within the horizon.' },
  { name: 'referrals', kind: 'flow', doc: 'New customers brought by members (referral); they exist in this world only.' },
  { name: 'programArrivals', kind: 'flow', doc: 'New customers who reached the business through the program (e.g. a network); this world only.' },
  { name: 'feePayments', kind: 'flow', outcome: 'feePayments', doc: 'Membership and card fees charged, each fee once (feesCollected is their sum).' },
  { name: 'periodsEnded', kind: 'flow', outcome: 'periodsEnded', doc: 'Membership periods that ended (each a renewal decision).' },
  { name: 'renewals', kind: 'flow', outcome: 'renewals', doc: 'Of the periods ended, those renewed.' },
  {
    name: 'benefitShortfalls',
    kind: 'flow',
    outcome: 'benefitShortfalls',
    doc: 'Of the periods ended, those in which the member\'s benefit fell short of the fee.',
  },
  {
    name: 'ultimateRedeemed',
    kind: 'flow',
    doc: 'Of the points issued in the month, those redeemed at any time: within the horizon or in the run-off after it.',
  },
  { name: 'runOffRedeemed', kind: 'cohort', doc: 'Points outstanding at the horizon\'s end that members redeem in the run-off.' },
  { name: 'runOffExpired', kind: 'cohort', doc: 'Points outstanding at the horizon\'s end that expire or are forfeited in the run-off.' },
  {
    name: 'runOffStranded',
    kind: 'cohort',
    doc: 'Points outstanding at the horizon\'s end held by members who dropped out or never redeem: never redeemed.',
  },
  {
    name: 'runOffHeldAtCap',
    kind: 'cohort',
    doc: 'Points outstanding at the horizon\'s end still held by buying members when the run-off stops (RUN_OFF_MONTHS); counted as never redeemed.',
  },
  { name: 'runOffRedemptionCost', kind: 'cohort', doc: 'What the run-off\'s redemptions of points outstanding at the horizon\'s end cost the business, undiscounted.' },
  {
    name: 'pointsLiability',
    kind: 'cohort',
    doc: 'Economic points liability at the horizon\'s end: runOffRedemptionCost with each redemption discounted from the end of its run-off month to the horizon\'s end.',
  },
  { name: 'nonMemberBenefitPurchases', kind: 'flow', doc: 'Purchases by non-members with a benefit (shared codes).' },
  {
    name: 'customers',
    kind: 'flow',
    doc:
      'Customers simulated in this world, each counted once, in the month they start: existing customers active at ' +
      'the start (month 1), new arrivals, and the world\'s own arrivals through the program and referrals.',
  },
] as const satisfies readonly FlowDeclaration[];

type DeclaredFlow = (typeof FLOWS)[number];

/** Name of a tallied quantity. */
export type TallyField = DeclaredFlow['name'];

/** The tallies a policy writes, and the ProgramEventOutcome field names it writes them through. */
type PolicyFlow = Extract<DeclaredFlow, { outcome: string }>;
export type OutcomeField = PolicyFlow['outcome'];

/** The policy-written entries in list order: slot i of an outcome's values is OUTCOME_FLOWS[i]. */
export const OUTCOME_FLOWS: readonly PolicyFlow[] = FLOWS.filter((flow): flow is PolicyFlow => 'outcome' in flow);

