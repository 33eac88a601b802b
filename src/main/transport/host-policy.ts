import { hostname, networkInterfaces } from 'node:os';
import { isWildcard } from './loopback.js';

/** A host name as it appears in a Host header or an origin: lower case, IPv6 in brackets, no trailing dot. */
function canonicalName(name: string): string {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

/**
 * The names a serve-mode server answers to: the loopback names, the address it is bound to and any the user
 * adds; on a wildcard address, also every address of this machine and its host name. A page reached under any
 * other name is a DNS-rebinding attempt (a foreign site whose name now resolves to this machine).
 */
export function allowedHostNames(boundHost: string, extra: readonly string[] = []): Set<string> {
  const names = ['localhost', '127.0.0.1', '::1', boundHost, ...extra];
  if (isWildcard(boundHost)) {
    names.push(hostname());
    for (const addresses of Object.values(networkInterfaces())) for (const address of addresses ?? []) names.push(address.address);
  }
  return new Set(names.filter((name) => name !== '' && !isWildcard(name)).map(canonicalName));
}

/** Splits a Host header into its name and port (null when it names no port); null when it is malformed. */
export function parseHostHeader(header: string): { name: string; port: number | null } | null {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!match) return null;
  return { name: canonicalName(match[1]!), port: match[2] === undefined ? null : Number(match[2]) };
}

/**
 * True when a request's Host header names this server: one of its names, and its port (a header without a port
 * means the scheme's default one). A request without a Host header is refused: every browser sends one.
 */
export function hostAllowed(header: string | undefined, names: ReadonlySet<string>, port: number, defaultPort: number): boolean {
  if (header === undefined) return false;
  const parsed = parseHostHeader(header);
  return parsed !== null && names.has(parsed.name) && (parsed.port ?? defaultPort) === port;
}
