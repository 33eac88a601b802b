/**
 * `GET /export?ref=|uuid=&use_compression=` (xapi export.ml): streams the VM as an XVA. Auth first (401), then a
 * 302 to a host that sees all the VM's SRs when this one does not, then `HTTP/1.0 200 OK` with no Content-Length,
 * the body ending when the connection closes. The VM shows `current_operations {task: export}` meanwhile; the
 * client's task completes when the last byte is written (or fails: CLIENT_ERROR when the client goes away).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Readable, Transform } from 'node:stream';
import { cuttingStream, transferFaultsFor } from '../../api/transfer-faults.js';
import { assertNotBusy } from '../../behaviour/operation.js';
import { disksFor } from '../../disk/disks-for-engine.js';
import { xxhashReady } from '../../disk/xxhash64.js';
import { NULL_REF } from '../../model/type-grammar.js';
import { fail, XapiError } from '../../model/xapi-error.js';
import { buildOvaExport } from '../../xva/ova-export.js';
import { createXvaStream } from '../../xva/xva-writer.js';
import { compressionOf, compressor } from './compression.js';
import { hostSeesSr, objectFromQuery, openTransfer, rawHead, redirectToHost, sendStatus, type RouteContext } from './transfer-context.js';
import { vdiSrs, withOperation } from './vm-operation.js';

/** The host that should serve an export of `vm`: this one if it sees every SR, else the resident host, else any. */
function exportHost(route: RouteContext, vmRef: string, srs: string[]): string {
  const { engine, hostRef } = route;
  const seesAll = (h: string): boolean => srs.every((sr) => hostSeesSr(engine, h, sr));
  if (seesAll(hostRef)) return hostRef;
  const resident = String(engine.store.get('VM', vmRef).resident_on);
  if (resident !== NULL_REF && engine.store.has('host', resident) && seesAll(resident)) return resident;
  return engine.store.refs('host').find(seesAll) ?? hostRef;
}

export async function handleExport(req: IncomingMessage, res: ServerResponse, route: RouteContext): Promise<void> {
  await xxhashReady();
  const ctx = openTransfer(req, res, route, 'VM.export');
  if (!ctx) return;
  const { engine } = ctx;
  let body: Readable | undefined;
  let compress: Transform | undefined;
  try {
    const compression = compressionOf(ctx.query.get('use_compression'));
    const vm = objectFromQuery(engine, ctx.query, 'VM');
    if (!vm) {
      const err = ctx.fail(new XapiError(ctx.query.get('uuid') ? 'UUID_INVALID' : 'HANDLE_INVALID', ['VM', ctx.query.get('uuid') ?? ctx.query.get('ref') ?? '']));
      sendStatus(res, 404, 'Not Found', err.description.join(' '));
      return;
    }
    const preserve = ctx.query.get('preserve_power_state') === 'true';
    const ova = buildOvaExport(engine, vm, ctx.hostRef, { preservePowerState: preserve });
    const target = exportHost(route, vm, vdiSrs(engine, ova.disks.map((d) => d.vdiRef)));
    if (target !== ctx.hostRef) {
      redirectToHost(req, res, engine, target);
      return;
    }
    try {
      assertNotBusy({ engine, hostRef: ctx.hostRef, method: 'VM.export', sessionRef: ctx.session.sessionRef }, 'VM', vm);
      const allowed = engine.store.get('VM', vm).allowed_operations as string[];
      if (!allowed.includes('export')) fail('OPERATION_NOT_ALLOWED', `VM ${vm} cannot be exported in its current state`);
    } catch (e) {
      const err = ctx.fail(e);
      sendStatus(res, 500, 'Internal Server Error', err.description.join(' '));
      return;
    }
    compress = compressor(compression);
    const disks = disksFor(engine);
    await withOperation(engine, vm, ctx.taskRef, 'export', async () => {
      const xva = createXvaStream({
        ovaXml: ova.xml,
        disks: ova.disks,
        store: disks,
        onProgress: (f) => ctx.progress(f * 0.99),
        checkAbort: () => ctx.cancelled(),
      });
      body = xva;
      const socket = req.socket;
      socket.write(rawHead('HTTP/1.0 200 OK', {
        Connection: 'close',
        'Cache-Control': 'no-cache, no-store',
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': 'attachment; filename="export.xva"',
        'task-id': ctx.taskRef,
      }));
      const cutAfter = transferFaultsFor(engine).takeCut('/export');
      const stages: (Readable | Transform)[] = [xva, ...(compress ? [compress] : []), ...(cutAfter !== undefined ? [cuttingStream(cutAfter, socket)] : [])];
      try {
        await pipeline([...stages, socket]);
        ctx.complete('');
      } catch (e) {
        const err = e instanceof XapiError ? e : new XapiError('CLIENT_ERROR', [(e as Error).message]);
        ctx.fail(err);
        socket.destroy();
      }
    });
  } catch (e) {
    ctx.fail(e);
    body?.destroy();
    compress?.destroy();
    if (!res.headersSent && !req.socket.destroyed) sendStatus(res, 500, 'Internal Server Error', String(e));
  } finally {
    ctx.release();
  }
}
