import { z } from 'zod';
import { defineMethod } from '../define.js';
import { certificateFingerprintSchema, poolIdSchema, poolSummarySchema, serverAddressSchema, trustRequestSchema } from '../pool-schema.js';

const poolRef = z.object({ poolId: poolIdSchema }).strict();

export const poolMethods = {
  'pool.add': defineMethod({
    summary: 'Connects to a new pool by any member address, optionally remembering it (password in the OS keychain).',
    input: z
      .object({
        address: serverAddressSchema,
        user: z.string().trim().min(1, 'Enter a user name').max(256),
        password: z.string().max(1024),
        label: z.string().trim().max(200).optional(),
        save: z.boolean().default(true),
        /**
         * The certificate's SHA-256 fingerprint the caller already checked (a script, xenith-cli): the address's
         * certificate is pinned without a question when it matches, and refused when it does not.
         */
        fingerprint: certificateFingerprintSchema.optional(),
        /**
         * When to answer: `complete` (the default) once every object of the pool is mirrored; `listed` once the
         * pool, its hosts, networks and storage are, while VMs and the rest still arrive (the Add Pool dialog:
         * the tree fills in behind it). A failure after that is a lost connection, retried like any other.
         */
        waitFor: z.enum(['complete', 'listed']).default('complete'),
      })
      .strict(),
    output: poolSummarySchema,
  }),
  'pool.connect': defineMethod({
    summary: 'Connects a known pool that is disconnected.',
    input: poolRef,
    output: poolSummarySchema,
  }),
  'pool.disconnect': defineMethod({
    summary: 'Disconnects a pool and drops its objects from the view, keeping it in the list.',
    input: poolRef,
    output: poolSummarySchema,
  }),
  'pool.forget': defineMethod({
    summary: 'Disconnects a pool and removes it, its pins and its saved password.',
    input: poolRef,
    output: z.object({ forgotten: z.boolean() }),
  }),
  'pool.list': defineMethod({
    summary: 'Every known pool with its connection status.',
    input: z.object({}).strict(),
    output: z.array(poolSummarySchema),
  }),
  'pool.reconnectAs': defineMethod({
    summary: 'Reconnects a pool with other credentials (XenCenter\'s "Reconnect As").',
    input: z.object({ poolId: poolIdSchema, user: z.string().trim().min(1).max(256), password: z.string().max(1024) }).strict(),
    output: poolSummarySchema,
  }),
  'trust.decide': defineMethod({
    summary: 'Accepts or refuses a host certificate the server asked about.',
    input: z.object({ requestId: z.string().min(1).max(100), accept: z.boolean() }).strict(),
    output: z.object({ decided: z.boolean() }),
  }),
  'trust.pending': defineMethod({
    summary: 'Certificate decisions still waiting for the user (for a window opened later).',
    input: z.object({}).strict(),
    output: z.array(trustRequestSchema),
  }),
  'objects.subscribe': defineMethod({
    summary: 'Starts the object stream to this client: a snapshot, then only what changed.',
    input: z.object({}).strict(),
    output: z.object({ objects: z.number().int().nonnegative() }),
  }),
};
