/**
 * Every metric a report gives, declared once: its computation from one iteration's world totals,
 * its label, unit and one-line definition (docs/methods.md section 5). The order of the list is
 * the order of the metrics in the JSON report and in the README's metric table; the table
 * reporter's row order is report/metric-catalogue.ts's. An entry without a label, unit or
 * definition does not compile.
 */
import { breakageRate, economicLiability, liabilityAtFaceValue } from './breakage.js';
import { dropoutShare, lapsedShare, memberRetention, nonMemberRetention } from './churn.js';
import { renewalRate, shortfallShare } from './membership.js';
import { marginErosion, subsidyShare } from './margin-erosion.js';
import { netPresentValue } from './npv.js';
import { paidBack, paybackMonth } from './payback.js';
import { incrementalCashProfit, incrementalRevenue, returnOnInvestment } from './profit.js';
import type { WorldTotals } from './world-totals.js';

export type MetricUnit = 'money' | 'share' | 'ratio' | 'months' | 'points' | 'count' | 'probability';

/** What a metric of one program in one iteration is computed from. */
export interface MetricInputs {
  program: WorldTotals;
  baseline: WorldTotals;
  /** Incremental profit per month against the baseline, before the setup cost (compute-metrics.ts). */
  monthlyIncrementalProfit: Float64Array;
  /** The program's setup cost: a cash flow at time zero, before month 1. */
  setupCost: number;
  /** incrementalProfit(program, baseline), computed once for the metrics that need it. */
  incrementalProfit: number;
  /** programCost(program), likewise. */
  programCost: number;
  /** The program's face value of a point in this iteration (NaN without points). */
  pointFaceValue: number;
  /** IFRS 15 contract liability for the points at the horizon's end (NaN without points). */
  contractLiability: number;
  /** Annual rate for the NPV, e.g. 0.08. */
  annualDiscountRate: number;
}

export interface MetricDefinition {
  readonly name: string;
  /** Row label of the table (may be indented to show that the row belongs to the one above). */
  readonly label: string;
  readonly unit: MetricUnit;
  /** One line, printed under the table and in the README. */
  readonly definition: string;
  /**
   * Leave the table row out unless some program has a non-zero mean of this metric (a figure only
   * some program types have: fees, points, ...). Usually the row's own name; the points rows follow
   * `pointsIssued`, so a points program that has expired nothing yet still shows 0 expired.
   */
  readonly onlyWhenNonZero?: string;
  /**
   * What the table says when no iteration gives a value (the payback month: "never"); without it
   * such a cell is "-" and a row without any value is left out.
   */
  readonly noValue?: string;
  /** The metric's value in one iteration (NaN when it does not apply). */
  readonly compute: (inputs: MetricInputs) => number;
}

