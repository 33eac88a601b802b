/**
 * `GET` and `PUT /blob?ref=|uuid=` (ocaml/xapi/xapi_blob.ml `handler`): no `ref` or `uuid` → 400; an unknown blob →
 * 404 "Unknown reference"; GET of a public blob needs no session, otherwise the session (query, cookie or Basic)
 * is checked → 401; GET of a blob never written → 404; PUT needs a Content-Length (xapi refuses without one) and
 * stores the body, setting the blob's size and last_updated. A client's `task_id` is completed, or failed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../../api/engine.js';
import { toXapiError } from '../../api/dispatcher.js';
import { blobContents, MAX_BLOB_BYTES, writeBlob } from '../../behaviour/blobs.js';
import { XapiError } from '../../model/xapi-error.js';
import { authenticate, clientTask, queryOf } from '../http-context.js';
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
  const { engine } = route;
  // Like every xapi HTTP handler, it completes the client's task_id, or fails it with what went wrong.
  const task = clientTask(engine, req);
  const failTask = (code: string, params: string[]): void => {
    if (task && engine.tasks.isPending(task)) engine.tasks.fail(task, new XapiError(code, params));
  };
  const answered = await answerBlob(req, res, route, failTask);
  if (answered && task && engine.tasks.isPending(task)) engine.tasks.complete(task, '');
}

/** Answers the request; true when it succeeded (a failure has already failed the task). */
async function answerBlob(req: IncomingMessage, res: ServerResponse, route: BlobRoute, failTask: (code: string, params: string[]) => void): Promise<boolean> {
  const { engine, hostRef } = route;
  const refuse = (status: number, reason: string, detail: string, code: string, headers: Record<string, string> = {}): false => {
    failTask(code, [detail]);
    sendStatus(res, status, reason, detail, headers);
    return false;
  };
  const query = queryOf(req);
  if (!query.has('ref') && !query.has('uuid')) return refuse(400, 'Bad Request', "the request lacks a 'ref' or 'uuid' parameter", 'INTERNAL_ERROR');
  const blob = objectFromQuery(engine, query, 'blob');
  if (!blob) return refuse(404, 'Not Found', 'Unknown reference', 'HANDLE_INVALID');
  const record = engine.store.get('blob', blob);
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'PUT') return refuse(405, 'Method Not Allowed', 'Unsupported method for BLOB', 'INTERNAL_ERROR', { Allow: 'GET, PUT' });
  if (method === 'PUT' || record.public !== true) {
    try {
      authenticate(engine, req, hostRef).release();
    } catch (e) {
      const error = toXapiError(e);
      return refuse(401, 'Unauthorised', error.description.join(' '), error.code, { 'WWW-Authenticate': 'Basic realm="xapi"' });
    }
  }
  if (method === 'GET') {
    const data = blobContents(engine).get(blob);
    if (!data) return refuse(404, 'Not Found', 'the blob has no contents', 'INTERNAL_ERROR');
    res.writeHead(200, { 'Content-Type': String(record.mime_type || 'application/octet-stream'), 'Content-Length': String(data.length), Connection: 'close' });
    res.end(data);
    return true;
  }
  const declared = req.headers['content-length'];
  const length = declared === undefined ? Number.NaN : Number(declared);
  if (!Number.isSafeInteger(length) || length < 0) return refuse(411, 'Length Required', 'Need content length', 'INTERNAL_ERROR');
  if (length > MAX_BLOB_BYTES) {
    refuse(413, 'Request Entity Too Large', `the simulator keeps blobs of at most ${MAX_BLOB_BYTES} bytes`, 'INTERNAL_ERROR');
    req.destroy();
    return false;
  }
  const body = await readExactly(req, length);
  if (!body) return refuse(400, 'Bad Request', 'the body ended before Content-Length bytes', 'INTERNAL_ERROR');
  // The blob may have been destroyed while its body arrived.
  if (!engine.store.has('blob', blob)) return refuse(404, 'Not Found', 'Unknown reference', 'HANDLE_INVALID');
  writeBlob(engine, blob, body);
  res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Length': '0', Connection: 'close' });
  res.end();
  return true;
}

/** The blob route of a host server, by path. */
export const BLOB_ROUTES: ReadonlyMap<string, (req: IncomingMessage, res: ServerResponse, route: BlobRoute) => Promise<void>> = new Map([['/blob', handleBlob]]);
