/**
 * A first program file of each type, from a few key numbers asked in plain words (`init`): the
 * questions, their defaults, where each answer is written, and the commented YAML. The defaults are
 * those of the bundled examples (scenarios/programs/, scenarios/all-types.yaml); every number the
 * starter does not ask for is written with a comment, for the owner to refine. The text is checked
 * by the program schema like any program file (config/load.ts loadProgramText).
 */
import { stringify } from 'yaml';
import type { ProgramTypeName } from '../programs/registry.js';
import { PROGRAM_TYPES } from '../programs/registry.js';
import type { KeyPath } from '../schema/issue-text.js';
import { assumptionText } from './scenario-assembly.js';

/** One question: asked in plain words, also given as the option `--<key>`. */
export interface StarterQuestion {
  /** The answer's name and the option's (`earn-rate` is `--earn-rate`). */
  key: string;
  /** The question, in plain words. */
  message: string;
  /** The answer taken when none is given (with --yes, or Enter at the prompt). */
  default: string;
  /** Where the answer is written in the program file. */
  path: KeyPath;
}

/** The answers by question key, as typed: `5%`, `0.01`, `pert(0, 3%, 10%)`. */
export type StarterAnswers = Readonly<Record<string, string>>;

export interface ProgramStarter {
  type: Exclude<ProgramTypeName, 'none'>;
  /** The type in plain words, for the menu. */
  label: string;
  /** The type's own questions, asked after the type is chosen. */
  questions: readonly StarterQuestion[];
  /** The program's name when none is given, from the answers: `5% off for members`. */
  defaultName(answers: StarterAnswers): string;
  /** The type's own block(s) of the program file, each line indented as written. */
  mechanics(answers: StarterAnswers): string[];
}

/** The questions every type asks, after its own. */
export const COMMON_QUESTIONS: readonly StarterQuestion[] = [
  { key: 'join-share', message: 'What share of the customers who shop do you expect to join?', default: '50%', path: ['enrolment', 'share'] },
  {
    key: 'frequency-uplift',
    message: 'How much more often will members buy? (3%, or a range: pert(lowest, likeliest, highest))',
    default: 'pert(0%, 3%, 10%)',
    path: ['effects', 'frequencyUplift'],
  },
  { key: 'setup-cost', message: 'What does it cost once to set up (cards, software, launch)?', default: '0', path: ['costs', 'setup'] },
  { key: 'cost-per-member', message: 'What does it cost to run, per member and year (app, mailings)?', default: '0', path: ['costs', 'perMemberPerYear'] },
];

/** The question asking the program's name, whose default comes from the other answers. */
export const NAME_QUESTION_KEY = 'name';

/** A value as YAML writes it: numbers as numbers, percentages and distributions as text. */
function value(text: string): string {
  return stringify(assumptionText(text)).trimEnd();
}

/** `key: value   # comment` */
function line(indent: number, key: string, text: string, comment?: string): string {
  const written = `${' '.repeat(indent)}${key}: ${text}`;
  return comment === undefined ? written : `${written.padEnd(38)} # ${comment}`;
}

/**
 * The rest of a `points:` block (after its earn rate) and the `redemption:` block of points that
 * pay part of the bill at the till, as the bonus and tiered starters write them.
 */
function pointsAtTill(settings: { expiryMonths: string; minimumToRedeem: string; faceValue: string }): string[] {
  return [
    line(2, 'pendingDays', '14', 'days before earned points can be used'),
    line(2, 'expiryMonths', settings.expiryMonths, 'points expire after this many months, oldest first'),
    line(2, 'minimumToRedeem', settings.minimumToRedeem, 'smallest balance a member can pay with'),
    line(2, 'maxShareOfPurchase', '20%', 'points pay at most this share of a purchase'),
    line(2, 'faceValue', settings.faceValue, 'what one point pays, in the currency'),
    'redemption:',
    line(2, 'form', 'till', 'points pay part of the bill: a redeemed point costs its face value'),
    line(2, 'probability', 'pert(0.4, 0.6, 0.8)', 'chance an eligible member pays with points at a purchase'),
    line(2, 'neverRedeemShare', 'triangular(0.2, 0.3, 0.4)', 'members who never use their points'),
  ];
}

