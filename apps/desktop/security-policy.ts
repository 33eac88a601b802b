import { isAppUrl, parseUrl } from './app-origin.js';

/**
 * The renderer's Content-Security-Policy, as one literal so reviewers and Electronegativity read it as is.
 *
 * SECURITY-CRITICAL: no remote script, no inline script, no eval; connections only to the app itself and
 * the loopback console proxy (ws://127.0.0.1:<port>/console/<one-time token>). Styles come from the
 * bundled stylesheet only; React and noVNC set styles through the CSSOM, which CSP does not restrict.
 */
// prettier-ignore
export const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws://127.0.0.1:*; worker-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Returns response headers with our CSP in place of any the response carried (header names are
 * case-insensitive, so every spelling of an existing CSP header is dropped first).
 */
export function withContentSecurityPolicy(
  headers: Record<string, string[] | string> | undefined,
): Record<string, string[] | string> {
  const out: Record<string, string[] | string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [contentSecurityPolicy];
  return out;
}

/**
 * Whether a window may navigate to a URL: only within the app's own origin. Everything else (remote
 * pages, file:, data:, javascript:) is denied; the renderer is a single page and never needs to leave.
 */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * The URL to hand to the OS browser, or null when it must not be opened: only parsed https: URLs
 * without embedded credentials (no file:, smb:, custom handlers or anything that could run a program).
 */
export function externalUrlToOpen(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed) return null;
  if (parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.hostname === '') return null;
  return parsed.href;
}

/**
 * Whether the renderer may use a browser permission (camera, notifications, geolocation, clipboard read…).
 * Only notifications: the alerts a person chose to be told about (settings.alertNotifications, off by default)
 * show as the system's notifications through the page's Notification API. Everything else is refused.
 */
export function isPermissionGranted(permission: string): boolean {
  return permission === 'notifications';
}
