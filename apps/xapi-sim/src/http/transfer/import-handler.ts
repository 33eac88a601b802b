/**
 * `PUT /import?sr_id=|sr_uuid=&restore=&force=` (xapi import.ml): 302 to a host that sees the SR, 400 for an ISO
 * SR, 403 for chunked transfer-encoding, else `200` with `task-id` at once, before the body is read. The body
 * (plain, gzip or zstd, detected) is parsed as it arrives: ova.xml creates the objects, then every chunk is
 * checked and written. The task completes with the VM ref set as soon as the last disk is complete — the npm
 * client's 1 PiB Content-Length upload never "ends" — and any failure rolls back every object it created.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Transform } from 'node:stream';
import { resetConnection, transferFaultsFor, UploadCut } from '../../api/transfer-faults.js';
import { disksFor } from '../../disk/disks-for-engine.js';
import { xxhashReady } from '../../disk/xxhash64.js';
import { NULL_REF } from '../../model/type-grammar.js';
import { XapiError } from '../../model/xapi-error.js';
import { encodeXmlValue } from '../../wire/xmlrpc-codec.js';
import { OvaFormatError, parseOvaXml } from '../../xva/ova-parse.js';
import { TarFormatError } from '../../xva/tar.js';
import { TarReader } from '../../xva/tar-reader.js';
import { importObjects, type ImportedObjects } from '../../xva/vm-import.js';
import { XvaDiskReceiver } from '../../xva/xva-disk-receiver.js';
import { decompressorFor } from './compression.js';
import { endUpload, hostSeesSr, openTransfer, rawHead, redirectToHost, sendStatus, type RouteContext, type TransferContext } from './transfer-context.js';

/** The SR an upload targets: sr_id, sr_uuid, else the pool's default SR. */
export function targetSr(ctx: TransferContext): string {
  const { store } = ctx.engine;
  const id = ctx.query.get('sr_id');
  if (id) {
    if (!store.has('SR', id)) throw new XapiError('HANDLE_INVALID', ['SR', id]);
    return id;
  }
  const uuid = ctx.query.get('sr_uuid');
  if (uuid) return store.refByUuid('SR', uuid) ?? (() => { throw new XapiError('UUID_INVALID', ['SR', uuid]); })();
  const def = String(store.get('pool', ctx.engine.poolRef()).default_SR);
  if (def === NULL_REF || !store.has('SR', def)) throw new XapiError('DEFAULT_SR_NOT_FOUND', [def]);
  return def;
}

/** Answers a redirect when another host should take an upload into `sr`; true if it did. */
export function redirectForSr(req: IncomingMessage, res: ServerResponse, route: RouteContext, sr: string): boolean {
  if (hostSeesSr(route.engine, route.hostRef, sr)) return false;
  const other = route.engine.store.refs('host').find((h) => hostSeesSr(route.engine, h, sr));
  if (!other) return false;
  redirectToHost(req, res, route.engine, other);
  return true;
}

/** Maps parser failures to xapi's import errors. */
function importError(e: unknown): unknown {
  if (e instanceof TarFormatError || e instanceof OvaFormatError) return new XapiError('IMPORT_ERROR', [`Invalid XVA file: ${e.message}`]);
  return e;
}