/**
 * A share as a percentage: `5%` for 5%, 5 or 0.05 (a number from 1 up is read as a percentage, as
 * the questions ask for one; below 1, as a share). Anything else (a distribution) unchanged.
 */
export function percentText(answer: string): string {
  const number = assumptionText(answer);
  if (typeof number !== 'number') return answer.trim();
  return `${+(number < 1 ? number * 100 : number).toPrecision(6)}%`;
}

const STARTER_LIST: readonly ProgramStarter[] = [
  {
    type: 'discount',
    label: 'Discount: members pay less on every purchase (e.g. 5% off)',
    questions: [
      { key: 'discount', message: 'What discount do members get on each purchase? (e.g. 5%)', default: '5%', path: ['discount', 'percent'] },
      { key: 'minimum-purchase', message: 'What is the smallest purchase that gets it? (0: every purchase)', default: '0', path: ['discount', 'minimumPurchase'] },
    ],
    defaultName: (a) => `${percentText(a.discount)} off for members`,
    mechanics: (a) => [
      'discount:',
      line(2, 'percent', value(percentText(a.discount)), 'off every member purchase'),
      line(2, 'scope', 'all', 'all goods, or a list of categories such as [shop, cafe]'),
      line(2, 'minimumPurchase', value(a['minimum-purchase']), 'smaller purchases pay full price'),
    ],
  },
  {
    type: 'bonus',
    label: 'Points: members earn points on purchases and pay with them later',
    questions: [
      { key: 'earn-rate', message: 'How many points does a member earn per unit of currency spent?', default: '5', path: ['points', 'earnRate'] },
      { key: 'point-value', message: 'What is one point worth when paying with it, in the currency?', default: '0.01', path: ['points', 'faceValue'] },
      { key: 'minimum-to-redeem', message: 'From how many points can a member pay with them?', default: '500', path: ['points', 'minimumToRedeem'] },
      { key: 'expiry-months', message: 'After how many months do points expire?', default: '24', path: ['points', 'expiryMonths'] },
    ],
    defaultName: (a) => `${a['earn-rate'].trim()} points per unit spent`,
    mechanics: (a) => [
      'points:',
      line(2, 'earnRate', value(a['earn-rate']), 'points per unit of currency spent'),
      line(2, 'rounding', 'floor', 'whole points, rounded down'),
      line(2, 'welcomeBonus', '0', 'points given on joining'),
      ...pointsAtTill({ expiryMonths: value(a['expiry-months']), minimumToRedeem: value(a['minimum-to-redeem']), faceValue: value(a['point-value']) }),
    ],
  },
  {
    type: 'tiered',
    label: 'Status tiers: Bronze, Silver and Gold by yearly spend, earning more points',
    questions: [
      { key: 'earn-rate', message: 'How many points does a Bronze member earn per unit of currency spent?', default: '3', path: ['points', 'earnRate'] },
      { key: 'point-value', message: 'What is one point worth when paying with it, in the currency?', default: '0.01', path: ['points', 'faceValue'] },
      { key: 'silver-spend', message: 'What yearly spend makes a member Silver (1.5 times the points)?', default: '300', path: ['tiers', 1, 'threshold'] },
      { key: 'gold-spend', message: 'What yearly spend makes a member Gold (2 times the points and 2% off)?', default: '800', path: ['tiers', 2, 'threshold'] },
    ],
    defaultName: () => 'Status tiers',
    mechanics: (a) => [
      'qualification:',
      line(2, 'metric', 'spend', 'the tier follows the spend...'),
      line(2, 'window', '12', '...of the last 12 months'),
      'tiers:',
      `  - { name: Bronze, threshold: 0, earnMultiplier: 1 }`,
      `  - { name: Silver, threshold: ${value(a['silver-spend'])}, earnMultiplier: 1.5 }`,
      `  - { name: Gold, threshold: ${value(a['gold-spend'])}, earnMultiplier: 2, discount: 2%, benefitCostPerYear: 10 }`,
      'points:',
      line(2, 'earnRate', value(a['earn-rate']), 'points per unit of currency, before the multiplier'),
      ...pointsAtTill({ expiryMonths: '24', minimumToRedeem: '500', faceValue: value(a['point-value']) }),
    ],
  },
  {
    type: 'threshold-gift',
    label: 'Stamp card: a gift after a number of visits (e.g. the 10th coffee free)',
    questions: [
      { key: 'visits', message: 'After how many visits does a member get the gift?', default: '10', path: ['gift', 'threshold'] },
      { key: 'gift-value', message: 'What is the gift worth to the customer (its price)?', default: '5', path: ['gift', 'giftValue'] },
      { key: 'gift-cost', message: 'What does the gift cost you (its cost, not its price)?', default: '2', path: ['gift', 'giftCost'] },
    ],
    defaultName: (a) => `Stamp card, a gift every ${a.visits.trim()} visits`,
    mechanics: (a) => [
      'gift:',
      line(2, 'countOn', 'visits', 'one stamp per purchase (or spend: one per unit spent)'),
      line(2, 'threshold', value(a.visits), 'stamps for one gift'),
      line(2, 'giftValue', value(a['gift-value']), "the gift's price to the customer"),
      line(2, 'giftCost', value(a['gift-cost']), 'what one gift costs the business'),
      line(2, 'displacesPurchase', 'pert(0.5, 0.8, 1)', 'share of gifts that replace a purchase the member would have paid for'),
      line(2, 'expiryMonths', '6', 'stamps expire after this many months'),
      'redemption:',
      line(2, 'probability', '0.95', 'chance a full card is used at the next purchase'),
      line(2, 'neverRedeemShare', 'triangular(0.1, 0.2, 0.35)', 'members who lose or forget their card'),
    ],
  },
  {
    type: 'paid',
    label: 'Paid club: members pay a fee for a discount (e.g. 30 a year for 10% off)',
    questions: [
      { key: 'fee', message: 'What fee does a member pay, in the currency?', default: '30', path: ['paid', 'fee'] },
      { key: 'fee-period', message: 'Does the fee pay for a month or a year? (month or year)', default: 'year', path: ['paid', 'period'] },
      { key: 'member-discount', message: 'What discount do members get on each purchase? (e.g. 10%)', default: '10%', path: ['paid', 'discountPercent'] },
    ],
    defaultName: (a) => `Club, ${a.fee.trim()} a ${a['fee-period'].trim()} for ${percentText(a['member-discount'])} off`,
    mechanics: (a) => [
      'paid:',
      line(2, 'fee', value(a.fee), 'membership fee per period'),
      line(2, 'period', value(a['fee-period']), 'what one fee buys'),
      line(2, 'discountPercent', value(percentText(a['member-discount'])), 'off every member purchase'),
      line(2, 'joining', 'share', 'enrolment.share of the customers join; rational: those it pays for'),
    ],
  },
  {
    type: 'coalition',
    label: "Coalition: join a partners' network with one shared points currency",
    questions: [
      { key: 'earn-rate', message: 'How many points does a member earn with you per unit of currency spent?', default: '1', path: ['coalition', 'earnRate'] },
      { key: 'point-value', message: 'What is one point worth when paying with it, in the currency?', default: '0.01', path: ['coalition', 'faceValue'] },
      { key: 'price-per-point', message: 'What does the network charge you per point you issue?', default: '0.008', path: ['coalition', 'pricePerPointIssued'] },
      { key: 'reimbursement-per-point', message: 'What does the network pay you per point redeemed with you?', default: '0.006', path: ['coalition', 'reimbursementPerPointRedeemed'] },
    ],
    defaultName: () => 'Coalition partner',
    mechanics: (a) => [
      'coalition:',
      line(2, 'view', 'partner', "the results as one partner of the network sees them"),
      line(2, 'earnRate', value(a['earn-rate']), 'points per unit of currency spent with you'),
      line(2, 'pricePerPointIssued', value(a['price-per-point']), 'paid to the network per point you issue'),
      line(2, 'reimbursementPerPointRedeemed', value(a['reimbursement-per-point']), 'paid to you per point redeemed with you'),
      line(2, 'platformFeePerMemberPerMonth', '0', "the network's fee per member and month"),
      line(2, 'pointsElsewherePerPoint', 'triangular(1, 2, 4)', 'points members earn at other partners per point earned with you'),
      line(2, 'networkArrivalsPerMonth', '0', 'new customers the network sends you each month'),
      line(2, 'faceValue', value(a['point-value']), 'what one point pays, in the currency'),
      line(2, 'minimumToRedeem', '200', 'smallest balance a member can pay with'),
      line(2, 'maxShareOfPurchase', '50%', 'points pay at most this share of a purchase'),
      line(2, 'expiryMonths', '24', 'points expire after this many months, oldest first'),
      'redemption:',
      line(2, 'probability', '0.5', 'chance an eligible member pays with points at a purchase'),
      line(2, 'neverRedeemShare', '0.3', 'members who never use their points'),
    ],
  },
  {
    type: 'instant-win',
    label: 'Instant win: some member purchases win a prize on the spot',
    questions: [
      { key: 'win-chance', message: 'What share of member purchases wins a prize? (e.g. 25%: one in four)', default: '25%', path: ['instantWin', 'winProbability'] },
      { key: 'prize-cost', message: 'What does one prize cost you (its cost, not its price)?', default: '2', path: ['instantWin', 'prizeCost'] },
    ],
    defaultName: (a) => `Instant win, ${percentText(a['win-chance'])} of purchases`,
    mechanics: (a) => [
      'instantWin:',
      line(2, 'winProbability', value(percentText(a['win-chance'])), 'share of member purchases that win'),
      line(2, 'prizeCost', value(a['prize-cost']), 'what one prize costs the business'),
      line(2, 'minimumPurchase', '0', 'smallest purchase that takes part'),
    ],
  },
];

