/** A list of category names as they appear in the data's category column: non-empty, no duplicates. */
import * as z from 'zod';

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
