import { z } from 'zod';
import { apiErrorSchema } from './errors.js';

export const poolIdSchema = z.string().min(1).max(100);

/** What the user types in XenCenter's "Add New Server" box: host, host:port, or several separated by ";". */
export const serverAddressSchema = z
  .string()
  .trim()
  .min(1, 'Enter a server name or address')
  .max(1000)
  .refine((value) => value.split(';').every((part) => part.trim().length > 0), 'Remove the empty address between ";"');

/** A certificate's SHA-256 fingerprint as XAPI, Node and `xapi-sim` print it: 32 hex pairs, colons optional. */
export const certificateFingerprintSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Fa-f]{2}(:?[0-9A-Fa-f]{2}){31}$/, 'Give the SHA-256 fingerprint as 32 hex pairs (AB:CD:…)');

export const poolStateSchema = z.enum(['connecting', 'connected', 'reconnecting', 'disconnected', 'error']);
export type PoolState = z.infer<typeof poolStateSchema>;

/**
 * How far a pool's first load (or a reload after a reconnect) has come: objects arrive class by class — the pool,
 * hosts, networks and storage first, then VMs, then the rest — and the UI shows them as they come. Totals are
 * null when the pool did not say how many there are.
 */
export const poolLoadingSchema = z.object({
  vms: z.number().int().nonnegative(),
  vmsTotal: z.number().int().nonnegative().nullable(),
  objects: z.number().int().nonnegative(),
  objectsTotal: z.number().int().nonnegative().nullable(),
});
export type PoolLoading = z.infer<typeof poolLoadingSchema>;

/** A pool as the UI lists it, with its live connection status. */
export const poolSummarySchema = z.object({
  poolId: poolIdSchema,
  label: z.string(),
  address: z.string(),
  user: z.string(),
  saved: z.boolean(),
  autoConnect: z.boolean(),
  state: poolStateSchema,
  /** The master Xenith is talking to now (may differ from `address` after HOST_IS_SLAVE or failover). */
  masterAddress: z.string().nullable(),
  /** When the next reconnect attempt happens (ISO time), while reconnecting. */
  nextRetryAt: z.string().nullable(),
  error: apiErrorSchema.nullable(),
  /** While the pool's objects are still arriving (state `connecting`, or `connected` during a reload): how far. */
  loading: poolLoadingSchema.nullable().optional(),
  /** Whether the password is kept in the OS keychain (false: for this session only). */
  passwordInKeychain: z.boolean(),
});
export type PoolSummary = z.infer<typeof poolSummarySchema>;

/** A certificate the user must decide about (XenCenter's "New Security Certificate" / "Certificate Changed"). */
export const trustRequestSchema = z.object({
  requestId: z.string(),
  poolId: poolIdSchema,
  host: z.string(),
  port: z.number().int(),
  fingerprint: z.string(),
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** True when the host had another pinned certificate: the dialog must warn. */
  changed: z.boolean(),
  previousFingerprint: z.string().nullable(),
});
export type TrustRequest = z.infer<typeof trustRequestSchema>;
