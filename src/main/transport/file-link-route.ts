import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger.js';
import { fileLinkPrefix, type FileLinks } from './file-links.js';
import { originAllowed } from './origin-policy.js';

/** What the serve transport knows of the request's page and credentials. */
export interface FileLinkGuard {
  /** The serve origins (a page of another origin may not use a link, even one it learnt). */
  origins: ReadonlySet<string>;
  /** Whether the request carries the start-up token's cookie or a valid API token. */
  authorised(request: IncomingMessage): Promise<boolean>;
}

const tokenPattern = /^[A-Za-z0-9_-]{32}$/;

function answer(response: ServerResponse, status: number, text: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', connection: 'close' }).end(text);
}

/** `attachment` with an ASCII name for old browsers and the UTF-8 one (RFC 6266). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Reads an upload's announced length: Content-Length, or null for a chunked body. */
function announcedLength(request: IncomingMessage): number | null | 'bad' {
  const header = request.headers['content-length'];
  if (header === undefined) return request.headers['transfer-encoding'] ? null : 'bad';
  return /^\d{1,16}$/.test(header) && Number.isSafeInteger(Number(header)) ? Number(header) : 'bad';
}

/**
 * `GET /files/<token>` (a download) and `PUT /files/<token>` (an upload): a link a job offered, claimed once by a
 * request from the app's own pages (Origin, Sec-Fetch-Site) with the app's credentials, and handed to the job as
 * the response or request stream itself — nothing is buffered here, whatever the file's size.
 */
export async function handleFileLink(request: IncomingMessage, response: ServerResponse, pathname: string, links: FileLinks, guard: FileLinkGuard, logger: Logger): Promise<void> {
  const token = pathname.slice(fileLinkPrefix.length);
  if (!tokenPattern.test(token)) return answer(response, 404, 'No such file link.');
  const fetchSite = request.headers['sec-fetch-site'];
  if (!originAllowed(request.headers.origin, guard.origins) || (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')) {
    logger.warn('refused a file link request from a foreign page', { origin: request.headers.origin, fetchSite });
    return answer(response, 403, 'This link only works from Xenith.');
  }
  if (!(await guard.authorised(request))) return answer(response, 401, 'This Xenith server needs its access token.');
  if (request.method === 'GET') {
    const link = links.claim(token, 'download');
    if (!link || link.direction !== 'download') return answer(response, 410, 'This download link was used already or has expired.');
    response.writeHead(200, {
      'content-type': link.contentType,
      'content-disposition': contentDisposition(link.fileName),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    // The export follows only now: the browser shows the download while the first bytes are being prepared.
    response.flushHeaders();
    link.accept({ sink: response, fail: () => response.destroy() });
    return;
  }
  if (request.method === 'PUT') {
    const length = announcedLength(request);
    if (length === 'bad') return answer(response, 411, 'An upload needs a Content-Length or a chunked body.');
    const link = links.claim(token, 'upload');
    if (!link || link.direction !== 'upload') return answer(response, 410, 'This upload link was used already or has expired.');
    // The body's own length rules (the browser sends the File's); the size the call named stands in for a chunked body.
    link.accept({ source: request, length: length ?? link.size, answer: (ok, message) => answer(response, ok ? 200 : 422, message) });
    return;
  }
  answer(response, 405, 'Method not allowed.');
}
