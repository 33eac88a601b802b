import { z } from 'zod';
import { defineMethod } from '../define.js';
import { objectIdSchema } from '../job-schema.js';

const tag = z.string().trim().min(1).max(100);

export const objectEditMethods = {
  'objects.edit': defineMethod({
    summary: 'Sets the name, description and tags of a VM, host, pool, SR or network (only the fields given).',
    input: z
      .object({
        objectId: objectIdSchema,
        name: z.string().trim().min(1, 'Enter a name').max(255).optional(),
        description: z.string().max(1000).optional(),
        tags: z.array(tag).max(100).optional(),
      })
      .strict(),
    output: z.object({ edited: z.array(z.string()) }),
  }),
};
