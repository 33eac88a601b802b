import { makeApiError, type ApiError } from '../../shared/api/errors.js';

/** Sentences for XAPI codes a person meets, saying what happened and what to do. */
const sentences: Record<string, (params: string[]) => string> = {
  SESSION_AUTHENTICATION_FAILED: () => 'Incorrect user name or password. Check them and try again.',
  SESSION_INVALID: () => 'The session with the pool expired. Xenith logs in again automatically; if this persists, reconnect the pool.',
  HOST_IS_SLAVE: ([master]) => `This server is a pool member; the pool master is ${master ?? 'another host'}.`,
  HOST_OFFLINE: () => 'The server is offline. Start it or choose another server.',
  HOST_STILL_BOOTING: () => 'The server is still starting. Try again in a minute.',
  RBAC_PERMISSION_DENIED: ([permission]) => `Your account is not allowed to do this${permission ? ` (${permission})` : ''}. Ask a pool administrator.`,
  VM_BAD_POWER_STATE: ([, expected, actual]) => `The VM must be ${expected ?? 'in another state'} for this, but it is ${actual ?? 'not'}.`,
  OTHER_OPERATION_IN_PROGRESS: ([cls, , operation]) => `Another operation (${operation ?? 'unknown'}) is in progress on this ${cls ?? 'object'}. Wait for it to finish.`,
  OPERATION_NOT_ALLOWED: ([reason]) => `This operation is not allowed now${reason ? `: ${reason}` : ''}.`,
  HOST_NOT_ENOUGH_FREE_MEMORY: ([needed, available]) =>
    `The server does not have enough free memory${needed ? ` (needs ${formatBytes(needed)}, has ${formatBytes(available)})` : ''}. Free memory or choose another server.`,
  TASK_CANCELLED: () => 'The task was cancelled.',
  HANDLE_INVALID: ([cls]) => `The ${cls ?? 'object'} no longer exists. It may have been deleted by someone else.`,
  VM_IS_TEMPLATE: () => 'This is a template: create a VM from it instead.',
  NO_HOSTS_AVAILABLE: () => 'No server in the pool can run this VM now.',
  MESSAGE_METHOD_UNKNOWN: ([method]) => `This pool does not support ${method ?? 'this call'} (its version may be too old).`,
};

function formatBytes(value: string | undefined): string {
  const bytes = Number(value);
  if (!Number.isFinite(bytes)) return String(value);
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

/** Sentences for network failures, by Node error code. */
const transportSentences: Record<string, string> = {
  ECONNREFUSED: 'The server refused the connection. Check the address and that XAPI is running.',
  ENOTFOUND: 'The server name could not be found. Check the spelling or use its IP address.',
  EAI_AGAIN: 'The server name could not be looked up right now. Check your network.',
  ETIMEDOUT: 'The server did not answer in time. Check the address and your network.',
  ECONNRESET: 'The connection to the server was cut.',
  EHOSTUNREACH: 'The server cannot be reached from this computer.',
  CERTIFICATE_UNTRUSTED: 'The server certificate is not trusted. Accept it to connect.',
  CERTIFICATE_CHANGED: 'The server certificate has changed since you trusted it. Xenith refused to connect.',
  CERTIFICATE_REJECTED: 'You did not accept the server certificate, so Xenith did not connect.',
};

/** Maps anything a pool call threw to the one error shape, keeping XAPI's code and params visible. */
export function describePoolError(error: unknown, poolId?: string): ApiError {
  const extras = poolId ? { poolId } : {};
  const candidate = error as { code?: unknown; params?: unknown; message?: unknown; cause?: unknown };
  const code = typeof candidate?.code === 'string' ? candidate.code : undefined;
  const params = Array.isArray(candidate?.params) ? candidate.params.map(String) : [];
  if (code && sentences[code]) return makeApiError(code, sentences[code](params), { ...extras, params });
  if (code && transportSentences[code]) return makeApiError(code, transportSentences[code], extras);
  const causeCode = (candidate?.cause as { code?: unknown } | undefined)?.code;
  if (typeof causeCode === 'string' && transportSentences[causeCode]) return makeApiError(causeCode, transportSentences[causeCode], extras);
  if (code && /^[A-Z][A-Z0-9_]+$/.test(code)) {
    return makeApiError(code, `The pool refused the operation (${code}${params.length ? `: ${params.join(', ')}` : ''}).`, { ...extras, params });
  }
  const message = typeof candidate?.message === 'string' ? candidate.message : String(error);
  return makeApiError('CONNECTION_FAILED', `Could not talk to the pool: ${message}`, extras);
}
