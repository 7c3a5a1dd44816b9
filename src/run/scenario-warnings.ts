/**
 * Warnings about settings that are legal but unwise: the scenario runs, but a figure is likely to
 * surprise (every discounted purchase loses money, no member ever reaches the reward, no point
 * becomes usable within the horizon). All of them are found here, each with a stable code and
 * located at its YAML key; `validate` prints them (and `--strict` fails on them), `run` prints
 * them on stderr. Without a customer base (`validate --no-data` on a data scenario) the checks
 * that need the data are left out.
 */
import type { LoadedScenario } from '../config/load.js';
import { horizonText } from '../config/scenario-schema.js';
import { DAYS_PER_MONTH } from '../data/calendar.js';
import { UserInputError, type SourceLocation } from '../errors.js';
import { formatKeyPath, type KeyPath } from '../schema/issue-text.js';
import { distributionMean, type Distribution } from '../schema/distributions.js';
import type { CustomerBase } from './customer-base.js';

export const WARNING_CODES = [
  'discount-at-or-above-margin',
  'reward-out-of-reach',
  'infinite-mean-spend',
  'pending-beyond-horizon',
  'expiry-before-usable',
  'no-members',
  'points-at-or-above-margin',
  'ramp-beyond-horizon',
  'return-rate-unknown',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface ScenarioWarning {
  code: WarningCode;
  message: string;
  location: SourceLocation;
  hint?: string;
}

/** `scenario.yaml:12:16: programs[0].discount.percent: ... [discount-at-or-above-margin]` (plus the hint). */
export function formatWarning(warning: ScenarioWarning): string {
  return new UserInputError(`${warning.message} [${warning.code}]`, warning.location, warning.hint).format();
}

/** `30%` */
function percent(share: number): string {
  return `${+(share * 100).toPrecision(4)}%`;
}

/** `12,345` */
function amount(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: value >= 100 ? 0 : 2 });
}

interface Margins {
  /** The gross margin of a category (its mean when drawn), or undefined when unknown. */
  of(category: string): number | undefined;
  /** The categories the margins are known for. */
  categories: readonly string[];
  /** Whether the margin is drawn (so the comparison is with its mean). */
  drawn: boolean;
}

function scenarioMargins(loaded: LoadedScenario, base: CustomerBase | undefined): Margins | undefined {
  const margin = loaded.scenario.economics.grossMargin;
  if (margin === 'from-data') {
    if (base?.dataMargins === undefined) return undefined;
    const margins = base.dataMargins;
    return { of: (c) => margins[base.categoryNames.indexOf(c)], categories: base.categoryNames, drawn: false };
  }
  if ('dist' in margin) {
    const d = margin as Distribution;
    const categories = base?.categoryNames ?? ['all'];
    return { of: () => distributionMean(d), categories, drawn: d.dist !== 'fixed' };
  }
  const perCategory = margin as Record<string, Distribution>;
  const categories = Object.keys(perCategory);
  return {
    of: (c) => (Object.hasOwn(perCategory, c) ? distributionMean(perCategory[c]) : undefined),
    categories,
    drawn: categories.some((c) => perCategory[c].dist !== 'fixed'),
  };
}

/** What a customer who keeps buying does over the horizon under the customer model, on average: purchases and spend. */
function averageCustomer(base: CustomerBase, horizonDays: number): { purchases: number; spend: number } | undefined {
  const { bgnbd, gammaGamma, daysPerPeriod } = base.model;
  if (!(gammaGamma.q > 1)) return undefined;
  // Purchases of a customer who stays (the rate's mean r / alpha per period), an upper bound for
  // the average customer, so a warning never rests on an underestimate.
  const purchases = (bgnbd.r / bgnbd.alpha) * (horizonDays / daysPerPeriod);
  const meanTicket = (gammaGamma.p * gammaGamma.v) / (gammaGamma.q - 1);
  return { purchases, spend: purchases * meanTicket };
}

interface ProgramBlocks {
  name: string;
  enrolment?: { share?: Distribution; rampMonths?: number };
  discount?: { percent?: number; scope?: 'all' | string[]; ladder?: { spend: number; percent: number }[] };
  points?: {
    earnRate: number;
    byCategory?: Record<string, number>;
    welcomeBonus?: number;
    pendingDays?: number;
    expiryMonths?: number;
    minimumToRedeem?: number;
    faceValue: number;
  };
  redemption?: { form?: 'till' | 'reward'; catalogue?: { points: number }[]; voucherPoints?: number };
  gift?: { countOn: 'visits' | 'spend'; threshold: number };
}

