/**
 * What every program type shares: its name, who joins (enrolment), how members' behaviour changes
 * (effects), and what running it costs. Each is an assumption and may be a distribution.
 */
import * as z from 'zod';
import { uncertainIn } from '../../schema/number-schemas.js';
import { strictObject } from '../../schema/strict-object.js';
import { NON_NEGATIVE, SHARE, UPLIFT } from '../../schema/value-ranges.js';
import { referralSchema } from './referral.js';

/** The keys every program starts with. */
export const programIdentity = {
  name: z.string().trim().min(1).describe('Name shown in reports; unique within a scenario.'),
  description: z.string().optional().describe('Free text shown with the results.'),
};

export const enrolmentSchema = strictObject({
  share: uncertainIn(SHARE)
    .prefault(1)
    .describe('Expected share of customers who join (default 1: everyone).'),
  selfSelection: uncertainIn(NON_NEGATIVE)
    .prefault(1)
    .describe(
      'How strongly heavier buyers self-select: the chance to join rises with purchase rate to this power ' +
        '(0 = members are a random sample; default 1).',
    ),
}).describe('Who joins the program.');

export const effectsSchema = strictObject({
  frequencyUplift: uncertainIn(UPLIFT).prefault(0).describe("Relative change of a member's purchase rate (0.03 = +3%), above -100%."),
  spendUplift: uncertainIn(UPLIFT).prefault(0).describe("Relative change of a member's purchase value, above -100%."),
  churnReduction: uncertainIn(SHARE)
    .prefault(0)
    .describe("Relative reduction of a member's chance to drop out after a purchase (0.1 = 10% less)."),
}).describe('How the program changes members\' behaviour (causal effects, not the self-selection of heavy buyers).');

export const costsSchema = strictObject({
  setup: uncertainIn(NON_NEGATIVE).prefault(0).describe('One-off cost at the start, in the currency.'),
  perMemberPerYear: uncertainIn(NON_NEGATIVE).prefault(0).describe('Running cost per member per year (cards, app, mailings).'),
  perTransaction: uncertainIn(NON_NEGATIVE).prefault(0).describe('Cost per member purchase (processing).'),
}).describe('Operating costs of the program, besides discounts and rewards.');

/** Enrolment, effects and costs, each optional with the defaults above. */
export const memberProgramShape = {
  enrolment: enrolmentSchema.prefault({}),
  effects: effectsSchema.prefault({}),
  costs: costsSchema.prefault({}),
  referral: referralSchema.optional(),
};
