/**
 * `GET` and `PUT /blob?ref=|uuid=` (ocaml/xapi/xapi_blob.ml `handler`): no `ref` or `uuid` → 400; an unknown blob →
 * 404 "Unknown reference"; GET of a public blob needs no session, otherwise the session (query, cookie or Basic)
 * is checked → 401; GET of a blob never written → 404; PUT needs a Content-Length (xapi refuses without one) and
 * stores the body, setting the blob's size and last_updated.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../../api/engine.js';
import { toXapiError } from '../../api/dispatcher.js';
import { blobContents, MAX_BLOB_BYTES, writeBlob } from '../../behaviour/blobs.js';
import { authenticate, queryOf } from '../http-context.js';
import { objectFromQuery, sendStatus } from '../transfer/transfer-context.js';

interface BlobRoute { engine: Engine; hostRef: string }

/** Reads exactly `length` bytes of the request body; undefined when the client went away first. */
function readExactly(req: IncomingMessage, length: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let got = 0;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      got += chunk.length;
    });
    req.on('end', () => resolve(got >= length ? Buffer.concat(chunks).subarray(0, length) : undefined));
    req.on('error', () => resolve(undefined));
    req.on('aborted', () => resolve(undefined));
  });
}

export async function handleBlob(req: IncomingMessage, res: ServerResponse, route: BlobRoute): Promise<void> {
  const { engine, hostRef } = route;
  const query = queryOf(req);
  if (!query.has('ref') && !query.has('uuid')) return sendStatus(res, 400, 'Bad Request', "the request lacks a 'ref' or 'uuid' parameter");
  const blob = objectFromQuery(engine, query, 'blob');
  if (!blob) return sendStatus(res, 404, 'Not Found', 'Unknown reference');
  const record = engine.store.get('blob', blob);
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'PUT') return sendStatus(res, 405, 'Method Not Allowed', 'Unsupported method for BLOB', { Allow: 'GET, PUT' });
  if (method === 'PUT' || record.public !== true) {
    try {
      authenticate(engine, req, hostRef).release();
    } catch (e) {
      return sendStatus(res, 401, 'Unauthorised', toXapiError(e).description.join(' '), { 'WWW-Authenticate': 'Basic realm="xapi"' });
    }
  }
  if (method === 'GET') {
    const data = blobContents(engine).get(blob);
    if (!data) return sendStatus(res, 404, 'Not Found', 'the blob has no contents');
    res.writeHead(200, { 'Content-Type': String(record.mime_type || 'application/octet-stream'), 'Content-Length': String(data.length), Connection: 'close' });
    res.end(data);
    return;
  }
  const declared = req.headers['content-length'];
  const length = declared === undefined ? Number.NaN : Number(declared);
  if (!Number.isSafeInteger(length) || length < 0) return sendStatus(res, 411, 'Length Required', 'Need content length');
  if (length > MAX_BLOB_BYTES) {
    sendStatus(res, 413, 'Request Entity Too Large', `the simulator keeps blobs of at most ${MAX_BLOB_BYTES} bytes`);
    req.destroy();
    return;
  }
  const body = await readExactly(req, length);
  if (!body) return sendStatus(res, 400, 'Bad Request', 'the body ended before Content-Length bytes');
  // The blob may have been destroyed while its body arrived.
  if (!engine.store.has('blob', blob)) return sendStatus(res, 404, 'Not Found', 'Unknown reference');
  writeBlob(engine, blob, body);
  res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Length': '0', Connection: 'close' });
  res.end();
}

/** The blob route of a host server, by path. */
export const BLOB_ROUTES: ReadonlyMap<string, (req: IncomingMessage, res: ServerResponse, route: BlobRoute) => Promise<void>> = new Map([['/blob', handleBlob]]);
