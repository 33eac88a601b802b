import { makeApiError, type ApiError } from '../../shared/api/errors.js';
import { describeXapiFailure, type RefNamer } from '../../shared/xapi/error-sentences.js';

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
  CERTIFICATE_NOT_ANSWERED: 'Nobody answered the question about the server certificate in time, so Xenith did not connect. Try again.',
};

/**
 * Maps anything a pool call threw to the one error shape, keeping XAPI's code and params visible. XAPI codes get
 * the shared sentences (src/shared/xapi/error-sentences.ts); `nameOf` lets them name the objects they mention.
 */
export function describePoolError(error: unknown, poolId?: string, nameOf?: RefNamer): ApiError {
  const extras = poolId ? { poolId } : {};
  const candidate = error as { code?: unknown; params?: unknown; message?: unknown; cause?: unknown };
  const code = typeof candidate?.code === 'string' ? candidate.code : undefined;
  const params = Array.isArray(candidate?.params) ? candidate.params.map(String) : [];
  // Xenith's own refusal that names what it saw (the fingerprint a script must check): its message is the sentence.
  if (code === 'CERTIFICATE_FINGERPRINT_MISMATCH' && typeof candidate.message === 'string') return makeApiError(code, candidate.message, { ...extras, params });
  if (code && transportSentences[code]) return makeApiError(code, transportSentences[code], extras);
  const causeCode = (candidate?.cause as { code?: unknown } | undefined)?.code;
  if (typeof causeCode === 'string' && transportSentences[causeCode]) return makeApiError(causeCode, transportSentences[causeCode], extras);
  if (code && /^[A-Z][A-Z0-9_]+$/.test(code)) {
    const described = describeXapiFailure(code, params, nameOf);
    return makeApiError(described.code, described.message, { ...extras, params: described.params });
  }
  const message = typeof candidate?.message === 'string' ? candidate.message : String(error);
  return makeApiError('CONNECTION_FAILED', `Could not talk to the pool: ${message}`, extras);
}
