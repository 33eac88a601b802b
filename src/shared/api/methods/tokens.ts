import { z } from 'zod';
import { defineMethod } from '../define.js';

export const apiTokenIdSchema = z.string().min(1).max(100);

/** An API token as it is listed: never its secret (only a hash of it is kept). */
export const apiTokenInfoSchema = z.object({
  tokenId: apiTokenIdSchema,
  name: z.string(),
  /** ISO time. */
  createdAt: z.string(),
  /** ISO time of the last connection made with it, or null when it was never used. */
  lastUsedAt: z.string().nullable(),
});
export type ApiTokenInfo = z.infer<typeof apiTokenInfoSchema>;

/** What a token is called in Settings and `xenith-cli token list`: a script's or a machine's name. */
export const apiTokenNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name for the token')
  .max(100, 'Keep the name under 100 characters')
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'The name cannot contain control characters');

export const tokenMethods = {
  'token.create': defineMethod({
    summary: 'Creates a named, long-lived API token for scripts (xenith-cli); its secret is returned this once and only a hash is kept.',
    input: z.object({ name: apiTokenNameSchema }).strict(),
    output: z.object({ token: apiTokenInfoSchema, secret: z.string() }),
  }),
  'token.list': defineMethod({
    summary: 'The API tokens, with when each was created and last used (never their secrets).',
    input: z.object({}).strict(),
    output: z.array(apiTokenInfoSchema),
  }),
  'token.revoke': defineMethod({
    summary: 'Revokes an API token: it is refused from now on, and connections made with it are closed.',
    input: z.object({ tokenId: apiTokenIdSchema }).strict(),
    output: z.object({ revoked: z.boolean() }),
  }),
};
