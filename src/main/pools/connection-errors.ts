import { describePoolError } from './xapi-error-sentences.js';

/** Errors that retrying cannot fix: the user must act (credentials, certificates). */
const fatalCodes = ['SESSION_AUTHENTICATION_FAILED', 'CERTIFICATE_REJECTED', 'CERTIFICATE_FINGERPRINT_MISMATCH', 'CERTIFICATE_CHANGED', 'CERTIFICATE_NOT_ANSWERED', 'RBAC_PERMISSION_DENIED'];

/** Walks an error and its causes for a trust error raised by the pinned TLS layer. */
export function findCode(error: unknown, codes: readonly string[]): (Error & { code: string; host?: string; port?: number }) | null {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 5; current = current.cause as typeof current, depth++) {
    if (typeof current.code === 'string' && codes.includes(current.code)) return current as never;
  }
  return null;
}

/** Whether a failed connection attempt needs the user (wrong password, certificate refused) rather than a retry. */
export function isFatal(error: unknown, poolId: string): boolean {
  return fatalCodes.includes(describePoolError(error, poolId).code) || findCode(error, fatalCodes) !== null;
}
