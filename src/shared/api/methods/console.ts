import { z } from 'zod';
import { defineMethod } from '../define.js';

export const consoleMethods = {
  'console.open': defineMethod({
    summary: "Opens a VM's (or host's) console: returns a one-time loopback WebSocket URL carrying its RFB stream.",
    input: z.object({ objectId: z.string().min(1).max(200) }).strict(),
    output: z.object({
      url: z.string(),
      protocol: z.enum(['rfb', 'vt100']),
      /** Seconds the URL stays valid if nobody connects. */
      expiresInSeconds: z.number(),
      /** The host the console comes from (the VM's resident host, not the pool master). */
      host: z.string(),
    }),
  }),
};
