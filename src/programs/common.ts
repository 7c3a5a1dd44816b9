/**
 * The blocks every program type shares, as YAML schemas (the only source of their parameters and
 * types): its name, who joins (enrolment), how members' behaviour changes (effects), what running
 * it costs, and the optional referral block. Each number is an assumption and may be a
 * distribution; the engine sees one iteration's draw of it (`Drawn`).
 */
import * as z from 'zod';
import type { Drawn } from '../schema/draw-assumptions.js';
import { choice } from '../schema/choice-schema.js';
import { numberIn, uncertainIn } from '../schema/number-schemas.js';
import { strictObject } from '../schema/strict-object.js';
import { NON_NEGATIVE, SELECTION_POWER, SHARE, UPLIFT } from '../schema/value-ranges.js';

/** The keys every program starts with. */
export const programIdentity = {
  name: z.string().trim().min(1).describe('Name shown in reports; unique within a scenario.'),
  description: z.string().optional().describe('Free text shown with the results.'),
};

/** When a chosen customer joins (docs/methods.md section 6). */
export const ENROLMENT_TIMES = ['purchase', 'start'] as const;

const enrolmentSchema = strictObject({
  share: uncertainIn(SHARE)
    .prefault(1)
    .describe(
      'Expected share of the customers who shop in the horizon (existing customers with a purchase in it, and new arrivals) ' +
        'who join (default 1: everyone).',
    ),
  selfSelection: uncertainIn(SELECTION_POWER)
    .prefault(1)
    .describe(
      'How strongly heavier buyers self-select: the chance to join rises with the purchase rate to this power ' +
        '(0 = the purchase rate does not matter; default 1).',
    ),
  spendSelection: numberIn(SELECTION_POWER)
    .optional()
    .describe('How strongly higher spenders self-select: the chance to join rises with the mean purchase value to this power (default 0).'),
  loyaltySelection: numberIn(SELECTION_POWER)
    .optional()
    .describe(
      'How strongly loyal customers self-select: the chance to join rises with the expected purchases before dropping out (1 / dropout) ' +
        'to this power (default 0).',
    ),
  at: choice(ENROLMENT_TIMES)
    .optional()
    .describe(
      'When a chosen customer joins: purchase = at a purchase, their first in the horizon or the first after the program opens to them ' +
        '(default); start = at the start of the horizon (new customers on arrival), whatever they buy.',
    ),
  rampMonths: numberIn(NON_NEGATIVE)
    .optional()
    .describe(
      'A gradual launch: the program opens to each chosen customer at a time spread uniformly over the first rampMonths months, ' +
        'and they join at their first purchase from then on (default 0: open from the start; needs at: purchase).',
    ),
})
  .superRefine((enrolment, ctx) => {
    if (enrolment.at === 'start' && (enrolment.rampMonths ?? 0) > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['rampMonths'],
        message: 'a gradual launch has members join at a purchase: remove rampMonths, or set at: purchase',
        input: enrolment.rampMonths,
      });
    }
  })
  .describe('Who joins the program, and when.');

const effectsSchema = strictObject({
  frequencyUplift: uncertainIn(UPLIFT).prefault(0).describe("Relative change of a member's purchase rate (0.03 = +3%), above -100% and at most +1000%."),
  spendUplift: uncertainIn(UPLIFT).prefault(0).describe("Relative change of a member's purchase value, above -100% and at most +1000%."),
  churnReduction: uncertainIn(SHARE)
    .prefault(0)
    .describe("Relative reduction of a member's chance to drop out (0.1 = 10% less), per unit of time or per purchase as dropoutKept says."),
  dropoutKept: choice(['calendar', 'perPurchase'])
    .optional()
    .describe(
      'What a frequency uplift leaves unchanged: calendar (default), the member\'s dropout rate in calendar time, so ' +
        'buying more often means more purchases; perPurchase, the chance to drop out after each purchase, so members ' +
        'who buy more often also leave sooner.',
    ),
}).describe('How the program changes members\' behaviour (causal effects, not the self-selection of heavy buyers).');

const costsSchema = strictObject({
  setup: uncertainIn(NON_NEGATIVE).prefault(0).describe('One-off cost at the start, in the currency.'),
  perMemberPerYear: uncertainIn(NON_NEGATIVE).prefault(0).describe('Running cost per member per year (cards, app, mailings).'),
  perTransaction: uncertainIn(NON_NEGATIVE).prefault(0).describe('Cost per member purchase (processing).'),
}).describe('Operating costs of the program, besides discounts and rewards.');

