import { readFile } from 'node:fs/promises';
import { protocol, type Protocol } from 'electron';
import { appScheme } from './app-origin.js';
import { resolveRendererFile } from './protocol-paths.js';
import { contentSecurityPolicy } from './security-policy.js';

/**
 * Declares app:// as a standard, secure scheme. Must run before the app is ready: standard gives it real
 * origins and relative URLs, secure makes it a secure context like https.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer (dist/renderer) on app://xenith/, with the CSP on every response. */
export function serveRendererBundle(sessionProtocol: Protocol, rendererDir: string): void {
  sessionProtocol.handle(appScheme, async (request) => {
    const resolved = resolveRendererFile(rendererDir, request.url);
    if (!resolved.ok) return new Response(resolved.reason, { status: resolved.status, headers: baseHeaders('text/plain') });
    try {
      const body = await readFile(resolved.filePath);
      return new Response(body, { status: 200, headers: baseHeaders(resolved.mimeType) });
    } catch {
      return new Response('not found', { status: 404, headers: baseHeaders('text/plain') });
    }
  });
}

function baseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}
