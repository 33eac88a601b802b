import { z } from 'zod';
import { defineMethod } from '../define.js';

/**
 * Which store keeps saved passwords. Never the Linux kernel keyring: it is lost at reboot, so Xenith counts it
 * as no keychain at all.
 */
export const secretStoreSchema = z.enum(['secret-service', 'macos-keychain', 'windows-credential-manager', 'session']);
export type SecretStoreId = z.infer<typeof secretStoreSchema>;

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
      /** Where saved passwords go: the OS keychain actually answering, or (without one) this session only. */
      secrets: z.object({
        store: secretStoreSchema,
        /** The store as a person reads it: "Secret Service (GNOME Keyring)", "macOS Keychain", "session only". */
        kind: z.string().min(1).max(200),
        persistent: z.boolean(),
      }),
    }),
  }),
};
