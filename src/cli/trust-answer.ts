import type { TrustRequest } from '../shared/api/pool-schema.js';
import type { ApiClient } from './api-client.js';
import { askYesNo, isInteractive } from './prompt.js';

/** The host names of a pool.add address (`a:443; b`), as trust.request names them. */
function hostsOf(address: string): Set<string> {
  return new Set(
    address
      .split(';')
      .map((part) => part.trim().replace(/^\[([^\]]+)\](:\d+)?$/, '$1').replace(/^([^:]+):\d+$/, '$1').toLowerCase())
      .filter(Boolean),
  );
}

/**
 * Answers the certificate questions a pool.add from this CLI raises (never anyone else's): on a terminal the
 * person is shown the certificate and asked; otherwise the certificate is refused — never "accept anything" —
 * and its fingerprint printed, to be checked and given back as `fingerprint=`.
 */
export function answerTrustForPoolAdd(client: ApiClient, address: string): () => void {
  const hosts = hostsOf(address);
  let poolId: string | null = null;
  let asking = Promise.resolve();
  return client.on('trust.request', (payload) => {
    const request = payload as TrustRequest;
    // The first question is about a typed address; later ones (the master it redirects to) share its pool id.
    if (poolId === null && hosts.has(request.host.toLowerCase())) poolId = request.poolId;
    if (request.poolId !== poolId) return;
    asking = asking.then(async () => {
      const described =
        `${request.changed ? 'The certificate CHANGED' : 'A new certificate'} for ${request.host}:${request.port}:\n` +
        `  subject      ${request.subject}\n  issuer       ${request.issuer}\n  valid        ${request.validFrom} – ${request.validTo}\n` +
        `  SHA-256      ${request.fingerprint}\n` +
        (request.previousFingerprint ? `  was          ${request.previousFingerprint}\n` : '');
      process.stderr.write(described);
      const accept = isInteractive() && (await askYesNo('Trust this certificate'));
      if (!accept && !isInteractive()) {
        process.stderr.write(`Refused: nobody can confirm it here. Check the fingerprint on the host, then run again with fingerprint=${request.fingerprint}\n`);
      }
      await client.call('trust.decide', { requestId: request.requestId, accept });
    });
  });
}
