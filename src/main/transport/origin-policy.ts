/** The origins a serve-mode page can have: the server's own address under the names it answers to. */
export function allowedOrigins(host: string, port: number): Set<string> {
  const names = new Set([host, '127.0.0.1', 'localhost', '[::1]']);
  return new Set([...names].map((name) => `http://${name}:${port}`));
}

/**
 * Browsers always send Origin on WebSocket upgrades, so a foreign Origin is a cross-site page trying
 * to drive the server: refuse it. A missing Origin means a non-browser client, which still needs the token.
 */
export function originAllowed(origin: string | undefined, allowed: Set<string>): boolean {
  return origin === undefined || allowed.has(origin);
}
