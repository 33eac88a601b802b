import type { Xapi } from 'xen-api';
import { request, type Dispatcher } from 'undici';
import { endpointUrl, type ServerEndpoint } from './server-address.js';

/**
 * The certificate-pinned undici dispatcher `createPinnedClient` put in a xen-api client. xen-api's own
 * `getResource({host})` keeps only the host name of a member (it drops the port), so requests to one member
 * (`/rrd_updates`, which serves only what that host runs) go through this dispatcher directly.
 */
function pinnedDispatcher(client: Xapi): Dispatcher {
  return (client as unknown as { _undiciDispatcher: Dispatcher })._undiciDispatcher;
}

/** How long one GET of a small resource may take before it counts as failed. */
const resourceTimeoutMs = 30_000;

/**
 * GETs a small resource from one host of a pool with the pool's session over pinned TLS and returns its body
 * as text; throws on a non-2xx answer (the status in the message) or a transport failure.
 */
export async function getHostText(client: Xapi, host: ServerEndpoint, path: string, query: Record<string, string>): Promise<string> {
  const sessionId = client.sessionId;
  if (!sessionId) throw new Error('The pool session is not open.');
  const response = await request(new URL(path, endpointUrl(host)), {
    dispatcher: pinnedDispatcher(client),
    method: 'GET',
    query: { ...query, session_id: sessionId },
    signal: AbortSignal.timeout(resourceTimeoutMs),
  });
  const text = await response.body.text();
  if (response.statusCode < 200 || response.statusCode >= 300) throw new Error(`${path} answered ${response.statusCode}`);
  return text;
}
