/**
 * The metrics every report shows, in display order, with their unit and a one-line definition
 * (domain.md section 5). Printed under the table so readers know exactly what each figure means.
 */

export type MetricUnit = 'money' | 'share' | 'ratio' | 'months' | 'points' | 'count' | 'probability';

export interface MetricInfo {
  key: string;
  label: string;
  unit: MetricUnit;
  definition: string;
  /**
   * Leave the row out unless some program has a non-zero mean of this metric (a figure only some
   * program types have: fees, points, ...). Usually the row's own key; the points rows follow
   * `pointsIssued`, so a points program that has expired nothing yet still shows 0 expired.
   */
  onlyWhenNonZero?: string;
}

export const METRIC_CATALOGUE: readonly MetricInfo[] = [
  { key: 'incrementalRevenue', label: 'Incremental revenue', unit: 'money', definition: 'program-world net revenue minus baseline net revenue' },
  { key: 'incrementalProfit', label: 'Incremental profit', unit: 'money', definition: 'program-world profit (after discounts, rewards, operating costs, fees and partner payments) minus baseline gross profit' },
  { key: 'programCost', label: 'Program cost', unit: 'money', definition: 'discounts + reward cost + benefit cost + operating cost + partner payments out' },
  { key: 'roi', label: 'ROI', unit: 'ratio', definition: 'incremental profit / program cost' },
  { key: 'probabilityOfLoss', label: 'Probability of loss', unit: 'probability', definition: 'share of iterations with incremental profit < 0' },
  { key: 'npv', label: 'NPV', unit: 'money', definition: 'monthly incremental profit discounted at the scenario discount rate' },
  { key: 'paybackMonth', label: 'Payback month', unit: 'months', definition: 'first month from which cumulative incremental profit stays positive ("never" when not within the horizon)' },
  { key: 'probabilityOfPayback', label: 'Probability of payback', unit: 'probability', definition: 'share of iterations that pay back within the horizon' },
  { key: 'marginErosion', label: 'Margin erosion', unit: 'share', definition: '(discounts + reward cost + benefit cost) / baseline gross profit' },
  { key: 'subsidyShare', label: '  of which subsidy', unit: 'share', definition: 'share of the erosion given on purchases members would have made anyway' },
  { key: 'breakEvenUplift', label: 'Break-even uplift', unit: 'share', definition: 'purchase-frequency uplift of members at which incremental profit is zero' },
  { key: 'members', label: 'Members', unit: 'count', definition: 'customers enrolled in the program' },
  { key: 'feeIncome', label: 'Fee income', unit: 'money', definition: 'membership fees received (fee x joiners and renewals within the horizon) and card fees (card fee x joiners)', onlyWhenNonZero: 'feeIncome' },
  { key: 'benefitCost', label: 'Benefit cost', unit: 'money', definition: 'cost of non-monetary member benefits (free delivery, lounge, ...)', onlyWhenNonZero: 'benefitCost' },
  { key: 'renewalRate', label: 'Renewal rate', unit: 'share', definition: 'membership periods renewed / periods ended within the horizon' },
  { key: 'shortfallShare', label: 'Benefit below fee', unit: 'share', definition: 'share of ended membership periods in which the member got less benefit than the fee' },
  { key: 'referrals', label: 'Referred customers', unit: 'count', definition: 'new customers brought by members (each costs the referral bonus)', onlyWhenNonZero: 'referrals' },
  { key: 'programArrivals', label: 'Arrivals via program', unit: 'count', definition: 'new customers who reached the business through the program (e.g. a network)', onlyWhenNonZero: 'programArrivals' },
  { key: 'churnBaseline', label: 'Churn without program', unit: 'share', definition: 'share of customers active at the start who make no purchase in the horizon, baseline world' },
  { key: 'churnProgram', label: 'Churn with program', unit: 'share', definition: 'the same, program world' },
  { key: 'pointsIssued', label: 'Points issued', unit: 'points', definition: 'points credited to members (= redeemed + expired + outstanding)', onlyWhenNonZero: 'pointsIssued' },
  { key: 'pointsRedeemed', label: 'Points redeemed', unit: 'points', definition: 'points spent by members', onlyWhenNonZero: 'pointsIssued' },
  { key: 'pointsExpired', label: 'Points expired', unit: 'points', definition: 'points lost to expiry', onlyWhenNonZero: 'pointsIssued' },
  { key: 'pointsOutstanding', label: 'Points outstanding', unit: 'points', definition: 'points still on members\' balances at the end of the horizon', onlyWhenNonZero: 'pointsIssued' },
  { key: 'breakageRate', label: 'Breakage', unit: 'share', definition: '1 - (redeemed + expected future redemptions of outstanding) / issued' },
  { key: 'liability', label: 'Points liability', unit: 'money', definition: 'economic: outstanding points x expected redemption rate x cost per point', onlyWhenNonZero: 'pointsIssued' },
];