/** Every warning about the scenario's settings; `base` when the customer base is known. */
export function scenarioWarnings(loaded: LoadedScenario, base: CustomerBase | undefined): ScenarioWarning[] {
  const { scenario } = loaded;
  const warnings: ScenarioWarning[] = [];
  const warn = (code: WarningCode, path: KeyPath, message: string, hint?: string) => {
    const location = loaded.locate(path);
    warnings.push({ code, message, location: { ...location, field: formatKeyPath(path) }, hint });
  };
  const horizonDays = scenario.horizon.days;
  const margins = scenarioMargins(loaded, base);
  const average = base ? averageCustomer(base, horizonDays) : undefined;

  if (base && !(base.model.gammaGamma.q > 1)) {
    warn(
      'infinite-mean-spend',
      scenario.data ? ['data', scenario.data.kind === 'summaries' ? 'summaries' : 'file'] : ['population'],
      `the fitted spend distribution has q = ${+base.model.gammaGamma.q.toPrecision(4)}, at most 1: its mean is infinite, so simulated spend is dominated by rare huge purchases`,
      'Check the amounts for outliers or a few very large orders; figures of this run are not reliable.',
    );
  }

  // A summary table has no returns: without its category table the rate a purchase history would measure (data-quality.ts ReturnRate) is unknown.
  if (scenario.data?.kind === 'summaries' && scenario.data.categories === undefined && scenario.economics.returnRate === undefined) {
    warn(
      'return-rate-unknown',
      ['data', 'summaries'],
      'a summary table carries no returns, so the return rate of the history is not known: no purchase is returned in this run',
      'Give data.categories (summarize --categories-out), economics.returnRate (summarize --json prints the history\'s rate as returnRate.rate), or 0 when nothing is returned.',
    );
  }

  (scenario.programs as unknown as ProgramBlocks[]).forEach((program, i) => {
    const at = (...path: KeyPath): KeyPath => ['programs', i, ...path];

    const share = program.enrolment?.share;
    if (share !== undefined && distributionMean(share) === 0) {
      warn('no-members', at('enrolment', 'share'), 'no customer joins (enrolment share 0): the program equals the baseline but for its fixed costs');
    }

    const ramp = program.enrolment?.rampMonths;
    if (ramp !== undefined && ramp * DAYS_PER_MONTH >= horizonDays) {
      warn(
        'ramp-beyond-horizon',
        at('enrolment', 'rampMonths'),
        `the launch ramp of ${ramp} months lasts to the horizon's end (${horizonText(scenario.horizon)}) or beyond: chosen customers offered the program late have little or no time to join, so fewer join than the enrolment share says`,
        'Shorten rampMonths, or lengthen the horizon.',
      );
    }

    const discount = program.discount;
    if (discount && margins) {
      const inScope = discount.scope === undefined || discount.scope === 'all' ? margins.categories : discount.scope;
      const lowest = inScope
        .map((c) => ({ category: c, margin: margins.of(c) }))
        .filter((m): m is { category: string; margin: number } => m.margin !== undefined)
        .sort((a, b) => a.margin - b.margin)[0];
      const steps: { path: KeyPath; rate: number }[] = [
        { path: at('discount', 'percent'), rate: discount.percent ?? 0 },
        ...(discount.ladder ?? []).map((step, k) => ({ path: at('discount', 'ladder', k, 'percent'), rate: step.percent })),
      ];
      const losing = lowest === undefined ? undefined : steps.find((step) => step.rate > 0 && step.rate >= lowest.margin);
      if (losing && lowest) {
        const whose = lowest.category === 'all' ? '' : ` of '${lowest.category}'`;
        warn(
          'discount-at-or-above-margin',
          losing.path,
          `${percent(losing.rate)} off is at or above the ${margins.drawn ? 'mean ' : ''}gross margin${whose} (${percent(lowest.margin)}): every discounted purchase sells below cost`,
          'No uplift in purchases can make up for it, so there is no break-even frequency or spend uplift; check the margin or the discount.',
        );
      }
    }

    const points = program.points;
    if (points && margins && program.redemption?.form === 'till') {
      // At the till a redeemed point pays faceValue of the bill: earning rate x faceValue is given back per unit spent.
      const given = (category: string) => (points.byCategory?.[category] ?? points.earnRate) * points.faceValue;
      const losing = margins.categories
        .map((category) => ({ category, given: given(category), margin: margins.of(category) }))
        .find((c): c is { category: string; given: number; margin: number } => c.margin !== undefined && c.given > 0 && c.given >= c.margin);
      if (losing) {
        const whose = losing.category === 'all' ? '' : ` of '${losing.category}'`;
        const path = points.byCategory?.[losing.category] !== undefined ? at('points', 'byCategory', losing.category) : at('points', 'earnRate');
        warn(
          'points-at-or-above-margin',
          path,
          `points redeemed at the till give back ${percent(losing.given)} of what is spent (earn rate x faceValue), at or above the ${margins.drawn ? 'mean ' : ''}gross margin${whose} (${percent(losing.margin)}): every purchase whose points are redeemed sells below cost`,
          'Only breakage can make up for it; check the earn rate, the face value or the margin.',
        );
      }
    }
    if (points) {
      const pending = points.pendingDays ?? 0;
      if (pending > 0 && pending >= horizonDays) {
        warn(
          'pending-beyond-horizon',
          at('points', 'pendingDays'),
          `points become usable ${pending} days after they are earned, not before the horizon ends (${Math.round(horizonDays)} days): no member can redeem within it`,
          'Lengthen the horizon, or shorten pendingDays.',
        );
      }
      if (points.expiryMonths !== undefined && pending > 0 && points.expiryMonths * DAYS_PER_MONTH <= pending) {
        warn(
          'expiry-before-usable',
          at('points', 'expiryMonths'),
          `points expire after ${points.expiryMonths} month${points.expiryMonths === 1 ? '' : 's'} (${Math.round(points.expiryMonths * DAYS_PER_MONTH)} days), before they become usable after ${pending} days: none can ever be redeemed`,
        );
      }
      if (average) {
        const bestRate = Math.max(points.earnRate, ...Object.values(points.byCategory ?? {}));
        const catalogue = program.redemption?.catalogue;
        const needs: { path: KeyPath; points: number; what: string }[] = [];
        if (catalogue && catalogue.length > 0) {
          const cheapest = catalogue.reduce((best, item, k) => (item.points < catalogue[best].points ? k : best), 0);
          needs.push({ path: at('redemption', 'catalogue', cheapest, 'points'), points: catalogue[cheapest].points, what: 'the cheapest reward needs' });
        }
        if ((points.minimumToRedeem ?? 0) > 0) needs.push({ path: at('points', 'minimumToRedeem'), points: points.minimumToRedeem!, what: 'redeeming needs' });
        if (program.redemption?.voucherPoints !== undefined) needs.push({ path: at('redemption', 'voucherPoints'), points: program.redemption.voucherPoints, what: 'a voucher needs' });
        const hardest = needs.sort((a, b) => b.points - a.points)[0];
        const toEarn = hardest ? hardest.points - (points.welcomeBonus ?? 0) : 0;
        if (hardest && bestRate > 0 && toEarn / bestRate > average.spend) {
          warn(
            'reward-out-of-reach',
            hardest.path,
            `${hardest.what} ${amount(hardest.points)} points, ${amount(toEarn / bestRate)} of spend at ${bestRate} points per unit; ` +
              `a customer who keeps buying spends about ${amount(average.spend)} over the horizon on average, so most members never redeem`,
            'Breakage will be high and the program is worth little to members; check the threshold, the earn rate or the horizon.',
          );
        }
      }
    }

    const gift = program.gift;
    if (gift && average) {
      const reach = gift.countOn === 'visits' ? average.purchases : average.spend;
      if (gift.threshold > reach) {
        const what = gift.countOn === 'visits' ? 'visits' : 'of spend';
        warn(
          'reward-out-of-reach',
          at('gift', 'threshold'),
          `a gift needs ${amount(gift.threshold)} ${what}; a customer who keeps buying makes about ${amount(reach)} ${what} over the horizon on average, so most members never get one`,
          'Check the threshold or the horizon.',
        );
      }
    }
  });
  return warnings;
}