/**
 * "Bring a friend" (any program type): while a member is a member and still buying, they bring new
 * customers as a Poisson process of `perMemberPerMonth` a month; the business pays `bonus` to the
 * member per new customer, booked as reward cost in the month of the referral. New customers
 * arrive as other new customers do (population traits, first purchase on arrival) and join the
 * program on arrival (a program that decides enrolment itself, such as a paid membership with
 * rational joining, decides for them too). They exist in the program's world only.
 */
const referralSchema = strictObject({
  perMemberPerMonth: uncertainIn(NON_NEGATIVE).describe('New customers each member brings per month of membership (0.02 = one in fifty members a month).'),
  bonus: uncertainIn(NON_NEGATIVE).prefault(0).describe('Cost to the business per new customer brought: the bonus paid to the member.'),
}).describe('Bring a friend: members bring new customers, who join on arrival; the member gets a bonus for each.');

/** Enrolment, effects and costs, each optional with the defaults above, and the optional referral block. */
export const memberProgramShape = {
  enrolment: enrolmentSchema.prefault({}),
  effects: effectsSchema.prefault({}),
  costs: costsSchema.prefault({}),
  referral: referralSchema.optional(),
};

/** A list of category names as they appear in the data's category column: non-empty, no duplicates. */
export const categoryListSchema = z
  .array(z.string().min(1))
  .min(1)
  .superRefine((names, ctx) => {
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) {
        ctx.addIssue({ code: 'custom', path: [i], message: `category '${name}' is listed twice`, input: name });
      }
    });
  });

/**
 * A program type's schema: the keys every program has (name, description, `type: <type>`,
 * enrolment, effects, costs, referral) and the type's own blocks.
 */
export function programSchema<Type extends string, Blocks extends z.core.$ZodLooseShape>(type: Type, blocks: Blocks) {
  return strictObject({ ...programIdentity, type: z.literal(type), ...memberProgramShape, ...blocks });
}

const commonProgramSchema = strictObject({ ...programIdentity, type: z.string(), ...memberProgramShape });

/** The parts of one iteration's program every type has: the engine's view of the shared blocks. */
export type ProgramCommon = Drawn<z.output<typeof commonProgramSchema>>;
/** Who joins and when: expected share of the customers who shop, the self-selection weights, the time of joining. */
export type EnrolmentParameters = ProgramCommon['enrolment'];
/** Members' purchase rate x (1 + frequencyUplift), values x (1 + spendUplift), dropout by memberDropoutFactor. */
export type EffectParameters = ProgramCommon['effects'];

/**
 * The factor a member's dropout probability per purchase is multiplied by (docs/methods.md
 * section 6), u = frequencyUplift, c = churnReduction:
 *     calendar (default)   (1 - c) / (1 + u)   the dropout rate in calendar time, lambda p, times (1 - c):
 *                                              expected purchases over any time rise by (1 + u)
 *     perPurchase          (1 - c)             the chance per purchase times (1 - c): members
 *                                              buying more often also leave sooner
 * Zero effects give exactly 1. Used by the engine and by the paid club's expected benefit alike.
 */
export function memberDropoutFactor(effects: Pick<EffectParameters, 'frequencyUplift' | 'churnReduction' | 'dropoutKept'>): number {
  const reduced = 1 - effects.churnReduction;
  return effects.dropoutKept === 'perPurchase' ? reduced : reduced / (1 + effects.frequencyUplift);
}

/**
 * A member's dropout probability per purchase: p x factor, at most 1. The factor exceeds 1 with a
 * negative frequency uplift (members buying less often drop out more per purchase); the cap keeps
 * a probability, so a customer with p near 1 then leaves after their next purchase.
 */
export function memberDropout(dropout: number, factor: number): number {
  const p = dropout * factor;
  return p < 1 ? p : 1;
}
/** Setup (one-off), per member per year (pro rata by days of membership), per member purchase. */
export type CostParameters = ProgramCommon['costs'];
/** New customers per member per month of membership, and the bonus per referred customer. */
export type ReferralParameters = NonNullable<ProgramCommon['referral']>;
