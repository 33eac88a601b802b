import { z } from 'zod';
import { defineMethod } from '../define.js';
import { jobSchema, objectIdSchema } from '../job-schema.js';

export const jobMethods = {
  'jobs.list': defineMethod({
    summary: 'Xenith jobs of this session, running and finished, oldest first.',
    input: z.object({}).strict(),
    output: z.array(jobSchema),
  }),
  'jobs.cancel': defineMethod({
    summary: 'Asks a running job to stop (cancels its XAPI task).',
    input: z.object({ jobId: z.string().min(1).max(100) }).strict(),
    output: z.object({ cancelling: z.boolean() }),
  }),
  'jobs.clearFinished': defineMethod({
    summary: 'Drops finished jobs from the list (the task panel\'s "Clear").',
    input: z.object({}).strict(),
    output: z.object({ removed: z.number().int().nonnegative() }),
  }),
  'tasks.cancel': defineMethod({
    summary: 'Cancels an XAPI task that is not a Xenith job (started by another client).',
    input: z.object({ taskId: objectIdSchema }).strict(),
    output: z.object({ cancelling: z.boolean() }),
  }),
};
