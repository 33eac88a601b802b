/**
 * The origins a serve-mode page can have: the server's own scheme and port under each name it answers to
 * (host names canonical as allowedHostNames gives them).
 */
export function allowedOrigins(scheme: 'http' | 'https', hostNames: Iterable<string>, port: number): Set<string> {
  const defaultPort = scheme === 'https' ? 443 : 80;
  const origins = new Set<string>();
  for (const name of hostNames) {
    origins.add(`${scheme}://${name}:${port}`);
    if (port === defaultPort) origins.add(`${scheme}://${name}`);
  }
  return origins;
}

/**
 * Browsers always send Origin on WebSocket upgrades, so a foreign Origin is a cross-site page trying
 * to drive the server: refuse it. A missing Origin means a non-browser client, which still needs the token.
 */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  return origin === undefined || allowed.has(origin);
}
