import { z } from 'zod';
import { defineMethod } from '../define.js';
import { objectIdSchema, startedJobsSchema } from '../job-schema.js';

export const vmCdMethods = {
  'vm.setCd': defineMethod({
    summary: "Puts an ISO in a VM's DVD drive (adding an empty drive when it has none) or ejects it (isoId null): the Console tab's DVD drive selector.",
    input: z.object({ vmId: objectIdSchema, isoId: objectIdSchema.nullable() }).strict(),
    output: startedJobsSchema,
  }),
};
