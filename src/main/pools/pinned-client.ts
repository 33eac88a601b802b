import { createClient, type Xapi } from 'xen-api';
import { Agent } from 'undici';
import { PinnedHttpsAgent, pinnedUndiciConnector } from '../trust/pinned-tls.js';
import type { PinStore } from '../trust/pin-store.js';
import { endpointUrl, type ServerEndpoint } from './server-address.js';
import { sendOriginatorAtLogin } from './xapi-session.js';

/**
 * Creates a xen-api client whose every TLS connection (RPC, GET transfers, PUT uploads) is verified against
 * Xenith's pins. xen-api 4.7 only offers all-or-nothing `allowUnauthorized`, so the client's two transports
 * (its undici dispatcher and its https agent, both private fields) are replaced right after construction;
 * test/integration/pinned-transports.test.ts proves a changed certificate is refused on each path. It logs in
 * with Xenith's originator. It runs no event loop and keeps no object collection: the pool feed
 * (pool-feed.ts) follows `event.from` into the mirror, the server's one copy of each record.
 */
export function createPinnedClient(endpoint: ServerEndpoint, credentials: { user: string; password: string }, pins: PinStore): Xapi {
  const client = createClient({
    url: endpointUrl(endpoint),
    auth: credentials,
    allowUnauthorized: false,
    watchEvents: false,
  });
  const internals = client as unknown as { _undiciDispatcher: unknown; _httpAgent: unknown; _setUrl(url: unknown): void; _url: unknown };
  internals._undiciDispatcher = new Agent({
    bodyTimeout: 5 * 60_000,
    headersTimeout: 5 * 60_000,
    connect: pinnedUndiciConnector(pins) as never,
  });
  internals._httpAgent = new PinnedHttpsAgent(pins);
  // The transport captured the old dispatcher when the URL was set: set it again so it picks up ours.
  internals._setUrl(internals._url);
  sendOriginatorAtLogin(client);
  return client;
}
