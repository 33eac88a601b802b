import { z } from 'zod';
import { defineEvent } from './define.js';
import { jobSchema } from './job-schema.js';
import { apiTokenInfoSchema } from './methods/tokens.js';
import { objectsDeltaFrameSchema } from './object-delta-schema.js';
import { poolSummarySchema, trustRequestSchema } from './pool-schema.js';
import { settingsSchema } from './settings-schema.js';
import { objectSeriesSchema } from './stats-schema.js';

/** Every event the server pushes to its clients. */
export const events = {
  'settings.changed': defineEvent({
    summary: 'Preferences changed (from any window or client).',
    payload: settingsSchema,
  }),
  'pool.status': defineEvent({
    summary: "A pool's connection status changed (or the pool was added).",
    payload: poolSummarySchema,
  }),
  'pool.removed': defineEvent({
    summary: 'A pool was forgotten.',
    payload: z.object({ poolId: z.string() }),
  }),
  'trust.request': defineEvent({
    summary: 'A host certificate needs the user\'s decision before Xenith talks to that host.',
    payload: trustRequestSchema,
  }),
  'trust.settled': defineEvent({
    summary: 'A certificate question was answered (in any window) or withdrawn.',
    payload: z.object({ requestId: z.string() }),
  }),
  'jobs.changed': defineEvent({
    summary: 'A Xenith job started, progressed, finished or was cleared (`removed`).',
    payload: z.object({ job: jobSchema, removed: z.boolean() }),
  }),
  'objects.delta': defineEvent({
    summary: 'Mirror changes for this client: whole new objects, changed fields only, removed ids.',
    payload: objectsDeltaFrameSchema,
  }),
  'stats.changed': defineEvent({
    summary: 'New points for one set of graphs this client watches (stats.query with watchId): only the points it has not had.',
    payload: z.object({ watchId: z.string(), series: z.array(objectSeriesSchema) }),
  }),
  'tokens.changed': defineEvent({
    summary: 'An API token was created, revoked or used: the whole list as it is now (never a secret).',
    payload: z.object({ tokens: z.array(apiTokenInfoSchema) }),
  }),
};

export type EventName = keyof typeof events;