export const METRICS = [
  {
    name: 'incrementalRevenue',
    label: 'Incremental revenue',
    unit: 'money',
    definition: 'program-world net revenue minus baseline net revenue',
    compute: ({ program, baseline }) => incrementalRevenue(program, baseline),
  },
  {
    name: 'incrementalProfit',
    label: 'Incremental profit',
    unit: 'money',
    definition:
      'economic: program-world profit (after discounts, points payments, rewards, operating costs, fees as earned and partner payments) minus the points liability at the horizon\'s end, minus baseline gross profit',
    compute: (inputs) => inputs.incrementalProfit,
  },
  {
    name: 'incrementalCashProfit',
    label: '  cash result of the horizon',
    unit: 'money',
    definition: 'incremental profit with fees counted when collected instead of as earned, and without the points liability',
    compute: ({ program, baseline }) => incrementalCashProfit(program, baseline),
  },
  {
    name: 'programCost',
    label: 'Program cost',
    unit: 'money',
    definition: 'discounts + points payments + reward cost + benefit cost + operating cost + partner payments out + points liability',
    compute: (inputs) => inputs.programCost,
  },
  {
    name: 'roi',
    label: 'ROI',
    unit: 'ratio',
    definition: 'incremental profit / program cost',
    compute: (inputs) => returnOnInvestment(inputs.incrementalProfit, inputs.programCost),
  },
  {
    name: 'marginErosion',
    label: 'Margin erosion',
    unit: 'share',
    definition: '(discounts + points payments + reward cost + benefit cost) / baseline gross profit',
    compute: ({ program, baseline }) => marginErosion(program, baseline),
  },
  {
    name: 'subsidyShare',
    label: '  of which subsidy',
    unit: 'share',
    definition: 'share of the erosion given on purchases members would have made anyway',
    compute: ({ program }) => subsidyShare(program),
  },
  {
    name: 'breakageRate',
    label: 'Breakage',
    unit: 'share',
    definition: '1 - (redeemed + redeemed in the run-off past the horizon) / issued: the points never redeemed',
    compute: ({ program }) => breakageRate(program),
  },
  {
    name: 'pointsIssued',
    label: 'Points issued',
    unit: 'points',
    definition: 'points credited to members (= redeemed + expired + forfeited + outstanding)',
    onlyWhenNonZero: 'pointsIssued',
    compute: ({ program }) => program.pointsIssued,
  },
  {
    name: 'pointsRedeemed',
    label: 'Points redeemed',
    unit: 'points',
    definition: 'points spent by members',
    onlyWhenNonZero: 'pointsIssued',
    compute: ({ program }) => program.pointsRedeemed,
  },
  {
    name: 'pointsExpired',
    label: 'Points expired',
    unit: 'points',
    definition: 'points lost to expiry',
    onlyWhenNonZero: 'pointsIssued',
    compute: ({ program }) => program.pointsExpired,
  },
  {
    name: 'pointsForfeited',
    label: 'Points forfeited',
    unit: 'points',
    definition: 'points lost when a membership ended',
    onlyWhenNonZero: 'pointsForfeited',
    compute: ({ program }) => program.pointsForfeited,
  },
  {
    name: 'pointsOutstanding',
    label: 'Points outstanding',
    unit: 'points',
    definition: "points still on members' balances at the end of the horizon",
    onlyWhenNonZero: 'pointsIssued',
    compute: ({ program }) => program.pointsOutstanding,
  },
  {
    name: 'liability',
    label: 'Points liability',
    unit: 'money',
    definition: 'economic: cost of the run-off\'s redemptions of the points outstanding at the horizon\'s end, discounted to then',
    onlyWhenNonZero: 'pointsIssued',
    compute: ({ program }) => economicLiability(program),
  },
  {
    name: 'liabilityAtFaceValue',
    label: '  at face value',
    unit: 'money',
    definition: 'the points outstanding at the horizon\'s end x face value of a point',
    onlyWhenNonZero: 'pointsIssued',
    compute: ({ program, pointFaceValue }) => liabilityAtFaceValue(program, pointFaceValue),
  },
  {
    name: 'contractLiability',
    label: 'Contract liability (IFRS 15)',
    unit: 'money',
    definition: 'sales allocated to points and not yet recognised as revenue at the horizon\'s end (IFRS 15 roll-forward)',
    onlyWhenNonZero: 'pointsIssued',
    compute: ({ contractLiability }) => contractLiability,
  },
  {
    name: 'paybackMonth',
    label: 'Payback month',
    unit: 'months',
    noValue: 'never',
    definition: 'first month from which cumulative incremental profit stays positive, over the iterations that pay back within the horizon ("never" when none does)',
    compute: (inputs) => paybackMonth(inputs.monthlyIncrementalProfit, inputs.setupCost),
  },
  {
    name: 'probabilityOfPayback',
    label: 'Probability of payback',
    unit: 'probability',
    definition: 'share of iterations that pay back within the horizon',
    compute: (inputs) => (paidBack(inputs.monthlyIncrementalProfit, inputs.setupCost) ? 1 : 0),
  },
  {
    name: 'npv',
    label: 'NPV',
    unit: 'money',
    definition: 'monthly incremental profit discounted at the scenario discount rate, less the setup cost at time zero (undiscounted)',
    compute: (inputs) => netPresentValue(inputs.monthlyIncrementalProfit, inputs.annualDiscountRate, inputs.setupCost),
  },
  {
    // Over the iterations the mean of this indicator is the share of iterations with a loss.
    name: 'probabilityOfLoss',
    label: 'Probability of loss',
    unit: 'probability',
    definition: 'share of iterations with incremental profit < 0',
    compute: (inputs) => (inputs.incrementalProfit < 0 ? 1 : 0),
  },
  {
    name: 'membersEnrolled',
    label: 'Members ever enrolled',
    unit: 'count',
    definition: 'customers who joined the program within the horizon, each once',
    compute: ({ program }) => program.enrolments,
  },
  {
    name: 'membersAtEnd',
    label: 'Members at the end',
    unit: 'count',
    definition: "customers who are members at the horizon's end",
    compute: ({ program }) => program.members,
  },
  {
    name: 'memberMonths',
    label: 'Member-months',
    unit: 'count',
    definition: 'months of membership within the horizon, from each joining day on, summed over members',
    compute: ({ program }) => program.memberMonths,
  },
  {
    name: 'dropoutBaseline',
    label: 'Dropout without program',
    unit: 'share',
    definition: 'share of customers active at the start who drop out within the horizon, baseline world',
    compute: ({ baseline }) => dropoutShare(baseline),
  },
  {
    name: 'dropoutProgram',
    label: 'Dropout with program',
    unit: 'share',
    definition: 'the same, program world',
    compute: ({ program }) => dropoutShare(program),
  },
  {
    name: 'memberRetention',
    label: 'Member retention',
    unit: 'share',
    definition: 'share of the customers active at the start who joined and have not dropped out by the horizon\'s end',
    compute: ({ program }) => memberRetention(program),
  },
  {
    name: 'nonMemberRetention',
    label: 'Non-member retention',
    unit: 'share',
    definition: 'the same for the program world\'s non-members active at the start',
    compute: ({ program }) => nonMemberRetention(program),
  },
  {
    name: 'lapsedBaseline',
    label: 'Lapsed without program',
    unit: 'share',
    definition: 'share of customers active at the start who make no purchase in the first 12 months (the horizon if shorter), baseline world',
    compute: ({ baseline }) => lapsedShare(baseline),
  },
  {
    name: 'lapsedProgram',
    label: 'Lapsed with program',
    unit: 'share',
    definition: 'the same, program world',
    compute: ({ program }) => lapsedShare(program),
  },
  {
    name: 'feeRevenue',
    label: 'Fee revenue',
    unit: 'money',
    definition: 'membership and card fees earned within the horizon: each fee pro rata by day over the period it pays for',
    onlyWhenNonZero: 'feesCollected',
    compute: ({ program }) => program.feeRevenue,
  },
  {
    name: 'feesCollected',
    label: 'Fees collected',
    unit: 'money',
    definition: 'fees charged within the horizon (cash): fee x (joiners + renewals whose period starts within it) + card fee x joiners',
    onlyWhenNonZero: 'feesCollected',
    compute: ({ program }) => program.feesCollected,
  },
  {
    name: 'feesDeferred',
    label: '  of which deferred',
    unit: 'money',
    definition: 'fees collected for service after the horizon (a contract liability at its end) = collected - revenue',
    onlyWhenNonZero: 'feesCollected',
    compute: ({ program }) => program.feesDeferred,
  },
  {
    name: 'benefitCost',
    label: 'Benefit cost',
    unit: 'money',
    definition: 'cost of non-monetary member benefits (free delivery, lounge, ...)',
    onlyWhenNonZero: 'benefitCost',
    compute: ({ program }) => program.benefitCost,
  },
  {
    name: 'renewalRate',
    label: 'Renewal rate',
    unit: 'share',
    definition: 'membership periods renewed / periods ended within the horizon',
    compute: ({ program }) => renewalRate(program),
  },
  {
    name: 'shortfallShare',
    label: 'Benefit below fee',
    unit: 'share',
    definition: 'share of ended membership periods in which the member got less benefit than the fee',
    compute: ({ program }) => shortfallShare(program),
  },
  {
    name: 'referrals',
    label: 'Referred customers',
    unit: 'count',
    definition: 'new customers brought by members (each costs the referral bonus)',
    onlyWhenNonZero: 'referrals',
    compute: ({ program }) => program.referrals,
  },
  {
    name: 'programArrivals',
    label: 'Arrivals via program',
    unit: 'count',
    definition: 'new customers who reached the business through the program (e.g. a network)',
    onlyWhenNonZero: 'programArrivals',
    compute: ({ program }) => program.programArrivals,
  },
] as const satisfies readonly MetricDefinition[];

export type MetricName = (typeof METRICS)[number]['name'];

/** The metric names in report order. */
export const METRIC_NAMES: readonly MetricName[] = METRICS.map((metric) => metric.name);

/** The declaration of one metric. */
export function metricDefinition(name: MetricName): MetricDefinition {
  const metric = METRICS.find((candidate) => candidate.name === name);
  if (metric === undefined) throw new Error(`no metric named ${name}`);
  return metric;
}
