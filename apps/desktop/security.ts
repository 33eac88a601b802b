import { shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../../src/main/logging/logger.js';
import {
  externalUrlToOpen,
  isAllowedNavigation,
  isPermissionGranted,
  withContentSecurityPolicy,
} from './security-policy.js';

/**
 * Session-wide guards: every response carries the strict CSP, every permission request and check is denied but
 * notifications (alerts the person asked to be told about).
 * SECURITY-CRITICAL. There is deliberately no handler for certificate errors: pool certificates are pinned in
 * the main process, and Chromium keeps refusing bad certificates.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  session.setDevicePermissionHandler(() => false);
}

/**
 * Per-page guards, applied to every webContents the app ever creates: navigation away from the app and new
 * windows are denied; https links the user clicks open in the OS browser instead.
 */
export function guardWebContents(contents: WebContents, logger: Logger): void {
  const denyNavigation = (event: { preventDefault(): void }, url: string) => {
    if (isAllowedNavigation(url)) return;
    event.preventDefault();
    logger.warn('blocked navigation', { url });
    openExternally(url, logger);
  };
  contents.on('will-navigate', denyNavigation);
  contents.on('will-frame-navigate', (details) => {
    if (!isAllowedNavigation(details.url)) details.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url, logger);
    return { action: 'deny' };
  });
}

/** Hands an https URL to the OS browser; anything else is dropped. */
function openExternally(url: string, logger: Logger): void {
  const safeUrl = externalUrlToOpen(url);
  if (!safeUrl) return;
  shell.openExternal(safeUrl).catch((error: unknown) => {
    logger.warn('could not open link in the browser', { url: safeUrl, error: String(error) });
  });
}
