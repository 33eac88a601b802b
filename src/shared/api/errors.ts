import { z } from 'zod';

/**
 * The one serialisable error shape every failure is mapped to, whatever the transport.
 * `code` keeps XAPI's own code visible (VM_BAD_POWER_STATE), `message` is a sentence a person can act on.
 */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  params: z.array(z.string()).optional(),
  poolId: z.string().optional(),
});

export type ApiError = z.infer<typeof apiErrorSchema>;

/** Codes Xenith itself produces (XAPI codes pass through unchanged). */
export const XenithErrorCode = {
  validation: 'VALIDATION',
  unknownMethod: 'UNKNOWN_METHOD',
  internal: 'INTERNAL',
  unauthorized: 'UNAUTHORIZED',
  notFound: 'NOT_FOUND',
  transport: 'TRANSPORT',
  /** A client asked for more at once than the server lets one client have (calls in flight, open sockets). */
  tooManyRequests: 'TOO_MANY_REQUESTS',
} as const;

/** Builds an ApiError, leaving optional keys out instead of setting them to undefined. */
export function makeApiError(
  code: string,
  message: string,
  extras: { params?: readonly string[]; poolId?: string } = {},
): ApiError {
  const error: ApiError = { code, message };
  if (extras.params && extras.params.length > 0) error.params = [...extras.params];
  if (extras.poolId) error.poolId = extras.poolId;
  return error;
}

/** True when a value already has the ApiError shape (for example after crossing a transport). */
export function isApiError(value: unknown): value is ApiError {
  return apiErrorSchema.safeParse(value).success;
}
