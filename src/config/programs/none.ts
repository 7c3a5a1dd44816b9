/**
 * `type: none`: no mechanics. With the defaults it reproduces the baseline (allowed, though every
 * scenario is compared with the baseline anyway); given effects or costs, it shows what those
 * alone would do.
 */
import * as z from 'zod';
import { strictObject } from '../../schema/strict-object.js';
import { memberProgramShape, programIdentity } from './common.js';

export const noneProgramSchema = strictObject({
  ...programIdentity,
  type: z.literal('none'),
  ...memberProgramShape,
}).describe('No mechanics: the baseline, or the effects and costs alone.');
