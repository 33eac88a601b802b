/**
 * Where the renderer lives inside the desktop app: a privileged `app://` scheme with one host.
 * Pure (no Electron import) so the security tests can pin it.
 */
export const appScheme = 'app';
export const appHost = 'xenith';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** Parses a URL without throwing; null when it is not a URL at all. */
export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when a URL belongs to the app's own origin (app://xenith).
 * Compares scheme and host rather than `URL.origin`, which Node reports as "null" for custom schemes.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${appScheme}:` &&
    parsed.host === appHost &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
