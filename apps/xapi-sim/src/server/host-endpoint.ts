/**
 * Where a pool's hosts listen (scheme and the port they share), so that behaviours can hand out URLs the way xapi
 * does in host.migrate_receive (`http://<ip>/services/xenops?...`): in the simulator every host answers on its own
 * address and the pool's one port, over HTTPS unless the pool runs plain HTTP.
 */
import type { Engine } from '../api/engine.js';

export interface HostEndpoint { scheme: 'http' | 'https'; port: number }

const endpoints = new WeakMap<Engine, HostEndpoint>();

/** Records the scheme and port of a pool's host servers (the pool runtime does, once they listen). */
export function setHostEndpoint(engine: Engine, endpoint: HostEndpoint): void {
  endpoints.set(engine, endpoint);
}

/** `scheme://address:port` of a host of the pool (IPv6 literals bracketed). */
export function hostBaseUrl(engine: Engine, hostRef: string): string {
  const e = endpoints.get(engine) ?? { scheme: 'https', port: 443 };
  const address = engine.hostAddresses.get(hostRef) ?? String(engine.store.row('host', hostRef)?.record.address ?? '');
  const host = address.includes(':') ? `[${address}]` : address;
  const defaultPort = e.scheme === 'https' ? 443 : 80;
  return `${e.scheme}://${host}${e.port === defaultPort ? '' : `:${e.port}`}`;
}
