import { z } from 'zod';
import { defineMethod } from '../define.js';

export const appMethods = {
  'app.version': defineMethod({
    summary: 'Which Xenith this is: version, runtime and how it is hosted.',
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      mode: z.enum(['desktop', 'serve']),
      node: z.string(),
      electron: z.string().nullable(),
      platform: z.string(),
    }),
  }),
  'app.health': defineMethod({
    summary: "The embedded server's health: uptime, memory and pool connections.",
    input: z.object({}).strict(),
    output: z.object({
      status: z.enum(['ok', 'degraded']),
      uptimeSeconds: z.number().nonnegative(),
      rssBytes: z.number().int().nonnegative(),
      pools: z.object({ total: z.number().int().nonnegative(), connected: z.number().int().nonnegative() }),
      /** Where saved passwords go: the OS keychain, or (without one) this session only. */
      secrets: z.object({ kind: z.string(), persistent: z.boolean() }),
    }),
  }),
};
