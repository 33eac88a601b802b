/**
 * `PUT /pool_patch_upload?sr_id=&task_id=` (xapi_pool_patch.ml): the body (an update package, or the zip it ships
 * in) goes into a new VDI on sr_id (default SR otherwise), then pool_update.introduce; the client task's result is
 * the new ref as a plain string. On failure the VDI is destroyed and the task fails.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../../api/engine.js';
import { toXapiError } from '../../api/dispatcher.js';
import { disksFor } from '../../disk/disks-for-engine.js';
import { NULL_REF } from '../../model/type-grammar.js';
import { XapiError } from '../../model/xapi-error.js';
import { isZip, readZip } from '../../update-source/zip.js';
import { introduceUpdate } from '../../updates/pool-update-methods.js';
import { handleCdnUpdatesListing } from './cdn-updates-listing.js';
import { authenticate, clientTask, queryOf } from '../http-context.js';

/** Uploads larger than this are refused (update ISOs are a few hundred MiB at most). */
export const MAX_UPDATE_UPLOAD_BYTES = 1024 ** 3;

function answer(res: ServerResponse, status: number, body: string, task?: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close', ...(task ? { 'task-id': task } : {}) });
  res.end(body);
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_UPDATE_UPLOAD_BYTES) throw new XapiError('UPDATE_PRECHECK_FAILED_OUT_OF_SPACE', ['', String(MAX_UPDATE_UPLOAD_BYTES), String(size)]);
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The update file inside a zip (the first .iso or .xsupdate), or the body itself. */
function unwrap(body: Buffer): Buffer {
  if (!isZip(body)) return body;
  const entry = readZip(body).find((e) => /\.(iso|xsupdate)$/i.test(e.name));
  if (!entry) throw new XapiError('INVALID_UPDATE', ['The zip file contains no .iso or .xsupdate update.']);
  return entry.data;
}

export async function handlePoolPatchUpload(req: IncomingMessage, res: ServerResponse, ctx: { engine: Engine; hostRef: string }): Promise<void> {
  const { engine, hostRef } = ctx;
  if (req.method !== 'PUT') return answer(res, 405, 'PUT only');
  let session;
  try {
    session = authenticate(engine, req, hostRef);
  } catch (e) {
    req.resume();
    return answer(res, 401, toXapiError(e).description.join(' '));
  }
  const task = clientTask(engine, req);
  let vdi: string | undefined;
  try {
    const data = unwrap(await readAll(req));
    const q = queryOf(req);
    const pool = engine.store.get('pool', engine.poolRef());
    const sr = q.get('sr_id') ?? String(pool.default_SR);
    if (sr === NULL_REF || !engine.store.has('SR', sr)) throw new XapiError('HANDLE_INVALID', ['SR', sr]);
    vdi = engine.store.create('VDI', {
      name_label: 'Update upload', name_description: 'pool_patch_upload', SR: sr, type: 'user', read_only: false, sharable: false,
      virtual_size: Math.ceil(Math.max(1, data.length) / 512) * 512, physical_utilisation: data.length, other_config: {},
    });
    const disks = disksFor(engine);
    disks.setZero(vdi);
    disks.writeRange(vdi, 0, data);
    const ref = introduceUpdate(engine, vdi);
    if (task) engine.tasks.complete(task, ref);
    answer(res, 200, '', task);
  } catch (e) {
    if (vdi && engine.store.has('VDI', vdi)) engine.store.destroy('VDI', vdi);
    const err = toXapiError(e);
    if (task) engine.tasks.fail(task, err);
    answer(res, 500, err.description.join(' '), task);
  } finally {
    session.release();
  }
}

export const UPDATE_ROUTES: ReadonlyMap<string, (req: IncomingMessage, res: ServerResponse, ctx: { engine: Engine; hostRef: string }) => Promise<void>> = new Map([
  ['/pool_patch_upload', handlePoolPatchUpload],
  ['/updates', handleCdnUpdatesListing],
]);
