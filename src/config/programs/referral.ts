/**
 * The optional `referral` block of any program ("bring a friend"): members bring new customers at a
 * rate, and the business pays the member a bonus for each (programs/program.ts, ReferralParameters).
 */
import { uncertainIn } from '../../schema/number-schemas.js';
import { strictObject } from '../../schema/strict-object.js';
import { NON_NEGATIVE } from '../../schema/value-ranges.js';

export const referralSchema = strictObject({
  perMemberPerMonth: uncertainIn(NON_NEGATIVE).describe('New customers each member brings per month of membership (0.02 = one in fifty members a month).'),
  bonus: uncertainIn(NON_NEGATIVE).prefault(0).describe('Cost to the business per new customer brought: the bonus paid to the member.'),
}).describe('Bring a friend: members bring new customers, who join on arrival; the member gets a bonus for each.');