/** The starters in the registry's order of types (every type but `none`, the baseline itself). */
export const PROGRAM_STARTERS: readonly ProgramStarter[] = PROGRAM_TYPES.filter((type) => type !== 'none').map((type) => {
  const starter = STARTER_LIST.find((candidate) => candidate.type === type);
  if (starter === undefined) throw new Error(`no starter for the program type '${type}'`);
  return starter;
});

/** Every question key used by some starter or by all, for the command's options. */
export function allStarterQuestions(): StarterQuestion[] {
  const byKey = new Map<string, StarterQuestion>();
  for (const question of [...PROGRAM_STARTERS.flatMap((s) => s.questions), ...COMMON_QUESTIONS]) if (!byKey.has(question.key)) byKey.set(question.key, question);
  return [...byKey.values()];
}

/** The questions of a type, its own first, then the common ones. */
export function starterQuestions(starter: ProgramStarter): StarterQuestion[] {
  return [...starter.questions, ...COMMON_QUESTIONS];
}

/** The program file's text: a comment, the name and type, who joins, the effects, the costs and the type's mechanics. */
export function starterProgramText(starter: ProgramStarter, name: string, answers: StarterAnswers): string {
  const a = (key: string) => answers[key] ?? [...starter.questions, ...COMMON_QUESTIONS].find((q) => q.key === key)!.default;
  const all: Record<string, string> = Object.fromEntries([...starter.questions, ...COMMON_QUESTIONS].map((q) => [q.key, a(q.key)]));
  const lines = [
    `# ${starter.label}.`,
    '# Every figure is an assumption: a single number, or a range such as pert(low, likely, high)',
    '# or triangular(low, likely, high) when you are not sure. Check the file with loyalty-sim validate.',
    line(0, 'name', stringify(name).trimEnd(), 'shown in the reports'),
    line(0, 'type', starter.type),
    'enrolment:',
    line(2, 'share', value(percentText(all['join-share'])), 'of the customers who shop, the share who join'),
    line(2, 'selfSelection', '1', 'heavier buyers are more likely to join (0: no more likely)'),
    'effects:',
    line(2, 'frequencyUplift', value(all['frequency-uplift']), 'members buy this much more often'),
    line(2, 'spendUplift', '0', 'members spend this much more per purchase'),
    line(2, 'churnReduction', 'uniform(0, 0.1)', 'members drop out this much less'),
    'costs:',
    line(2, 'setup', value(all['setup-cost']), 'once, at the start'),
    line(2, 'perMemberPerYear', value(all['cost-per-member']), 'per member and year'),
    line(2, 'perTransaction', '0', 'per member purchase (processing)'),
    ...starter.mechanics(all),
  ];
  return `${lines.join('\n')}\n`;
}
