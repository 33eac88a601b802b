import path from 'node:path';
import { appHost, appScheme, parseUrl } from './app-origin.js';

/** Content types of the files the renderer bundle contains. */
const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type for a file name; unknown extensions are served as opaque bytes (with nosniff). */
export function mimeTypeFor(fileName: string): string {
  return mimeTypes[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

export type RendererFile =
  | { ok: true; filePath: string; mimeType: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Maps an app:// request to a file of the renderer bundle.
 *
 * SECURITY-CRITICAL: the result is always inside rootDir. Requests for another host, encoded or raw `..`,
 * backslashes, NUL bytes and dot-files are refused before the file system is touched.
 */
export function resolveRendererFile(rootDir: string, requestUrl: string): RendererFile {
  const url = parseUrl(requestUrl);
  if (!url || url.protocol !== `${appScheme}:` || url.host !== appHost) {
    return { ok: false, status: 403, reason: 'not an app:// URL of this app' };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    return { ok: false, status: 400, reason: 'forbidden character in path' };
  }
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.'))) {
    return { ok: false, status: 403, reason: 'path leaves the bundle or names a hidden file' };
  }
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, relative);
  if (!filePath.startsWith(root + path.sep)) {
    return { ok: false, status: 403, reason: 'path leaves the bundle' };
  }
  return { ok: true, filePath, mimeType: mimeTypeFor(filePath) };
}
