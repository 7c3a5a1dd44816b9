/** `type: none`: the baseline, no program. Allowed in a scenario, though every scenario compares with it anyway. */
import * as z from 'zod';
import { strictObject } from '../strict-object.js';
import { programIdentity } from './common.js';

export const noneProgramSchema = strictObject({
  ...programIdentity,
  type: z.literal('none'),
}).describe('The baseline: no program.');