export async function handleImport(req: IncomingMessage, res: ServerResponse, route: RouteContext): Promise<void> {
  await xxhashReady();
  const ctx = openTransfer(req, res, route, 'VM.import');
  if (!ctx) return;
  const { engine } = ctx;
  let sr: string;
  try {
    sr = targetSr(ctx);
  } catch (e) {
    sendStatus(res, 404, 'Not Found', ctx.fail(e).description.join(' '));
    ctx.release();
    return;
  }
  if (redirectForSr(req, res, route, sr)) {
    ctx.release();
    return;
  }
  if (engine.store.get('SR', sr).content_type === 'iso') {
    sendStatus(res, 400, 'Bad Request', ctx.fail(new XapiError('SR_OPERATION_NOT_SUPPORTED', [sr])).description.join(' '));
    ctx.release();
    return;
  }
  if (req.headers['transfer-encoding']) {
    sendStatus(res, 403, 'Forbidden', ctx.fail(new XapiError('IMPORT_ERROR_CANNOT_HANDLE_CHUNKED', [])).description.join(' '));
    ctx.release();
    return;
  }
  engine.tasks.setProgress(ctx.taskRef, 0);
  const socket = req.socket;
  socket.write(rawHead('HTTP/1.1 200 OK', { Connection: 'close', 'task-id': ctx.taskRef, 'Content-Type': 'application/octet-stream' }));
  const restore = ctx.query.get('restore') === 'true';
  const force = ctx.query.get('force') === 'true';
  await new Promise<void>((resolve) => {
    let imported: ImportedObjects | undefined;
    let receiver: XvaDiskReceiver | undefined;
    let finished = false;
    let decompress: Transform | undefined;
    let sniffed = false;
    let lastProgress = -1;

    const finish = (error?: unknown): void => {
      if (finished) return;
      finished = true;
      if (error === undefined && imported) {
        imported.finish();
        const nonSnapshots = imported.vms.filter((vm) => engine.store.get('VM', vm).is_a_snapshot !== true);
        const result = nonSnapshots.length > 0 ? nonSnapshots : imported.vms;
        const oc = { ...(engine.store.get('task', ctx.taskRef).other_config as Record<string, string>), object_creation: 'complete' };
        engine.store.update('task', ctx.taskRef, { other_config: oc });
        ctx.complete(encodeXmlValue(result, { kind: 'set', of: { kind: 'ref', cls: 'VM' } }, engine.recordTypes));
      } else {
        imported?.rollback();
        ctx.fail(importError(error ?? new XapiError('IMPORT_ERROR_PREMATURE_EOF', [])));
      }
      ctx.release();
      decompress?.destroy();
      endUpload(req, error === undefined, onData);
      resolve();
    };

    const tar = new TarReader({
      onEntry: (name, data) => {
        const cancelled = ctx.cancelled();
        if (cancelled) throw cancelled;
        if (!imported) {
          if (name !== 'ova.xml') throw new XapiError('IMPORT_ERROR_UNEXPECTED_FILE', ['ova.xml', name]);
          const header = parseOvaXml(data.toString('utf8'));
          imported = importObjects(engine, header, { srRef: sr, taskRef: ctx.taskRef, restore, force });
          receiver = new XvaDiskReceiver(imported.disks, disksFor(engine), force);
        } else receiver!.onEntry(name, data);
        if (receiver!.complete) {
          finish();
          return false;
        }
        const p = receiver!.totalBytes > 0 ? Math.floor((receiver!.bytesDone / receiver!.totalBytes) * 100) : 0;
        if (p > lastProgress) {
          lastProgress = p;
          ctx.progress(p / 100 * 0.99);
        }
        return true;
      },
    });
    const consume = (chunk: Buffer): void => {
      if (finished) return;
      try {
        tar.push(chunk);
        if (tar.done && !finished) finish(new XapiError('IMPORT_ERROR_PREMATURE_EOF', []));
      } catch (e) {
        finish(e);
      }
    };
    const faults = transferFaultsFor(engine);
    const cut = new UploadCut(() => faults.takeCut('/import'));
    const onData = (received: Buffer): void => {
      if (finished) return;
      const chunk = received.subarray(0, cut.accept(received.length));
      try {
        faults.chargeSr(sr, chunk.length);
      } catch (e) {
        finish(e);
        return;
      }
      if (chunk.length > 0) take(chunk);
      if (cut.due && !finished) resetConnection(socket);
    };
    const take = (chunk: Buffer): void => {
      if (!sniffed) {
        sniffed = true;
        try {
          decompress = decompressorFor(chunk);
        } catch (e) {
          finish(e);
          return;
        }
        if (decompress) {
          decompress.on('data', consume);
          decompress.on('error', (e) => finish(new XapiError('IMPORT_ERROR', [`decompression failed: ${e.message}`])));
          decompress.on('end', () => finish(new XapiError('IMPORT_ERROR_PREMATURE_EOF', [])));
        }
      }
      if (decompress) {
        // Written without waiting: data must leave the request stream at once (see TarReader); decompression
        // outpaces any upload here, and a runaway backlog pauses the socket.
        if (!decompress.write(chunk) && decompress.writableLength > 64 * 1024 * 1024) {
          req.pause();
          decompress.once('drain', () => req.resume());
        }
      } else consume(chunk);
    };
    const onEnd = (): void => {
      if (decompress) decompress.end();
      else finish(new XapiError('IMPORT_ERROR_PREMATURE_EOF', []));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onEnd);
    req.on('error', onEnd);
    socket.on('close', onEnd);
  });
}
