/** `type: bonus`: each member purchase earns points that later pay part of a purchase. */
import * as z from 'zod';
import { memberProgramShape, programIdentity } from './common.js';
import { pointsSchema, redemptionSchema } from './points.js';
import { strictObject } from '../../schema/strict-object.js';

export const bonusProgramSchema = strictObject({
  ...programIdentity,
  type: z.literal('bonus'),
  ...memberProgramShape,
  points: pointsSchema,
  redemption: redemptionSchema,
}).describe('Members earn points on purchases and redeem them later.');
